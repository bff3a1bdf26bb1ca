import { CATALOGS, allItems, type CatalogItem, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, hasChecks, needsAttestation } from '@educube/assessment-engine';
import type { z } from 'zod';
import { ATTESTING_ROLES, REVIEW_CHAINS, coverProblem, levelTitle, type OfficerRole, type ReviewLevel } from './chains';
import { decisionContextSchema, reviewCommandSchema, type DecisionContext, type ReviewCommand, type ReviewEvent } from './events';
import type { ReviewState } from './state';

export interface Problem {
  /** Where: a dotted path into the command (`data.documents.0.sha256`) or the context (`context.actor.role`). */
  readonly path: string;
  /** Which rule, stable for clients (`item.derived`, `level.outOfOrder`, or zod's issue code for shape problems). */
  readonly rule: string;
  readonly message: string;
}
export type Decision = { readonly ok: true; readonly events: readonly ReviewEvent[] } | { readonly ok: false; readonly problems: readonly Problem[] };

const refuse = (...problems: Problem[]): Decision => ({ ok: false, problems });
const zodProblems = (prefix: string, error: z.ZodError): Problem[] =>
  error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), rule: i.code, message: i.message }));

const itemOf = (standard: StandardId, itemId: string): CatalogItem | undefined => allItems(CATALOGS[standard].groups).find((i) => i.id === itemId);
const maxPointsOf = (item: CatalogItem): number | undefined => item.points ?? item.groupOverride?.points;

/**
 * Decides a command against one school's review state for one standard. Pure: the actor, the
 * school's region, the time and a new attestation's id come in through `context`. Returns every
 * problem it can find in the command's shape at once; past the shape, the first rule broken.
 */
export function decide(state: ReviewState, command: ReviewCommand, context: DecisionContext): Decision {
  const parsed = reviewCommandSchema.safeParse(command);
  const ctx = decisionContextSchema.safeParse(context);
  const shape = [...(parsed.success ? [] : zodProblems('', parsed.error)), ...(ctx.success ? [] : zodProblems('context', ctx.error))];
  if (!parsed.success || !ctx.success) return refuse(...shape);
  const cmd = parsed.data;
  const c = ctx.data;
  if (state.school !== null && state.school !== cmd.data.school)
    return refuse({ path: 'data.school', rule: 'stream.school', message: `this state is school ${state.school}'s, not ${cmd.data.school}'s` });
  if (state.standard !== null && state.standard !== cmd.data.standard)
    return refuse({ path: 'data.standard', rule: 'stream.standard', message: `this state is for ${state.standard}, not ${cmd.data.standard}` });
  const item = itemOf(cmd.data.standard, cmd.data.itemId);
  if (!item) return refuse({ path: 'data.itemId', rule: 'item.unknown', message: `${cmd.data.standard} has no item ${cmd.data.itemId}` });
  const classification = CLASSIFICATIONS[cmd.data.standard][item.id];
  const basis = classification?.basis;
  const by = { subject: c.actor.subject, role: c.actor.role };
  switch (cmd.type) {
    case 'SubmitAttestation': {
      const d = cmd.data;
      if (!ATTESTING_ROLES.includes(c.actor.role))
        return refuse({
          path: 'context.actor.role',
          rule: 'role.notAttesting',
          message: `only the school's ${ATTESTING_ROLES.join(' or ')} submits an attestation, not a ${c.actor.role}`,
        });
      if (c.actor.scope.kind !== 'schools' || !c.actor.scope.schoolCodes.includes(d.school))
        return refuse({ path: 'context.actor.scope', rule: 'scope.school', message: `${c.actor.subject}'s scope does not include school ${d.school}` });
      if (basis === 'derived')
        return refuse({
          path: 'data.itemId',
          rule: 'item.derived',
          message: `${d.itemId} is derived from the school's events and cannot be attested; a reviewer may override its value instead (OverrideDerivedValue)`,
        });
      if (!needsAttestation(classification))
        return refuse({ path: 'data.itemId', rule: 'item.unclassified', message: `${d.itemId} has no classification in ${d.standard}` });
      if (state.attestations[c.newAttestationId])
        return refuse({ path: 'context.newAttestationId', rule: 'attestation.duplicateId', message: `attestation id ${c.newAttestationId} is taken` });
      const currentId = state.current[d.itemId];
      const current = currentId === undefined ? undefined : state.attestations[currentId];
      // A new attestation replaces one nobody has reviewed yet, or one a level rejected; while a
      // review is under way or has accepted it, replacing it would pull it from under the reviewers.
      if (current) {
        const decisions = Object.values(current.reviews);
        if (decisions.length > 0 && !decisions.some((r) => r.decision === 'rejected'))
          return refuse({
            path: 'data.itemId',
            rule: 'attestation.underReview',
            message: `attestation ${current.attestationId} of ${d.itemId} is under review or accepted; a new one can be submitted once a level rejects it`,
          });
      }
      return { ok: true, events: [{ type: 'AttestationSubmitted', version: 1, data: { ...d, attestationId: c.newAttestationId, by, at: c.now } }] };
    }
    case 'ReviewItem': {
      const d = cmd.data;
      const chain = REVIEW_CHAINS[d.standard];
      const at = levelAndActor(chain, d.level, d.standard, c, 'data.level');
      if (at.problem) return refuse(at.problem);
      const index = at.index;
      if (!needsAttestation(classification))
        return refuse({
          path: 'data.itemId',
          rule: 'item.notAttested',
          message: `${d.itemId} is ${basis ?? 'unclassified'}, not attested; only attested (and derived+attested) items are reviewed`,
        });
      const attestation = state.attestations[d.attestationId];
      if (!attestation || attestation.itemId !== d.itemId)
        return refuse({ path: 'data.attestationId', rule: 'attestation.unknown', message: `no attestation ${d.attestationId} of item ${d.itemId}` });
      if (state.current[d.itemId] !== d.attestationId)
        return refuse({
          path: 'data.attestationId',
          rule: 'attestation.superseded',
          message: `attestation ${d.attestationId} was superseded by ${state.current[d.itemId]}; review the current one`,
        });
      for (const earlier of chain.slice(0, index)) {
        const r = attestation.reviews[earlier.id];
        if (r?.decision !== 'accepted')
          return refuse({
            path: 'data.level',
            rule: 'level.outOfOrder',
            message: `${levelTitle(chain[index] as ReviewLevel)} reviews after ${levelTitle(earlier)} has accepted; ${earlier.id} has ${r ? 'rejected it' : 'not reviewed it yet'}`,
          });
      }
      const later = chain.slice(index + 1).find((l) => attestation.reviews[l.id]);
      if (later)
        return refuse({
          path: 'data.level',
          rule: 'decision.locked',
          message: `${later.id} has already acted on attestation ${d.attestationId}; ${d.level} can no longer change its decision`,
        });
      const problems: Problem[] = [];
      if (d.decision === 'rejected' && !d.comment.trim())
        problems.push({ path: 'data.comment', rule: 'comment.requiredOnRejection', message: 'a rejection says why in the comment' });
      if (d.points !== undefined)
        problems.push(...pointsProblems(d.standard, item, d.points, d.decision === 'rejected' ? 'a rejection awards no points' : undefined));
      if (problems.length) return refuse(...problems);
      const same = attestation.reviews[d.level];
      if (same && same.decision === d.decision && same.comment === d.comment && same.points === d.points) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'ItemReviewed', version: 1, data: { ...d, by, at: c.now } }] };
    }
    case 'OverrideDerivedValue':
    case 'WithdrawOverride': {
      const d = cmd.data;
      const at = levelAndActor(REVIEW_CHAINS[d.standard], d.level, d.standard, c, 'data.level');
      if (at.problem) return refuse(at.problem);
      if (!hasChecks(classification))
        return refuse({
          path: 'data.itemId',
          rule: 'item.notDerived',
          message: `${d.itemId} is ${basis ?? 'unclassified'}; only a derived item's value is overridden (an attested item is accepted or rejected in review)`,
        });
      if (cmd.type === 'WithdrawOverride') {
        if (!state.overrides[d.itemId]?.[d.level])
          return refuse({ path: 'data.level', rule: 'override.none', message: `${d.level} has no override of ${d.itemId} to withdraw` });
        return { ok: true, events: [{ type: 'OverrideWithdrawn', version: 1, data: { ...cmd.data, by, at: c.now } }] };
      }
      const o = cmd.data;
      if (o.points !== undefined) {
        const problems = pointsProblems(o.standard, item, o.points, undefined);
        if (problems.length) return refuse(...problems);
      }
      return { ok: true, events: [{ type: 'DerivedValueOverridden', version: 1, data: { ...o, by, at: c.now } }] };
    }
    default: {
      const unknown: never = cmd;
      return unknown;
    }
  }
}

