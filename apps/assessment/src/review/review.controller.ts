import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, Query, Headers } from '@nestjs/common';
import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { actorRef, documentRef, evidenceTypeOf, REVIEW_CHAINS, reviewEventSchema, statusOf, type ReviewCommand } from '@educube/assessment-review';
import type { ContractBody } from '@educube/contracts';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, Problem } from '@educube/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTE_ACCESS, Scope } from '../access';
import { ReviewService, type DocumentOutcome, type ReviewOutcome } from './review.service';
import { z } from 'zod';
import { standardId } from '../http/answers';

export function standardOf(standard: string): StandardId {
  if (!Object.hasOwn(CATALOGS, standard))
    throw new Problem(404, 'Not found', `unknown standard ${standard}; one of ${Object.keys(CATALOGS).join(', ')}`, [
      { path: 'standard', rule: 'known-standard', message: 'use one of the catalog ids', value: standard },
    ]);
  return standard as StandardId;
}

const levelId = z.enum(['district', 'county', 'city', 'region', 'province']);
const at = z.iso.datetime({ offset: true });
const attestationStatus = z.string().meta({ description: 'where the review stands, e.g. `accepted by county`, `submitted`, `rejected by district`' });

const reviewsAnswer = z.object({
  school: z.string(),
  standard: standardId,
  chain: z
    .array(
      z.object({
        id: levelId,
        name: z.string(),
        label: z.string(),
        roles: z.array(z.enum(['province_officer', 'city_officer', 'district_officer'])),
        onlyWhen: z.string().optional(),
        source: z.string(),
      }),
    )
    .meta({ description: "the standard's review levels after the school's own self-assessment, lowest first" }),
  items: z.array(
    z.union([
      z.object({
        itemId: z.string(),
        attestationId: z.string(),
        status: attestationStatus,
        statement: z.string(),
        documents: z.array(documentRef),
        reviews: z
          .partialRecord(
            levelId,
            z.object({ decision: z.enum(['accepted', 'rejected']), comment: z.string(), points: z.number().optional(), by: actorRef, at }),
          )
          .meta({ description: "each level's standing decision (earlier ones are in the history)" }),
      }),
      z.object({ itemId: z.string(), attestationId: z.string() }),
    ]),
  ),
  overrides: z
    .record(z.string(), z.partialRecord(levelId, z.object({ met: z.boolean(), points: z.number().optional(), reason: z.string(), by: actorRef, at })))
    .meta({ description: 'the standing override of each derived item, by item, per level that made one' }),
  history: z.array(reviewEventSchema),
});

/** What a recorded command answers: its events (none when the level repeated its own decision) and where the attestation stands. */
const commandAnswer = z.object({ events: z.array(reviewEventSchema), attestationId: z.string().optional(), status: attestationStatus.optional() });

const asObject = (body: unknown): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new Problem(400, 'Invalid input', 'the body must be a JSON object', [{ path: '(body)', rule: 'json-object', message: 'send application/json' }]);
  return body as Record<string, unknown>;
};

/**
 * Attestations, reviews and overrides: the school's CIO uploads documents and attests an item;
 * reviewers at each level of the standard's chain accept or reject, or override a derived
 * value with a reason. Every change is an event in the school's review stream.
 */
@Controller('v1')
export class ReviewController {
  constructor(
    private readonly reviews: ReviewService,
    @Inject(Scope) private readonly scope: Scope,
  ) {}

