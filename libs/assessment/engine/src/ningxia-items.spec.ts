import { type CloudEvent } from '@educube/contracts';
import * as E from '@educube/contracts';
import { type EvaluationOptions, type Evidence } from './evaluate';
import { type SchoolFacts } from './facts';
import { schoolKit } from './testing/school';

// Ningxia items read from the words of 宁夏中小学“互联网+教育”智慧校园认定标准 (附件1 of
// 002_0941ca4fe4a28e7e.txt). Hand-computed cases; every event is contract-valid first.

const SCHOOL = '6401040001';
// contract-valid events of this school, as the hub stores them (testing/school.ts)
const kit = schoolKit(SCHOOL, 'nx');
const { ev } = kit;
const facts = (events: CloudEvent[]): SchoolFacts => kit.facts(events);
const evaluate = (id: string, f: SchoolFacts, options: EvaluationOptions): Evidence => kit.evaluate('ningxia', id, f, options);

describe('Ningxia 64: 教育信息化工作受到教育部、自治区党委和政府表彰加10分 — and 61: 受到自治区教育厅、地级市党委和政府表彰加1分', () => {
  // AwardReceived carries the issuing body as awardingBody + level: 教育部 = 教育部门 at national,
  // 自治区党委和政府 = 党委和政府 at province, 自治区教育厅 = 教育部门 at province.
  const commendation = (awardingBody: '教育部门' | '党委和政府', level: 'city' | 'province' | 'national') =>
    ev(E.AwardReceivedV1, {
      awardId: `AW-${awardingBody}-${level}`,
      recipientKind: 'school',
      recipients: [],
      category: '表彰',
      level,
      awardingBody,
      awardedOn: '2026-11-01',
      certificateId: `C-${level}`,
    });
  const options = { asOf: '2027-03-01' };

  it("a commendation by the 自治区教育厅 (教育部门, province) is 61's 1 point, not 64's 10", () => {
    const f = facts([commendation('教育部门', 'province')]);
    expect(evaluate('64', f, options)).toMatchObject({ value: 0, met: false, points: 0 });
    expect(evaluate('61', f, options)).toMatchObject({ met: true, points: 1 });
  });

  it("a commendation by a 地级市党委和政府 (党委和政府, city) is 61's, not 64's", () => {
    const f = facts([commendation('党委和政府', 'city')]);
    expect(evaluate('64', f, options)).toMatchObject({ met: false, points: 0 });
    expect(evaluate('61', f, options)).toMatchObject({ met: true, points: 1 });
  });

  it('a commendation by the 教育部 (教育部门, national) meets 64: 示范成果 = 10', () => {
    expect(evaluate('64', facts([commendation('教育部门', 'national')]), options)).toMatchObject({ value: 1, met: true, points: 10 });
  });

  it('a commendation by the 自治区党委和政府 (党委和政府, province) meets 64', () => {
    expect(evaluate('64', facts([commendation('党委和政府', 'province')]), options)).toMatchObject({ value: 1, met: true, points: 10 });
  });
});

