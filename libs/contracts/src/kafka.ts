import type { CloudEvent, Family } from './envelope';
import { EVENT_TYPE_PREFIX, FAMILIES, isJsonMediaType } from './envelope';

/** One topic per family; the version names the topic's contract, not an event's. */
export const topicOf = (f: Family): string => `educube.${f}.v1`;
/**
 * Partitions of each family topic where the hub creates it. One number everywhere: the warehouse's
 * KAFKA_PARTITIONS default, the deployments and their replica caps (a consumer beyond the partition
 * count idles) all assume it.
 */
export const TOPIC_PARTITIONS = 3;
export const TOPICS: Readonly<Record<Family, string>> = Object.fromEntries(FAMILIES.map((f) => [f, topicOf(f)])) as Record<Family, string>;

export function familyOfTopic(topic: string): Family | undefined {
  return FAMILIES.find((f) => topicOf(f) === topic);
}

export function familyOfType(type: string): Family | undefined {
  const f = type.startsWith(`${EVENT_TYPE_PREFIX}.`) ? type.split('.')[2] : undefined;
  return FAMILIES.find((x) => x === f);
}

/** Keyed by school code, so all of one school's events land on one partition, in order. */
export const kafkaKeyOf = (event: Pick<CloudEvent, 'subject'>): string => event.subject;

export interface KafkaRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Binary content mode of the CloudEvents Kafka protocol binding 1.0: attributes as ce_ headers. */
const ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'dataschema', 'traceparent'] as const;
const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json';

export function toKafkaRecord(event: CloudEvent): KafkaRecord {
  const headers: Record<string, string> = { 'content-type': event.datacontenttype ?? 'application/json' };
  for (const attr of ATTRIBUTES) {
    const value = event[attr];
    if (value !== undefined) headers[`ce_${attr}`] = value;
  }
  return { key: kafkaKeyOf(event), value: Buffer.from(JSON.stringify(event.data)), headers };
}

export type KafkaDecodeResult = { ok: true; raw: Record<string, unknown> } | { ok: false; path: string; rule: string; message: string };

/**
 * Rebuilds the CloudEvent from a Kafka record, in binary or structured mode. It only
 * decodes: the result still goes through EventRegistry.validate like an HTTP event, so
 * both channels give the same answers.
 */
export function fromKafkaRecord(record: {
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}): KafkaDecodeResult {
  const header = (name: string): string | undefined => {
    const v = record.headers?.[name];
    const one = Array.isArray(v) ? v[0] : v;
    return one === undefined ? undefined : one.toString();
  };
  if (record.value === null) return { ok: false, path: '', rule: 'required', message: 'the Kafka record has no value (tombstones are not events)' };
  const text = decodeUtf8(record.value);
  if (text === undefined) return { ok: false, path: '', rule: 'utf-8', message: 'the Kafka record value is not valid UTF-8' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { ok: false, path: '', rule: 'json', message: `the Kafka record value is not JSON: ${(e as Error).message}` };
  }
  const contentType = header('content-type') ?? '';
  if ((contentType.split(';')[0] ?? '').trim().toLowerCase() === STRUCTURED_CONTENT_TYPE) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { ok: false, path: '', rule: 'type', message: 'a structured-mode CloudEvent must be a JSON object' };
    return { ok: true, raw: body as Record<string, unknown> };
  }
  // every ce_ header is an attribute (extensions too, e.g. the SDKs' partitionkey): the
  // contract then judges them, as it judges the members of a structured event
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(record.headers ?? {})) {
    if (!name.startsWith('ce_') || name.length === 3) continue;
    const value = header(name);
    if (value !== undefined) raw[name.slice(3)] = value;
  }
  // a JSON content type (with a charset or not) is the default: no datacontenttype
  if (contentType && !isJsonMediaType(contentType)) raw['datacontenttype'] = contentType;
  raw['data'] = body;
  return { ok: true, raw };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