  /** Uploads one document (the raw file as the body); answers its content reference for an attestation. */
  @Allow(ROUTE_ACCESS.upload.roles, ROUTE_ACCESS.upload.scope)
  @Api({
    summary: 'uploads a document (PDF, image, office document) for attestations',
    body: z.string().meta({ format: 'binary' }),
    bodyContentType: 'application/octet-stream',
    query: z.object({ name: z.string().optional() }),
    response: { status: 201, schema: z.object({ sha256: z.string() }).loose() },
    errors: [404, 413, 415],
  })
  @Post('schools/:code/documents')
  @HttpCode(201)
  async upload(
    @CurrentActor() caller: Actor,
    @Param('code') code: string,
    @Req() req: FastifyRequest,
    @Headers('content-type') contentType: string | undefined,
    @Query('name') name?: string,
  ) {
    const actor = await this.scope.requireAttester(caller, code);
    if (!name?.trim())
      throw new Problem(400, 'Invalid input', 'name the file: ?name=<file name>', [
        { path: 'name', rule: 'required', message: 'the file name shown to reviewers' },
      ]);
    const body = req.body;
    if (!Buffer.isBuffer(body))
      throw new Problem(
        415,
        'Unsupported media type',
        'send the file itself as the body with its media type (application/pdf, image/png…), not JSON or a form',
        [{ path: 'content-type', rule: 'raw-file', message: 'e.g. curl --data-binary @plan.pdf -H "content-type: application/pdf"' }],
      );
    if (body.length === 0)
      throw new Problem(400, 'Invalid document', 'the document is empty', [
        { path: '(body)', rule: 'non-empty', message: 'send the file as the request body' },
      ]);
    const type = evidenceTypeOf(body, contentType ?? '');
    if (!type.ok)
      throw new Problem(415, 'Unsupported media type', type.message, [
        { path: 'content-type', rule: type.rule, message: type.message, value: contentType ?? null },
      ]);
    return documentAnswer(await this.reviews.putDocument(code, body, type.mediaType, name.trim(), actor.subject));
  }