/** The level must be in the standard's chain, the actor's role allowed there, and their region must cover the school's. */
function levelAndActor(
  chain: readonly ReviewLevel[],
  levelId: string,
  standard: StandardId,
  c: DecisionContext,
  path: string,
): { index: number; problem?: undefined } | { index?: undefined; problem: Problem } {
  const index = chain.findIndex((l) => l.id === levelId);
  const level = chain[index];
  if (!level)
    return { problem: { path, rule: 'level.notInChain', message: `${standard}'s review levels are ${chain.map((l) => l.id).join(' → ')}, not ${levelId}` } };
  if (!(level.roles as readonly string[]).includes(c.actor.role))
    return {
      problem: {
        path: 'context.actor.role',
        rule: 'role.notAtLevel',
        message: `${levelTitle(level)} is acted by ${level.roles.join(' or ')}, not by a ${c.actor.role}`,
      },
    };
  if (c.actor.scope.kind !== 'region')
    return { problem: { path: 'context.actor.scope', rule: 'scope.region', message: `a ${c.actor.role} is scoped to a region, not to schools` } };
  const problem = coverProblem(c.actor.role as OfficerRole, c.actor.scope.regionCode, c.schoolRegionCode);
  if (problem) return { problem: { path: 'context.actor.scope.regionCode', rule: 'scope.cover', message: problem } };
  return { index };
}

function pointsProblems(standard: StandardId, item: CatalogItem, points: number, refused: string | undefined): Problem[] {
  if (refused) return [{ path: 'data.points', rule: 'points.onlyWhenAccepted', message: refused }];
  if (CATALOGS[standard].scoring.kind !== 'points')
    return [{ path: 'data.points', rule: 'points.notScored', message: `${standard} does not score items in points` }];
  const max = maxPointsOf(item);
  if (max !== undefined && points > max)
    return [{ path: 'data.points', rule: 'points.aboveItem', message: `${item.id} is worth at most ${max} points, got ${points}` }];
  return [];
}
