import { z } from 'zod';
import { isoDateTime, schoolCode } from './common';

export const FAMILIES = ['roster', 'timetabling', 'grading', 'asset', 'attendance', 'space', 'resource'] as const;
export const family = z.enum(FAMILIES);
export type Family = (typeof FAMILIES)[number];

export const EVENT_TYPE_PREFIX = 'cn.educube';

/** An event type, one published version of it. A published version never changes: add v2. */
export interface EventDefinition<N extends string = string, D extends z.ZodType = z.ZodType> {
  readonly family: Family;
  readonly name: N;
  readonly version: number;
  readonly type: `${typeof EVENT_TYPE_PREFIX}.${Family}.${N}.v${number}`;
  readonly summary: string;
  readonly data: D;
}

export function defineEvent<N extends string, D extends z.ZodType>(spec: {
  family: Family;
  name: N;
  version: number;
  summary: string;
  data: D;
}): EventDefinition<N, D> {
  if (!/^[A-Z][A-Za-z]+$/.test(spec.name)) throw new Error(`event name ${spec.name} must be PascalCase`);
  return { ...spec, type: `${EVENT_TYPE_PREFIX}.${spec.family}.${spec.name}.v${spec.version}` };
}

/** Printable ASCII without spaces: ids travel in Kafka headers, URLs and log lines. */
const eventId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'must be 1–128 printable ASCII characters without spaces');

/**
 * JSON data, the only kind the hub takes: `application/json`, with at most a `charset=utf-8`
 * parameter (JSON is UTF-8, RFC 8259 §8.1) — what the official SDKs send. Spelled in lower case
 * (the charset's value in either case): the published JSON Schema carries this pattern, and a
 * JSON Schema pattern has no case-insensitive flag, so the hub and the schema agree.
 */
export const JSON_MEDIA_TYPE = /^application\/json[ \t]*(;[ \t]*charset=(utf-8|UTF-8|"utf-8"|"UTF-8"))?$/;

/** Whether a content type names JSON data (the default when a CloudEvent names none). */
// W3C Trace Context §3.3.1: a key is lowercase (with an optional @vendor part), a value printable
// ASCII without ',' or '=' that does not end in a space; members are separated by commas.
const TRACESTATE_MEMBER = String.raw`[a-z0-9][a-z0-9_\-*/]{0,240}(?:@[a-z][a-z0-9_\-*/]{0,13})?=[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]`;
const TRACESTATE = new RegExp(`^[ \\t]*${TRACESTATE_MEMBER}(?:[ \\t]*,[ \\t]*${TRACESTATE_MEMBER}){0,31}[ \\t]*$`);

export const isJsonMediaType = (contentType: string): boolean => JSON_MEDIA_TYPE.test(contentType);

/**
 * CloudEvents 1.0 attributes as the hub uses them. `id` is the idempotency key; `subject` is
 * the school the event belongs to (also the Kafka key, so a school's events stay ordered);
 * `source` names the sending system. Unknown attributes are rejected rather than silently
 * dropped, so a typo in an extension name is caught at the door.
 */
export const envelopeAttributes = {
  specversion: z.literal('1.0'),
  id: eventId,
  source: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^\s]+$/, 'must be a URI-reference without spaces, e.g. /schools/3302030001/timetabling'),
  type: z.string().min(1).max(128),
  time: isoDateTime,
  subject: schoolCode,
  /** JSON data (the default when absent): `application/json`, `; charset=utf-8` allowed. Not stored: the stored event is JSON. */
  datacontenttype: z
    .string()
    .max(128)
    .regex(JSON_MEDIA_TYPE, 'must be application/json (its only parameter charset=utf-8): the hub takes JSON data')
    .optional(),
  dataschema: z.url().max(512).optional(),
  /** W3C trace context, carried so a school system's trace continues through the hub. */
  traceparent: z
    .string()
    .regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/, 'must be a W3C traceparent')
    .optional(),
  /**
   * The vendor part of W3C trace context, the extension's second attribute: OpenTelemetry's
   * CloudEvents instrumentation sets it beside `traceparent`, so refusing it would refuse their
   * events. At most 32 `key=value` members, 512 characters (W3C Trace Context §3.3).
   */
  tracestate: z.string().max(512).regex(TRACESTATE, 'must be a W3C tracestate: up to 32 comma-separated key=value members').optional(),
  /**
   * The CloudEvents partitioning extension the official SDKs use as the Kafka key. The hub keys
   * by school, so where a producer sets it, it must be the event's `subject`. Not stored: it
   * says nothing the subject does not.
   */
  partitionkey: z.string().min(1).max(128).optional(),
};

export const envelopeSchema = z.strictObject({ ...envelopeAttributes, data: z.unknown() });

/** The envelope with one event type's data, for JSON Schema and AsyncAPI. */
export function envelopeOf(def: EventDefinition) {
  return z.strictObject({ ...envelopeAttributes, type: z.literal(def.type), data: def.data });
}

export interface CloudEvent<T extends string = string, D = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  time: string;
  subject: string;
  datacontenttype?: string;
  dataschema?: string;
  partitionkey?: string;
  traceparent?: string;
  tracestate?: string;
  data: D;
}

/**
 * The stored form of an event's envelope, the same whichever binding it came by (HTTP binary,
 * structured or batch; Kafka binary or structured): a JSON `datacontenttype` (the default) and a
 * `partitionkey` equal to the school (the hub's key) are left out, so one event is one event.
 * Anything else is kept as it is.
 */
export function normalisedEnvelope<E extends object>(event: E): E {
  const e = event as Record<string, unknown>;
  const jsonType = typeof e['datacontenttype'] === 'string' && isJsonMediaType(e['datacontenttype']);
  const schoolKey = 'partitionkey' in e && e['partitionkey'] === e['subject'];
  if (!jsonType && !schoolKey) return event;
  const out = { ...e };
  if (jsonType) delete out['datacontenttype'];
  if (schoolKey) delete out['partitionkey'];
  return out as E;
}
