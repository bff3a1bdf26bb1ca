import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Actor } from '@educube/oidc';
import { isJsonMediaType } from '@educube/contracts';
import { Allow, Api, CurrentActor, problemItemSchema, ZodQuery, type AnswerOf } from '@educube/service-kit';
import { z } from 'zod';
import { CLOCK, type Clock } from '../clock';
import { Ingestor, type Arrival } from '../ingest/ingestor';
import { binaryEvent, bindingOf, EXPECTED_BINDINGS, HeaderProblem, type HttpBinding } from '@educube/warehouse-ingestion';
import { arrayElementBytes } from './json-elements';
import { jsonTooDeep, tooDeepMessage } from './json-depth';
import { IngestionRecords } from '../storage/dead-letters';
import { OFFICERS, ReadScope, SCHOOL_SYSTEM, SERVICE, senderOf } from './auth';
import { Problem } from './problem';
import { countUnreadable } from '../observability';
import { deadLettersAnswer, parkedAnswer } from './answers';

export const INGEST_LIMITS = Symbol('INGEST_LIMITS');

export interface IngestLimits {
  /** bytes of one request body */
  readonly maxBodyBytes: number;
  /** events in one batch */
  readonly maxBatch: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const personRefBody = z.object({ system: z.string(), localId: z.string() });
const summary = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  conflict: z.number().int(),
  rejected: z.number().int(),
  parked: z.number().int(),
});
/** The documented per-event answer of a batch: one result per event, in order; a refused event's problems are the one item type. */
const eventResult = z
  .discriminatedUnion('status', [
    z.object({ index: z.number().int(), id: z.string(), status: z.literal('accepted'), position: z.string() }),
    z.object({ index: z.number().int(), id: z.string(), status: z.literal('duplicate') }),
    z.object({ index: z.number().int(), id: z.string(), status: z.literal('conflict'), reason: z.string() }),
    z.object({ index: z.number().int(), id: z.string().nullable(), status: z.literal('rejected'), problems: z.array(problemItemSchema) }),
    z.object({ index: z.number().int(), id: z.string(), status: z.literal('parked'), unresolved: z.array(personRefBody) }),
  ])
  .meta({ id: 'EventResult' });
const ingestAnswer = z.object({ summary, results: z.array(eventResult) }).meta({ id: 'IngestAnswer' });
const resubmitAnswer = z.object({ deadLetter: z.string().meta({ description: 'the letter resubmitted' }), summary, results: z.array(eventResult) });
// the bytes are read as they came (and screened event by event), so the document can only say what is expected
const cloudEvents = z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]).meta({
  description:
    'a JSON array of CloudEvents (application/json, application/cloudevents-batch+json), one structured event (application/cloudevents+json), or one binary-mode event (ce-* headers, its data as the body); each event is checked against its published JSON Schema',
});
const listQuery = z.object({
  school: z.string().optional(),
  source: z.string().optional(),
  limit: z.string().optional().meta({ description: 'at most this many (default 100)' }),
  open: z.string().optional().meta({ description: 'true: only letters not yet resubmitted' }),
});
const parkedQuery = z.object({ school: z.string().optional(), limit: z.string().optional() });

/** Where the first invalid UTF-8 sequence starts (RFC 3629 well-formed byte ranges), for an error a person can find. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const inRange = (i: number, lo: number, hi: number): boolean => i < bytes.length && (bytes[i] as number) >= lo && (bytes[i] as number) <= hi;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf && inRange(i + 1, 0x80, 0xbf)) i += 2;
    else if (b === 0xe0 && inRange(i + 1, 0xa0, 0xbf) && inRange(i + 2, 0x80, 0xbf)) i += 3;
    else if (((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) && inRange(i + 1, 0x80, 0xbf) && inRange(i + 2, 0x80, 0xbf)) i += 3;
    else if (b === 0xed && inRange(i + 1, 0x80, 0x9f) && inRange(i + 2, 0x80, 0xbf)) i += 3;
    else if (b === 0xf0 && inRange(i + 1, 0x90, 0xbf) && inRange(i + 2, 0x80, 0xbf) && inRange(i + 3, 0x80, 0xbf)) i += 4;
    else if (b >= 0xf1 && b <= 0xf3 && inRange(i + 1, 0x80, 0xbf) && inRange(i + 2, 0x80, 0xbf) && inRange(i + 3, 0x80, 0xbf)) i += 4;
    else if (b === 0xf4 && inRange(i + 1, 0x80, 0x8f) && inRange(i + 2, 0x80, 0xbf) && inRange(i + 3, 0x80, 0xbf)) i += 4;
    else return i;
  }
  return -1;
}

const unsupported = (): Problem =>
  new Problem(415, 'Unsupported media type', `send CloudEvents in one of the HTTP bindings: ${EXPECTED_BINDINGS}`, [
    { path: 'content-type', rule: 'json', value: null },
  ]);

/**
 * The HTTP channel: a batch of CloudEvents (a JSON array, or one event) from a school system.
 * Whole-request refusals (auth, size, not UTF-8, not JSON) are problem+json; otherwise the answer
 * is 200 with one result per event, in order.
 */
