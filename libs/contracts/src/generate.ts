import { stringify } from 'yaml';
import { z } from 'zod';
import { envelopeOf, FAMILIES, type EventDefinition } from './envelope';
import { ALL_EVENTS } from './events';
import { topicOf } from './kafka';

/**
 * The integrator-facing documents, generated from the zod schemas so they cannot drift:
 * one JSON Schema per event type (the full CloudEvent) and an AsyncAPI 3 document of the
 * Kafka topics. Returns path → content; scripts/generate.ts writes them, a test compares.
 */
export function generateContractFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const def of ALL_EVENTS) {
    files.set(`generated/json-schema/${def.type}.json`, `${JSON.stringify(jsonSchemaOf(def), null, 2)}\n`);
  }
  files.set('generated/asyncapi.yaml', stringify(asyncApi(), { lineWidth: 0 }));
  return files;
}

function jsonSchemaOf(def: EventDefinition) {
  return {
    $id: `https://schemas.educube.cn/events/${def.type}.json`,
    title: `${def.name} v${def.version}`,
    description: def.summary,
    ...z.toJSONSchema(envelopeOf(def), { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  };
}

const ceHeaders = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', description: 'idempotency key: the same id twice is stored once' },
    ce_source: { type: 'string', description: 'the sending system, e.g. /schools/3302030001/timetabling' },
    ce_type: { type: 'string' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_subject: { type: 'string', pattern: '^\\d{10}$', description: '学校标识码; also the record key' },
    ce_traceparent: { type: 'string' },
    'content-type': { type: 'string', const: 'application/json' },
  },
};

function asyncApi() {
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const family of FAMILIES) {
    const defs = ALL_EVENTS.filter((d) => d.family === family);
    const channelMessages: Record<string, unknown> = {};
    for (const def of defs) {
      const id = `${def.name}V${def.version}`;
      messages[id] = {
        name: def.type,
        title: `${def.name} v${def.version}`,
        summary: def.summary,
        contentType: 'application/json',
        headers: ceHeaders,
        payload: z.toJSONSchema(def.data, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
        bindings: { kafka: { key: { type: 'string', pattern: '^\\d{10}$', description: 'school code' }, bindingVersion: '0.5.0' } },
      };
      channelMessages[id] = { $ref: `#/components/messages/${id}` };
    }
    channels[family] = {
      address: topicOf(family),
      title: `${family} events`,
      description: `CloudEvents in Kafka binary mode (ce_ headers, JSON data as the value), keyed by school code so one school's events stay ordered.`,
      messages: channelMessages,
      bindings: { kafka: { topic: topicOf(family), bindingVersion: '0.5.0' } },
    };
    operations[`publish${family.charAt(0).toUpperCase()}${family.slice(1)}`] = {
      action: 'receive',
      title: `The hub receives ${family} events`,
      channel: { $ref: `#/channels/${family}` },
      messages: Object.keys(channelMessages).map((id) => ({ $ref: `#/channels/${family}/messages/${id}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'EduCube Hub ingestion',
      version: '1.0.0',
      description:
        'Events that school systems publish to the hub. The same CloudEvents may be POSTed in batches to /v1/events. ' +
        'Every event is validated against its type; rejected events are kept with their reasons.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:29092', protocol: 'kafka', description: 'the broker scripts/stack/kafka.sh starts' } },
    channels,
    operations,
    components: { messages },
  };
}
