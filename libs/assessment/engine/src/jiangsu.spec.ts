import { type CloudEvent } from '@educube/contracts';
import * as E from '@educube/contracts';
import { type SchoolFacts } from './facts';
import { type EvaluationOptions, type Evidence } from './evaluate';
import { person, schoolKit } from './testing/school';

// Jiangsu items read against their wording (江苏省中小学智慧校园建设指标体系), each case computed by hand.

const SCHOOL = '3201020001';
// contract-valid events of this school, as the hub stores them (testing/school.ts)
const kit = schoolKit(SCHOOL, 'j');
const { ev } = kit;
const facts = (events: CloudEvent[]): SchoolFacts => kit.facts(events);
const evaluate = (id: string, f: SchoolFacts, options: EvaluationOptions): Evidence => kit.evaluate('jiangsu', id, f, options);

describe('Jiangsu 四(一)1 "利用信息化平台进行备课，课时数占总课时数的90%以上": prepared periods, not preparation records', () => {
  // The fall semester (no published calendar: 1 Sep – end of Feb), assessed on 31 Dec.
  const options = { asOf: '2026-12-31' };
  const T = person('T1');
  const lesson = (n: number, date: string, periods = 1) => [
    ev(E.LessonTimetabledV1, {
      lessonId: `L${n}`,
      date,
      period: 1,
      periods,
      stage: '初中',
      classId: 'C-1',
      subject: '数学',
      teacher: T,
      mode: '线下',
      partnerSchoolCodes: [],
    }),
    ev(E.LessonDeliveredV1, {
      lessonId: `L${n}`,
      deliveredOn: date,
      periods,
      stage: '初中',
      subject: '数学',
      classIds: ['C-1'],
      teachers: [T],
      mode: '线下',
      partnerSchoolCodes: [],
      ictEnvironment: true,
    }),
  ];
  const prepared = (n: number, lessonIds: string[], preparedOn = '2026-10-01') =>
    ev(E.LessonPreparedV1, { prepId: `PR-${n}`, teacher: T, stage: '初中', subject: '数学', lessonIds, platform: '其他', platformLevel: 'school', preparedOn });
  // Ten single-period lessons L1–L10 in October: 总课时数 = 10.
  const ten = Array.from({ length: 10 }, (_, i) => lesson(i + 1, `2026-10-${String(i + 10).padStart(2, '0')}`)).flat();

  it('one preparation covering 3 periods counts 3: 3 + 6 = 9 of 10 periods is 90 %, met', () => {
    // Before: 2 preparation records ÷ 10 periods = 20 %, not met.
    const e = evaluate('四(一)1', facts([...ten, prepared(1, ['L1', 'L2', 'L3']), prepared(2, ['L4', 'L5', 'L6', 'L7', 'L8', 'L9'])]), options);
    expect(e).toMatchObject({ value: 0.9, threshold: 0.9, met: true, window: { kind: 'semester', from: '2026-09-01', to: '2026-12-31' } });
  });

  it('a double lesson counts its 2 课时, and a lesson prepared twice counts once', () => {
    // L11 is a double lesson: 总课时数 = 10 + 2 = 12. Prepared: L1–L8 (8) and L11 (2) = 10 periods, L1 again adds nothing.
    // 10 ÷ 12 ≈ 83 %, not met. Before: 3 records ÷ 12 periods = 25 %.
    const events = [
      ...ten,
      ...lesson(11, '2026-11-02', 2),
      prepared(1, ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8']),
      prepared(2, ['L11']),
      prepared(3, ['L1']),
    ];
    expect(evaluate('四(一)1', facts(events), options)).toMatchObject({ value: 10 / 12, met: false });
    // Preparing L9 and L10 too: 12 ÷ 12 = 100 %.
    expect(evaluate('四(一)1', facts([...events, prepared(4, ['L9', 'L10'])]), options)).toMatchObject({ value: 1, met: true });
  });

  it('a preparation made before the semester for a lesson in it counts; a cancelled lesson is in neither count', () => {
    // L1–L9 prepared on 28 August (before the semester opens on 1 September), L10 cancelled:
    // 9 of 9 periods. Before: 0 records in the semester ÷ 9 delivered periods = 0 %.
    const f = facts([
      ...ten.filter((e) => !(e.type.includes('LessonDelivered') && (e.data as { lessonId: string }).lessonId === 'L10')),
      ev(E.LessonCancelledV1, { lessonId: 'L10', reason: '调课' }),
      prepared(1, ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9'], '2026-08-28'),
    ]);
    expect(evaluate('四(一)1', f, options)).toMatchObject({ value: 1, met: true });
  });
});

describe('Jiangsu 一(三)1 "每个教室配备交互式多媒体教学设备。高中配备电子班牌、选课系统": the 高中 boards are those of 高中 classes', () => {
  // A 完中 school: 2 初中 and 2 高中 classes, every class room with an interactive panel, boards in the 高中 rooms only.
  // Before: boards ÷ all classes = 2 ÷ 4 = 50 %, not met. After: boards ÷ 高中 classes = 2 ÷ 2 = 100 %, met.
  const cls = (id: string, stage: '初中' | '高中', grade: number) =>
    ev(E.ClassOpenedV1, { classId: id, classKind: '行政班', stage, grade, homeRoomId: `R-${id}`, openedOn: '2026-09-01' });
  const device = (id: string, room: string, deviceType: '交互式多媒体教学设备' | '电子班牌') =>
    ev(E.DeviceRegisteredV1, { assetId: id, deviceType, ownerRole: 'shared', roomId: room, stages: [], capabilities: [], status: '在用' });
  const f = facts([
    ev(E.SchoolRegisteredV1, { schoolType: '完中', stages: ['初中', '高中'], registeredOn: '2020-09-01' }),
    cls('J1', '初中', 7),
    cls('J2', '初中', 8),
    cls('S1', '高中', 10),
    cls('S2', '高中', 11),
    ...['J1', 'J2', 'S1', 'S2'].map((c) => device(`IP-${c}`, `R-${c}`, '交互式多媒体教学设备')),
    device('B-S1', 'R-S1', '电子班牌'),
    device('B-S2', 'R-S2', '电子班牌'),
    ev(E.CourseSelectionClosedV1, {
      roundId: 'CS-1',
      schoolYear: '2026-2027',
      semester: '第一学期',
      stage: '高中',
      courses: [{ courseId: 'K-1', students: 40 }],
      closedOn: '2026-09-20',
    }),
  ]);

  it('2 of 2 高中 classes with a board is 100 %: met', () => {
    const e = evaluate('一(三)1', f, { asOf: '2026-10-01' });
    expect(e.checks.find((c) => c.label === '高中 boards')?.byStage).toEqual([{ stage: '高中', value: 1, threshold: 1, met: true }]);
    expect(e.met).toBe(true);
  });
});

describe('Jiangsu 二(一)1 "配备能满足各学科教学需要的数字化资源并及时更新": every subject taught, not a count of subjects', () => {
  // Offered: 语文, 数学, 英语. Uploaded this school year: 语文, 数学 and 书法 (not taught).
  // Before: 3 subjects with resources ÷ 3 taught = 100 %, met. After: 2 of the 3 taught subjects ≈ 67 %, not met.
  const offered = (subject: string) =>
    ev(E.CourseOfferedV1, {
      courseId: `K-${subject}`,
      title: subject,
      kind: '国家课程',
      courseType: '基础型',
      category: undefined,
      topics: [],
      subject,
      stage: '初中',
      grades: [7],
      schoolYear: '2026-2027',
      semester: undefined,
      plannedPeriods: 120,
    });
  const upload = (n: number, subject: string) =>
    ev(E.ResourceUploadedV1, {
      resourceId: `RS-${n}`,
      kind: '课件',
      uploaderRole: 'teacher',
      subject,
      components: [],
      lessonCount: undefined,
      problemSolvingGuidance: undefined,
      uploadedAt: '2026-10-01T10:00:00+08:00',
    });
  const base = [offered('语文'), offered('数学'), offered('英语'), upload(1, '语文'), upload(2, '数学'), upload(3, '书法')];

  it('a resource for a subject not taught does not stand in for 英语', () => {
    expect(evaluate('二(一)1', facts(base), { asOf: '2026-12-01' })).toMatchObject({ value: 2 / 3, met: false });
    expect(evaluate('二(一)1', facts([...base, upload(4, '英语')]), { asOf: '2026-12-01' })).toMatchObject({ value: 1, met: true });
  });
});

describe('Jiangsu 三(一)3 "近两年有学生参加县级以上教育部门组织的相关竞赛并获奖": related (digital-work, IT) competitions', () => {
  // Before: any student award from 教育部门 at 县级+ counted; a 表彰 met the item. After: only 数字作品竞赛 / 信息技术应用类竞赛.
  const award = (n: number, category: '表彰' | '数字作品竞赛') =>
    ev(E.AwardReceivedV1, {
      awardId: `AW-${n}`,
      recipientKind: 'student',
      recipients: [person(`S${n}`)],
      category,
      topics: [],
      level: 'county',
      awardingBody: '教育部门',
      awardedOn: '2026-05-01',
      certificateId: `C-${n}`,
    });

  it('a 表彰 is not a related competition; a county 数字作品竞赛 award is', () => {
    expect(evaluate('三(一)3', facts([award(1, '表彰')]), { asOf: '2026-12-01' }).met).toBe(false);
    expect(evaluate('三(一)3', facts([award(1, '表彰'), award(2, '数字作品竞赛')]), { asOf: '2026-12-01' })).toMatchObject({ value: 1, met: true });
  });
});

describe('Jiangsu 三(二)3 "近两年有省级以上信息技术教育教学应用论文、课题等研究成果或参加市级以上信息化相关竞赛并获奖"', () => {
  // A provincial paper on 家庭教育 and a city 课堂教学评比 award: neither is about IT. Before: 2 results, met. After: 0, not met.
  const paper = ev(E.ArticlePublishedV1, {
    articleId: 'ART-1',
    kind: '论文',
    venueKind: '学术期刊',
    level: 'province',
    topics: ['家庭教育'],
    authors: [person('T1')],
    publishedOn: '2026-03-01',
    publicationRef: 'CN32-1000/G4 2026(3)',
  });
  const award = (n: number, category: '课堂教学评比' | '信息化教学比赛') =>
    ev(E.AwardReceivedV1, {
      awardId: `AW-${n}`,
      recipientKind: 'teacher',
      recipients: [person('T1')],
      category,
      topics: [],
      level: 'city',
      awardingBody: '教育部门',
      awardedOn: '2026-04-01',
      certificateId: `C-${n}`,
    });

  it('counts IT papers and projects and 信息化 competitions only', () => {
    expect(evaluate('三(二)3', facts([paper, award(1, '课堂教学评比')]), { asOf: '2026-12-01' })).toMatchObject({ value: 0, met: false });
    expect(evaluate('三(二)3', facts([paper, award(1, '课堂教学评比'), award(2, '信息化教学比赛')]), { asOf: '2026-12-01' })).toMatchObject({
      value: 1,
      met: true,
    });
  });
});

describe('Jiangsu 五(一)1 "成立以校长为组长的信息化工作领导小组，每学期专题研究信息化工作"', () => {
  const principal = ev(E.RoleAssignedV1, { person: person('P1'), role: '校长', assignedOn: '2020-09-01' });
  const group = (leader: string) =>
    ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-1', kind: '信息化工作领导小组', leader: person(leader), members: [], establishedOn: '2025-09-01' });
  const meeting = (n: number, topics: ('教育信息化' | '传统文化')[]) =>
    ev(E.ActivityHeldV1, {
      activityId: `AC-${n}`,
      kind: '专题会议',
      topics,
      audience: ['staff'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      orgUnitId: 'OU-1',
      participants: 8,
      heldOn: '2026-10-15',
    });

  it('a group led by the 校长 and a meeting on 信息化 this semester: met', () => {
    expect(evaluate('五(一)1', facts([principal, group('P1'), meeting(1, ['教育信息化'])]), { asOf: '2026-12-01' }).met).toBe(true);
  });

  it('a meeting on another subject is not 专题研究信息化工作 (before: met)', () => {
    expect(evaluate('五(一)1', facts([principal, group('P1'), meeting(1, ['传统文化'])]), { asOf: '2026-12-01' }).met).toBe(false);
  });

  it('a group led by someone else is not 以校长为组长 (before: met)', () => {
    expect(evaluate('五(一)1', facts([principal, group('T9'), meeting(1, ['教育信息化'])]), { asOf: '2026-12-01' }).met).toBe(false);
  });
});

describe('Jiangsu 五(二)2 "配备持有市级以上相关证书的专职管理人员": the full-time manager holds the certificate', () => {
  // Before: a full-time manager (no certificate) and anyone's certificate met the item.
  const manager = ev(E.RoleAssignedV1, { person: person('M1'), role: '信息化管理人员', fullTime: true, assignedOn: '2025-09-01' });
  const cert = (holder: string) =>
    ev(E.CredentialRecordedV1, { holder: person(holder), kind: '信息化相关证书', issuerKind: '教育部门', issuerLevel: 'city', issuedOn: '2025-06-01' });

  it("a teacher's certificate does not make the manager certified; the manager's own does", () => {
    expect(evaluate('五(二)2', facts([manager, cert('T9')]), { asOf: '2026-12-01' }).met).toBe(false);
    expect(evaluate('五(二)2', facts([manager, cert('T9'), cert('M1')]), { asOf: '2026-12-01' }).met).toBe(true);
  });
});

describe('Jiangsu 五(二)3 "每门学科安排1名教师，负责推进信息技术与本学科教学的融合创新": every subject taught', () => {
  // 专任教师 teach 语文, 数学, 英语; leads for 语文, 数学 and 书法. Before: 3 ÷ 3 = 100 %, met. After: 2 of 3 ≈ 67 %, not met.
  const teacher = (n: string, subjects: string[]) =>
    ev(E.TeacherAssignedV1, { teacher: person(n), post: '专任教师', stages: ['初中'], subjects, assignedOn: '2025-09-01' });
  const lead = (n: string, subject: string) => ev(E.RoleAssignedV1, { person: person(n), role: '学科融合负责人', subject, assignedOn: '2025-09-01' });
  const base = [teacher('T1', ['语文']), teacher('T2', ['数学']), teacher('T3', ['英语']), lead('T1', '语文'), lead('T2', '数学'), lead('T4', '书法')];

  it('a lead for a subject not taught does not stand in for 英语', () => {
    expect(evaluate('五(二)3', facts(base), { asOf: '2026-12-01' })).toMatchObject({ value: 2 / 3, met: false });
    expect(evaluate('五(二)3', facts([...base, lead('T3', '英语')]), { asOf: '2026-12-01' })).toMatchObject({ value: 1, met: true });
  });
});

describe('Jiangsu 六(一)1 "主持或参与市级以上教育信息化研究项目，取得成果": the IT project itself concluded with results', () => {
  // A city IT project still running and a 校本课题 concluded: before, met (any project concluded). After: not met.
  const approved = (id: string, kind: '专项科研课题' | '校本课题', level: 'city' | 'school', topics: ('教育信息化' | '传统文化')[]) =>
    ev(E.ResearchProjectApprovedV1, { projectId: id, kind, level, topics, schoolRole: '主持', members: [], approvedOn: '2024-04-01' });
  const concluded = (id: string) => ev(E.ResearchProjectConcludedV1, { projectId: id, result: '通过结题', concludedOn: '2026-06-30' });
  const base = [approved('PJ-1', '专项科研课题', 'city', ['教育信息化']), approved('PJ-2', '校本课题', 'school', ['传统文化']), concluded('PJ-2')];

  it('counts a conclusion of the 市级+ IT project only', () => {
    expect(evaluate('六(一)1', facts(base), { asOf: '2026-12-01' }).met).toBe(false);
    expect(evaluate('六(一)1', facts([...base, concluded('PJ-1')]), { asOf: '2026-12-01' }).met).toBe(true);
  });
});

describe('Jiangsu 六(二)4 "学校创新应用的特色成果获得省级以上奖励或宣传推广": publicity counts as well as awards', () => {
  // A provincial 经验介绍 about the school and no award. Before: 0 awards, not met. After: 1, met.
  const article = (level: 'city' | 'province') =>
    ev(E.ArticlePublishedV1, {
      articleId: `ART-${level}`,
      kind: '经验介绍',
      venueKind: '教育报刊',
      level,
      topics: ['教育信息化'],
      authors: [],
      publishedOn: '2026-05-01',
      publicationRef: '江苏教育报 2026-05-01',
    });

  it('a provincial 经验介绍 is 宣传推广; a city one is not 省级以上', () => {
    expect(evaluate('六(二)4', facts([article('city')]), { asOf: '2026-12-01' }).met).toBe(false);
    expect(evaluate('六(二)4', facts([article('city'), article('province')]), { asOf: '2026-12-01' })).toMatchObject({ value: 1, met: true });
  });
});
