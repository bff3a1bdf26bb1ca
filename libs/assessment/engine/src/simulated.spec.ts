import { CATALOGS, STANDARD_IDS } from '@educube/assessment-catalog';
import { eventRegistry } from '@educube/contracts';
import { eventStream, simulateProvince } from '@educube/simulator';
import { CLASSIFICATIONS } from './classification';
import { evaluateCatalog } from './evaluate';
import { applyAll, emptyFacts } from './facts';
import { hasChecks } from './formula';
import { scoreSheet, sheetToCsv } from './sheet';

// Every derived formula of every standard runs against a month of a simulated nine-year
// school's events (all seven families): nothing throws, every window lies inside the facts'
// calendar, and a replay in reverse order gives the same evidence.

const province = simulateProvince({ seed: 1, schools: 3, teachersPerSchool: 30, studentsPerSchool: 300 });
const school = province.schools[0];
if (!school) throw new Error('the simulator made no school');
const events = [...eventStream(province, { seed: 1, from: new Date('2026-09-01'), days: 30 })].filter((e) => e.subject === school.code);
const options = { asOf: '2026-09-30', creationStart: '2026-09-01' };

it('feeds a contract-valid nine-year school', () => {
  expect(school.schoolType).toBe('九年一贯');
  expect(events.length).toBeGreaterThan(1000);
  expect(events.filter((e) => !eventRegistry.validate(e, { now: new Date('2031-01-01') }).ok)).toEqual([]);
});

it.each(STANDARD_IDS)('evaluates every derived %s item, the same in any arrival order', (standard) => {
  const forward = evaluateCatalog(CATALOGS[standard], CLASSIFICATIONS[standard], applyAll(emptyFacts(school.code), events), options);
  const backward = evaluateCatalog(CATALOGS[standard], CLASSIFICATIONS[standard], applyAll(emptyFacts(school.code), [...events].reverse()), options);
  expect(forward.length).toBe(Object.values(CLASSIFICATIONS[standard]).filter(hasChecks).length);
  expect(backward).toEqual(forward);
  for (const e of forward) {
    for (const c of e.checks) expect(c.window.to <= options.asOf && c.window.from <= c.window.to).toBe(true);
    expect(e.sampleIds.length).toBeLessThanOrEqual(5);
  }
  // The simulated school's month produces evidence for at least half of the derived items. (Not
  // more: this school is no Ningxia school, and Ningxia's items on 宁夏教育云 count only that
  // platform's records.)
  expect(forward.filter((e) => e.contributing > 0).length).toBeGreaterThanOrEqual(forward.length / 2);
});

it.each(STANDARD_IDS)('fills a %s score sheet: every item, attested ones pending, CSV one line per item', (standard) => {
  const catalog = CATALOGS[standard];
  const evidence = evaluateCatalog(catalog, CLASSIFICATIONS[standard], applyAll(emptyFacts(school.code), events), options);
  const { rows, verdict } = scoreSheet(catalog, CLASSIFICATIONS[standard], evidence);
  expect(rows.length).toBe(Object.keys(CLASSIFICATIONS[standard]).length);
  expect(rows.filter((r) => r.basis === 'attested').every((r) => r.status === 'not attested' && !r.met)).toBe(true);
  expect(rows.filter((r) => r.basis === 'derived+attested').every((r) => r.status.endsWith('; not attested') && !r.met)).toBe(true);
  expect(verdict.kind).toBe(catalog.scoring.kind);
  const csv = sheetToCsv(rows);
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows.length + 1);
});
