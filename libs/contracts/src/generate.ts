import { stringify } from 'yaml';
import { z } from 'zod';
import { envelopeOf, FAMILIES, type EventDefinition } from './envelope';
import { ALL_EVENTS } from './events';
import { topicOf } from './kafka';
import { crossFieldRulesOf, DATASCHEMA_PATTERN, ENVELOPE_RULES, type CrossFieldRule } from './rules';
import { sampleData } from './testing/factories';

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
  files.set('generated/rules.json', `${JSON.stringify(rulesDocument(), null, 2)}\n`);
  files.set('generated/asyncapi.yaml', stringify(asyncApi(), { lineWidth: 0, aliasDuplicateObjects: false }));
  return files;
}

const RULES_URL = 'https://schemas.educube.cn/events/rules.json';
export const SCHEMA_FORMAT = 'application/schema+json;version=draft-2020-12';

type Json = Record<string, unknown>;

/**
 * The whole CloudEvent of a type: zod's JSON Schema of the envelope and data, the data's
 * cross-field rules that JSON Schema can say (allOf, one entry per rule, its rule id in
 * $comment), and dataschema as the hub takes it (a URL the WHATWG parser accepts, which
 * `format: uri` is not). The rules it cannot say are in generated/rules.json.
 */
export function jsonSchemaOf(def: EventDefinition): Json {
  const schema = z.toJSONSchema(envelopeOf(def), { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json & {
    properties: Record<string, Json>;
  };
  const dataschema: Json = { ...schema.properties['dataschema'] };
  delete dataschema['format']; // format: uri refuses URLs the hub takes (an IRI host, spaces in a path)
  schema.properties['dataschema'] = {
    ...dataschema,
    pattern: DATASCHEMA_PATTERN,
    description: 'the schema URL: an absolute URL (scheme, then what the WHATWG URL parser accepts); see rules.json rule format at /dataschema',
  };
  const inSchema = crossFieldRulesOf(def).filter((r) => r.schema);
  if (inSchema.length > 0) {
    schema.properties['data'] = {
      ...schema.properties['data'],
      allOf: inSchema.map((r) => ({ $comment: `rule ${r.rule} at ${r.path}: ${r.description}`, ...r.schema })),
    };
  }
  const published = [...ENVELOPE_RULES, ...crossFieldRulesOf(def)].filter((r) => !r.schema).map((r) => `${r.rule} at ${r.path}`);
  return {
    $id: `https://schemas.educube.cn/events/${def.type}.json`,
    title: `${def.name} v${def.version}`,
    description: def.summary,
    $comment: `The hub also checks rules JSON Schema cannot express (comparisons between fields, date order, the receiver's clock), published in ${RULES_URL} (generated/rules.json) under this type: ${published.join('; ')}.`,
    ...schema,
  };
}

/** A whole event that breaks a rule: the type's sample data with the rule's example applied. */
function exampleEvent(def: EventDefinition, rule: CrossFieldRule): Json {
  return JSON.parse(
    JSON.stringify({
      specversion: '1.0',
      id: `example-${rule.rule}`,
      source: `/schools/3302030001/${def.family}`,
      type: def.type,
      time: '2026-09-07T08:00:00+08:00',
      subject: '3302030001',
      ...rule.envelopeExample,
      data: sampleData(def, rule.example as never),
    }),
  ) as Json;
}

const describeRule = (def: EventDefinition, r: CrossFieldRule) => ({
  rule: r.rule,
  path: r.path,
  inSchema: r.schema !== undefined,
  description: r.description,
  example: exampleEvent(def, r),
});

/**
 * generated/rules.json: every cross-field rule the hub checks, per event type, by the `rule`
 * and `path` of the problem it reports (`*` for an array index); `inSchema` tells whether the
 * type's JSON Schema says it too, and `example` is an event the hub refuses for it.
 */
export function rulesDocument() {
  return {
    $id: RULES_URL,
    description:
      "The cross-field rules the hub checks, per event type. A problem the hub reports carries `rule` and `path` (a JSON Pointer; `*` here stands for an array index). inSchema: true rules are in the type's JSON Schema too; inSchema: false rules are not expressible in JSON Schema 2020-12 and are checked only by the hub (and the producer kit). Each example is an event the hub refuses for that rule.",
    envelope: ENVELOPE_RULES.map((r) => describeRule(ALL_EVENTS[0], r)),
    types: Object.fromEntries(ALL_EVENTS.map((def) => [def.type, crossFieldRulesOf(def).map((r) => describeRule(def, r))])),
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Binary mode: the attributes as `ce_` headers (the Kafka binding), the data as the value. */
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
    ce_dataschema: { type: 'string' },
    ce_traceparent: { type: 'string' },
    ce_tracestate: { type: 'string' },
    ce_partitionkey: { type: 'string', description: 'the CloudEvents partitioning extension; where set, it must be the subject (rule partitionkey-is-school)' },
    'content-type': {
      type: 'string',
      description: 'application/json (the default), `; charset=utf-8` allowed: the datacontenttype attribute',
      pattern: '^application\\/json[ \\t]*(;[ \\t]*charset=(utf-8|UTF-8|"utf-8"|"UTF-8"))?$',
    },
  },
  additionalProperties: false,
  patternProperties: { '^ce_': { type: 'string', description: 'any other ce_ header is an attribute, which the contract then refuses as unknown' } },
};

/** Structured mode: the whole event as the value. */
const structuredHeaders = {
  type: 'object',
  required: ['content-type'],
  properties: {
    'content-type': {
      type: 'string',
      pattern: '^application\\/cloudevents\\+json[ \\t]*(;.*)?$',
      description: 'application/cloudevents+json: the value is the whole CloudEvent',
    },
  },
};

const kafkaKey = { kafka: { key: { type: 'string', pattern: '^\\d{10}$', description: 'school code (the subject)' }, bindingVersion: '0.5.0' } };

function asyncApi() {
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const family of FAMILIES) {
    const defs = ALL_EVENTS.filter((d) => d.family === family);
    const channelMessages: Record<string, unknown> = {};
    for (const def of defs) {
      const id = `${def.name}V${def.version}`;
      const event = jsonSchemaOf(def) as { properties: Record<string, unknown> };
      schemas[`${id}Event`] = { schemaFormat: SCHEMA_FORMAT, schema: clone(event) };
      messages[id] = {
        name: def.type,
        title: `${def.name} v${def.version}`,
        summary: def.summary,
        description: 'Binary mode: the attributes as ce_ headers, the data as the JSON value.',
        contentType: 'application/json',
        headers: ceHeaders,
        payload: { schemaFormat: SCHEMA_FORMAT, schema: clone(event.properties['data']) },
        bindings: kafkaKey,
      };
      channelMessages[id] = { $ref: `#/components/messages/${id}` };
      channelMessages[`${id}Structured`] = {
        title: `${def.name} v${def.version} (structured mode)`,
        summary: def.summary,
        description: `Structured mode: the whole CloudEvent (type ${def.type}) as the value, content-type application/cloudevents+json.`,
        contentType: 'application/cloudevents+json',
        headers: structuredHeaders,
        payload: { $ref: `#/components/schemas/${id}Event` },
        bindings: kafkaKey,
      };
    }
    channels[family] = {
      address: topicOf(family),
      title: `${family} events`,
      description:
        "CloudEvents keyed by school code, so one school's events stay ordered, in either mode of the CloudEvents Kafka binding: " +
        "binary (ce_ headers, the JSON data as the value; what the hub's producers send) or structured (content-type application/cloudevents+json, the whole event as the value).",
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
        'Every event is validated against its type; rejected events are kept with their reasons. ' +
        `Payload schemas are JSON Schema 2020-12 (${SCHEMA_FORMAT}); the cross-field rules JSON Schema cannot express are published in ${RULES_URL}.`,
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:29092', protocol: 'kafka', description: 'the broker scripts/stack/kafka.sh starts' } },
    channels,
    operations,
    components: { schemas, messages },
  };
}
