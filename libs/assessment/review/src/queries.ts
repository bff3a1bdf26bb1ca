import type { StandardId } from '@educube/assessment-catalog';
import type { AttestedResult, Override } from '@educube/assessment-engine';
import { REVIEW_CHAINS, levelTitle, type ReviewLevel, type ReviewLevelId } from './chains';
import type { Attestation, ReviewState } from './state';

/** A score-sheet column: the school's own claim (学校自评) or the results as a review level stands. */
export type Column = 'self' | ReviewLevelId;

export interface ColumnResults {
  readonly attested: Record<string, AttestedResult>;
  readonly overrides: Record<string, Override>;
}

function chainUpTo(standard: StandardId, column: Column): readonly ReviewLevel[] {
  const chain = REVIEW_CHAINS[standard];
  if (column === 'self') return [];
  const index = chain.findIndex((l) => l.id === column);
  if (index < 0) throw new RangeError(`${standard}'s review levels are ${chain.map((l) => l.id).join(', ')}; there is no column ${column}`);
  return chain.slice(0, index + 1);
}

/** Where an attestation's review stands, in words, e.g. `accepted by district (…), awaiting city (…)`. */
export function statusOf(standard: StandardId, a: Attestation): string {
  const chain = REVIEW_CHAINS[standard];
  const accepted: string[] = [];
  for (const level of chain) {
    const r = a.reviews[level.id];
    if (!r) {
      const waiting = `awaiting ${levelTitle(level)}${level.onlyWhen ? `, ${level.onlyWhen}` : ''}`;
      return accepted.length ? `${accepted.join(', ')}, ${waiting}` : `submitted, ${waiting}`;
    }
    if (r.decision === 'rejected') return [...accepted, `rejected by ${levelTitle(level)}: ${r.comment}`].join(', ');
    accepted.push(`accepted by ${levelTitle(level)}${r.points === undefined ? '' : ` with ${r.points} points`}`);
  }
  return `${accepted.join(', ')}; review complete`;
}

/**
 * The `attested` and `overrides` maps `scoreSheet` takes, for one column of the sheet:
 * - `self`: the school's claim — every current attestation counts as met, no overrides;
 * - a level: an attestation is met when that level and every earlier one accepted it, with the
 *   points that level awarded (none = the item's points, which the sheet fills in); an override
 *   made at that level or an earlier one applies, the highest level's standing.
 * `status` always tells where the whole review stands, whatever the column. A derived+attested
 * item's entry is its attestation's part: `scoreSheet` meets it only where its checks (or an
 * override of them) hold too, in every column, `self` included.
 */
export function columnResults(state: ReviewState, standard: StandardId, column: Column): ColumnResults {
  const levels = chainUpTo(standard, column);
  const last = levels[levels.length - 1];
  const attested: Record<string, AttestedResult> = {};
  for (const [itemId, attestationId] of Object.entries(state.current)) {
    const a = state.attestations[attestationId];
    if (!a) continue;
    const status = statusOf(standard, a);
    if (!last) {
      attested[itemId] = { met: true, status };
      continue;
    }
    const met = levels.every((l) => a.reviews[l.id]?.decision === 'accepted');
    const points = met ? a.reviews[last.id]?.points : undefined;
    attested[itemId] = points === undefined ? { met, status } : { met, points, status };
  }
  const overrides: Record<string, Override> = {};
  for (const [itemId, byLevel] of Object.entries(state.overrides)) {
    // The highest level that overrode supersedes the ones below it.
    const level = [...levels].reverse().find((l) => byLevel[l.id]);
    const o = level && byLevel[level.id];
    if (!level || !o) continue;
    const reason = `${o.reason} (${levelTitle(level)}, ${o.by.subject}, ${o.at})`;
    overrides[itemId] = o.points === undefined ? { met: o.met, reason } : { met: o.met, points: o.points, reason };
  }
  return { attested, overrides };
}

/** The `attested` map as accepted up to `uptoLevel` (default: the whole chain). */
export function attestedResults(state: ReviewState, standard: StandardId, uptoLevel?: ReviewLevelId): Record<string, AttestedResult> {
  const chain = REVIEW_CHAINS[standard];
  const level = uptoLevel ?? chain[chain.length - 1]?.id;
  return level === undefined ? {} : columnResults(state, standard, level).attested;
}
