import { createHash } from 'node:crypto';
import { CATALOGS, STANDARD_IDS } from '@educube/assessment-catalog';
import { eventRegistry, LessonTimetabledV1, LessonTimetabledV2, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { eventStream, simulateProvince } from '@educube/simulator';
import { CLASSIFICATIONS } from './classification';
import { evaluateCatalog } from './evaluate';
import { applyAll, emptyFacts, evolveFacts } from './facts';

// LessonTimetabled v1 and v2 (issue 16): the facts upcast v1 on read, so formulas and evidence
// see one shape (`teachers`) whichever version a school system sent, and a replay from zero of
// a mixed stream gives the same evidence as the all-v2 stream.

const now = new Date('2031-01-01T00:00:00Z');
/** What a v2 producer sends for the lesson a v1 producer described (written out, not the upcaster). */
function asV2Producer(event: CloudEvent): CloudEvent {
  if (event.type !== LessonTimetabledV1.type) return event;
  const { teacher, ...rest } = event.data as Record<string, unknown>;
  const v2 = { ...event, type: LessonTimetabledV2.type, data: { ...rest, teachers: [teacher] } };
  const checked = eventRegistry.validate(v2, { now });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return v2;
}

const canonical = (v: unknown): string =>
  v === null || typeof v !== 'object'
    ? (JSON.stringify(v) ?? 'null')
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;
const sha256 = (v: unknown): string => createHash('sha256').update(canonical(v)).digest('hex');

describe('LessonTimetabled v1 and v2 in the assessment facts', () => {
  it('a v1 event and its v2 equivalent give the same fact record, in the v2 shape', () => {
    const v1 = anEvent(LessonTimetabledV1, { courseId: 'K-AI-1' });
    const v2 = asV2Producer(v1);
    const fromV1 = applyAll(emptyFacts(v1.subject), [v1]);
    const fromV2 = applyAll(emptyFacts(v1.subject), [v2]);
    expect(fromV1).toEqual(fromV2);
    const record = fromV1.records.get(v1.id);
    expect(record?.name).toBe('LessonTimetabled');
    expect(record?.data).toHaveProperty('teachers', [v1.data.teacher]);
    expect(record?.data).not.toHaveProperty('teacher');
    expect(evolveFacts(emptyFacts(v1.subject), v1)).toEqual(fromV2);
    // the same lesson sent as v1 and again as v2 under one id is one record, not a conflict
    expect(applyAll(emptyFacts(v1.subject), [v1, v2])).toEqual(fromV2);
    expect(evolveFacts(evolveFacts(emptyFacts(v1.subject), v2), v1)).toEqual(fromV2);
  });

  const province = simulateProvince({ seed: 1, schools: 3, teachersPerSchool: 30, studentsPerSchool: 300 });
  const school = province.schools[0];
  if (!school) throw new Error('the simulator made no school');
  // the simulator is an old producer: it sends LessonTimetabled v1
  const asSent = [...eventStream(province, { seed: 1, from: new Date('2026-09-01'), days: 30 })].filter((e) => e.subject === school.code);
  const options = { asOf: '2026-09-30', creationStart: '2026-09-01' };
  const evidenceOf = (events: readonly CloudEvent[]) => {
    const facts = applyAll(emptyFacts(school.code), events);
    return {
      facts: [...facts.records.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      conflicts: facts.conflicts,
      evidence: STANDARD_IDS.map((s) => [s, evaluateCatalog(CATALOGS[s], CLASSIFICATIONS[s], facts, options)]),
    };
  };

  it('replays a mixed v1/v2 stream from zero to the same facts and evidence as the all-v2 stream (checksum)', () => {
    const lessons = asSent.filter((e) => e.type === LessonTimetabledV1.type).length;
    expect(lessons).toBeGreaterThan(10);
    const allV2 = asSent.map(asV2Producer);
    let n = 0;
    const mixed = asSent.map((e) => (e.type === LessonTimetabledV1.type && n++ % 2 === 1 ? asV2Producer(e) : e));
    expect(mixed.filter((e) => e.type === LessonTimetabledV1.type).length).toBe(Math.ceil(lessons / 2));
    expect(mixed.filter((e) => e.type === LessonTimetabledV2.type).length).toBe(Math.floor(lessons / 2));

    const v2Sum = sha256(evidenceOf(allV2));
    const mixedSum = sha256(evidenceOf(mixed));
    process.stdout.write(
      `assessment facts + evidence (${asSent.length} events, ${lessons} LessonTimetabled), replay from zero: all-v2 ${v2Sum}\nassessment facts + evidence, replay from zero: mixed  ${mixedSum}\n`,
    );
    expect(mixedSum).toBe(v2Sum);
    expect(sha256(evidenceOf(asSent))).toBe(v2Sum);
    expect(sha256(evidenceOf([...mixed].reverse()))).toBe(v2Sum);
    // the lesson items see the lessons: at least one check counted LessonTimetabled records
    expect(
      evidenceOf(mixed)
        .facts.filter((r) => r.name === 'LessonTimetabled')
        .every((r) => Array.isArray(r.data['teachers']) && !('teacher' in r.data)),
    ).toBe(true);
  });
});