@Controller('v1')
export class EventsController {
  constructor(
    private readonly ingestor: Ingestor,
    private readonly scope: ReadScope,
    private readonly records: IngestionRecords,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Allow([SCHOOL_SYSTEM], 'a school system sends events of its own school only (the token names it); nothing else may ingest')
  @Post('events')
  @HttpCode(200)
  @Api({
    summary: 'a batch of CloudEvents from a school system',
    body: cloudEvents,
    response: { schema: ingestAnswer, description: 'one result per event, in order (refused events are results, not errors)' },
    // 503 with Retry-After: the database is away or refusing writes for now; send the same batch again
    errors: [413, 415, 503],
  })
  async events(@CurrentActor() actor: Actor, @Body() body: unknown, @Headers() headers: Record<string, string | string[] | undefined>) {
    const sender = senderOf(actor);
    const bytes = Buffer.isBuffer(body) ? body : body === undefined || body === null ? Buffer.alloc(0) : undefined;
    if (!bytes) throw unsupported();
    if (bytes.length > this.limits.maxBodyBytes)
      throw new Problem(413, 'Payload too large', `the body is ${bytes.length} bytes; at most ${this.limits.maxBodyBytes} per request — split the batch`, [
        { path: '', rule: 'max-body-bytes', value: bytes.length },
      ]);
    const receivedAt = this.clock();
    const whole = async (rule: string, message: string, value: unknown): Promise<never> => {
      // nothing of it can be read as events, but it is kept, as it came, with the reason
      countUnreadable('http', rule);
      await this.records.addDeadLetters([
        {
          eventId: null,
          schoolCode: sender.schoolCodes[0] ?? null,
          source: `client:${sender.clientId}`,
          type: null,
          channel: 'http',
          status: 'rejected',
          reasons: [{ path: '', rule, message, value }],
          receivedAt,
          original: bytes,
        },
      ]);
      throw new Problem(400, 'Invalid body', message, [{ path: '', rule, value }]);
    };
    let binding: HttpBinding;
    try {
      binding = bindingOf(headers);
    } catch (error) {
      if (error instanceof HeaderProblem) return whole(error.rule, error.message, error.header);
      throw error;
    }
    // without ce-* headers only a JSON media type is a binding (text/plain, a form… is not read as events)
    const contentType = String(headers['content-type'] ?? '');
    if (binding.mode === 'json' && !isJsonMediaType(contentType.replace(/^[^;]*/, (t) => t.trim().toLowerCase()))) throw unsupported();
    if (bytes.length === 0) return whole('non-empty', 'the body is empty; send a JSON array of CloudEvents', null);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      const at = invalidUtf8Offset(bytes);
      return whole('utf-8', `the body is not valid UTF-8 (first invalid byte at offset ${at})`, at);
    }
    // before JSON.parse: JSON nested thousands deep parses, then overflows whatever walks it
    const tooDeep = jsonTooDeep(bytes);
    if (tooDeep) return whole('max-depth', tooDeepMessage('the body', tooDeep), tooDeep.depth);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return whole('json', `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`, null);
    }
    if (binding.mode === 'binary') {
      // binary mode: one event, its attributes from the ce-* headers, the body its data; a
      // dead letter keeps it in the structured form, so it can be read and resubmitted
      const raw = binaryEvent(binding, parsed);
      return this.ingestor.ingest([{ raw, original: Buffer.from(JSON.stringify(raw)) }], { channel: 'http', sender, receivedAt });
    }
    const raws = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : undefined;
    if (!raws) return whole('json-array', 'the body must be a JSON array of CloudEvents (or one CloudEvent object)', typeof parsed);
    // plain application/json without ce-* headers is the batch alias: an object there is
    // neither binding (a binary-mode event whose headers were lost, or a structured event
    // without its media type), so it is not guessed at
    if (binding.mode === 'json' && !Array.isArray(parsed))
      return whole(
        'cloudevents-binding',
        `a JSON object under content-type ${String(headers['content-type'] ?? '(none)')} without ce-* headers is neither CloudEvents binding: ${EXPECTED_BINDINGS}`,
        headers['content-type'] ?? null,
      );
    if (raws.length === 0) throw new Problem(400, 'Invalid body', 'the batch is empty', [{ path: '', rule: 'non-empty', value: 0 }]);
    if (raws.length > this.limits.maxBatch)
      throw new Problem(413, 'Payload too large', `the batch holds ${raws.length} events; at most ${this.limits.maxBatch} per request`, [
        { path: '', rule: 'max-batch', value: raws.length },
      ]);
    // each element's own bytes, as sent, for the dead letter of a refused event
    const originals = Array.isArray(parsed) ? arrayElementBytes(bytes) : [bytes];
    const arrivals: Arrival[] = raws.map((raw, i) => ({ raw, original: originals?.[i] ?? Buffer.from(JSON.stringify(raw)) }));
    return this.ingestor.ingest(arrivals, { channel: 'http', sender, receivedAt });
  }

  /** Dead letters per school and/or source, newest first; the original bytes as base64 and, when UTF-8, as text. */
  @Allow([...OFFICERS, SCHOOL_SYSTEM, SERVICE], "officers: their region's schools by identity's tree; a school system: its own school; services: all")
  @Api({ summary: 'dead letters, newest first', response: deadLettersAnswer, errors: [503] })
  @Get('dead-letters')
  async deadLetters(
    @CurrentActor() actor: Actor,
    @ZodQuery(listQuery) { school, source, limit, open }: z.output<typeof listQuery>,
  ): Promise<AnswerOf<typeof deadLettersAnswer>> {
    const visible = await this.scope.schoolsOf(actor);
    const letters = await this.records.deadLetters({
      ...(school ? { schoolCode: school } : {}),
      ...(visible === 'all' ? {} : { schoolCodes: [...visible] }),
      ...(source ? { source } : {}),
      limit: limit ? Number(limit) || 100 : 100,
      open: open === 'true',
    });
    return {
      count: letters.length,
      deadLetters: letters.map((l) => {
        let text: string | null = null;
        try {
          text = utf8.decode(l.original);
        } catch {
          text = null;
        }
        const { original, receivedAt, resubmittedAt, ...rest } = l;
        return {
          ...rest,
          receivedAt: receivedAt.toISOString(),
          resubmittedAt: resubmittedAt?.toISOString() ?? null,
          originalBase64: original.toString('base64'),
          originalText: text,
        };
      }),
    };
  }

  /**
   * Re-submits a dead letter's original bytes through the same pipeline (after a contract or
   * registry fix). The letter stays, marked with the outcome.
   */
  @Allow([SCHOOL_SYSTEM], "a school system resubmits its own school's dead letters, through the same pipeline")
  @Post('dead-letters/:id/resubmit')
  @HttpCode(200)
  @Api({
    summary: "re-submits a dead letter's original bytes through the same pipeline",
    response: { schema: resubmitAnswer, description: 'one result per event of the letter, in order' },
    errors: [404, 422],
  })
  async resubmit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AnswerOf<typeof resubmitAnswer>> {
    const sender = senderOf(actor);
    const letter = await this.records.deadLetter(id);
    // another school's letter reads as missing: the answer must not confirm that it exists
    if (!letter || !letter.schoolCode || !sender.schoolCodes.includes(letter.schoolCode))
      throw new Problem(404, 'Not found', `no dead letter ${id} of your school`, [{ path: 'id', rule: 'exists', value: id }]);
    let raws: unknown[];
    try {
      const parsed: unknown = JSON.parse(utf8.decode(letter.original));
      raws = Array.isArray(parsed) ? parsed : [parsed];
    } catch (error) {
      throw new Problem(
        422,
        'Not resubmittable',
        `the original bytes of dead letter ${id} are not JSON (${error instanceof Error ? error.message : String(error)}); the sender must send it again`,
        [{ path: 'original', rule: 'json', value: null }],
      );
    }
    const answer = await this.ingestor.ingest(
      raws.map((raw) => ({ raw, original: Buffer.from(JSON.stringify(raw)) })),
      { channel: letter.channel, sender },
    );
    await this.records.markResubmitted(id, JSON.stringify(answer.summary), new Date());
    return { deadLetter: id, ...answer };
  }

  @Allow([...OFFICERS, SCHOOL_SYSTEM, SERVICE], "officers: their region's schools by identity's tree; a school system: its own school; services: all")
  @Api({ summary: 'events parked until identity resolves their person ids', response: parkedAnswer, errors: [503] })
  @Get('parked')
  async parked(@CurrentActor() actor: Actor, @ZodQuery(parkedQuery) { school, limit }: z.output<typeof parkedQuery>): Promise<AnswerOf<typeof parkedAnswer>> {
    const visible = await this.scope.schoolsOf(actor);
    const parked = await this.records.parked({
      ...(school ? { schoolCode: school } : {}),
      ...(visible === 'all' ? {} : { schoolCodes: [...visible] }),
      limit: limit ? Number(limit) || 100 : 100,
    });
    return {
      count: parked.length,
      parked: parked.map((p) => ({
        eventId: p.eventId,
        schoolCode: p.schoolCode,
        source: p.source,
        type: p.type,
        channel: p.channel,
        parkedAt: p.parkedAt.toISOString(),
        attempts: p.attempts,
        reason: `no person link yet for ${p.unresolved.map((r) => `${r.system}/${r.localId}`).join(', ')}`,
        unresolved: p.unresolved,
      })),
    };
  }
}
