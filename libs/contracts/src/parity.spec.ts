import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventDefinition } from './envelope';
import { ALL_EVENTS, eventRegistry } from './events';
import { anEvent, sampleData } from './testing';

// Parity between the published JSON Schemas (with ajv, as an integrator validates) and the
// hub's validator: a corpus of valid events and malformed variants goes through both, and every
// verdict agrees, or the hub refuses for rules published in generated/rules.json as not
// expressible in JSON Schema (inSchema: false) and nothing else.

type Json = Record<string, unknown>;
interface PublishedRule {
  rule: string;
  path: string;
  inSchema: boolean;
  example: Json;
}
interface RulesDoc {
  envelope: PublishedRule[];
  types: Record<string, PublishedRule[]>;
}

const root = join(__dirname, '..', 'generated');
const rules = JSON.parse(readFileSync(join(root, 'rules.json'), 'utf8')) as RulesDoc;
const now = new Date('2026-09-08T00:00:00Z');

const ajv = new Ajv2020(); // the defaults an integrator starts with (strict schema, strict types logged)
addFormats(ajv);
const validators = new Map<string, ValidateFunction>(
  ALL_EVENTS.map((d) => [d.type, ajv.compile(JSON.parse(readFileSync(join(root, 'json-schema', `${d.type}.json`), 'utf8')) as object)] as const),
);

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const pattern = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/*');
const publishedOnly = (type: string) => new Set([...rules.envelope, ...(rules.types[type] ?? [])].filter((r) => !r.inSchema).map((r) => `${r.rule} ${r.path}`));

interface Verdicts {
  hub: boolean;
  ajv: boolean;
  problems: string[];
}
function judge(event: Json): Verdicts {
  const type = String(event['type']);
  const hub = eventRegistry.validate(clone(event), { now });
  const validate = validators.get(type);
  return { hub: hub.ok, ajv: validate ? validate(clone(event)) : false, problems: hub.ok ? [] : hub.problems.map((p) => `${p.rule} ${pattern(p.path)}`) };
}

// ---- the corpus ----

interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

/** Values of one field to try: every enum value, wrong types, bounds, empty and over-long, duplicates. */
function valuesFor(node: SchemaNode, current: unknown): unknown[] {
  const out: unknown[] = [undefined, null, { x: 1 }];
  if (node.enum) out.push(...node.enum, 'no-such-value');
  if (node.const !== undefined) out.push(node.const, 'x');
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'string') {
    out.push('', 'a b', 'x'.repeat((node.maxLength ?? 40) + 1), 42);
    if (node.minLength) out.push('x'.repeat(node.minLength));
    if (node.format === 'date' || node.pattern?.includes('-02-29')) out.push('2026-02-29', '2028-02-29', '2026-13-01', '2026-9-1', '2026-09-01');
  }
  if (type === 'integer' || type === 'number') {
    const lo = node.minimum ?? node.exclusiveMinimum ?? 0;
    const hi = node.maximum ?? 100;
    out.push(lo - 1, lo, lo + 1, hi, hi + 1, 1.5, 0.5, '1', -0.5, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 14, 15, 16);
  }
  if (type === 'boolean') out.push(true, false, 'true');
  if (type === 'array') {
    out.push([], 'x', Array.isArray(current) && current.length > 0 ? [current[0], current[0]] : []);
    if (Array.isArray(current) && current.length > 0) {
      out.push(current.slice(0, 1), [...current, ...current].slice(0, (node.maxItems ?? 2) + 1));
      if (node.items?.type === 'object' && typeof current[0] === 'object') out.push([current[0], { ...(current[0] as Json), zz: 1 }]);
    }
    if (node.items?.enum) out.push(...node.items.enum.map((v) => [v]), node.items.enum.slice(0, 2));
    if (node.items?.type === 'integer') out.push([1], [7], [10], [5, 6], [6, 9], [12]);
  }
  if (type === 'object' && node.properties && current && typeof current === 'object') {
    for (const [k, sub] of Object.entries(node.properties)) {
      for (const v of valuesFor(sub, (current as Json)[k]).slice(0, 12)) out.push({ ...(current as Json), [k]: v });
    }
  }
  return out;
}

/** Every single-field variant of an event's data and envelope, and pairs of the data's enum, boolean and optional fields. */
function variantsOf(def: EventDefinition, schema: SchemaNode, base: Json): Json[] {
  const out: Json[] = [];
  const data = base['data'] as Json;
  const dataSchema = schema.properties!['data']!;
  const fields = Object.entries(dataSchema.properties ?? {});
  for (const [field, node] of fields) for (const v of valuesFor(node, data[field])) out.push({ ...base, data: { ...data, [field]: v } });
  out.push({ ...base, data: { ...data, zz: 1 } }, { ...base, zz: 1 }, { ...base, data: [] }, { ...base, data: undefined });
  for (const [attr, node] of Object.entries(schema.properties!)) {
    if (attr === 'data') continue;
    for (const v of valuesFor(node, base[attr])) out.push({ ...base, [attr]: v });
  }
  for (const v of [
    'https://schemas.educube.cn/events/x.json',
    'urn:educube:x',
    'http://例子.cn/s',
    ' https://a.cn/x ',
    'ht\ttp://a.cn',
    'http:a.cn',
    'http://',
    'https://exa mple.cn/',
    'x:',
    '/relative',
    'mailto:a@b.cn',
    'http://[::1]/x',
    'http://a.cn/%zz',
  ])
    out.push({ ...base, dataschema: v });
  for (const v of [
    '2026-09-07T08:05:00+08:00',
    '2026-09-08T00:04:00Z',
    '2026-09-08T00:06:00Z',
    '2099-01-01T00:00:00Z',
    '2026-09-07T08:00+08:00',
    '2026-09-07 08:00:00+08:00',
    '2026-09-07T08:00:00.123Z',
    '2026-09-07t08:00:00z',
  ])
    out.push({ ...base, time: v });
  for (const v of ['application/json', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'Application/JSON', 'text/plain'])
    out.push({ ...base, datacontenttype: v });
  for (const v of [base['subject'], '3302030002', '']) out.push({ ...base, partitionkey: v });

  // pairs: conditional rules compare fields, so try two fields at once
  const toggles = fields.flatMap(([field, node]) => {
    const values: unknown[] = node.enum ? [...node.enum] : node.type === 'boolean' ? [true, false] : [];
    if (!(dataSchema.required ?? []).includes(field)) values.push(undefined, filler(node));
    if (node.type === 'array') values.push([], data[field] ?? filler(node));
    return values.map((v) => [field, v] as const);
  });
  for (let i = 0; i < toggles.length; i += 1) {
    for (let j = i + 1; j < toggles.length; j += 1) {
      const [fa, va] = toggles[i]!;
      const [fb, vb] = toggles[j]!;
      if (fa !== fb) out.push({ ...base, data: { ...data, [fa]: va, [fb]: vb } });
    }
  }
  void def;
  return out;
}

