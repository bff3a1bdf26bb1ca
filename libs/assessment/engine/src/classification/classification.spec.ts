import { CATALOGS, STANDARD_IDS, allItems } from '@educube/assessment-catalog';
import { ALL_EVENTS, type EventDefinition } from '@educube/contracts';
import type { z } from 'zod';
import { ENTITY_SPECS } from '../facts';
import { ENTITY_FACTS, hasChecks, needsAttestation, type Check, type Measure, type Scoring, type Where } from '../formula';
import { CLASSIFICATIONS } from './index';

// Every catalog item has exactly one basis, and every derived formula names only facts the
// engine projects and fields those facts carry — so a formula can never silently read nothing.

const byName = new Map<string, EventDefinition>(ALL_EVENTS.map((d) => [d.name, d]));

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  schema?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
function leaf(schema: z.ZodType): Def {
  let def = defOf(schema);
  for (;;) {
    const next = def.innerType ?? def.element ?? def.in ?? def.schema;
    if (!['optional', 'default', 'array', 'pipe', 'nullable', 'readonly', 'prefault'].includes(def.type) || !next) return def;
    def = defOf(next);
  }
}
function hasPath(data: z.ZodType, path: string): boolean {
  let def = leaf(data);
  for (const key of path.split('.')) {
    const next = def.type === 'object' ? def.shape?.[key] : undefined;
    if (!next) return false;
    def = leaf(next);
  }
  return true;
}

/** The fields a fact offers: the event's data, or for an entity its registering event's (plus patched fields). */
function hasField(fact: string, path: string): boolean {
  const entity = (ENTITY_FACTS as readonly string[]).includes(fact) ? ENTITY_SPECS[fact as keyof typeof ENTITY_SPECS] : undefined;
  const def = byName.get(entity ? entity.start : fact);
  return !!def && hasPath(def.data, path);
}

function problemsOfMeasure(m: Measure, at: string): string[] {
  const problems: string[] = [];
  const fact = (name: string): void => {
    if (!(ENTITY_FACTS as readonly string[]).includes(name) && !byName.has(name)) problems.push(`${at}: ${name} is neither an entity fact nor an event type`);
  };
  const field = (name: string, path: string): void => {
    if (!hasField(name, path)) problems.push(`${at}: ${name} has no field ${path}`);
  };
  const where = (name: string, w: Where | undefined): void => Object.keys(w ?? {}).forEach((p) => field(name, p));
  /** A part of a measure: its fact, its conditions' fields and its key field. */
  const part = (p: { readonly fact: string; readonly key: string; readonly where?: Where }): void => {
    fact(p.fact);
    where(p.fact, p.where);
    field(p.fact, p.key);
  };
  switch (m.of) {
    case 'count':
      fact(m.fact);
      where(m.fact, m.where);
      break;
    case 'distinct':
    case 'sum':
    case 'max':
      fact(m.fact);
      where(m.fact, m.where);
      field(m.fact, m.field);
      break;
    case 'spanDays':
      fact(m.fact);
      where(m.fact, m.where);
      field(m.fact, m.from);
      field(m.fact, m.to);
      break;
    case 'ratio':
      problems.push(...problemsOfMeasure(m.num, at), ...problemsOfMeasure(m.den, at));
      break;
    case 'add':
      for (const t of m.terms) problems.push(...problemsOfMeasure(t, at));
      break;
    case 'share':
      part(m.population);
      part(m.evidence);
      if (m.evidence.sum) field(m.evidence.fact, m.evidence.sum);
      if (m.population.weight) field(m.population.fact, m.population.weight);
      break;
    case 'quotaShare':
      for (const p of [m.population, m.totals, m.evidence]) part(p);
      field(m.totals.fact, m.totals.field);
      field(m.evidence.fact, m.evidence.field);
      break;
    case 'keys':
      for (const p of m.parts) {
        part(p);
        for (const w of m.all ?? []) where(p.fact, w);
      }
      if (m.with) part(m.with);
      break;
    case 'shareAll':
      part(m.population);
      for (const e of m.evidence) part(e);
      break;
    case 'outsideRegion':
      fact(m.fact);
      where(m.fact, m.where);
      field(m.fact, m.field);
      break;
    case 'groups':
      for (const p of m.practices) part({ ...p, key: m.key });
      break;
    case 'headcount':
    case 'teachingWeeks':
      break;
  }
  return problems;
}

