import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { coverProblem, REVIEW_CHAINS, statusOf, type OfficerRole, type ReviewCommand } from '@educube/assessment-review';
import { OFFICER_ROLES, type TokenActor } from '@educube/oidc';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../http/access';
import { Problem, ProblemFilter } from '../http/problem';
import { ReviewService } from './review.service';

type Headers_ = Readonly<Record<string, string | string[] | undefined>>;

/** School staff see their own school; officers the schools their region covers. */
export function assertMaySee(actor: TokenActor, school: string, regionOf: (school: string) => string): void {
  if (actor.scope.kind === 'schools') {
    if (actor.scope.schoolCodes.includes(school)) return;
    throw new Problem(403, 'Forbidden', `${actor.subject} may see schools ${actor.scope.schoolCodes.join(', ') || '(none)'}, not ${school}`, [{ path: 'authorization', rule: 'scope.school', message: 'not your school' }]);
  }
  const problem = OFFICER_ROLES.has(actor.role) ? coverProblem(actor.role as OfficerRole, actor.scope.regionCode, regionOf(school)) : `${actor.role} is not an officer`;
  if (problem) throw new Problem(403, 'Forbidden', problem, [{ path: 'authorization', rule: 'scope.cover', message: problem }]);
}

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
    @Inject(Access) private readonly access: Access,
  ) {}

  /** Uploads one document (the raw file as the body); answers its content reference for an attestation. */
  @Post('schools/:code/documents')
  @HttpCode(201)
  async upload(@Param('code') code: string, @Req() req: FastifyRequest, @Headers() headers: Headers_, @Query('name') name?: string) {
    const actor = await this.access.actor(headers);
    if (!['cio', 'principal'].includes(actor.role) || actor.scope.kind !== 'schools' || !actor.scope.schoolCodes.includes(code)) {
      throw new Problem(403, 'Forbidden', `only school ${code}'s cio or principal uploads its evidence`, [{ path: 'authorization', rule: 'role.notAttesting', message: `acting as ${actor.role}` }]);
    }
    if (!name?.trim()) throw new Problem(400, 'Invalid input', 'name the file: ?name=<file name>', [{ path: 'name', rule: 'required', message: 'the file name shown to reviewers' }]);
    const body = req.body;
    if (!Buffer.isBuffer(body)) throw new Problem(415, 'Unsupported media type', 'send the file itself as the body with its media type (application/pdf, image/png…), not JSON or a form', [{ path: 'content-type', rule: 'raw-file', message: 'e.g. curl --data-binary @plan.pdf -H "content-type: application/pdf"' }]);
    const mediaType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim() ?? 'application/octet-stream';
    this.reviews.regionOf(code);
    return this.reviews.putDocument(code, body, mediaType, name.trim(), actor.subject);
  }

  /** A document by its SHA-256: for the school's own staff and the officers who review it. */
  @Get('documents/:sha256')
  async download(@Param('sha256') sha256: string, @Headers() headers: Headers_, @Res({ passthrough: true }) reply: FastifyReply) {
    const actor = await this.access.actor(headers);
    const doc = /^[0-9a-f]{64}$/.test(sha256) ? await this.reviews.getDocument(sha256) : undefined;
    if (!doc) throw new Problem(404, 'Not found', `no document ${sha256}`, [{ path: 'sha256', rule: 'document.uploaded', message: 'upload it first', value: sha256 }]);
    this.mayReview(actor, doc.school);
    void reply.header('content-type', doc.mediaType).header('x-content-sha256', sha256);
    return doc.content;
  }

  @Post('schools/:code/standards/:standard/items/:itemId/attestations')
  @HttpCode(201)
  attest(@Param('code') code: string, @Param('standard') standard: string, @Param('itemId') itemId: string, @Body() body: unknown, @Headers() headers: Headers_) {
    const b = asObject(body);
    return this.run({ type: 'SubmitAttestation', data: { school: code, standard: standardOf(standard), itemId, statement: b['statement'], documents: b['documents'] } } as ReviewCommand, headers);
  }

  @Post('schools/:code/standards/:standard/items/:itemId/reviews')
  @HttpCode(201)
  review(@Param('code') code: string, @Param('standard') standard: string, @Param('itemId') itemId: string, @Body() body: unknown, @Headers() headers: Headers_) {
    const b = asObject(body);
    const data = { school: code, standard: standardOf(standard), itemId, attestationId: b['attestationId'], level: b['level'], decision: b['decision'], comment: b['comment'] ?? '', ...(b['points'] === undefined ? {} : { points: b['points'] }) };
    return this.run({ type: 'ReviewItem', data } as ReviewCommand, headers);
  }

  @Post('schools/:code/standards/:standard/items/:itemId/overrides')
  @HttpCode(201)
  override(@Param('code') code: string, @Param('standard') standard: string, @Param('itemId') itemId: string, @Body() body: unknown, @Headers() headers: Headers_) {
    const b = asObject(body);
    const data = { school: code, standard: standardOf(standard), itemId, level: b['level'], met: b['met'], reason: b['reason'], ...(b['points'] === undefined ? {} : { points: b['points'] }) };
    return this.run({ type: 'OverrideDerivedValue', data } as ReviewCommand, headers);
  }

  /** Where every attested item's review stands, the standing overrides, and the full history. */
  @Get('schools/:code/standards/:standard/reviews')
  async state(@Param('code') code: string, @Param('standard') standard: string, @Headers() headers: Headers_) {
    const std = standardOf(standard);
    const actor = await this.access.actor(headers);
    this.mayReview(actor, code);
    const { state } = await this.reviews.load(code, std);
    const items = Object.entries(state.current).map(([itemId, id]) => {
      const a = state.attestations[id];
      return a ? { itemId, attestationId: id, status: statusOf(std, a), statement: a.statement, documents: a.documents, reviews: a.reviews } : { itemId, attestationId: id };
    });
    return { school: code, standard: std, chain: REVIEW_CHAINS[std], items, overrides: state.overrides, history: state.history };
  }

  private async run(command: ReviewCommand, headers: Headers_) {
    const actor = await this.access.actor(headers);
    const { events, state } = await this.reviews.execute(command, actor);
    const current = state.current[command.data.itemId];
    const attestation = current ? state.attestations[current] : undefined;
    return { events, ...(attestation ? { attestationId: attestation.attestationId, status: statusOf(command.data.standard, attestation) } : {}) };
  }

  private mayReview(actor: TokenActor, school: string): void {
    assertMaySee(actor, school, (c) => this.reviews.regionOf(c));
  }
}
