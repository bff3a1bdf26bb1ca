import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { EventDefinition } from './envelope';
import { ALL_EVENTS } from './events';

// The README's mapping table says, for every countable item of the five standards, which
// event fields it is derived from; docs/standards/countable-items.md §1 says the same in its
// "facts needed" column. These tests keep both true: every event, field and enum value they
// name exists, and every §1 row has its mapping row.

const repo = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const analysis = readFileSync(join(repo, 'docs', 'standards', 'countable-items.md'), 'utf8');
const byName = new Map<string, EventDefinition>(ALL_EVENTS.map((d) => [d.name, d]));

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional/default/array down to what a field path or value is checked against. */
function leaf(schema: z.ZodType): Def {
  let def = defOf(schema);
  while (def.type === 'optional' || def.type === 'default' || def.type === 'array') def = defOf((def.innerType ?? def.element)!);
  return def;
}

function fieldAt(data: z.ZodType, path: string): Def | undefined {
  let def = leaf(data);
  for (const key of path.split('.')) {
    const next = def.type === 'object' ? def.shape?.[key] : undefined;
    if (!next) return undefined;
    def = leaf(next);
  }
  return def;
}

/** Every problem with the `Event{field, field=a/b, field∋a, field≥county}` references of a cell. */
function problemsOfCell(cell: string, withFamily: boolean): string[] {
  const problems: string[] = [];
  const refs = [...cell.matchAll(/`(?:([a-z]+)\.)?([A-Z][A-Za-z]+)\{([^}`]*)\}`/g)];
  if (refs.length === 0 && !cell.includes('envelope')) problems.push(`no event in "${cell}"`);
  for (const [, family, name, fields] of refs) {
    const def = byName.get(name!);
    if (!def) {
      problems.push(`${name} is not an event type`);
      continue;
    }
    if (withFamily && family !== def.family) problems.push(`${name} is in family ${def.family}, not ${family ?? '(none)'}`);
    for (const spec of fields!.split(', ').filter(Boolean)) {
      const m = /^([A-Za-z0-9.]+)(?:(=|∋|≥)(.+))?$/.exec(spec);
      if (!m) {
        problems.push(`${name}: cannot read "${spec}"`);
        continue;
      }
      const [, path, op, values] = m;
      const field = fieldAt(def.data, path!);
      if (!field) {
        problems.push(`${name} has no field ${path}`);
        continue;
      }
      if (!op) continue;
      for (const value of values!.split('/')) {
        const ok =
          field.type === 'enum' ? Object.values(field.entries ?? {}).includes(value) : field.type === 'boolean' ? value === 'true' || value === 'false' : false;
        if (!ok) problems.push(`${name}.${path} has no value ${value}`);
      }
    }
  }
  return problems;
}

const cells = (line: string): string[] => line.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, ''));
const STANDARD_ROW = /^\| (Zhejiang|Ningbo|Wenzhou|Ningxia|Jiangsu) \|/;

const mappingRows = readme
  .slice(readme.indexOf('| standard | item | what |'))
  .split('\n')
  .filter((l) => STANDARD_ROW.test(l))
  .map(cells);
const section1 = analysis.slice(analysis.indexOf('\n## 1.'), analysis.indexOf('\n## 2.'));
const analysisRows = section1
  .split('\n')
  .filter((l) => STANDARD_ROW.test(l))
  .map(cells);
const shortId = (standard: string, item: string): string => (standard === 'Ningbo' ? item.split('·').at(-1)!.trim() : item.split(/\s/)[0]!);

describe('the mapping from countable items to event fields', () => {
  it('has one row per countable item of countable-items.md §1, in its order', () => {
    expect(analysisRows.length).toBeGreaterThan(200);
    expect(mappingRows.map(([std, item]) => `${std} ${item}`)).toEqual(analysisRows.map(([std, item]) => `${std} ${shortId(std!, item!)}`));
  });

  it('names only events, fields and enum values that exist (README)', () => {
    expect(mappingRows.flatMap(([std, item, , events]) => problemsOfCell(events!, false).map((p) => `${std} ${item}: ${p}`))).toEqual([]);
    expect(problemsOfCell(readme, false)).toEqual([]);
  });

  it('says the same in the facts-needed column of countable-items.md, with families', () => {
    expect(analysisRows.flatMap(([std, item, , , facts]) => problemsOfCell(facts!, true).map((p) => `${std} ${item}: ${p}`))).toEqual([]);
    const strip = (s: string) => s.replace(/`[a-z]+\./g, '`');
    expect(analysisRows.map((r) => strip(r[4]!))).toEqual(mappingRows.map((r) => r[3]));
  });

  it('refers to every event type at least once', () => {
    const used = new Set([...readme.matchAll(/`([A-Z][A-Za-z]+)\{/g)].map((m) => m[1]));
    expect(ALL_EVENTS.map((d) => d.name).filter((n) => !used.has(n))).toEqual([]);
  });
});
