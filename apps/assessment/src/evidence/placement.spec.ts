import { directoryFrom, directorySchool } from '@educube/identity-client/testing';
import { eventStream, simulateProvince } from '@educube/simulator';
import { applyAll, emptyFacts, optionsFor, placedBy, referenceFigures } from '@educube/assessment-engine';
import { computeEvidence } from './evidence-rules';

// Ningxia 23 and 48 compare a school with 全区平均水平, pooled over the schools of its
// province-level region. Where a school sits is identity's to say: its registration reaches the
// feed only over Kafka, so without Kafka (the embedded default) the feed places no school.
const province = simulateProvince({ seed: 11, schools: 3, teachersPerSchool: 12, studentsPerSchool: 120 });
const asOf = '2026-09-30';
const stream = [...eventStream(province, { seed: 11, from: new Date('2026-09-01'), days: 30 })];
const isRegistration = (e: { type: string }) => e.type.includes('.SchoolRegistered.');
const unregistered = stream.filter((e) => !isRegistration(e));
const factsOf = (school: string) =>
  applyAll(
    emptyFacts(school),
    unregistered.filter((e) => e.subject === school),
  );
const all = province.schools.map((s) => factsOf(s.code));
const tree = directoryFrom({ asOf, regions: [], schools: province.schools.map((s) => directorySchool(s.code, s.regionCode)) });
// item 48 (优秀率 against the region's): the simulated month gives it a denominator in every school
const item48 = (facts: (typeof all)[number], figures: ReturnType<typeof referenceFigures>, regionOf?: Parameters<typeof optionsFor>[3]) =>
  computeEvidence(facts, optionsFor(facts, asOf, figures, regionOf), ['ningxia']).find((r) => r.evidence.itemId === '48')!.evidence;

describe('where schools sit for the 全区 averages (Ningxia 23, 48)', () => {
  it('without registrations in the feed, the feed alone places no school: no average, and item 48 says its reference figure was not supplied', async () => {
    expect(referenceFigures(all, asOf).size).toBe(0);
    expect(JSON.stringify(item48(all[0]!, referenceFigures(all, asOf)))).toContain('reference figure ningxia.literacyExcellentShare not supplied');
  });

  it('identity’s tree places them: the province’s average is pooled and item 48 is compared with it', async () => {
    const regionOf = placedBy(await tree.on(asOf));
    const figures = referenceFigures(all, asOf, regionOf);
    const prefix = province.schools[0]!.regionCode.slice(0, 2);
    expect(Object.keys(figures.get(prefix) ?? {})).toContain('ningxia.literacyExcellentShare');
    expect(JSON.stringify(item48(all[0]!, figures, regionOf))).not.toContain('not supplied');
  });

  it('the tree wins over a registration the feed carries; a school the tree lacks keeps its registration', async () => {
    const school = stream.find(isRegistration)!.subject as string;
    const registered = applyAll(
      emptyFacts(school),
      stream.filter((e) => e.subject === school),
    );
    const own = province.schools.find((s) => s.code === school)!.regionCode;
    expect(placedBy(await directoryFrom({ asOf, regions: [], schools: [directorySchool(school, '640104')] }).on(asOf))(registered)).toBe('640104');
    expect(placedBy(await directoryFrom({ asOf, regions: [], schools: [] }).on(asOf))(registered)).toBe(own);
    expect(placedBy(undefined)(factsOf(school))).toBeUndefined();
  });
});
