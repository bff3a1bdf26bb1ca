import { ALL_EVENTS, eventRegistry } from './events';
import {
  ActivityHeldV1,
  AwardReceivedV1,
  DailyAttendanceRecordedV1,
  GatePassesSummarizedV1,
  InformationSystemRegisteredV1,
  LearningActivitySummarizedV1,
  LearningSpaceOpenedV1,
  LessonDeliveredV1,
  LessonTimetabledV1,
  ResearchActivityHeldV1,
  ResourceUploadedV1,
  RoleAssignedV1,
  SchoolCalendarPublishedV1,
  SchoolRegisteredV1,
  StudentEnrolledV1,
  TeacherRecordAddedV1,
} from './events';
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

  it('carries W3C trace context: traceparent and tracestate, each checked for its format', () => {
    const traced = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE,vendor@tenant=00f067aa0ba902b7' };
    expect(validate(anEvent(LessonTimetabledV1, {}, traced)).ok).toBe(true);
    const tooMany = Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',');
    for (const tracestate of ['Upper=x', 'a=,b=c', 'a=b,', tooMany]) {
      expect(brief(problemsOf(anEvent(LessonTimetabledV1, {}, { ...traced, tracestate })))).toEqual(['/tracestate format']);
    }
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
    expect(brief(problemsOf(anEvent(ResourceUploadedV1, { kind: '课件' })))).toEqual(['/data/components only-for-kind', '/data/lessonCount only-for-kind']);
  });

  it("reports a field's own problem, not cross-field rules built on it", () => {
    expect(brief(problemsOf(anEvent(LessonTimetabledV1, { period: 99 })))).toEqual(['/data/period max']);
    expect(brief(problemsOf(anEvent(LessonTimetabledV1, { period: 16, periods: 2 })))).toEqual(['/data/periods max']);
    const calendar = anEvent(SchoolCalendarPublishedV1, {
      semesters: [{ semester: '第一学期', startsOn: '2026-09-01', endsOn: '2026-10-01', teachingWeeks: 40 }],
    });
    expect(brief(problemsOf(calendar))).toEqual(['/data/semesters/0/teachingWeeks max']);
  });

  it('ties a named platform to its level and its modules', () => {
    const wrongLevel = problemsOf(anEvent(LearningSpaceOpenedV1, { platform: '之江汇', platformLevel: 'city' }));
    expect(wrongLevel).toEqual([
      expect.objectContaining({ path: '/data/platformLevel', rule: 'platform-level', value: 'city', message: expect.stringContaining('province') }),
    ]);
    expect(brief(problemsOf(anEvent(ResourceUploadedV1, { platform: '宁夏教育云', platformLevel: 'province', platformModule: '同步课程' })))).toEqual([
      '/data/platformModule platform-module',
    ]);
    expect(brief(problemsOf(anEvent(LessonDeliveredV1, { platform: undefined })))).toEqual(['/data/platform required']);
    expect(validate(anEvent(ResourceUploadedV1, { platform: '其他', platformLevel: 'county', platformModule: undefined })).ok).toBe(true);
  });

  it('requires partner schools for remote lessons and refuses them for plain ones', () => {
    expect(brief(problemsOf(anEvent(LessonTimetabledV1, { mode: '名校网络课堂', partnerSchoolCodes: [] })))).toEqual([
      '/data/partnerSchoolCodes required-for-kind',
    ]);
    expect(brief(problemsOf(anEvent(LessonTimetabledV1, { mode: '线下' })))).toEqual(['/data/partnerSchoolCodes only-for-kind']);
    expect(validate(anEvent(LessonTimetabledV1, { mode: '线下', partnerSchoolCodes: [] })).ok).toBe(true);
    expect(brief(problemsOf(anEvent(LessonDeliveredV1, { lessonKind: '常规课' })))).toEqual(['/data/openLessonLevel only-for-kind']);
  });

  it('keeps grades inside their stage and school types with their stages', () => {
    expect(brief(problemsOf(anEvent(StudentEnrolledV1, { stage: '初中', grade: 3 })))).toEqual(['/data/grade grade-in-stage']);
    expect(problemsOf(anEvent(SchoolRegisteredV1, { schoolType: '完中', stages: ['初中'] }))).toEqual([
      expect.objectContaining({ path: '/data/stages', rule: 'stages-of-school-type', message: expect.stringContaining('高中') }),
    ]);
  });

  it('keeps semesters inside their school year', () => {
    const calendar = anEvent(SchoolCalendarPublishedV1, {
      schoolYear: '2026-2027',
      semesters: [{ semester: '第一学期', startsOn: '2026-08-20', endsOn: '2026-09-30', teachingWeeks: 9 }],
    });
    expect(brief(problemsOf(calendar))).toEqual(['/data/semesters/0/startsOn within-school-year', '/data/semesters/0/teachingWeeks max']);
    expect(brief(problemsOf(anEvent(SchoolCalendarPublishedV1, { schoolYear: '2026-2028' })))).toEqual(['/data/schoolYear school-year']);
  });

  it('checks the conditions of research, awards, roles and records', () => {
    expect(brief(problemsOf(anEvent(ResearchActivityHeldV1, { kind: '同步备课', synchronous: false })))).toEqual(['/data/synchronous consistent']);
    expect(brief(problemsOf(anEvent(ResearchActivityHeldV1, { mode: '线下' })))).toEqual(['/data/mode consistent']);
    expect(brief(problemsOf(anEvent(AwardReceivedV1, { recipients: [] })))).toEqual(['/data/recipients required-for-kind']);
    expect(brief(problemsOf(anEvent(AwardReceivedV1, { recipientKind: 'school' })))).toEqual(['/data/recipients only-for-kind']);
    expect(brief(problemsOf(anEvent(RoleAssignedV1, { role: '学科融合负责人' })))).toEqual(['/data/subject required-for-kind']);
    expect(brief(problemsOf(anEvent(RoleAssignedV1, { role: '网管' })))).toEqual(['/data/fullTime required-for-kind']);
    expect(brief(problemsOf(anEvent(TeacherRecordAddedV1, { result: undefined, round: undefined })))).toEqual([
      '/data/result required-for-kind',
      '/data/round required-for-kind',
    ]);
    expect(brief(problemsOf(anEvent(ActivityHeldV1, { kind: '观摩学习接待' })))).toEqual(['/data/visitorRegionCodes required-for-kind']);
    expect(brief(problemsOf(anEvent(LearningActivitySummarizedV1, { activities: [{ kind: '任务布置', count: 1 }], onMobile: 0, teacherGuided: 0 })))).toEqual([
      '/data/activities/0/kind kind-for-role',
    ]);
  });

  it('bounds counts by the counts they are part of, and reports duplicates', () => {
    const gate = anEvent(GatePassesSummarizedV1, {
      passes: [
        { method: '刷卡', count: 10 },
        { method: '刷卡', count: 5 },
      ],
      visitors: 0,
      temperatureChecks: 20,
      temperatureAbnormal: 21,
    });
    expect(brief(problemsOf(gate))).toEqual(['/data/passes/1 unique', '/data/temperatureAbnormal max', '/data/temperatureChecks max']);
    expect(brief(problemsOf(anEvent(InformationSystemRegisteredV1, { backupPowerHours: 4 })))).toEqual(['/data/backupPowerHours only-for-kind']);
  });

  it('tells an unknown version from an unknown type', () => {
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { type: 'cn.educube.timetabling.LessonTimetabled.v9' }))).toEqual([
      expect.objectContaining({ path: '/type', rule: 'known-version', message: expect.stringContaining('published: v1') }),
    ]);
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { type: 'cn.educube.grading.LessonTimetabled.v1' }))[0]!.message).toContain(
      'did you mean cn.educube.timetabling.LessonTimetabled.v1',
    );
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { type: 'com.example.Thing' }))[0]).toMatchObject({ path: '/type', rule: 'known-type' });
  });

  it('refuses an event time beyond the clock-skew tolerance, and accepts one within it', () => {
    expect(problemsOf(anEvent(LessonTimetabledV1, {}, { time: '2026-09-07T00:36:00Z' }))).toEqual([
      expect.objectContaining({ path: '/time', rule: 'not-in-future' }),
    ]);
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
    const [problem] = problemsOf(anEvent(InformationSystemRegisteredV1, { name: long }));
    expect(problem).toMatchObject({ path: '/data/name', rule: 'max' });
    expect(String(problem!.value).length).toBeLessThan(200);
  });

  it('returns the parsed event with defaults applied', () => {
    const event = anEvent(LessonTimetabledV1, { mode: '线下' });
    delete (event.data as { partnerSchoolCodes?: unknown }).partnerSchoolCodes;
    const result = validate(event);
    expect(result.ok && (result.event.data as { partnerSchoolCodes: string[] }).partnerSchoolCodes).toEqual([]);
  });

  describe('the envelope as every CloudEvents binding carries it (issue 16)', () => {
    const ok = (raw: unknown) => {
      const r = validate(raw);
      if (!r.ok) throw new Error(`expected the event to be accepted: ${JSON.stringify(r.problems)}`);
      return r.event;
    };

    it('accepts a JSON datacontenttype with parameters, and stores none (JSON is the default)', () => {
      const plain = anEvent(LessonTimetabledV1);
      for (const datacontenttype of ['application/json', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"']) {
        const event = ok({ ...plain, datacontenttype });
        expect(event).toEqual(ok(plain));
        expect('datacontenttype' in event).toBe(false);
      }
    });

    it('refuses a datacontenttype that is not JSON in UTF-8', () => {
      for (const datacontenttype of [
        'text/plain',
        'application/json; charset=gbk',
        'application/jsonx',
        'application/xml; charset=utf-8',
        'application/json; charset="utf-8',
        'Application/JSON',
      ]) {
        expect(brief(problemsOf({ ...anEvent(LessonTimetabledV1), datacontenttype }))).toEqual(['/datacontenttype format']);
      }
    });

    it('accepts the partitionkey extension when it is the school, and stores none (it is the subject)', () => {
      const plain = anEvent(LessonTimetabledV1, {}, { subject: '3302030009' });
      const event = ok({ ...plain, partitionkey: '3302030009' });
      expect(event).toEqual(ok(plain));
      expect('partitionkey' in event).toBe(false);
    });

    it('refuses a partitionkey other than the school, naming the attribute', () => {
      const problems = problemsOf({ ...anEvent(LessonTimetabledV1, {}, { subject: '3302030009' }), partitionkey: '3302030001' });
      expect(problems).toEqual([
        { path: '/partitionkey', rule: 'partitionkey-is-school', message: expect.stringContaining('3302030009'), value: '3302030001' },
      ]);
      expect(brief(problemsOf({ ...anEvent(LessonTimetabledV1), partitionkey: '' }))).toEqual(['/partitionkey min']);
    });
  });
});
