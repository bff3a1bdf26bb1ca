import { CATALOGS } from '@educube/assessment-catalog';
import type { CloudEvent } from '@educube/contracts';
import * as E from '@educube/contracts';
import { CLASSIFICATIONS } from '../classification';
import { evaluateCatalog } from '../evaluate';
import { applyAll, emptyFacts } from '../facts';
import { scoreSheet, type AttestedResult } from '../sheet';
import { person as P, schoolKit } from '../testing/school';

// 宁波市智慧校园标杆学校建设内容参考 (基本要求): for every derived item, the least input that meets
// its wording and the same input just short of it. Each describe quotes the clause (原文) it
// reads; docs/standards/readings/ningbo.md gives the reading row by row.
//
// As of 2026-11-02 (no published calendar): SY = 2026-09-01..2026-11-02, SEM = the same (the
// README's first half, 1 Sep – end of Feb), 30 d = 2026-10-04..2026-11-02.

const ASOF = '2026-11-02';
const SCHOOL = '3302030001';
const kit = schoolKit(SCHOOL, 'nb');
const { ev } = kit;

interface Outcome {
  readonly met: boolean;
  /** The item's headline value (its first check's). */
  readonly value: number | null;
  /** Every check's value, in order. */
  readonly values: readonly (number | null)[];
}
const run = (id: string, events: readonly CloudEvent[]): Outcome => {
  const e = kit.evaluate('ningbo', id, events, { asOf: ASOF });
  return { met: e.met, value: e.value, values: e.checks.map((c) => c.value) };
};
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
type Case = readonly [string, readonly CloudEvent[], Outcome];
const outcome = (met: boolean, ...values: (number | null)[]): Outcome => ({ met, value: values[0] ?? null, values });

// ---- small factories ----

const room = (roomId: string, o: { wired?: boolean; wireless?: boolean; newType?: boolean; inUse?: boolean; stages?: ('小学' | '初中')[] } = {}) =>
  ev(E.RoomRegisteredV1, {
    roomId,
    roomKind: '普通教室',
    areaKind: '教学',
    newTypeTeachingSpace: o.newType ?? false,
    stages: o.stages ?? [],
    grades: [],
    wiredNetwork: o.wired ?? true,
    wirelessNetwork: o.wireless ?? true,
    wirelessTech: undefined,
    inUse: o.inUse ?? true,
    registeredOn: '2026-08-25',
  });
const link = (linkId: string, linkKind: '出口' | '骨干' | '楼宇间' | '到桌面', bandwidthMbps: number, ipv6 = true) =>
  ev(E.NetworkLinkRegisteredV1, {
    linkId,
    linkKind,
    upstream: linkKind === '出口' ? '教育城域网' : undefined,
    medium: '光纤',
    bandwidthMbps,
    ipv6,
    registeredOn: '2026-09-01',
  });
const device = (assetId: string, deviceType: '物联网感知设备' | '交互式多媒体教学设备', capabilities: ('物联网' | '互动教学')[] = []) =>
  ev(E.DeviceRegisteredV1, {
    assetId,
    deviceType,
    ownerRole: 'shared',
    roomId: undefined,
    stages: [],
    capabilities,
    status: '在用',
    acquiredOn: '2025-08-20',
    registeredOn: '2025-08-21',
  });
const telemetry = (assetId: string, on: string) =>
  ev(E.DeviceTelemetryReportedV1, { assetId, periodStart: on, periodEnd: on, onlineMinutes: 600, usageMinutes: 300 });
type SystemKind = NonNullable<Parameters<typeof ev<typeof E.InformationSystemRegisteredV1>>[1]>['systemKinds'];
const system = (
  systemId: string,
  systemKinds: NonNullable<SystemKind>,
  o: { status?: '在用' | '停用'; unifiedIdentity?: boolean; providerLevel?: 'school' | 'county' | 'city'; features?: ('网站' | '公众号')[] } = {},
) =>
  ev(E.InformationSystemRegisteredV1, {
    systemId,
    name: systemId,
    systemKinds,
    providerLevel: o.providerLevel ?? 'school',
    thirdParty: false,
    builtOn: undefined,
    features: o.features ?? [],
    unifiedIdentity: o.unifiedIdentity ?? true,
    connectedTo: [],
    status: o.status ?? '在用',
    registeredOn: '2026-09-01',
  });
type Uploaded = Parameters<typeof ev<typeof E.ResourceUploadedV1>>[1];
const upload = (resourceId: string, o: Uploaded) =>
  ev(E.ResourceUploadedV1, {
    resourceId,
    uploader: P('T-1'),
    uploaderRole: 'teacher',
    stage: '小学',
    grades: [3],
    subject: '数学',
    knowledgePoints: [],
    lessonCount: undefined,
    components: [],
    audience: 'student',
    origin: '原创',
    platform: '学校自建',
    platformLevel: 'school',
    platformModule: undefined,
    uploadedAt: '2026-09-10T16:00:00+08:00',
    ...o,
  });
const teacher = (id: string) => ev(E.TeacherAssignedV1, { teacher: P(id), post: '专任教师', stages: ['小学'], subjects: ['数学'], assignedOn: '2026-09-01' });
const student = (id: string) => ev(E.StudentEnrolledV1, { student: P(id), stage: '小学', grade: 3, classId: 'C-3-1', enrolledOn: '2026-09-01' });
type Trained = Parameters<typeof ev<typeof E.TrainingCompletedV1>>[1];
const training = (trainingId: string, trainee: string, o: Trained) =>
  ev(E.TrainingCompletedV1, {
    trainingId,
    trainee: P(trainee),
    kind: '教育信息化培训',
    topics: [],
    level: 'county',
    mode: '线上',
    hours: 1,
    passed: true,
    completedOn: '2026-10-15',
    ...o,
  });
type Delivered = Parameters<typeof ev<typeof E.LessonDeliveredV1>>[1];
const lesson = (lessonId: string, o: Delivered) =>
  ev(E.LessonDeliveredV1, {
    lessonId,
    deliveredOn: '2026-10-12',
    periods: 1,
    stage: '小学',
    subject: '数学',
    classIds: ['C-3-1'],
    teachers: [P('T-1')],
    roomId: undefined,
    mode: '线下',
    partnerSchoolCodes: [],
    platform: undefined,
    platformLevel: undefined,
    teachingModels: [],
    lessonKind: '常规课',
    openLessonLevel: undefined,
    ictEnvironment: true,
    recorded: false,
    studentDevices: undefined,
    ...o,
  });