const measuresOf = (checks: readonly Check[], scoring: Scoring | undefined): Measure[] => [
  ...checks.map((c) => c.measure),
  ...(scoring?.kind === 'perUnit' ? scoring.terms.map((t) => t.measure) : []),
];

it('tells existing fields from missing ones (so the checks below can fail)', () => {
  expect(hasField('ResourceUploaded', 'knowledgePoints')).toBe(true);
  expect(hasField('SystemUsageSummarized', 'uses.feature')).toBe(true);
  expect(hasField('devices', 'status')).toBe(true);
  expect(hasField('ResourceUploaded', 'knowledgePoint')).toBe(false);
  expect(hasField('rooms', 'bandwidthMbps')).toBe(false);
  expect(problemsOfMeasure({ of: 'count', fact: 'Nope' }, 'x')).toEqual(['x: Nope is neither an entity fact nor an event type']);
});

describe.each(STANDARD_IDS)('%s classification', (standard) => {
  const items = allItems(CATALOGS[standard].groups);
  const table = CLASSIFICATIONS[standard];

  it('classifies every catalog item exactly once, and nothing else', () => {
    const ids = items.map((i) => i.id);
    expect(ids.filter((id) => !(id in table))).toEqual([]);
    expect(Object.keys(table).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('names only facts and fields the engine keeps', () => {
    const problems = Object.entries(table).flatMap(([id, c]) =>
      hasChecks(c) ? measuresOf(c.checks, c.scoring).flatMap((m) => problemsOfMeasure(m, `${standard} ${id}`)) : [],
    );
    expect(problems).toEqual([]);
  });

  it('gives every derived item at least one check, and parts as many points as checks; every attested one its evidence', () => {
    for (const [id, c] of Object.entries(table)) {
      if (needsAttestation(c)) expect([id, c.evidence.length > 0]).toEqual([id, true]);
      if (!hasChecks(c)) continue;
      expect([id, c.checks.length > 0]).toEqual([id, true]);
      if (c.scoring?.kind === 'parts') expect([id, c.scoring.points.length]).toEqual([id, c.checks.length]);
    }
  });

  it('scores per-unit items within the item points (the cap is the 分值)', () => {
    for (const item of items) {
      const c = table[item.id];
      if (hasChecks(c) && c.scoring?.kind === 'perUnit') expect([item.id, c.scoring.cap]).toEqual([item.id, item.points]);
      if (hasChecks(c) && c.scoring?.kind === 'parts') expect([item.id, c.scoring.points.reduce((a, b) => a + b, 0)]).toEqual([item.id, item.points]);
    }
  });
});

it('counts, per standard, derived, derived+attested and attested items (the README table)', () => {
  const counts = Object.fromEntries(
    STANDARD_IDS.map((s) => {
      const values = Object.values(CLASSIFICATIONS[s]);
      const of = (basis: string) => values.filter((c) => c.basis === basis).length;
      return [s, { items: values.length, derived: of('derived'), derivedAttested: of('derived+attested'), attested: of('attested') }];
    }),
  );
  expect(counts).toEqual({
    zhejiang: { items: 88, derived: 58, derivedAttested: 3, attested: 27 },
    ningbo: { items: 42, derived: 27, derivedAttested: 3, attested: 12 },
    wenzhou: { items: 28, derived: 24, derivedAttested: 2, attested: 2 },
    ningxia: { items: 64, derived: 50, derivedAttested: 2, attested: 12 },
    jiangsu: { items: 73, derived: 54, derivedAttested: 0, attested: 19 },
  });
});

it('makes derived and attested the items whose wording asks for events and documents (a plan, rules, a 预案, a budget)', () => {
  const both = STANDARD_IDS.flatMap((s) =>
    Object.entries(CLASSIFICATIONS[s])
      .filter(([, c]) => c.basis === 'derived+attested')
      .map(([id]) => `${s} ${id}`),
  );
  expect(both).toEqual([
    'zhejiang (三)4.(1)',
    'zhejiang (四)3.(3)',
    'zhejiang (五)3.(4)',
    'ningbo B15',
    'ningbo B17',
    'ningbo B39',
    'wenzhou 25',
    'wenzhou 27',
    'ningxia 55',
    'ningxia 59',
  ]);
});
