import { ALL_EVENTS, eventRegistry } from './events';
import { DailyAttendanceRecordedV1, LearningSpaceOpenedV1, LessonTimetabledV1, ResourceUploadedV1 } from './events';
import { anEvent, hasSample } from './testing';
import type { Problem } from './validate';

const now = new Date('2026-09-07T00:30:00Z');
const validate = (raw: unknown) => eventRegistry.validate(raw, { now });
const problemsOf = (raw: unknown): Problem[] => {
  const r = validate(raw);
  if (r.ok) throw new Error('expected the event to be rejected');
  return r.problems;
};
const brief = (ps: Problem[]) => ps.map((p) => `${p.path} ${p.rule}`).sort();

describe('event validation', () => {
  it.each(ALL_EVENTS.map((d) => [d.type, d] as const))('accepts a valid %s', (_type, def) => {
    expect(hasSample(def)).toBe(true);
    const result = validate(anEvent(def));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('reports every problem of an event at once, envelope and data, with path, rule and value', () => {
    const event = anEvent(LessonTimetabledV1, { period: 0, mode: '网课' as never, date: '2026-02-30' }, { subject: '33020300', id: 'has space' });
    const problems = problemsOf(event);
    expect(brief(problems)).toEqual(['/data/date format', '/data/mode enum', '/data/period min', '/id format', '/subject format']);
    expect(problems.find((p) => p.path === '/data/mode')).toMatchObject({ value: '网课' });
    expect(problems.find((p) => p.path === '/subject')!.message).toContain('学校标识码');
  });

  it('names a missing field as required and an extra field as unknown', () => {
    const event = anEvent(LearningSpaceOpenedV1) as unknown as { data: Record<string, unknown> } & Record<string, unknown>;
    delete event.data['realName'];
    event.data['nickname'] = 'x';
    event['schoolcode'] = '3302030001';
    expect(brief(problemsOf(event))).toEqual(['/data/nickname unknown-field', '/data/realName required', '/schoolcode unknown-field']);
  });

  it('applies cross-field rules', () => {
    const bad = anEvent(DailyAttendanceRecordedV1, { expected: 40, present: 30, onLeave: 1, absent: 0, late: 31 });
    expect(brief(problemsOf(bad))).toEqual(['/data/expected sum', '/data/late max']);
    expect(brief(problemsOf(anEvent(DailyAttendanceRecordedV1, { classId: undefined })))).toEqual(['/data/classId required']);
    expect(brief(problemsOf(anEvent(ResourceUploadedV1, { kind: '课件' })))).toEqual(['/data/microLessonCount only-for-kind']);
  });

  it('tells an unknown version from an unknown type', () => {
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { type: 'cn.educube.timetabling.LessonTimetabled.v9' }))).toEqual([
      expect.objectContaining({ path: '/type', rule: 'known-version', message: expect.stringContaining('published: v1') }),
    ]);
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { type: 'cn.educube.grading.LessonTimetabled.v1' }))[0]!.message).toContain('did you mean cn.educube.timetabling.LessonTimetabled.v1');
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { type: 'com.example.Thing' }))[0]).toMatchObject({ path: '/type', rule: 'known-type' });
  });

  it('refuses an event time beyond the clock-skew tolerance, and accepts one within it', () => {
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { time: '2026-09-07T00:36:00Z' }))).toEqual([expect.objectContaining({ path: '/time', rule: 'not-in-future' })]);
    expect(validate(anEvent(LessonTimetabledV1, {}, { time: '2026-09-07T00:34:00Z' })).ok).toBe(true);
  });

  it.each([
    ['null', null, ''],
    ['an array', [1], ''],
    ['a string', 'event', ''],
  ])('refuses %s as an event', (_name, raw, path) => {
    expect(problemsOf(raw)).toEqual([expect.objectContaining({ path, rule: 'type' })]);
  });

  it('refuses a wrong spec version and bad timestamps', () => {
    const problems = problemsOf({ ...anEvent(LessonTimetabledV1), specversion: '0.3', time: '2026-09-07 08:00' });
    expect(brief(problems)).toEqual(['/specversion enum', '/time format']);
  });

  it('bounds over-long strings and echoes them back truncated', () => {
    const long = 'x'.repeat(10_000);
    const [problem] = problemsOf(anEvent(ResourceUploadedV1, { title: long }));
    expect(problem).toMatchObject({ path: '/data/title', rule: 'max' });
    expect(String(problem!.value).length).toBeLessThan(200);
  });

  it('returns the parsed event with defaults applied', () => {
    const event = anEvent(LessonTimetabledV1);
    delete (event.data as { partnerSchoolCodes?: unknown }).partnerSchoolCodes;
    const result = validate(event);
    expect(result.ok && (result.event.data as { partnerSchoolCodes: string[] }).partnerSchoolCodes).toEqual([]);
  });
});