type Researched = Parameters<typeof ev<typeof E.ResearchActivityHeldV1>>[1];
const research = (activityId: string, o: Researched = {}) =>
  ev(E.ResearchActivityHeldV1, {
    activityId,
    kind: '同步备课',
    mode: '线上',
    synchronous: true,
    platform: '之江汇',
    platformLevel: 'province',
    organiserLevel: 'school',
    partnerSchoolCodes: ['3302030002'],
    subjects: ['数学'],
    grades: [3],
    topics: [],
    participants: [P('T-1')],
    heldOn: '2026-10-20',
    ...o,
  });
type Held = Parameters<typeof ev<typeof E.ActivityHeldV1>>[1];
const activity = (activityId: string, o: Held) =>
  ev(E.ActivityHeldV1, {
    activityId,
    kind: '讲座',
    topics: ['信息安全'],
    audience: ['teacher', 'student'],
    mode: '线下',
    level: 'school',
    schoolRole: '主办',
    speakers: [],
    roomId: undefined,
    participants: 300,
    heldOn: '2026-10-12',
    ...o,
  });
const growth = (id: string, o: Parameters<typeof ev<typeof E.GrowthRecordAddedV1>>[1] = {}) =>
  ev(E.GrowthRecordAddedV1, { student: P(id), dimension: '德', source: '教师录入', platform: '其他', platformLevel: 'city', recordedOn: '2026-10-01', ...o });
const sync = (dataKind: '师生基础数据' | '资产数据', o: Parameters<typeof ev<typeof E.DataSyncedToAuthorityV1>>[1] = {}) =>
  ev(E.DataSyncedToAuthorityV1, {
    systemId: 'SYS-1',
    dataKind,
    target: dataKind === '资产数据' ? '教育行政部门' : '教育数据中心',
    targetLevel: 'city',
    records: 100,
    succeeded: true,
    syncedAt: '2026-09-01T02:00:00+08:00',
    ...o,
  });

// ---- 智慧支撑环境 ----