/** A plausible value of a field the sample leaves out. */
function filler(node: SchemaNode): unknown {
  if (node.enum) return node.enum[0];
  switch (node.type) {
    case 'integer':
    case 'number':
      return Math.max(node.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return node.items ? [filler(node.items)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, filler(v)]));
    default:
      return node.format === 'date' || node.pattern?.includes('-02-29')
        ? '2026-09-10'
        : node.pattern === '^\\d{10}$'
          ? '3302030002'
          : node.pattern === '^\\d{6}$'
            ? '330203'
            : 'x1';
  }
}

describe('parity of the published JSON Schemas (ajv) and the hub validator', () => {
  const counts = { events: 0, variants: 0, agree: 0, publishedOnly: 0 };
  const left: string[] = [];
  const publishedSeen = new Map<string, number>();

  function check(event: Json, kind: 'events' | 'variants'): void {
    counts[kind] += 1;
    const v = judge(event);
    if (v.hub === v.ajv) {
      counts.agree += 1;
      return;
    }
    const allowed = publishedOnly(String(event['type']));
    if (!v.hub && v.ajv && v.problems.every((p) => allowed.has(p))) {
      counts.publishedOnly += 1;
      for (const p of v.problems) publishedSeen.set(p, (publishedSeen.get(p) ?? 0) + 1);
      return;
    }
    if (left.length < 40)
      left.push(
        `${String(event['type'])}: hub ${v.hub ? 'accepts' : `refuses (${v.problems.join(', ')})`}, ajv ${v.ajv ? 'accepts' : 'refuses'}: ${JSON.stringify(event).slice(0, 400)}`,
      );
  }

  it('every verdict agrees, or the hub refuses only for published rules', () => {
    for (const def of ALL_EVENTS) {
      const base = anEvent(def) as unknown as Json;
      const schema = JSON.parse(readFileSync(join(root, 'json-schema', `${def.type}.json`), 'utf8')) as SchemaNode;
      // valid events: the sample, and the sample in each envelope form a producer may send
      for (const envelope of [
        {},
        { datacontenttype: 'application/json' },
        { datacontenttype: 'application/json; charset=utf-8' },
        { partitionkey: base['subject'] },
        { dataschema: `https://schemas.educube.cn/events/${def.type}.json` },
        { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
        { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' },
      ]) {
        check({ ...base, ...envelope }, 'events');
      }
      for (const variant of variantsOf(def, schema, base)) check(JSON.parse(JSON.stringify(variant)) as Json, 'variants');
      for (const rule of rules.types[def.type] ?? []) check(rule.example, 'variants');
    }
    for (const rule of rules.envelope) check(rule.example, 'variants');
    const report = `parity: ${counts.events} valid events, ${counts.variants} variants; ${counts.agree} agree, ${counts.publishedOnly} differ only by published rules (${[...publishedSeen].map(([r, n]) => `${r} ×${n}`).join(', ')}), ${left.length} disagreements left`;
    console.log(report);
    expect(left).toEqual([]);
    expect(counts.events + counts.variants).toBe(counts.agree + counts.publishedOnly);
  });

  it('has an example for every published rule that the hub refuses for that rule, and ajv exactly when the rule is in the schema', () => {
    const wrong: string[] = [];
    const all = [
      ...rules.envelope.map((r) => [String(r.example['type']), r] as const),
      ...Object.entries(rules.types).flatMap(([type, rs]) => rs.map((r) => [type, r] as const)),
    ];
    for (const [type, rule] of all) {
      const v = judge(rule.example);
      if (v.hub || !v.problems.includes(`${rule.rule} ${rule.path}`))
        wrong.push(`${type} ${rule.rule} ${rule.path}: hub ${v.hub ? 'accepts' : v.problems.join(', ')}`);
      if (v.ajv === rule.inSchema) wrong.push(`${type} ${rule.rule} ${rule.path}: ajv ${v.ajv ? 'accepts' : 'refuses'} but inSchema is ${rule.inSchema}`);
    }
    expect(wrong).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('accepts every sample with both validators', () => {
    for (const def of ALL_EVENTS)
      expect([def.type, judge({ ...anEvent(def), data: sampleData(def) } as unknown as Json)]).toEqual([
        def.type,
        expect.objectContaining({ hub: true, ajv: true }),
      ]);
  });
});
