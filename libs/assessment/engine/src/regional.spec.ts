import { CATALOGS, allItems } from '@educube/assessment-catalog';
import { eventRegistry, type CloudEvent, type EventDefinition } from '@educube/contracts';
import * as E from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { CLASSIFICATIONS } from './classification';
import { evaluateItem } from './evaluate';
import { applyAll, emptyFacts, type SchoolFacts } from './facts';
import {
  NO_POOLING,
  optionsFor,
  placedAs,
  placedBy,
  poolOf,
  referenceFigures,
  regionalAverages,
  registeredRegionOf,
  repool,
  type RegionalSchool,
} from './regional';

// Regional figures pooled by hand over three small schools; a fourth is outside the region.

let seq = 0;
function ev<D extends EventDefinition>(school: string, def: D, data: Parameters<typeof anEvent<D>>[1]): CloudEvent {
  seq += 1;
  const e = anEvent(def, data, { id: `r-${seq}`, subject: school, time: '2026-09-07T08:00:00+08:00' });
  const result = eventRegistry.validate(e, { now: new Date('2031-01-01T00:00:00Z') });
  if (!result.ok) throw new Error(`${def.name} is not contract-valid: ${JSON.stringify(result.problems)}`);
  return e;
}
const person = (localId: string) => ({ system: 'identity', localId });
const facts = (school: string, events: CloudEvent[]): SchoolFacts => applyAll(emptyFacts(school), events);
const options = { asOf: '2027-07-01' };

type Platform = '宁夏教育云' | '之江汇';
const space = (school: string, n: string, platform: Platform = '宁夏教育云') =>
  ev(school, E.LearningSpaceOpenedV1, {
    spaceId: `SP-${n}`,
    owner: person(n),
    ownerRole: 'teacher',
    platform,
    platformLevel: 'province',
    openedOn: '2026-09-01',
  });
const points = (school: string, n: string, value: number, platform: Platform = '宁夏教育云') =>
  ev(school, E.ExperiencePointsReportedV1, {
    spaceId: `SP-${n}`,
    owner: person(n),
    ownerRole: 'teacher',
    platform,
    points: value,
    periodStart: '2026-09-01',
    periodEnd: '2027-08-31',
    reportedOn: '2027-06-01',
  });
const teacher = (school: string, n: string) =>
  ev(school, E.TeacherAssignedV1, { teacher: person(n), post: '专任教师', stages: ['小学'], assignedOn: '2026-09-01' });
const excellent = (school: string, n: string) =>
  ev(school, E.TeacherRecordAddedV1, { teacher: person(n), category: '信息素养测评', result: '优秀', round: '2026-1', recordedOn: '2026-12-01' });

// A (银川): index 400 / 2 = 200; 1 of 4 专任教师 优秀.
const A = '6401040001';
const schoolA: RegionalSchool = {
  regionCode: '640104',
  facts: facts(A, [
    space(A, 'A1'),
    space(A, 'A2'),
    points(A, 'A1', 300),
    points(A, 'A2', 100),
    ...['A1', 'A2', 'A3', 'A4'].map((n) => teacher(A, n)),
    excellent(A, 'A1'),
  ]),
};
// B (石嘴山): index 50 / 1; a space on another platform does not count; no roster, 10 teachers reported, 3 优秀.
const B = '6402020001';
const schoolB: RegionalSchool = {
  regionCode: '640202',
  facts: facts(B, [
    space(B, 'B1'),
    points(B, 'B1', 50),
    space(B, 'B2', '之江汇'),
    points(B, 'B2', 1000, '之江汇'),
    ev(B, E.HeadcountReportedV1, { asOf: '2026-09-30', byStage: [{ stage: '小学', teachers: 10, students: 200, classes: 6 }] }),
    excellent(B, 'B1'),
    excellent(B, 'B2'),
    excellent(B, 'B3'),
  ]),
};
// C (吴忠): no teacher spaces and no teachers on record: nothing to average over.
const C = '6403020001';
const schoolC: RegionalSchool = { regionCode: '640302', facts: facts(C, [points(C, 'C1', 999)]) };
// Z (宁波): outside the region.
const Z = '3302030001';
const schoolZ: RegionalSchool = { regionCode: '330203', facts: facts(Z, [space(Z, 'Z1'), points(Z, 'Z1', 10_000), teacher(Z, 'Z1'), excellent(Z, 'Z1')]) };

describe('regional reference figures for Ningxia 23 and 48 (全区平均水平)', () => {
  const result = regionalAverages([schoolA, schoolB, schoolC, schoolZ], '64', options);

  it('pools the cloud application index: (300 + 100 + 50) points ÷ 3 teacher spaces = 150', () => {
    expect(result.basis['ningxia.cloudIndex']).toEqual({ schools: 2, numerator: 450, denominator: 3 });
    expect(result.figures['ningxia.cloudIndex']).toBe(150);
  });

  it('pools the 优秀 share over 专任教师, roster or reported headcount: (1 + 3) ÷ (4 + 10)', () => {
    expect(result.basis['ningxia.literacyExcellentShare']).toEqual({ schools: 2, numerator: 4, denominator: 14 });
    expect(result.figures['ningxia.literacyExcellentShare']).toBeCloseTo(2 / 7, 12);
  });

  it('does not compute the knowledge-point quarter: it is a published figure', () => {
    expect(Object.keys(result.figures).sort()).toEqual(['ningxia.cloudIndex', 'ningxia.literacyExcellentShare']);
  });

  it("feeds item 23: A at 200 is above the region's 150, B at 50 is not", () => {
    const item = allItems(CATALOGS.ningxia.groups).find((i) => i.id === '23');
    const c = CLASSIFICATIONS.ningxia['23'];
    if (!item || !c) throw new Error('no Ningxia 23');
    expect(evaluateItem(item, c, schoolA.facts, { ...options, regionalAverages: result.figures })).toMatchObject({
      value: 200,
      threshold: 150,
      met: true,
      points: 2,
    });
    expect(evaluateItem(item, c, schoolB.facts, { ...options, regionalAverages: result.figures })).toMatchObject({ value: 50, threshold: 150, met: false });
  });

  it('a narrower prefix pools only that city; a region with no data gives no figure', () => {
    expect(regionalAverages([schoolA, schoolB], '6401', options).figures['ningxia.cloudIndex']).toBe(200);
    const none = regionalAverages([schoolC, schoolZ], '64', options);
    expect(none.figures).toEqual({});
    expect(none.basis['ningxia.cloudIndex']).toEqual({ schools: 0, numerator: 0, denominator: 0 });
    expect(() => regionalAverages([schoolA], '', options)).toThrow('region prefix');
  });
});