describe('B1 网络通信基础 1 "校园内宽带网络和无线网络全覆盖，支持 IPV6 协议"', () => {
  const cases: Case[] = [
    ['every room wired and wireless, an IPv6 egress: 1, 1, 1', [room('R1'), room('R2'), link('NL-1', '出口', 1000)], outcome(true, 1, 1, 1)],
    ['one room of two without wireless: 50 % wireless', [room('R1'), room('R2', { wireless: false }), link('NL-1', '出口', 1000)], outcome(false, 1, 0.5, 1)],
    ['one room of two without broadband: 50 % wired', [room('R1'), room('R2', { wired: false }), link('NL-1', '出口', 1000)], outcome(false, 0.5, 1, 1)],
    ['an egress without IPv6', [room('R1'), room('R2'), link('NL-1', '出口', 1000, false)], outcome(false, 1, 1, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B1', events)).toEqual(expected));
});

describe('B2 网络通信基础 2 "骨干网、楼宇间带宽均不低于万兆，到桌面不低于千兆"', () => {
  const cases: Case[] = [
    [
      'backbone and inter-building 10000, desktop 1000 (不低于 = ≥)',
      [link('B', '骨干', 10000), link('L', '楼宇间', 10000), link('D', '到桌面', 1000)],
      outcome(true, 1, 1),
    ],
    [
      'an inter-building link at 9999 (均: every link)',
      [link('B', '骨干', 10000), link('L', '楼宇间', 9999), link('D', '到桌面', 1000)],
      outcome(false, 0.5, 1),
    ],
    ['desktop at 999', [link('B', '骨干', 10000), link('L', '楼宇间', 10000), link('D', '到桌面', 999)], outcome(false, 1, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B2', events)).toEqual(expected));
});

describe('B4 物联网设施 1 "利用物联网技术采集校园设施设备运行状态"', () => {
  const cases: Case[] = [
    [
      'an IoT sensor, its running state reported on the first day of the 30 days',
      [device('S-1', '物联网感知设备'), telemetry('S-1', '2026-10-04')],
      outcome(true, 1, 1),
    ],
    ['the last report the day before the 30 days', [device('S-1', '物联网感知设备'), telemetry('S-1', '2026-10-03')], outcome(false, 1, 0)],
    // Before: only deviceType 物联网感知设备 counted (0, not met). 物联网技术 is also a device with the 物联网 capability.
    [
      'a panel with the 物联网 capability reporting its state (物联网技术)',
      [device('P-1', '交互式多媒体教学设备', ['物联网']), telemetry('P-1', '2026-10-20')],
      outcome(true, 1, 1),
    ],
    ['a panel without it: no IoT device', [device('P-1', '交互式多媒体教学设备', ['互动教学']), telemetry('P-1', '2026-10-20')], outcome(false, 0, 1)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B4', events)).toEqual(expected));
});

describe('B5 物联网设施 2 "建有智能化程度较高的智能安防综合管理平台和视频监控系统"', () => {
  const cases: Case[] = [
    ['an in-use security platform and CCTV', [system('SEC', ['安防综合管理']), system('CCTV', ['视频监控'])], outcome(true, 1, 1)],
    ['the CCTV system 停用', [system('SEC', ['安防综合管理']), system('CCTV', ['视频监控'], { status: '停用' })], outcome(false, 1, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B5', events)).toEqual(expected));
});

describe('B6 智慧教学场所 1 "建有基于技术…的新型教学空间"', () => {
  const cases: Case[] = [
    ['one in-use new-type teaching space', [room('N1', { newType: true })], outcome(true, 1)],
    ['the same space out of use', [room('N1', { newType: true, inUse: false })], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B6', events)).toEqual(expected));
});

describe('B7 智慧教学场所 2 "小学每 18 个班级配备新型教学空间不低于 3个，中学每年级配备新型教学空间不低于 2 个"', () => {
  const primary = ev(E.SchoolRegisteredV1, { schoolType: '小学', stages: ['小学'], registeredOn: '2020-09-01' });
  const junior = ev(E.SchoolRegisteredV1, { schoolType: '初中', stages: ['初中'], registeredOn: '2020-09-01' });
  const cls = (stage: '小学' | '初中', grade: number, i: number) =>
    ev(E.ClassOpenedV1, { classId: `C-${stage}-${grade}-${i}`, classKind: '行政班', stage, grade, homeRoomId: undefined, openedOn: '2026-09-01' });
  const eighteen = times(18, (i) => cls('小学', 1 + (i % 6), i));
  const threeGrades = [7, 8, 9].map((g) => cls('初中', g, 1));
  const cases: Case[] = [
    [
      '小学 18 classes, 3 spaces: 3/18',
      [primary, ...eighteen, ...times(3, (i) => room(`N${i}`, { newType: true, stages: ['小学'] }))],
      outcome(true, 3 / 18, null),
    ],
    [
      '小学 18 classes, 2 spaces: 2/18',
      [primary, ...eighteen, ...times(2, (i) => room(`N${i}`, { newType: true, stages: ['小学'] }))],
      outcome(false, 2 / 18, null),
    ],
    [
      '初中 3 grades, 6 spaces: 2 per grade',
      [junior, ...threeGrades, ...times(6, (i) => room(`N${i}`, { newType: true, stages: ['初中'] }))],
      outcome(true, null, 2),
    ],
    [
      '初中 3 grades, 5 spaces: 5/3 per grade',
      [junior, ...threeGrades, ...times(5, (i) => room(`N${i}`, { newType: true, stages: ['初中'] }))],
      outcome(false, null, 5 / 3),
    ],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B7', events)).toEqual(expected));
});

// ---- 智慧教育资源 ----

describe('B8 课程资源 1 "每学期上传微课程1 门及以上（每门含至少 6节微课，包括视频、教案、学案、练习、授课教师介绍等）"', () => {
  const five = ['视频', '教案', '学案', '练习', '授课教师介绍'] as const;
  const course = (id: string, o: Uploaded = {}) =>
    upload(id, {
      kind: '微课程',
      lessonCount: 6,
      components: [...five],
      platform: '甬上云校',
      platformLevel: 'city',
      platformModule: '同步课程',
      uploadedAt: '2026-09-01T08:00:00+08:00',
      ...o,
    });
  const cases: Case[] = [
    ["a 6-lesson course with all five parts on 甬上云校 同步课程, uploaded on the semester's first day", [course('MC-1')], outcome(true, 1)],
    ['the same on 之江汇', [course('MC-1', { platform: '之江汇', platformLevel: 'province' })], outcome(true, 1)],
    ['5 lessons', [course('MC-1', { lessonCount: 5 })], outcome(false, 0)],
    // Before: only 授课教师介绍 was required (1, met). 包括 lists five parts: a course without 练习 is short.
    ['no 练习', [course('MC-1', { components: ['视频', '教案', '学案', '授课教师介绍'] })], outcome(false, 0)],
    ['uploaded the day before the semester', [course('MC-1', { uploadedAt: '2026-08-31T20:00:00+08:00' })], outcome(false, 0)],
    [
      "on the school's own platform, not 同步课程",
      [course('MC-1', { platform: '学校自建', platformLevel: 'school', platformModule: undefined })],
      outcome(false, 0),
    ],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B8', events)).toEqual(expected));
});

describe('B9 课程资源 2 "开发…校本课程资源…校本课程资源总量≥50 个/年"', () => {
  const own = (n: number, from = 0, o: Uploaded = {}) => times(n, (i) => upload(`SB-${from + i}`, { kind: '校本课程资源', ...o }));
  const cases: Case[] = [
    ['50 developed in the school year', own(50), outcome(true, 50)],
    ['49', own(49), outcome(false, 49)],
    // Before: 50 (met). 开发: a resource brought in (引进) is not the school's own.
    ['49 developed and 1 引进', [...own(49), ...own(1, 49, { origin: '引进' })], outcome(false, 49)],
    ["49 原创 and 1 课堂录制 (recorded in the school's own lessons)", [...own(49), ...own(1, 49, { origin: '课堂录制' })], outcome(true, 50)],
    ['49 in the year and 1 on 31 August, the year before', [...own(49), ...own(1, 49, { uploadedAt: '2026-08-31T10:00:00+08:00' })], outcome(false, 49)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B9', events)).toEqual(expected));
});

describe('B10 课程资源 3 "通过校级审核的全学科试题资源，每学年增加或更新 60 份以上"', () => {
  const paper = (i: number) => upload(`TP-${i}`, { kind: '试卷' });
  const updated = (i: number) => ev(E.ResourceUpdatedV1, { resourceId: `TP-${i}`, kind: '试卷', updatedAt: '2026-10-10T16:00:00+08:00' });
  const passed = (i: number, reviewLevel: 'school' | 'county' = 'school') =>
    ev(E.ResourceReviewedV1, { resourceId: `TP-${i}`, reviewLevel, decision: '通过', reviewedOn: '2026-10-12' });
  const cases: Case[] = [
    ['60 papers added, each passed the school review', [...times(60, paper), ...times(60, (i) => passed(i))], outcome(true, 60)],
    // Before: 60 (met), the unreviewed paper counted.
    ['60 added, 59 reviewed: 59', [...times(60, paper), ...times(59, (i) => passed(i))], outcome(false, 59)],
    // Before: 30 uploads + 30 updates = 60 (met). One 份 added and updated in the year is one 份.
    ['30 added and the same 30 updated, all reviewed: 30', [...times(30, paper), ...times(30, updated), ...times(30, (i) => passed(i))], outcome(false, 30)],
    [
      '30 added, 30 older ones updated, all reviewed: 60',
      [...times(30, paper), ...times(30, (i) => updated(100 + i)), ...times(30, (i) => passed(i)), ...times(30, (i) => passed(100 + i))],
      outcome(true, 60),
    ],
    ['60 added, one reviewed by the county only', [...times(60, paper), ...times(59, (i) => passed(i)), passed(59, 'county')], outcome(false, 59)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B10', events)).toEqual(expected));
});

describe('B11 课程资源 4 "建有数字家长学校，每年向家长推荐家庭教育学习资源数 20个以上"', () => {
  const school = system('DPS', ['数字家长学校']);
  const recommend = (resourceId: string, o: Parameters<typeof ev<typeof E.ResourceRecommendedV1>>[1] = {}) =>
    ev(E.ResourceRecommendedV1, {
      resourceId,
      kind: '家庭教育资源',
      audience: 'parent',
      channel: '数字家长学校',
      recipients: 500,
      recommendedAt: '2026-09-20T09:00:00+08:00',
      ...o,
    });
  const cases: Case[] = [
    ['a digital parent school and 20 resources recommended to parents', [school, ...times(20, (i) => recommend(`FE-${i}`))], outcome(true, 20, 1)],
    ['19 resources', [school, ...times(19, (i) => recommend(`FE-${i}`))], outcome(false, 19, 1)],
    // Before: 20 recommendations (met). 资源数: 10 resources pushed twice are 10.
    ['10 resources recommended twice each', [school, ...times(20, (i) => recommend(`FE-${i % 10}`))], outcome(false, 10, 1)],
    // Before: met. 建有数字家长学校.
    ['20 resources but no digital parent school', times(20, (i) => recommend(`FE-${i}`)), outcome(false, 20, 0)],
    [
      'one of the 20 pushed to students, not parents',
      [school, ...times(19, (i) => recommend(`FE-${i}`)), recommend('FE-S', { audience: 'student', channel: '网络学习空间' })],
      outcome(false, 19, 1),
    ],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B11', events)).toEqual(expected));
});

describe('B12 基础数据库资源 1 "在宁波市教育数据中心更新完善师生基础状态数据库信息"', () => {
  const cases: Case[] = [
    ['a successful sync to the city 教育数据中心 on the first day of the school year', [sync('师生基础数据')], outcome(true, 1)],
    ['the last one the day before', [sync('师生基础数据', { syncedAt: '2026-08-31T23:00:00+08:00' })], outcome(false, 0)],
    ['a failed sync', [sync('师生基础数据', { succeeded: false })], outcome(false, 0)],
    // Before: targetLevel ≥ city (1, met). 宁波市教育数据中心 is the city's.
    ['a sync to the provincial data centre only', [sync('师生基础数据', { targetLevel: 'province' })], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B12', events)).toEqual(expected));
});

// ---- 智慧教与学 ----

describe('B14 智慧应用 1 "利用技术手段开展创新教学模式应用…如翻转教学、小组探究、PBL 等"', () => {
  const cases: Case[] = [
    ['a 翻转课堂 lesson taught with ICT', [lesson('L-1', { teachingModels: ['翻转课堂'] })], outcome(true, 1)],
    // Before: 1, met. 利用技术手段: a lesson without ICT is not it.
    ['a 小组探究 lesson without ICT', [lesson('L-1', { teachingModels: ['小组探究'], ictEnvironment: false })], outcome(false, 0)],
    // Before: 0 (混合式 was not in the list). 如…等: the list is open; every teaching model the contracts name is an innovative one.
    ['a 混合式 lesson with ICT', [lesson('L-1', { teachingModels: ['混合式'] })], outcome(true, 1)],
    ['an ICT lesson with no teaching model named', [lesson('L-1', {})], outcome(false, 0)],
    ['a 翻转课堂 lesson on 31 August, the year before', [lesson('L-1', { teachingModels: ['翻转课堂'], deliveredOn: '2026-08-31' })], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B14', events)).toEqual(expected));
});

describe('B15 智慧应用 2 "每学期开展同步备课、同步教学、同步研修等活动累计 10 次以上"', () => {
  const synced = (n: number) => times(n, (i) => research(`SR-${i}`, { kind: i % 2 ? '同步研修' : '同步备课' }));
  const syncLesson = (id: string) => lesson(id, { mode: '同步课堂', partnerSchoolCodes: ['3302030002'] });
  const cases: Case[] = [
    ['10 synchronous preparations and research sessions', synced(10), outcome(true, 10)],
    ['9', synced(9), outcome(false, 9)],
    // Before: 9 (同步教学 not counted). 同步教学 is a synchronous lesson.
    ['9 and one 同步课堂 lesson', [...synced(9), syncLesson('SL-1')], outcome(true, 10)],
    [
      '9 and an offline 集体备课',
      [...synced(9), research('JT', { kind: '集体备课', mode: '线下', synchronous: false, platform: undefined, platformLevel: undefined })],
      outcome(false, 9),
    ],
    ['9 and one on 31 August, the semester before', [...synced(9), research('OLD', { heldOn: '2026-08-31' })], outcome(false, 9)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B15', events)).toEqual(expected));
});

describe('B16 智慧评价 1 "通过智能数据采集手段，多方面采集教育教学、教育评价等数据"', () => {
  const auto = growth('S-1', { source: '自动采集' });
  const activityData = ev(E.LearningActivitySummarizedV1, {
    person: P('S-1'),
    role: 'student',
    spaceId: 'SP-2',
    platform: '之江汇',
    platformLevel: 'province',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    activities: [{ kind: '自主学习', count: 12 }],
    onMobile: 0,
    teacherGuided: 0,
  });
  const cases: Case[] = [
    ['automatically collected evaluation records and platform learning data', [auto, activityData], outcome(true, 1, 1)],
    ['evaluation records entered by hand', [growth('S-1'), activityData], outcome(false, 0, 1)],
    // Before: met on the evaluation records alone. 多方面…教育教学、教育评价: teaching data too.
    ['no teaching data collected', [auto], outcome(false, 1, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B16', events)).toEqual(expected));
});

describe('B17 智慧评价 2 "充分利用省、市中小学生综合素质评价和成长记录系统…实现数字化综合素质评价覆盖全体学生"', () => {
  const two = [student('S-1'), student('S-2')];
  const cases: Case[] = [
    ['both students have a record on the city system', [...two, growth('S-1'), growth('S-2')], outcome(true, 1)],
    ['and on the provincial system', [...two, growth('S-1', { platformLevel: 'province' }), growth('S-2')], outcome(true, 1)],
    ['one of two', [...two, growth('S-1')], outcome(false, 0.5)],
    // Before: 1, met. 省、市…系统: the school's own system is not it.
    ["one record on the school's own system", [...two, growth('S-1'), growth('S-2', { platform: '学校自建', platformLevel: 'school' })], outcome(false, 0.5)],
    ['one record on 31 August, the year before', [...two, growth('S-1'), growth('S-2', { recordedOn: '2026-08-31' })], outcome(false, 0.5)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B17', events)).toEqual(expected));
});

describe('B18 智慧教研 1 "开展学科内容与信息技术深度融合的教研活动"', () => {
  const cases: Case[] = [
    ['a 数学 research activity on 信息技术融合', [research('R-1', { topics: ['信息技术融合'], synchronous: false, kind: '专题教研' })], outcome(true, 1)],
    ['on another topic', [research('R-1', { topics: ['家庭教育'], synchronous: false, kind: '专题教研' })], outcome(false, 0)],
    // Before: 1, met. 学科内容: an activity on no subject is not it.
    ['on 信息技术融合 but no subject', [research('R-1', { topics: ['信息技术融合'], subjects: [], synchronous: false, kind: '专题教研' })], outcome(false, 0)],
    [
      'on 31 August, the year before',
      [research('R-1', { topics: ['信息技术融合'], synchronous: false, kind: '专题教研', heldOn: '2026-08-31' })],
      outcome(false, 0),
    ],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B18', events)).toEqual(expected));
});

describe('B19 智慧教研 2 "每年公开发表（获奖）的教育信息化相关研究论文或课题案例 2 篇及以上"', () => {
  const paper = (articleId: string, topics: ('教育信息化' | '人工智能' | '家庭教育')[] = ['教育信息化'], publishedOn = '2026-10-15') =>
    ev(E.ArticlePublishedV1, {
      articleId,
      kind: '论文',
      venueKind: '学术期刊',
      level: 'province',
      topics,
      authors: [P('T-1')],
      publishedOn,
      publicationRef: `REF-${articleId}`,
    });
  const award = (awardId: string, workId?: string) =>
    ev(E.AwardReceivedV1, {
      awardId,
      workId,
      recipientKind: 'teacher',
      recipients: [P('T-1')],
      category: '课题案例评比',
      topics: ['教育信息化'],
      level: 'city',
      awardingBody: '教育部门',
      awardedOn: '2026-10-20',
      certificateId: `C-${awardId}`,
    });
  const cases: Case[] = [
    ['two IT papers published', [paper('A-1'), paper('A-2')], outcome(true, 2)],
    ['one paper and one awarded case', [paper('A-1'), award('AW-1')], outcome(true, 2)],
    ['one paper', [paper('A-1')], outcome(false, 1)],
    // Before: 2, met. A paper both published and awarded is one 篇.
    ['one paper, published and awarded', [paper('A-1'), award('AW-1', 'A-1')], outcome(false, 1)],
    // Before: 1 (only 教育信息化/信息技术融合 topics). 教育信息化相关: a paper on 人工智能 in teaching is.
    ['one on 教育信息化, one on 人工智能', [paper('A-1'), paper('A-2', ['人工智能'])], outcome(true, 2)],
    ['one on 家庭教育', [paper('A-1'), paper('A-2', ['家庭教育'])], outcome(false, 1)],
    ['the second published on 31 August, the year before', [paper('A-1'), paper('A-2', ['教育信息化'], '2026-08-31')], outcome(false, 1)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B19', events)).toEqual(expected));
});

describe('B20 信息素养 1 "每年面向师生开展信息技术知识…信息伦理、信息安全等方面的讲座至少 1 次以上"', () => {
  const cases: Case[] = [
    ['one lecture on 信息安全 for teachers and students', [activity('LEC-1', {})], outcome(true, 1, 1)],
    [
      'one for teachers and one for students',
      [activity('LEC-1', { audience: ['teacher'] }), activity('LEC-2', { audience: ['student'] })],
      outcome(true, 1, 1),
    ],
    ['for teachers only', [activity('LEC-1', { audience: ['teacher'] })], outcome(false, 1, 0)],
    // Before: 1, met. 面向师生: a lecture for parents is not it.
    ['for parents', [activity('LEC-1', { audience: ['parent'] })], outcome(false, 0, 0)],
    // Before: 1, met. 开展: a lecture the school's people only attended is not one the school ran.
    ['a county lecture the school attended (参加)', [activity('LEC-1', { schoolRole: '参加', level: 'county' })], outcome(false, 0, 0)],
    ['on 家庭教育', [activity('LEC-1', { topics: ['家庭教育'] })], outcome(false, 0, 0)],
    ['on 31 August, the year before', [activity('LEC-1', { heldOn: '2026-08-31' })], outcome(false, 0, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B20', events)).toEqual(expected));
});

describe('B21 信息素养 2 "学校中层以上管理者每年参加区级以上教育信息化相关培训或学习；全体教师参加信息技术应用能力提升工程，年均教育信息化培训在 5 学时以上"', () => {
  const roles = [
    ev(E.RoleAssignedV1, { person: P('M-1'), role: '校长', assignedOn: '2026-09-01' }),
    ev(E.RoleAssignedV1, { person: P('M-2'), role: '中层以上管理者', assignedOn: '2026-09-01' }),
  ];
  const staff = [teacher('T-1'), teacher('T-2')];
  const trained = (hours: number) => [
    training(`MT-1-${hours}`, 'M-1', { kind: '信息化领导力培训', hours }),
    training(`MT-2-${hours}`, 'M-2', { kind: '信息化领导力培训', hours }),
  ];
  const managersTrained = trained(1);
  const programme = [
    training('PT-1', 'T-1', { kind: '信息技术应用能力提升工程', hours: 4.5 }),
    training('PT-2', 'T-2', { kind: '信息技术应用能力提升工程', hours: 4.5 }),
  ];
  // 4.5 + 4.5 + 0.5 + 0.5 = 10 hours ÷ 2 专任教师 = 5 (the managers' hours are in the sum: no event says who is a 专任教师 among trainees).
  const all = [...roles, ...staff, ...trained(0.5), ...programme];
  const check = (label: string, events: readonly CloudEvent[]) => kit.check('ningbo', 'B21', label, events, { asOf: ASOF });
  it('meets all three: managers 1, programme 1, 5 hours per teacher', () => expect(run('B21', all)).toEqual(outcome(true, 1, 1, 5)));
  const managerCases: [string, CloudEvent[], number, boolean][] = [
    ['both managers trained at county level', [...roles, ...managersTrained], 1, true],
    ['one trained at school level only', [...roles, managersTrained[0] as CloudEvent, training('MT-2', 'M-2', { level: 'school' })], 0.5, false],
    // Before: 1, met. 教育信息化相关培训: a county training on another subject is not it.
    [
      'one trained at county level on something else (其他)',
      [...roles, managersTrained[0] as CloudEvent, training('MT-2', 'M-2', { kind: '其他' })],
      0.5,
      false,
    ],
  ];
  it.each(managerCases)('managers: %s', (_, events, value, met) => expect(check('managers trained', events)).toMatchObject({ value, met }));
  const programmeCases: [string, CloudEvent[], number, boolean][] = [
    ['both 专任教师 in 提升工程', [...staff, ...programme], 1, true],
    ['one of two', [...staff, programme[0] as CloudEvent], 0.5, false],
  ];
  it.each(programmeCases)('programme: %s', (_, events, value, met) => expect(check('teachers in the programme', events)).toMatchObject({ value, met }));
  const hourCases: [string, CloudEvent[], number, boolean][] = [
    ['5 + 5 hours ÷ 2 teachers = 5 (以上 = ≥)', [...staff, training('H-1', 'T-1', { hours: 5 }), training('H-2', 'T-2', { hours: 5 })], 5, true],
    ['5 + 4.5 = 4.75', [...staff, training('H-1', 'T-1', { hours: 5 }), training('H-2', 'T-2', { hours: 4.5 })], 4.75, false],
    // Before: 5, met. 教育信息化培训: 5 hours of other training are not counted.
    ['5 of 教育信息化培训 + 5 of 其他 = 2.5', [...staff, training('H-1', 'T-1', { hours: 5 }), training('H-2', 'T-2', { hours: 5, kind: '其他' })], 2.5, false],
    [
      '5 hours completed on 31 August, the year before: 2.5',
      [...staff, training('H-1', 'T-1', { hours: 5 }), training('H-2', 'T-2', { hours: 5, completedOn: '2026-08-31' })],
      2.5,
      false,
    ],
  ];
  it.each(hourCases)('hours: %s', (_, events, value, met) => expect(check('hours per teacher', events)).toMatchObject({ value, met }));
});

describe('B22 信息素养 3 "95%以上师生开通之江汇网络学习空间，年度教师活跃空间（年度经验值大于 60 为活跃空间）比例达到 80%以上。师生在市级及以上信息化教学比赛或相关竞赛中获奖"', () => {
  const people = [teacher('T-1'), teacher('T-2'), student('S-1'), student('S-2')];
  const space = (id: string, ownerRole: 'teacher' | 'student') =>
    ev(E.LearningSpaceOpenedV1, {
      spaceId: `SP-${id}`,
      ownerRole,
      owner: P(id),
      platform: '之江汇',
      platformLevel: 'province',
      realName: true,
      openedOn: '2026-09-01',
    });
  const spaces = [space('T-1', 'teacher'), space('T-2', 'teacher'), space('S-1', 'student'), space('S-2', 'student')];
  const points = (id: string, value: number) =>
    ev(E.ExperiencePointsReportedV1, {
      spaceId: `SP-${id}`,
      owner: P(id),
      ownerRole: 'teacher',
      platform: '之江汇',
      platformLevel: 'province',
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
      points: value,
      reportedOn: '2026-10-31',
    });
  const award = (o: Parameters<typeof ev<typeof E.AwardReceivedV1>>[1] = {}) =>
    ev(E.AwardReceivedV1, {
      awardId: 'AW-1',
      recipientKind: 'student',
      recipients: [P('S-1')],
      category: '信息化教学比赛',
      topics: [],
      level: 'city',
      awardingBody: '教育部门',
      awardedOn: '2026-10-20',
      certificateId: 'C-1',
      ...o,
    });
  const base = [...people, ...spaces, points('T-1', 61), points('T-2', 61)];
  const cases: Case[] = [
    ['every teacher and student with a space, both teachers at 61 points, a city 信息化教学比赛 award', [...base, award()], outcome(true, 1, 1, 1, 1)],
    ['one teacher without a space: 50 %', [...people, ...spaces.slice(1), points('T-1', 61), points('T-2', 61), award()], outcome(false, 0.5, 1, 1, 1)],
    ['one teacher at 60 (大于 60: strict)', [...people, ...spaces, points('T-1', 61), points('T-2', 60), award()], outcome(false, 1, 1, 0.5, 1)],
    ['a county award', [...base, award({ level: 'county' })], outcome(false, 1, 1, 1, 0)],
    // Before: 1, met. 信息化教学比赛或相关竞赛: a city 课堂教学评比 award is not one.
    ['a city 课堂教学评比 award', [...base, award({ category: '课堂教学评比' })], outcome(false, 1, 1, 1, 0)],
    ['a city 信息技术应用类竞赛 award (相关竞赛)', [...base, award({ category: '信息技术应用类竞赛' })], outcome(true, 1, 1, 1, 1)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B22', events)).toEqual(expected));
});

// ---- 智慧治理服务 ----

describe('B23 校内治理 1 "具备统一门户、身份认证的校务协同办公系统，能充分整合信息公开…家校通等各项学校管理与服务事务"', () => {
  const modules = ['信息公开', '行政办公', '教务管理', '科研管理', '财务管理', '资产管理', '后勤管理', '招生管理', '学生事务', '家校互动'] as const;
  const office = (kinds: NonNullable<SystemKind>) => system('OA', ['协同办公', ...kinds]);
  const cases: Case[] = [
    ['one office system with identity, a portal and the ten modules', [office(['统一门户', ...modules])], outcome(true, 1, 1, 10)],
    // Before: met (the portal was not checked). 具备统一门户.
    ['no 统一门户', [office([...modules])], outcome(false, 1, 0, 10)],
    ['the portal a separate in-use system', [office([...modules]), system('PORTAL', ['统一门户'])], outcome(true, 1, 1, 10)],
    ['the office system without unified identity', [system('OA', ['协同办公', '统一门户', ...modules], { unifiedIdentity: false })], outcome(false, 0, 1, 0)],
    ['家校互动 missing: 9 of 10', [office(['统一门户', ...modules.slice(0, 9)])], outcome(false, 1, 1, 9)],
    // Before: 10, met. 整合: a 财务管理 system outside unified identity is not integrated.
    [
      '财务管理 in a system outside unified identity: 9',
      [office(['统一门户', ...modules.filter((m) => m !== '财务管理')]), system('FIN', ['财务管理'], { unifiedIdentity: false })],
      outcome(false, 1, 1, 9),
    ],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B23', events)).toEqual(expected));
});

describe('B24 校内治理 2 "具备多种智慧管理与服务能力，如智慧校情决策、智能排课、区块链应用等"', () => {
  const smart = ev(E.LessonTimetabledV1, {
    lessonId: 'LT-1',
    date: '2026-10-12',
    period: 1,
    periods: 1,
    stage: '小学',
    classId: 'C-3-1',
    subject: '数学',
    teacher: P('T-1'),
    roomId: undefined,
    mode: '线下',
    partnerSchoolCodes: [],
    scheduledBy: '智能排课',
  });
  const cases: Case[] = [
    ['智能排课 and 智慧校情决策: 2 (多种)', [smart, system('DEC', ['智慧校情决策'])], outcome(true, 2)],
    ['智能排课 only: 1', [smart], outcome(false, 1)],
    // Before: not met (智能排课 was required). 如…: any two of the named capabilities.
    ['智慧校情决策 and 区块链应用, no 智能排课: 2', [system('DEC', ['智慧校情决策']), system('BC', ['区块链应用'])], outcome(true, 2)],
    ['智慧校情决策 and a 停用 blockchain system: 1', [system('DEC', ['智慧校情决策']), system('BC', ['区块链应用'], { status: '停用' })], outcome(false, 1)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B24', events)).toEqual(expected));
});

describe('B25 校内治理 3 "资产数据与市、区相关部门业务数据对接"', () => {
  const cases: Case[] = [
    ['a successful asset sync to the district', [sync('资产数据', { targetLevel: 'county' })], outcome(true, 1)],
    ['to the city', [sync('资产数据', { targetLevel: 'city' })], outcome(true, 1)],
    // Before: 1, met (≥ county). 市、区: the province is neither.
    ['to the province only', [sync('资产数据', { targetLevel: 'province' })], outcome(false, 0)],
    ['a failed sync', [sync('资产数据', { succeeded: false })], outcome(false, 0)],
    ['on 31 August, the year before', [sync('资产数据', { syncedAt: '2026-08-31T10:00:00+08:00' })], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B25', events)).toEqual(expected));
});

describe('B27 校外服务 2 "具备个性化信息发布平台（网站、公众号、信息屏、数字广播等）并常态化使用"', () => {
  const usage = (periodEnd: string) =>
    ev(E.SystemUsageSummarizedV1, { systemId: 'WX', periodStart: periodEnd, periodEnd, activeUsers: 10, uses: [{ feature: '信息发布', count: 3 }] });
  const cases: Case[] = [
    [
      'a 公众号 and publishing on the first day of the 30 days',
      [system('WX', ['信息发布'], { features: ['公众号'] }), usage('2026-10-04')],
      outcome(true, 1, 1),
    ],
    ['the last publishing the day before', [system('WX', ['信息发布'], { features: ['公众号'] }), usage('2026-10-03')], outcome(false, 1, 0)],
    ['the platform 停用', [system('WX', ['信息发布'], { features: ['公众号'], status: '停用' }), usage('2026-10-04')], outcome(false, 0, 1)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B27', events)).toEqual(expected));
});

// ---- 智慧保障体系 ----

describe('B28 组织保障 1 "具有智慧校园建设领导小组，设置 CIO 首席信息官制度"', () => {
  const group = ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-1', kind: '智慧校园建设领导小组', leader: P('M-1'), members: [], establishedOn: '2026-09-01' });
  const cio = ev(E.RoleAssignedV1, { person: P('M-2'), role: '首席信息官', assignedOn: '2026-09-01' });
  const cases: Case[] = [
    ['a leadership group and a CIO', [group, cio], outcome(true, 1, 1)],
    [
      'the CIO revoked',
      [group, cio, ev(E.RoleRevokedV1, { person: P('M-2'), role: '首席信息官', subject: undefined, revokedOn: '2026-10-01' })],
      outcome(false, 1, 0),
    ],
    ['the group dissolved', [group, cio, ev(E.OrgUnitDissolvedV1, { orgUnitId: 'OU-1', dissolvedOn: '2026-10-01' })], outcome(false, 0, 1)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B28', events)).toEqual(expected));
});

describe('B29 组织保障 2 "有专门的职能管理机构负责智慧校园建设"', () => {
  const dept = ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-2', kind: '信息化工作管理部门', leader: P('M-1'), members: [], establishedOn: '2026-09-01' });
  const cases: Case[] = [
    ['an 信息化工作管理部门', [dept], outcome(true, 1)],
    ['dissolved', [dept, ev(E.OrgUnitDissolvedV1, { orgUnitId: 'OU-2', dissolvedOn: '2026-10-01' })], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B29', events)).toEqual(expected));
});

describe('B30 组织保障 3 "信息化人才队伍齐备，定期进行信息化人员培训及网络安全学习讲座"', () => {
  const admin = ev(E.RoleAssignedV1, { person: P('IT-1'), role: '网管', fullTime: true, assignedOn: '2026-09-01' });
  const staffTraining = training('IT-T', 'IT-1', { kind: '信息化人员培训' });
  const lecture = activity('SEC-1', { topics: ['网络安全'], audience: ['staff'] });
  const cases: Case[] = [
    ['an IT administrator, IT staff training and a 网络安全 lecture in the school year', [admin, staffTraining, lecture], outcome(true, 1, 1, 1)],
    // Before: met. 信息化人才队伍: no IT staff on the roster.
    ['no IT staff', [staffTraining, lecture], outcome(false, 0, 1, 1)],
    [
      'the training on 31 August, the year before',
      [admin, training('IT-T', 'IT-1', { kind: '信息化人员培训', completedOn: '2026-08-31' }), lecture],
      outcome(false, 1, 0, 1),
    ],
    ['a lecture on 信息素养, not 网络安全', [admin, staffTraining, activity('SEC-1', { topics: ['信息素养'], audience: ['staff'] })], outcome(false, 1, 1, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B30', events)).toEqual(expected));
});

describe('B35 网络安全 1 "能够实现实时监控门户网站"', () => {
  const cases: Case[] = [
    ['an in-use 门户网站监控 system', [system('MON', ['门户网站监控'])], outcome(true, 1)],
    ['停用', [system('MON', ['门户网站监控'], { status: '停用' })], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B35', events)).toEqual(expected));
});

describe('B38 网络安全 4 "按照《信息安全等级保护管理办法》，开展网络与信息系统的定级与测评等保"', () => {
  const assessed = (systemId: string, result: '符合' | '基本符合' | '不符合' = '基本符合') =>
    ev(E.SecurityAssessmentCompletedV1, { systemId, protectionLevel: '第二级', assessedOn: '2026-06-30', result });
  const cases: Case[] = [
    ["both of the school's systems assessed", [system('A', ['教务管理']), system('B', ['协同办公']), assessed('A'), assessed('B', '符合')], outcome(true, 1)],
    ['one of two: 50 %', [system('A', ['教务管理']), system('B', ['协同办公']), assessed('A')], outcome(false, 0.5)],
    ['one assessed 不符合', [system('A', ['教务管理']), system('B', ['协同办公']), assessed('A'), assessed('B', '不符合')], outcome(false, 0.5)],
    // Before: 0.5, not met. 网络与信息系统 of the school: a platform the city runs is graded by the city.
    [
      "the school's system assessed, a city-run platform not",
      [system('A', ['教务管理']), system('CITY', ['教学应用'], { providerLevel: 'city' }), assessed('A')],
      outcome(true, 1),
    ],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B38', events)).toEqual(expected));
});

describe('B39 网络安全 5 "建有教育类 App 准入机制，严禁有害 App 进入校园"', () => {
  const review = (reviewedOn: string, decision: '准入' | '拒绝' = '拒绝') => ev(E.AppReviewedV1, { appId: 'APP-1', name: '某 App', decision, reviewedOn });
  const cases: Case[] = [
    ['an app review on the first day of the school year', [review('2026-09-01')], outcome(true, 1)],
    ['the last one the day before', [review('2026-08-31')], outcome(false, 0)],
  ];
  it.each(cases)('%s', (_, events, expected) => expect(run('B39', events)).toEqual(expected));
});

// ---- derived + attested: the events give the value, the documents the wording asks for are attested ----

describe('derived + attested: B15 建立常态化使用制度方案, B17 制定本校学生综合素质评价细则和标准, B39 建有教育类 App 准入机制', () => {
  const status = 'accepted by district (区县（市）教育局)';
  const sheet = (events: readonly CloudEvent[], attested: Record<string, AttestedResult> = {}) => {
    const evidence = evaluateCatalog(CATALOGS.ningbo, CLASSIFICATIONS.ningbo, applyAll(emptyFacts(SCHOOL), [...events]), { asOf: ASOF });
    const { rows } = scoreSheet(CATALOGS.ningbo, CLASSIFICATIONS.ningbo, evidence, attested);
    return (id: string) => rows.find((r) => r.itemId === id);
  };
  const events: Record<string, readonly CloudEvent[]> = {
    B15: times(10, (i) => research(`DA-${i}`)),
    B17: [student('S-1'), growth('S-1')],
    B39: [ev(E.AppReviewedV1, { appId: 'APP-9', name: '口算', decision: '准入', reviewedOn: '2026-09-05' })],
  };
  const values: Record<string, number> = { B15: 10, B17: 1, B39: 1 };
  it.each(['B15', 'B17', 'B39'])('%s is derived and attested', (id) => expect(CLASSIFICATIONS.ningbo[id]?.basis).toBe('derived+attested'));
  it.each(['B15', 'B17', 'B39'])('%s: the events meet the checks, but without the documents the item is not met', (id) => {
    expect(sheet(events[id] ?? [])(id)).toMatchObject({ basis: 'derived+attested', value: values[id], met: false });
  });
  it.each(['B15', 'B17', 'B39'])('%s: the events and an accepted attestation: met', (id) => {
    expect(sheet(events[id] ?? [], { [id]: { met: true, status } })(id)).toMatchObject({ basis: 'derived+attested', value: values[id], met: true });
  });
  it.each(['B15', 'B17', 'B39'])('%s: an accepted attestation without the events: not met', (id) => {
    expect(sheet([], { [id]: { met: true, status } })(id)).toMatchObject({ basis: 'derived+attested', met: false });
  });
});

// ---- the `keys` measure (formula.ts): distinct keys over several facts, `all`, `with` ----

describe('the keys measure', () => {
  it('counts a key once across facts, a record without the key as its own, and only keys with a matching `with` record', () => {
    const item = CLASSIFICATIONS.ningbo['B19'];
    if (!item || item.basis === 'attested') throw new Error('B19 is derived');
    const m = item.checks[0]?.measure;
    expect(m).toMatchObject({
      of: 'keys',
      parts: [
        { fact: 'ArticlePublished', key: 'articleId' },
        { fact: 'AwardReceived', key: 'workId' },
      ],
    });
    const award = (awardId: string) =>
      ev(E.AwardReceivedV1, {
        awardId,
        workId: undefined,
        recipientKind: 'teacher',
        recipients: [P('T-1')],
        category: '论文评比',
        topics: ['教育信息化'],
        level: 'city',
        awardingBody: '教育部门',
        awardedOn: '2026-10-20',
        certificateId: `C-${awardId}`,
      });
    // Two awards without a workId are two works.
    expect(run('B19', [award('AW-1'), award('AW-2')])).toEqual(outcome(true, 2));
  });
});