describe('Ningxia ★25: 平均开课率不低于5课时/周 — the average over the teaching weeks elapsed so far', () => {
  // 30 三个课堂 periods delivered in the first 5 weeks (2026-09-01 … 2026-10-05, 35 days).
  const lessons = Array.from({ length: 15 }, (_, i) =>
    ev(E.LessonDeliveredV1, {
      lessonId: `L-${i}`,
      deliveredOn: `2026-09-${String(2 + i * 2).padStart(2, '0')}`,
      periods: 2,
      mode: '专递课堂',
      partnerSchoolCodes: ['6401040002'],
    }),
  );
  const calendar = ev(E.SchoolCalendarPublishedV1, {
    schoolYear: '2026-2027',
    semesters: [
      { semester: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-22', teachingWeeks: 20 },
      { semester: '第二学期', startsOn: '2027-02-22', endsOn: '2027-07-02', teachingWeeks: 19 },
    ],
  });
  const periodsPerWeek = (e: Evidence) => e.checks.find((c) => c.label === 'periods per week');

  it('with a published calendar of 20 teaching weeks: 30 periods ÷ 5 weeks elapsed = 6 ≥ 5, met (not 30 ÷ 20 = 1.5)', () => {
    const e = evaluate('25', facts([calendar, ...lessons]), { asOf: '2026-10-05' });
    expect(periodsPerWeek(e)).toMatchObject({ value: 6, threshold: 5, met: true, window: { kind: 'semester', from: '2026-09-01', to: '2026-10-05' } });
    expect(e.points).toBe(3);
  });

  it('without a calendar (1 Sep – end of Feb): the same 30 periods over the 5 weeks elapsed = 6, met', () => {
    const e = evaluate('25', facts(lessons), { asOf: '2026-10-05' });
    expect(periodsPerWeek(e)).toMatchObject({ value: 6, met: true, window: { from: '2026-09-01', to: '2026-10-05' } });
  });

  it("once the semester is over, the calendar's 20 teaching weeks are the denominator: 30 ÷ 20 = 1.5, not met", () => {
    const e = evaluate('25', facts([calendar, ...lessons]), { asOf: '2027-02-01' });
    expect(periodsPerWeek(e)).toMatchObject({ value: 1.5, met: false, window: { from: '2026-09-01', to: '2027-01-22' } });
  });

  it('never more weeks than the calendar has: 100 periods by 2027-01-20 (20 whole weeks elapsed of 20) is 5 per week', () => {
    const more = Array.from({ length: 50 }, (_, i) =>
      ev(E.LessonDeliveredV1, { lessonId: `M-${i}`, deliveredOn: '2026-12-01', periods: 2, mode: '名师课堂', partnerSchoolCodes: ['6401040003'] }),
    );
    const e = evaluate('25', facts([calendar, ...more]), { asOf: '2027-01-20' });
    expect(periodsPerWeek(e)).toMatchObject({ value: 5, met: true });
  });
});

describe('Ningxia 17: 每学年以学科组为单位为学生提供的知识点微课不低于本学年所任学科知识点的1/4 — per subject taught', () => {
  const person = (localId: string) => ({ system: 'identity', localId });
  const teacher = (localId: string, subjects: string[]) =>
    ev(E.TeacherAssignedV1, { teacher: person(localId), post: '专任教师', stages: ['小学'], subjects, assignedOn: '2026-09-01' });
  const points = (subject: string, knowledgePoints: number, schoolYear = '2026-2027') =>
    ev(E.SubjectKnowledgePointsReportedV1, { schoolYear, subject, grades: [3, 4], knowledgePoints, source: '教材目录' });
  let kpSeq = 0;
  /** One 微课 for students on 宁夏教育云 云上学校 covering the given knowledge points. */
  const micro = (subject: string, kps: string[], extra: Record<string, unknown> = {}) => {
    kpSeq += 1;
    return ev(E.ResourceUploadedV1, {
      resourceId: `MK-${kpSeq}`,
      kind: '微课',
      subject,
      knowledgePoints: kps,
      lessonCount: undefined,
      components: ['视频'],
      audience: 'student',
      platform: '宁夏教育云',
      platformLevel: 'province',
      platformModule: '云上学校',
      uploadedAt: '2026-11-02T10:00:00+08:00',
      ...extra,
    });
  };
  const kps = (subject: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `KP-${subject}-${from + i}`);
  // 数学: 120 knowledge points → ¼ = 30; 语文: 80 → ¼ = 20.
  const base = [
    teacher('T1', ['数学']),
    teacher('T2', ['语文']),
    points('数学', 120),
    points('语文', 80),
    micro('数学', kps('数学', 1, 20)),
    micro('数学', kps('数学', 15, 16)),
  ];
  const options = { asOf: '2027-06-30' };
  const check = (e: Evidence) => e.checks[0];

  it('数学 30 of 120 (¼) and 语文 20 of 80 (¼): every subject taught reaches ¼, met, 3 points', () => {
    // 数学: KP 1–20 and 15–30 overlap on 15–20: 30 distinct.
    const e = evaluate('17', facts([...base, micro('语文', kps('语文', 1, 20))]), options);
    expect(check(e)).toMatchObject({ value: 1, threshold: 1, met: true, window: { kind: 'schoolYear', from: '2026-09-01', to: '2027-06-30' } });
    expect(e.points).toBe(3);
  });

  it('语文 at 19 of 80 (< ¼): one of the two subjects taught falls short, 0.5, not met', () => {
    const e = evaluate('17', facts([...base, micro('语文', kps('语文', 1, 19))]), options);
    expect(check(e)).toMatchObject({ value: 0.5, met: false });
    expect(e.points).toBe(0);
  });

  it('a subject taught without its knowledge points for the school year cannot reach ¼: not met', () => {
    const e = evaluate('17', facts([...base, micro('语文', kps('语文', 1, 20)), teacher('T3', ['英语']), micro('英语', kps('英语', 1, 50))]), options);
    expect(check(e)).toMatchObject({ value: 2 / 3, met: false });
  });

  it("counts only 微课 for students on 云上学校/机构空间 uploaded in the school year, against that year's report (the latest one)", () => {
    const e = evaluate(
      '17',
      facts([
        ...base,
        micro('语文', kps('语文', 1, 10)),
        micro('语文', kps('语文', 11, 10), { platformModule: '学校空间' }), // not 云上学校/机构空间
        micro('语文', kps('语文', 21, 10), { uploadedAt: '2026-08-31T10:00:00+08:00' }), // the previous school year
        micro('语文', kps('语文', 31, 10), { audience: 'teacher' }), // not 为学生提供
        points('语文', 10, '2025-2026'), // the previous school year's figure does not count
      ]),
      options,
    );
    expect(check(e)).toMatchObject({ value: 0.5, met: false });
    // A corrected report for 2026-2027 (40 points: ¼ = 10) replaces the earlier 80.
    const corrected = { ...points('语文', 40), time: '2026-10-01T08:00:00+08:00' } as CloudEvent;
    expect(check(evaluate('17', facts([...base, micro('语文', kps('语文', 1, 10)), corrected]), options))).toMatchObject({ value: 1, met: true });
  });
});
