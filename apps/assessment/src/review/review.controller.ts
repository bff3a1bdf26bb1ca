import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseFilters, Query, Headers } from '@nestjs/common';
import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { evidenceTypeOf, REVIEW_CHAINS, statusOf, type ReviewCommand } from '@educube/assessment-review';
import type { Actor } from '@educube/oidc';
import { Allow, CurrentActor } from '@educube/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTESTING, OFFICERS, Scope } from '../http/access';
import { Problem, ProblemFilter } from '../http/problem';
import { ReviewService } from './review.service';

const SCHOOL_READERS = [...OFFICERS, ...ATTESTING, 'teacher', 'hub_service'] as const;

export function standardOf(standard: string): StandardId {
  if (!Object.hasOwn(CATALOGS, standard)) throw new Problem(404, 'Not found', `unknown standard ${standard}; one of ${Object.keys(CATALOGS).join(', ')}`, [{ path: 'standard', rule: 'known-standard', message: 'use one of the catalog ids', value: standard }]);
  return standard as StandardId;
}

const asObject = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Problem(400, 'Invalid input', 'the body must be a JSON object', [{ path: '(body)', rule: 'json-object', message: 'send application/json' }]);
  return body as Record<string, unknown>;
};

/**
 * Attestations, reviews and overrides: the school's CIO uploads documents and attests an item;
 * reviewers at each level of the standard's chain accept or reject, or override a derived
 * value with a reason. Every change is an event in the school's review stream.
 */
@Controller('v1')
@UseFilters(ProblemFilter)
export class ReviewController {
  constructor(
    private readonly reviews: ReviewService,
    @Inject(Scope) private readonly scope: Scope,
  ) {}

  /** Uploads one document (the raw file as the body); answers its content reference for an attestation. */
  @Allow([...ATTESTING], "the school's own CIO or principal; only PDF, images and office documents, checked against the bytes")
  @Post('schools/:code/documents')
  @HttpCode(201)
  async upload(@CurrentActor() caller: Actor, @Param('code') code: string, @Req() req: FastifyRequest, @Headers('content-type') contentType: string | undefined, @Query('name') name?: string) {
    const actor = this.scope.person(caller);
    if (actor.scope.kind !== 'schools' || !actor.scope.schoolCodes.includes(code)) {
      throw new Problem(403, 'Forbidden', `only school ${code}'s cio or principal uploads its evidence`, [{ path: 'authorization', rule: 'role.notAttesting', message: `acting as ${actor.role}` }]);
    }
    // and identity agrees the school is theirs today, by the same rule as every other route
    await this.scope.requireSchool(actor, code);
    if (!name?.trim()) throw new Problem(400, 'Invalid input', 'name the file: ?name=<file name>', [{ path: 'name', rule: 'required', message: 'the file name shown to reviewers' }]);
    const body = req.body;
    if (!Buffer.isBuffer(body)) throw new Problem(415, 'Unsupported media type', 'send the file itself as the body with its media type (application/pdf, image/png…), not JSON or a form', [{ path: 'content-type', rule: 'raw-file', message: 'e.g. curl --data-binary @plan.pdf -H "content-type: application/pdf"' }]);
    if (body.length === 0) throw new Problem(400, 'Invalid document', 'the document is empty', [{ path: '(body)', rule: 'non-empty', message: 'send the file as the request body' }]);
    const type = evidenceTypeOf(body, contentType ?? '');
    if (!type.ok) throw new Problem(415, 'Unsupported media type', type.message, [{ path: 'content-type', rule: type.rule, message: type.message, value: contentType ?? null }]);
    return this.reviews.putDocument(code, body, type.mediaType, name.trim(), actor.subject);
  }

  /**
   * A school's document by its SHA-256, for its CIO and principal and the officers who review
   * it; always a download, never rendered in the hub's origin.
   */
  @Allow([...OFFICERS, ...ATTESTING], "officers whose region covers the school; the school's own CIO and principal")
  @Get('schools/:code/documents/:sha256')
  async download(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('sha256') sha256: string, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.scope.requireSchool(actor, code);
    const doc = /^[0-9a-f]{64}$/.test(sha256) ? await this.reviews.getDocument(code, sha256) : undefined;
    if (!doc) throw new Problem(404, 'Not found', `school ${code} has no document ${sha256}`, [{ path: 'sha256', rule: 'document.uploaded', message: 'upload it first', value: sha256 }]);
    void reply
      .header('content-type', doc.mediaType)
      .header('content-disposition', `attachment; filename="${sha256}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', sha256);
    return doc.content;
  }

  @Allow([...ATTESTING], "the school's own CIO or principal (the review rules decide the rest)")
  @Post('schools/:code/standards/:standard/items/:itemId/attestations')
  @HttpCode(201)
  attest(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('standard') standard: string, @Param('itemId') itemId: string, @Body() body: unknown) {
    const b = asObject(body);
    return this.run({ type: 'SubmitAttestation', data: { school: code, standard: standardOf(standard), itemId, statement: b['statement'], documents: b['documents'] } } as ReviewCommand, actor);
  }

  @Allow([...OFFICERS], "officers whose region covers the school, at their level of the standard's chain")
  @Post('schools/:code/standards/:standard/items/:itemId/reviews')
  @HttpCode(201)
  review(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('standard') standard: string, @Param('itemId') itemId: string, @Body() body: unknown) {
    const b = asObject(body);
    const data = { school: code, standard: standardOf(standard), itemId, attestationId: b['attestationId'], level: b['level'], decision: b['decision'], comment: b['comment'] ?? '', ...(b['points'] === undefined ? {} : { points: b['points'] }) };
    return this.run({ type: 'ReviewItem', data } as ReviewCommand, actor);
  }

  @Allow([...OFFICERS], "officers whose region covers the school, at their level of the standard's chain")
  @Post('schools/:code/standards/:standard/items/:itemId/overrides')
  @HttpCode(201)
  override(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('standard') standard: string, @Param('itemId') itemId: string, @Body() body: unknown) {
    const b = asObject(body);
    const data = { school: code, standard: standardOf(standard), itemId, level: b['level'], met: b['met'], reason: b['reason'], ...(b['points'] === undefined ? {} : { points: b['points'] }) };
    return this.run({ type: 'OverrideDerivedValue', data } as ReviewCommand, actor);
  }

  /** Where every attested item's review stands, the standing overrides, and the full history. */
  @Allow([...SCHOOL_READERS], "officers whose region covers the school; the school's own staff; services")
  @Get('schools/:code/standards/:standard/reviews')
  async state(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('standard') standard: string) {
    const std = standardOf(standard);
    await this.scope.requireSchool(actor, code);
    const { state } = await this.reviews.load(code, std);
    const items = Object.entries(state.current).map(([itemId, id]) => {
      const a = state.attestations[id];
      return a ? { itemId, attestationId: id, status: statusOf(std, a), statement: a.statement, documents: a.documents, reviews: a.reviews } : { itemId, attestationId: id };
    });
    return { school: code, standard: std, chain: REVIEW_CHAINS[std], items, overrides: state.overrides, history: state.history };
  }

  private async run(command: ReviewCommand, caller: Actor) {
    const actor = this.scope.person(caller);
    await this.scope.requireSchool(actor, command.data.school);
    const { events, state } = await this.reviews.execute(command, actor, await this.scope.regionOf(command.data.school));
    const current = state.current[command.data.itemId];
    const attestation = current ? state.attestations[current] : undefined;
    return { events, ...(attestation ? { attestationId: attestation.attestationId, status: statusOf(command.data.standard, attestation) } : {}) };
  }
}