describe('pooling: which schools are pooled where, and who compares anew', () => {
  const all = [schoolA.facts, schoolB.facts, schoolC.facts, schoolZ.facts];
  const placed = new Map([
    [A, '640104'],
    [B, '640202'],
    [C, '640302'],
    [Z, '330203'],
  ]);
  const regionOf = placedAs(placed);

  it("places a school by identity's tree first, then by the stored placement or its SchoolRegistered fact", () => {
    const registered = facts('6401040099', [ev('6401040099', E.SchoolRegisteredV1, { name: '兴庆区一小', regionCode: '640104' })]);
    expect(registeredRegionOf(registered)).toBe('640104');
    expect(placedBy({ school: (code) => (code === registered.school ? { regionCode: '640105' } : undefined) })(registered)).toBe('640105');
    expect(placedBy({ school: () => undefined })(registered)).toBe('640104');
    expect(placedBy(undefined)(schoolA.facts)).toBeUndefined();
    expect(placedAs(new Map([[registered.school, '640202']]))(registered)).toBe('640202');
  });

  it('pools per province-level region (全区): 宁夏 and 浙江 apart, an unplaced school in none', () => {
    expect(poolOf('640104')).toBe('64');
    const figures = referenceFigures(all, options.asOf, regionOf);
    expect([...figures.keys()].sort()).toEqual(['33', '64']);
    expect(figures.get('64')).toEqual(regionalAverages([schoolA, schoolB, schoolC], '64', options).figures);
    expect(referenceFigures(all, options.asOf, () => undefined).size).toBe(0);
  });

  it("gives a school its county and its pool's figures, and neither when it is unplaced, no figures when its pool has none", () => {
    const figures = referenceFigures(all, options.asOf, regionOf);
    const county = regionOf(schoolA.facts);
    expect(county).toBeDefined();
    expect(optionsFor(schoolA.facts, options.asOf, figures, regionOf)).toEqual({ asOf: options.asOf, regionCode: county, regionalAverages: figures.get('64') });
    expect(optionsFor(schoolA.facts, options.asOf, figures, () => undefined)).toEqual({ asOf: options.asOf });
    expect(optionsFor(schoolA.facts, options.asOf, new Map([['64', {}]]), regionOf)).toEqual({ asOf: options.asOf, regionCode: county });
  });

  it('repools: the first round places every school and re-evaluates the changed ones and every school of a pool whose figures moved', () => {
    const first = repool(all, options.asOf, regionOf, NO_POOLING, []);
    expect(Object.fromEntries(first.moved)).toEqual(Object.fromEntries(placed));
    // every school is in a new pool; 64's and 33's figures are new
    expect([...first.reevaluate].sort()).toEqual([A, B, C, Z].sort());
    const again = repool(all, options.asOf, regionOf, first, []);
    expect(again.moved.size).toBe(0);
    expect(again.reevaluate.size).toBe(0);
    expect(again.figures).toBe(first.figures);
  });

  it("repools: a change in one school of 宁夏 that moves 64's figures re-evaluates all of 宁夏, not 浙江", () => {
    const before = repool(all, options.asOf, regionOf, NO_POOLING, []);
    const busierA = facts(A, [
      space(A, 'A1'),
      space(A, 'A2'),
      points(A, 'A1', 3000),
      points(A, 'A2', 100),
      ...['A1', 'A2', 'A3', 'A4'].map((n) => teacher(A, n)),
      excellent(A, 'A1'),
    ]);
    const after = repool([busierA, schoolB.facts, schoolC.facts, schoolZ.facts], options.asOf, regionOf, before, [A]);
    expect(after.figures.get('64')).not.toEqual(before.figures.get('64'));
    expect([...after.reevaluate].sort()).toEqual([A, B, C].sort());
  });

  it("repools: a change that leaves the pool's figures as they were re-evaluates only that school", () => {
    const before = repool(all, options.asOf, regionOf, NO_POOLING, []);
    expect([...repool(all, options.asOf, regionOf, before, [C]).reevaluate]).toEqual([C]);
  });

  it('repools: a school the tree moves to another province compares anew, and both pools with it', () => {
    const before = repool(all, options.asOf, regionOf, NO_POOLING, []);
    const movedA = placedAs(new Map([...placed, [A, '330203']]));
    const after = repool(all, options.asOf, movedA, before, []);
    expect(Object.fromEntries(after.moved)).toEqual({ [A]: '330203' });
    expect([...after.reevaluate].sort()).toEqual([A, B, C, Z].sort());
  });
});