  /**
   * A school's document by its SHA-256, for its CIO and principal and the officers who review
   * it; always a download, never rendered in the hub's origin.
   */
  @Allow(ROUTE_ACCESS.download.roles, ROUTE_ACCESS.download.scope)
  @Api({
    summary: 'downloads an uploaded document',
    response: { schema: z.string().meta({ format: 'binary' }), contentType: 'application/octet-stream' },
    errors: [404],
  })
  @Get('schools/:code/documents/:sha256')
  async download(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('sha256') sha256: string, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.scope.requireSchool(actor, code);
    const doc = /^[0-9a-f]{64}$/.test(sha256) ? await this.reviews.getDocument(code, sha256) : undefined;
    if (!doc)
      throw new Problem(404, 'Not found', `school ${code} has no document ${sha256}`, [
        { path: 'sha256', rule: 'document.uploaded', message: 'upload it first', value: sha256 },
      ]);
    void reply
      .header('content-type', doc.mediaType)
      .header('content-disposition', `attachment; filename="${sha256}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .header('x-content-sha256', sha256);
    return doc.content;
  }

  @Allow(ROUTE_ACCESS.attest.roles, ROUTE_ACCESS.attest.scope)
  @Api({
    summary: 'submits an attestation for an item',
    body: z.object({ statement: z.string(), documents: z.array(z.unknown()) }),
    response: { status: 201, schema: commandAnswer },
    errors: [404, 409, 422],
  })
  @Post('schools/:code/standards/:standard/items/:itemId/attestations')
  @HttpCode(201)
  attest(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Param('standard') standard: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ) {
    const b = asObject(body);
    return this.run(
      {
        type: 'SubmitAttestation',
        data: { school: code, standard: standardOf(standard), itemId, statement: b['statement'], documents: b['documents'] },
      } as ReviewCommand,
      actor,
    );
  }

  @Allow(ROUTE_ACCESS.review.roles, ROUTE_ACCESS.review.scope)
  @Api({
    summary: "reviews an attestation at the officer's level",
    body: z.object({ attestationId: z.string(), level: z.string(), decision: z.string(), comment: z.string().optional(), points: z.number().optional() }),
    response: { status: 201, schema: commandAnswer },
    errors: [404, 409, 422],
  })
  @Post('schools/:code/standards/:standard/items/:itemId/reviews')
  @HttpCode(201)
  review(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Param('standard') standard: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ) {
    const b = asObject(body);
    const data = {
      school: code,
      standard: standardOf(standard),
      itemId,
      attestationId: b['attestationId'],
      level: b['level'],
      decision: b['decision'],
      comment: b['comment'] ?? '',
      ...(b['points'] === undefined ? {} : { points: b['points'] }),
    };
    return this.run({ type: 'ReviewItem', data } as ReviewCommand, actor);
  }

  @Allow(ROUTE_ACCESS.review.roles, ROUTE_ACCESS.review.scope)
  @Api({
    summary: 'overrides a derived value',
    body: z.object({ level: z.string(), met: z.boolean(), reason: z.string(), points: z.number().optional() }),
    response: { status: 201, schema: commandAnswer },
    errors: [404, 409, 422],
  })
  @Post('schools/:code/standards/:standard/items/:itemId/overrides')
  @HttpCode(201)
  override(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Param('standard') standard: string,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ) {
    const b = asObject(body);
    const data = {
      school: code,
      standard: standardOf(standard),
      itemId,
      level: b['level'],
      met: b['met'],
      reason: b['reason'],
      ...(b['points'] === undefined ? {} : { points: b['points'] }),
    };
    return this.run({ type: 'OverrideDerivedValue', data } as ReviewCommand, actor);
  }

  /** Where every attested item's review stands, the standing overrides, and the full history. */
  @Allow(ROUTE_ACCESS.schoolReviews.roles, ROUTE_ACCESS.schoolReviews.scope)
  @Api({ summary: "where each attested item's review stands", response: reviewsAnswer, errors: [404] })
  @Get('schools/:code/standards/:standard/reviews')
  async state(@CurrentActor() actor: Actor, @Param('code') code: string, @Param('standard') standard: string): Promise<ContractBody<typeof reviewsAnswer>> {
    const std = standardOf(standard);
    await this.scope.requireSchool(actor, code);
    const { state } = await this.reviews.load(code, std);
    const items = Object.entries(state.current).map(([itemId, id]) => {
      const a = state.attestations[id];
      return a
        ? { itemId, attestationId: id, status: statusOf(std, a), statement: a.statement, documents: a.documents, reviews: a.reviews }
        : { itemId, attestationId: id };
    });
    return { school: code, standard: std, chain: REVIEW_CHAINS[std], items, overrides: state.overrides, history: state.history };
  }

  private async run(command: ReviewCommand, caller: Actor): Promise<ContractBody<typeof commandAnswer>> {
    const { person, schoolRegionCode } = await this.scope.requireReviewer(caller, command.data.school);
    const outcome = await this.reviews.execute(command, person, schoolRegionCode);
    if (outcome.kind !== 'recorded') throw reviewProblem(outcome);
    const { events, state } = outcome;
    const current = state.current[command.data.itemId];
    const attestation = current ? state.attestations[current] : undefined;
    return { events, ...(attestation ? { attestationId: attestation.attestationId, status: statusOf(command.data.standard, attestation) } : {}) };
  }
}

/** A review the service did not record, in HTTP: every problem named, nothing changed. */
function reviewProblem(outcome: Exclude<ReviewOutcome, { kind: 'recorded' }>): Problem {
  switch (outcome.kind) {
    case 'forbidden':
      return new Problem(403, 'Forbidden', outcome.problems.map((p) => p.message).join('; '), outcome.problems);
    case 'refused':
      return new Problem(422, 'Refused', outcome.problems.map((p) => p.message).join('; '), outcome.problems);
    case 'conflict':
      return new Problem(
        409,
        'Conflict',
        `other reviews of this school were recorded during each of ${outcome.attempts} attempts; nothing was recorded, send the command again`,
        [{ path: '(stream)', rule: 'stream.concurrent', message: 'send the command again' }],
      );
    default:
      return outcome satisfies never;
  }
}

/** The stored document's reference, or why it was not stored. */
function documentAnswer(outcome: DocumentOutcome) {
  switch (outcome.kind) {
    case 'stored':
      return outcome.document;
    case 'empty':
      throw new Problem(400, 'Invalid document', 'the document is empty', [
        { path: '(body)', rule: 'non-empty', message: 'send the file as the request body' },
      ]);
    case 'tooLarge':
      throw new Problem(413, 'Document too large', `the document is ${outcome.bytes} bytes; at most ${outcome.max}`, [
        { path: '(body)', rule: 'max-bytes', message: 'compress or split the document', value: outcome.bytes },
      ]);
    default:
      return outcome satisfies never;
  }
}
