import * as E from '@educube/contracts';
import type { CloudEvent } from '@educube/contracts';
import type { EvaluationOptions } from '../evaluate';
import { person, schoolKit } from '../testing/school';

// Wenzhou (温州市智慧校园2.0创建指导性指标体系（试行）, 附件1): every derived and derived+attested
// item (6 and 14 excepted: their per-level readings are tested in wenzhou-levels.spec.ts) at its
// boundary — one input that just meets a check and one that just misses it, both computed by
// hand. Each describe quotes the clause it reads. The readings are docs/standards/readings/wenzhou.md.

const k = schoolKit('3303020001', 'wb');
// Assessed on 2 November 2026: SY = 2026-09-01 … (to the date); the fall semester without a
// published calendar runs from 1 September; rolling 30 days = 2026-10-04 … 2026-11-02.
// The creation period (立项) started on 1 January 2026.
const options: EvaluationOptions = { asOf: '2026-11-02', creationStart: '2026-01-01' };
const T1 = person('T1');
const T2 = person('T2');

type Case = readonly [name: string, events: () => CloudEvent[], value: number | null, met: boolean];
/** One check of an item over some events: its value and whether it holds. */
const at = (id: string, label: string, events: CloudEvent[], opts: EvaluationOptions = options) => {
  const c = k.check('wenzhou', id, label, events, opts);
  return { value: c.value, met: c.met };
};
const table = (id: string, label: string, cases: readonly Case[]) =>
  it.each(cases)(`${label}: %s`, (_name, events, value, met) => expect(at(id, label, events())).toEqual({ value, met }));

// ---- small factories (each event contract-valid, changed only where the case says) ----
const link = (id: string, linkKind: '出口' | '骨干' | '楼宇间' | '到桌面', bandwidthMbps: number, ipv6 = true) =>
  k.ev(E.NetworkLinkRegisteredV1, { linkId: id, linkKind, upstream: linkKind === '出口' ? '教育城域网' : undefined, bandwidthMbps, ipv6, inUse: true });
type RoomData = Parameters<typeof k.ev<typeof E.RoomRegisteredV1>>[1];
const room = (id: string, o: RoomData = {}) =>
  k.ev(E.RoomRegisteredV1, {
    roomId: id,
    roomKind: '普通教室',
    areaKind: '教学',
    mainArea: true,
    newTypeTeachingSpace: false,
    stages: [],
    grades: [],
    wirelessNetwork: true,
    wirelessTech: '千兆无线',
    inUse: true,
    ...o,
  });
const noWireless = { wirelessNetwork: false, wirelessTech: undefined } as const;
type DeviceType = NonNullable<NonNullable<Parameters<typeof k.ev<typeof E.DeviceRegisteredV1>>[1]>['deviceType']>;
const device = (id: string, deviceType: DeviceType, roomId: string | undefined, o: Parameters<typeof k.ev<typeof E.DeviceRegisteredV1>>[1] = {}) =>
  k.ev(E.DeviceRegisteredV1, { assetId: id, deviceType, ownerRole: 'shared', roomId, stages: [], capabilities: [], status: '在用', ...o });
type SystemData = Parameters<typeof k.ev<typeof E.InformationSystemRegisteredV1>>[1];
type SystemKinds = NonNullable<NonNullable<SystemData>['systemKinds']>;
const system = (id: string, systemKinds: SystemKinds, o: SystemData = {}) =>
  k.ev(E.InformationSystemRegisteredV1, {
    systemId: id,
    name: id,
    systemKinds,
    features: [],
    unifiedIdentity: true,
    connectedTo: [],
    roomIds: [],
    status: '在用',
    ...o,
  });
const usage = (systemId: string, periodStart = '2026-10-01', periodEnd = '2026-10-31') =>
  k.ev(E.SystemUsageSummarizedV1, { systemId, periodStart, periodEnd, activeUsers: 30, uses: [] });
const gate = (date: string, temperatureChecks = 10) =>
  k.ev(E.GatePassesSummarizedV1, {
    gateId: 'GATE-1',
    date,
    passes: [{ method: '人脸识别', count: 100 }],
    visitors: 0,
    temperatureChecks,
    temperatureAbnormal: 0,
  });
type UploadData = Parameters<typeof k.ev<typeof E.ResourceUploadedV1>>[1];
let rs = 0;
const upload = (o: UploadData = {}) =>
  k.ev(E.ResourceUploadedV1, {
    resourceId: `RS-${++rs}`,
    kind: '课件',
    uploader: T1,
    uploaderRole: 'teacher',
    lessonCount: undefined,
    components: [],
    platform: '学校自建',
    platformLevel: 'school',
    platformModule: undefined,
    uploadedAt: '2026-10-10T10:00:00+08:00',
    ...o,
  });
const uploads = (n: number, o: UploadData = {}) => Array.from({ length: n }, () => upload(o));
const recommend = (resourceId: string) =>
  k.ev(E.ResourceRecommendedV1, { resourceId, kind: '家庭教育资源', audience: 'parent', channel: '数字家长学校', recommendedAt: '2026-10-12T09:00:00+08:00' });
type ActivityData = Parameters<typeof k.ev<typeof E.ActivityHeldV1>>[1];
const activity = (o: ActivityData) =>
  k.ev(E.ActivityHeldV1, {
    activityId: `A-${++rs}`,
    topics: [],
    audience: ['student'],
    mode: '线下',
    level: 'school',
    schoolRole: '主办',
    speakers: [],
    roomId: undefined,
    participants: 100,
    heldOn: '2026-10-12',
    ...o,
  });
type LessonData = Parameters<typeof k.ev<typeof E.LessonDeliveredV1>>[1];
const delivered = (o: LessonData = {}) =>
  k.ev(E.LessonDeliveredV1, {
    lessonId: `L-${++rs}`,
    deliveredOn: '2026-10-12',
    periods: 1,
    stage: '小学',
    subject: '数学',
    classIds: ['C-1'],
    teachers: [T1],
    roomId: undefined,
    mode: '线下',
    partnerSchoolCodes: [],
    platform: undefined,
    platformLevel: undefined,
    teachingModels: [],
    lessonKind: '常规课',
    openLessonLevel: undefined,
    ictEnvironment: true,
    ...o,
  });
const timetabled = (o: Parameters<typeof k.ev<typeof E.LessonTimetabledV1>>[1] = {}) =>
  k.ev(E.LessonTimetabledV1, {
    lessonId: `LT-${++rs}`,
    date: '2026-10-12',
    period: 1,
    periods: 1,
    stage: '小学',
    classId: 'C-1',
    subject: '信息科技',
    teacher: T1,
    roomId: 'R-101',
    mode: '线下',
    partnerSchoolCodes: [],
    ...o,
  });
const teacher = (p: typeof T1, post: '专任教师' | '管理人员' = '专任教师') =>
  k.ev(E.TeacherAssignedV1, { teacher: p, post, stages: ['小学'], subjects: ['数学'], assignedOn: '2026-09-01' });
const primary = () => k.ev(E.SchoolRegisteredV1, { schoolType: '小学', stages: ['小学'] });

describe('Wenzhou 1 ▲达标 ▲2.0 "学校出口带宽达到万兆到校，校园内无线网络全覆盖"', () => {
  table('1', 'egress (Mbps)', [
    ['two egress links of 6000 + 4000 Mbps reach 万兆 (10000)', () => [link('E1', '出口', 6000), link('E2', '出口', 4000)], 10000, true],
    ['6000 + 3999 Mbps do not', () => [link('E1', '出口', 6000), link('E2', '出口', 3999)], 9999, false],
  ]);
  table('1', 'wireless coverage', [
    ['both rooms in use covered', () => [room('R1'), room('R2', { roomKind: '食堂', areaKind: '生活' })], 1, true],
    ['the canteen not covered: 1 of 2', () => [room('R1'), room('R2', { roomKind: '食堂', areaKind: '生活', ...noWireless })], 0.5, false],
  ]);
});

describe('Wenzhou 2 "校园骨干网络、楼宇间带宽均不低于万兆，到桌面不低于千兆，支持IPV6。通过5G、千兆无线网络方式，实现无线网络覆盖主要教学场所"', () => {
  table('2', 'backbone at 10G', [
    ['骨干 and 楼宇间 at 10000 Mbps (不低于 = ≥)', () => [link('B1', '骨干', 10000), link('B2', '楼宇间', 10000)], 1, true],
    ['楼宇间 at 9999 Mbps: 1 of 2', () => [link('B1', '骨干', 10000), link('B2', '楼宇间', 9999)], 0.5, false],
  ]);
  table('2', 'desktop at 1G', [
    ['到桌面 at 1000 Mbps', () => [link('D1', '到桌面', 1000)], 1, true],
    ['到桌面 at 999 Mbps', () => [link('D1', '到桌面', 999)], 0, false],
  ]);
  // 支持IPV6 is said of the campus network the sentence names (骨干, 楼宇间, 到桌面), not of the egress.
  table('2', 'IPv6', [
    ['every 骨干/楼宇间/到桌面 link carries IPv6', () => [link('B1', '骨干', 10000), link('B2', '楼宇间', 10000), link('D1', '到桌面', 1000)], 1, true],
    [
      'an IPv6 egress, but the desktop links without it: 2 of 3 (before: met, the egress alone counted)',
      () => [link('E1', '出口', 10000), link('B1', '骨干', 10000), link('B2', '楼宇间', 10000), link('D1', '到桌面', 1000, false)],
      2 / 3,
      false,
    ],
  ]);
  table('2', 'fast wireless', [
    ['main teaching rooms on 5G and 千兆无线', () => [room('R1', { wirelessTech: '5G' }), room('R2')], 1, true],
    ['one on other wireless: 1 of 2', () => [room('R1', { wirelessTech: '5G' }), room('R2', { wirelessTech: '其他' })], 0.5, false],
  ]);
});

describe('Wenzhou 3 ▲达标 ▲2.0 "学校所有教学场所配备多媒体设备；有效生机比高中5:1，初中6:1，小学7:1，有效教师用机配比达到1:1"', () => {
  table('3', 'rooms with multimedia', [
    [
      'both teaching rooms with an in-service multimedia device',
      () => [room('R1'), room('R2'), device('M1', '多媒体教学设备', 'R1'), device('M2', '交互式多媒体教学设备', 'R2')],
      1,
      true,
    ],
    [
      "the second one's device under repair (有效 = 在用): 1 of 2",
      () => [room('R1'), room('R2'), device('M1', '多媒体教学设备', 'R1'), device('M2', '交互式多媒体教学设备', 'R2', { status: '维修' })],
      0.5,
      false,
    ],
  ]);
  const pupils = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      k.ev(E.StudentEnrolledV1, { student: person(`S${i}`), stage: '小学', grade: 3, classId: 'C-1', enrolledOn: '2026-09-01' }),
    );
  const pcs = (n: number, ownerRole: 'student' | 'teacher') =>
    Array.from({ length: n }, (_, i) => device(`PC-${ownerRole}-${i}`, '台式计算机', undefined, { ownerRole }));
  table('3', 'students per computer', [
    ['小学 14 students, 2 computers: 7 (7:1 is ≤ 7)', () => [primary(), ...pupils(14), ...pcs(2, 'student')], 7, true],
    ['小学 15 students, 2 computers: 7.5', () => [primary(), ...pupils(15), ...pcs(2, 'student')], 7.5, false],
  ]);
  table('3', 'teachers per computer', [
    ['2 专任教师, 2 teacher computers: 1', () => [teacher(T1), teacher(T2), ...pcs(2, 'teacher')], 1, true],
    ['2 专任教师, 1 teacher computer: 2', () => [teacher(T1), teacher(T2), ...pcs(1, 'teacher')], 2, false],
  ]);
});

describe('Wenzhou 4 ▲达标 ▲2.0 "建有创客空间和人工智能实验室，配备开展创客、人工智能课程（包含信息技术必修课）相应的软硬件设备设施和课程资源"', () => {
  const maker = () => room('MK', { roomKind: '创客空间' });
  const lab = () => room('AI', { roomKind: '人工智能实验室' });
  table('4', 'maker space equipped', [
    ['a 创客空间 with an in-service 3D printer', () => [maker(), device('P3D', '3D打印设备', 'MK')], 1, true],
    ['a 创客空间 with no device in it (before: met, the room alone counted)', () => [maker(), device('P3D', '3D打印设备', 'R-101')], 0, false],
  ]);
  table('4', 'AI lab equipped', [
    ['an 人工智能实验室 with an in-service robot', () => [lab(), device('BOT', '智能机器人', 'AI')], 1, true],
    ['its robot written off', () => [lab(), device('BOT', '智能机器人', 'AI', { status: '报废' })], 0, false],
  ]);
  table('4', 'course resources', [
    ['a course resource on the theme 人工智能', () => [upload({ theme: '人工智能' })], 1, true],
    ['only a 德育 resource (before: no such check)', () => [upload({ theme: '德育' })], 0, false],
  ]);
});

describe('Wenzhou 5 "公共服务区域（图书馆、活动室、行政楼等）配备为师生提供信息化服务的公用终端"', () => {
  const lib = () => room('LIB', { roomKind: '图书馆', areaKind: '公共服务' });
  const admin = () => room('ADM', { roomKind: '行政楼', areaKind: '公共服务' });
  table('5', 'public terminals', [
    [
      'the library and the administration building each with a 公用信息终端',
      () => [lib(), admin(), device('T-L', '公用信息终端', 'LIB'), device('T-A', '公用信息终端', 'ADM')],
      1,
      true,
    ],
    [
      'the administration building without one: 1 of 2 (before: met, one terminal anywhere)',
      () => [lib(), admin(), device('T-L', '公用信息终端', 'LIB')],
      0.5,
      false,
    ],
  ]);
});

describe('Wenzhou 7 ▲达标 ▲2.0 "校园出入口有访客、人员身份识别、测温等系统，可查询校园人员出入记录及体温等数据"', () => {
  table('7', 'visitors', [
    ['an in-use 访客管理 system', () => [system('V', ['访客管理'])], 1, true],
    ['the system 停用', () => [system('V', ['访客管理'], { status: '停用' })], 0, false],
  ]);
  table('7', 'identification', [
    ['an in-use 身份识别 system', () => [system('ID', ['身份识别'])], 1, true],
    ['none', () => [system('V', ['访客管理'])], 0, false],
  ]);
  table('7', 'temperature', [
    ['an in-use 测温 system', () => [system('TM', ['测温'])], 1, true],
    ['none', () => [system('V', ['访客管理'])], 0, false],
  ]);
  table('7', 'gate records', [
    ['a gate summary on 2026-10-04, the first day of the last 30', () => [gate('2026-10-04')], 1, true],
    ['one on 2026-10-03, a day outside (before: met, the semester counted)', () => [gate('2026-10-03')], 0, false],
  ]);
  table('7', 'temperature records', [
    ['one temperature check in the last 30 days', () => [gate('2026-10-20', 1)], 1, true],
    ['passes but no temperature check (before: no such check)', () => [gate('2026-10-20', 0)], 0, false],
  ]);
});

describe('Wenzhou 8 ▲达标 ▲2.0 "建有校园智能安防综合管理系统，能实现对校园出入口、重点区域及师生活动集中区域全覆盖，能实现校园视频监控系统和公安系统联网"', () => {
  const zones = () => [
    room('G', { roomKind: '出入口', areaKind: '公共服务', securityZone: '出入口' }),
    room('K', { roomKind: '食堂', areaKind: '生活', securityZone: '师生活动集中区域' }),
  ];
  table('8', 'security platform', [
    ['an in-use 安防综合管理 system', () => [system('AF', ['安防综合管理'])], 1, true],
    ['only a 视频监控 system', () => [system('CCTV', ['视频监控'])], 0, false],
  ]);
  table('8', 'zones covered', [
    ['the video system covers the gate and the canteen', () => [...zones(), system('CCTV', ['视频监控'], { roomIds: ['G', 'K'] })], 1, true],
    ['it covers the gate only: 1 of 2', () => [...zones(), system('CCTV', ['视频监控'], { roomIds: ['G'] })], 0.5, false],
  ]);
  table('8', 'police link', [
    ['the 视频监控 system is linked to 公安', () => [system('CCTV', ['视频监控'], { connectedTo: ['公安'] })], 1, true],
    [
      'the 安防综合管理 system is, the video system is not',
      () => [system('CCTV', ['视频监控']), system('AF', ['安防综合管理'], { connectedTo: ['公安'] })],
      0,
      false,
    ],
  ]);
});

describe('Wenzhou 9 ▲达标 ▲2.0 "建有统一的校园应用门户（如钉钉），实现各类应用统一认证、单点登录，支持用户角色和授权的个性化设置"', () => {
  const portal = (o: SystemData = {}) => system('DD', ['统一门户'], { features: ['按角色个性化配置'], ...o });
  table('9', 'portal', [
    ['a portal with unified identity and per-role settings', () => [portal()], 1, true],
    ['a portal without per-role settings', () => [portal({ features: [] })], 0, false],
  ]);
  table('9', 'applications on single sign-on', [
    ['the 教务 and 协同办公 systems join unified identity', () => [portal(), system('JW', ['教务管理']), system('OA', ['协同办公'])], 1, true],
    [
      'the 教务 system does not: 1 of 2 (before: met, the portal alone counted)',
      () => [portal(), system('JW', ['教务管理'], { unifiedIdentity: false }), system('OA', ['协同办公'])],
      0.5,
      false,
    ],
  ]);
});

describe('Wenzhou 10 ▲达标 ▲2.0 "建有协同办公系统、教务管理系统等并常态化使用"', () => {
  table('10', 'office', [
    ['an in-use 协同办公 system', () => [system('OA', ['协同办公'])], 1, true],
    ['none', () => [system('JW', ['教务管理'])], 0, false],
  ]);
  table('10', 'academic', [
    ['an in-use 教务管理 system', () => [system('JW', ['教务管理'])], 1, true],
    ['none', () => [system('OA', ['协同办公'])], 0, false],
  ]);
  table('10', 'usage', [
    ['both systems with active users in the semester', () => [system('OA', ['协同办公']), system('JW', ['教务管理']), usage('OA'), usage('JW')], 1, true],
    [
      "the 教务 system unused, a 家校互动 system used instead: 1 of 2 (before: met, any system's use counted)",
      () => [system('OA', ['协同办公']), system('JW', ['教务管理']), system('JX', ['家校互动']), usage('OA'), usage('JX')],
      0.5,
      false,
    ],
  ]);
});

describe('Wenzhou 11 ▲2.0 "建有标准统一的学校教育数据仓，实现各类教育数据动态汇聚…实现本校内各大系统与上级教育主管部门之间的数据互联互通"', () => {
  const sync = (succeeded: boolean, syncedAt = '2026-10-15T02:00:00+08:00') => k.ev(E.DataSyncedToAuthorityV1, { systemId: 'DW', succeeded, syncedAt });
  table('11', 'data warehouse', [
    ['a 数据仓 connected to the city platform', () => [system('DW', ['数据仓'], { connectedTo: ['市级平台'] })], 1, true],
    ['a 数据仓 connected to nothing above the school', () => [system('DW', ['数据仓'], { connectedTo: ['校级数据仓'] })], 0, false],
  ]);
  table('11', 'syncs', [
    ['a successful sync on 2026-09-01, the first day of the SY', () => [sync(true, '2026-09-01T02:00:00+08:00')], 1, true],
    ['a successful sync on 2026-08-31 and a failed one in the SY', () => [sync(true, '2026-08-31T02:00:00+08:00'), sync(false)], 0, false],
  ]);
  table('11', 'systems feed the warehouse', [
    [
      'the 教务 and 协同办公 systems feed the 校级数据仓',
      () => [system('JW', ['教务管理'], { connectedTo: ['校级数据仓'] }), system('OA', ['协同办公'], { connectedTo: ['校级数据仓'] })],
      1,
      true,
    ],
    [
      'the 协同办公 system does not: 1 of 2 (before: no such check)',
      () => [system('JW', ['教务管理'], { connectedTo: ['校级数据仓'] }), system('OA', ['协同办公'])],
      0.5,
      false,
    ],
  ]);
});

describe('Wenzhou 13 ▲达标 ▲2.0 "能有效应用之江汇、温州教育影院、云图及自建校本资源库…每年至少开发1门不少于12课时的校本课程资源，新增数字资源总量50个以上。利用数字家长学校，开展线上家校沟通与活动，每年向家长推荐家庭教育学习资源数20个以上"', () => {
  table('13', 'platforms used', [
    ['an upload to 之江汇 in the SY', () => [upload({ platform: '之江汇', platformLevel: 'province' })], 1, true],
    ['a lesson using 云图 resources (before: 0, uploads alone counted)', () => [delivered({ platform: '云图', platformLevel: 'city' })], 1, true],
    ['an upload to the national platform only', () => [upload({ platform: '国家中小学智慧教育平台', platformLevel: 'national' })], 0, false],
  ]);
  const course = (lessonCount: number, origin: '原创' | '课堂录制' | '引进' = '原创') => upload({ kind: '校本课程资源', lessonCount, origin });
  table('13', 'school course ≥ 12 lessons', [
    ['a 校本课程资源 of 12 课时, developed by the school', () => [course(12)], 1, true],
    ['one of 11 课时', () => [course(11)], 0, false],
    ['one of 12 课时 bought in (引进), not developed (before: 1, met)', () => [course(12, '引进')], 0, false],
  ]);
  table('13', 'new resources', [
    ['50 uploads by teachers in the SY (以上 = ≥)', () => uploads(50), 50, true],
    ['49, and one more on 2026-08-31', () => [...uploads(49), upload({ uploadedAt: '2026-08-31T23:00:00+08:00' })], 49, false],
    [
      '49 by teachers and 1 student work (before: 50, met)',
      () => [...uploads(49), upload({ kind: '学生作品', uploader: person('S1'), uploaderRole: 'student' })],
      49,
      false,
    ],
  ]);
  const distinctRecs = (n: number) => Array.from({ length: n }, (_, i) => recommend(`FR-${i}`));
  table('13', 'family resources', [
    ['20 distinct 家庭教育资源 recommended via 数字家长学校', () => distinctRecs(20), 20, true],
    ['19 distinct, one of them pushed twice (before: 20 recommendations, met)', () => [...distinctRecs(19), recommend('FR-0')], 19, false],
  ]);
  table('13', 'online parent activities', [
    ['an online activity for parents in the SY', () => [activity({ kind: '家校活动', audience: ['parent'], mode: '线上' })], 1, true],
    ["a 线下 parents' meeting only (before: no such check)", () => [activity({ kind: '家校活动', audience: ['parent'], mode: '线下' })], 0, false],
  ]);
});

describe('Wenzhou 15 ▲2.0 "…利用人工智能、大数据等技术开展精准教学、个性化学习、多样化学习方式等探索"', () => {
  table('15', 'lessons', [
    ['a 精准教学 lesson in the SY', () => [delivered({ teachingModels: ['精准教学'] })], 1, true],
    ['a 翻转课堂 lesson only', () => [delivered({ teachingModels: ['翻转课堂'] })], 0, false],
  ]);
});

describe('Wenzhou 16 "利用网络平台常态化开展网络研修、听评课和集体备课等教研活动"', () => {
  const research = (mode: '线上' | '线下') =>
    k.ev(E.ResearchActivityHeldV1, {
      kind: '集体备课',
      mode,
      synchronous: false,
      platform: mode === '线下' ? undefined : '之江汇',
      platformLevel: mode === '线下' ? undefined : 'province',
      partnerSchoolCodes: [],
      heldOn: '2026-10-20',
    });
  table('16', 'online research', [
    ['a 集体备课 on 之江汇 in the semester', () => [research('线上')], 1, true],
    ['a 线下 one only', () => [research('线下')], 0, false],
  ]);
});

describe('Wenzhou 17 "通过智能化应用自动采集学生德、智、体、美、劳等过程性数据，记录学生成长轨迹，建立学生数字档案"', () => {
  const S1 = person('S1');
  const S2 = person('S2');
  const enrolled = (p: typeof S1) => k.ev(E.StudentEnrolledV1, { student: p, stage: '小学', grade: 3, classId: 'C-1', enrolledOn: '2026-09-01' });
  const rec = (p: typeof S1, dimension: '德' | '智' | '体' | '美' | '劳', source: '自动采集' | '教师录入' = '自动采集') =>
    k.ev(E.GrowthRecordAddedV1, { student: p, dimension, source, platform: '学校自建', platformLevel: 'school', recordedOn: '2026-10-01' });
  const five = (p: typeof S1) => (['德', '智', '体', '美', '劳'] as const).map((d) => rec(p, d));
  table('17', 'auto-collected 劳', [
    ['both students with an automatically collected record in each of 德智体美劳', () => [enrolled(S1), enrolled(S2), ...five(S1), ...five(S2)], 1, true],
    [
      "the second student's 劳 entered by hand: 1 of 2 (before: 5 dimensions school-wide, met)",
      () => [enrolled(S1), enrolled(S2), ...five(S1), ...five(S2).slice(0, 4), rec(S2, '劳', '教师录入')],
      0.5,
      false,
    ],
  ]);
  table('17', 'auto-collected 德', [
    ['both students', () => [enrolled(S1), enrolled(S2), rec(S1, '德'), rec(S2, '德')], 1, true],
    ['one of two', () => [enrolled(S1), enrolled(S2), rec(S1, '德')], 0.5, false],
  ]);
});

describe('Wenzhou 18 "…建有教师成长数字档案，支持教师专业发展评价"', () => {
  const rec = (p: typeof T1) => k.ev(E.TeacherRecordAddedV1, { teacher: p, category: '教学', result: undefined, round: undefined, recordedOn: '2026-10-01' });
  table('18', 'teachers with a record', [
    ['both 专任教师 with a development record in the SY', () => [teacher(T1), teacher(T2), rec(T1), rec(T2)], 1, true],
    ['one of two (before: 1 record, met)', () => [teacher(T1), teacher(T2), rec(T1)], 0.5, false],
  ]);
});

describe('Wenzhou 19 ▲达标 ▲2.0 "落实信息技术必修课程中的人工智能模块教学"', () => {
  type CourseData = Parameters<typeof k.ev<typeof E.CourseOfferedV1>>[1];
  const course = (o: CourseData = {}) =>
    k.ev(E.CourseOfferedV1, {
      courseId: 'K-IT',
      title: '信息科技',
      kind: '国家课程',
      courseType: '基础型',
      category: undefined,
      subject: '信息科技',
      topics: ['人工智能'],
      stage: '小学',
      grades: [5],
      schoolYear: '2026-2027',
      semester: '第一学期',
      ...o,
    });
  table('19', 'AI module per stage', [
    ['the 国家课程 信息科技 with its 人工智能 module, timetabled', () => [primary(), course(), timetabled({ courseId: 'K-IT' })], 1, true],
    ['the same course never timetabled', () => [primary(), course()], 0, false],
    [
      'an AI 校本课程 (拓展型) timetabled, not the compulsory course (before: 1, met)',
      () => [primary(), course({ kind: '校本课程', courseType: '拓展型', category: '科学创造' }), timetabled({ courseId: 'K-IT' })],
      null,
      false,
    ],
  ]);
});

describe('Wenzhou 20 ▲2.0 "充分利用人工智能实验室，开展必修课程或拓展（选修）类课程常态化教学"', () => {
  const lab = () => room('AI', { roomKind: '人工智能实验室' });
  table('20', 'AI lab', [
    ['an in-use 人工智能实验室', () => [lab()], 1, true],
    ['none', () => [room('R-101')], 0, false],
  ]);
  table('20', 'lessons in the AI lab', [
    ['a lesson timetabled in the lab in the semester', () => [lab(), timetabled({ roomId: 'AI' })], 1, true],
    ['信息技术 lessons elsewhere only (before: met)', () => [lab(), timetabled({ roomId: 'R-101' }), delivered({ subject: '信息技术' })], 0, false],
  ]);
});

describe('Wenzhou 21 ▲达标 ▲2.0 (查台账) "创建期间学校有开展信息化研究的项目及成果，教师有获县（市、区）级以上奖项或开展县级以上相关讲座"', () => {
  const project = (topics: NonNullable<Parameters<typeof k.ev<typeof E.ResearchProjectApprovedV1>>[1]>['topics'] = ['三个课堂']) =>
    k.ev(E.ResearchProjectApprovedV1, { projectId: 'PJ-1', kind: '规划课题', level: 'city', topics, approvedOn: '2025-06-01' });
  const concluded = (concludedOn: string, result: '通过结题' | '终止' = '通过结题') =>
    k.ev(E.ResearchProjectConcludedV1, { projectId: 'PJ-1', result, concludedOn });
  table('21', 'IT project with results', [
    [
      'an IT project (三个课堂) approved before, concluded 通过结题 on 2026-01-01, the first day of creation',
      () => [project(), concluded('2026-01-01')],
      1,
      true,
    ],
    ['concluded on 2025-12-31, before creation', () => [project(), concluded('2025-12-31')], null, false],
    ['a project on 传统文化 concluded in creation', () => [project(['传统文化']), concluded('2026-03-01')], 0, false],
    ['an IT project stopped (终止) without results (before: an approval alone counted)', () => [project(), concluded('2026-03-01', '终止')], null, false],
  ]);
  const award = (level: 'school' | 'county') => k.ev(E.AwardReceivedV1, { recipientKind: 'teacher', recipients: [T1], level, awardedOn: '2026-05-01' });
  table('21', 'awards or lectures', [
    ['a teacher award at county level', () => [award('county')], 1, true],
    ['a teacher award at school level', () => [award('school')], 0, false],
    [
      "a county 讲座 on 信息素养 given by the school's teacher",
      () => [activity({ kind: '讲座', level: 'county', schoolRole: '参加', topics: ['信息素养'], speakers: [T1] })],
      1,
      true,
    ],
    [
      'a county 讲座 the school only attended (before: 1, met)',
      () => [activity({ kind: '讲座', level: 'county', schoolRole: '参加', topics: ['信息素养'], speakers: [] })],
      0,
      false,
    ],
  ]);
});

describe('Wenzhou 22 ▲2.0 "有教师被聘为县（市、区）级以上“未来教育技术学院”讲师"', () => {
  const lecturer = (level: 'school' | 'county') =>
    k.ev(E.DesignationConferredV1, { kind: '未来教育技术学院讲师', recipient: T1, level, conferredOn: '2026-03-01', validUntil: '2028-02-28' });
  table('22', 'lecturers', [
    ['a teacher of the school appointed at county level', () => [teacher(T1), lecturer('county')], 1, true],
    [
      'the appointee has left the school (before: 1, met)',
      () => [teacher(T1), lecturer('county'), k.ev(E.TeacherLeftV1, { teacher: T1, leftOn: '2026-10-01' })],
      0,
      false,
    ],
    ['appointed at school level', () => [teacher(T1), lecturer('school')], null, false],
  ]);
});

describe('Wenzhou 23 ▲达标 ▲2.0 "每年组织开展校级科技节或创客文化节等活动"', () => {
  table('23', 'festivals', [
    ["the school's own 科技节 in the SY", () => [activity({ kind: '科技节' })], 1, true],
    ['its 科技节 on 2026-08-31, the last SY', () => [activity({ kind: '科技节', heldOn: '2026-08-31' })], 0, false],
    ['a county 创客文化节 the school took part in (before: 1, met)', () => [activity({ kind: '创客文化节', level: 'county', schoolRole: '参加' })], 0, false],
  ]);
});

describe('Wenzhou 24 ▲2.0 "创建期间学生参加县（市、区）级以上信息化项目展示、获奖"', () => {
  type EntryData = Parameters<typeof k.ev<typeof E.CompetitionEnteredV1>>[1];
  const entry = (o: EntryData) =>
    k.ev(E.CompetitionEnteredV1, {
      participantKind: 'student',
      participants: [person('S1')],
      form: '展示',
      category: '数字作品竞赛',
      level: 'county',
      enteredOn: '2026-05-01',
      ...o,
    });
  const award = (o: Parameters<typeof k.ev<typeof E.AwardReceivedV1>>[1]) =>
    k.ev(E.AwardReceivedV1, {
      recipientKind: 'student',
      recipients: [person('S1')],
      category: '信息技术应用类竞赛',
      level: 'county',
      awardedOn: '2026-05-01',
      ...o,
    });
  table('24', 'student results', [
    ['a county showcase of 数字作品', () => [entry({})], 1, true],
    ['a county award in an 信息技术应用类竞赛', () => [award({})], 1, true],
    ['a county award in a 科技创新竞赛 (创客, 机器人, 人工智能 contests)', () => [award({ category: '科技创新竞赛' })], 1, true],
    ['a school-level award', () => [award({ level: 'school' })], 0, false],
    ['a county award before creation (2025-12-31)', () => [award({ awardedOn: '2025-12-31' })], 0, false],
    ['a county 科技创新竞赛 entered without an award (before: 1, met)', () => [entry({ form: '竞赛', category: '科技创新竞赛' })], 0, false],
    ['a county award in a 课堂教学评比, not 信息化 (before: 1, met)', () => [award({ category: '课堂教学评比' })], 0, false],
  ]);
});

describe('Wenzhou 25 ▲达标 ▲2.0 (derived + attested) "实行首席信息官制度，并建有由校长（首席信息官）、分管校长和信息化负责人组成的CIO微团队"', () => {
  const head = person('P-1');
  const role = (who: ReturnType<typeof person>, r: '校长' | '分管校长' | '信息化负责人' | '首席信息官') =>
    k.ev(E.RoleAssignedV1, { person: who, role: r, assignedOn: '2026-09-01' });
  const posts = () => [role(head, '校长'), role(person('P-2'), '分管校长'), role(person('P-3'), '信息化负责人')];
  const team = (members = [head, person('P-2'), person('P-3')]) =>
    k.ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-CIO', kind: 'CIO微团队', leader: head, members, establishedOn: '2026-09-01' });
  table('25', 'CIO is the principal', [
    ['the 校长 is the 首席信息官', () => [...posts(), role(head, '首席信息官')], 1, true],
    ['the 首席信息官 is the 信息化负责人, not the 校长 (before: a CIO on the roster, met)', () => [...posts(), role(person('P-3'), '首席信息官')], 0, false],
    [
      'the 校长 was CIO, the role revoked',
      () => [...posts(), role(head, '首席信息官'), k.ev(E.RoleRevokedV1, { person: head, role: '首席信息官', subject: undefined, revokedOn: '2026-10-01' })],
      null,
      false,
    ],
  ]);
  table('25', '校长 in the CIO team', [
    ['the team of the three posts', () => [...posts(), team()], 1, true],
    ['a team the 校长 is not in', () => [...posts(), team([person('P-2'), person('P-3')])], 0, false],
  ]);
  table('25', '分管校长 in the CIO team', [
    ['the team of the three posts', () => [...posts(), team()], 1, true],
    ['a team without the 分管校长 (before: a CIO微团队, met)', () => [...posts(), team([head, person('P-3')])], 0, false],
    ['the team dissolved', () => [...posts(), team(), k.ev(E.OrgUnitDissolvedV1, { orgUnitId: 'OU-CIO', dissolvedOn: '2026-10-01' })], 0, false],
  ]);
  table('25', '信息化负责人 in the CIO team', [
    ['the team of the three posts', () => [...posts(), team()], 1, true],
    ['a team without the 信息化负责人', () => [...posts(), team([head, person('P-2')])], 0, false],
  ]);
});

describe('Wenzhou 26 ▲达标 ▲2.0 "有专（兼）职的网管人员，有教育部门或相关行业颁发的网络安全管理上岗资质证的人员"', () => {
  const cert = (issuerKind: '教育部门' | '行业' | '其他', validUntil = '2028-05-31') =>
    k.ev(E.CredentialRecordedV1, { holder: T1, kind: '网络安全管理上岗资质证', issuerKind, validUntil });
  table('26', 'network admin', [
    ['a 兼职 网管', () => [k.ev(E.RoleAssignedV1, { person: T1, role: '网管', fullTime: false })], 1, true],
    ['only a 信息化负责人', () => [k.ev(E.RoleAssignedV1, { person: T1, role: '信息化负责人' })], 0, false],
  ]);
  table('26', 'certificate', [
    ['a certificate issued by the industry (相关行业)', () => [cert('行业')], 1, true],
    ['one valid until 2026-11-02, the assessment day', () => [cert('教育部门', '2026-11-02')], 1, true],
    ['one that expired on 2026-11-01', () => [cert('教育部门', '2026-11-01')], 0, false],
    ['one issued by another body (before: 1, met)', () => [cert('其他')], 0, false],
  ]);
});

describe('Wenzhou 27 ▲达标 ▲2.0 (derived + attested) "能查询到最近至少6个月的网络安全日志…无重大网络安全事件"', () => {
  const logs = (oldestRecordOn: string) =>
    k.ev(E.LogRetentionReportedV1, { systemId: 'SYS-FW', logKind: '网络安全日志', oldestRecordOn, reportedOn: '2026-10-30' });
  const incident = (severity: '较大' | '重大' | '特别重大', schoolResponsible: boolean, occurredAt = '2026-10-03T10:00:00+08:00') =>
    k.ev(E.SecurityIncidentRecordedV1, { incidentId: `INC-${++rs}`, severity, schoolResponsible, occurredAt });
  table('27', '网络安全日志 retention (days)', [
    ['logs back to 2026-04-30: 183 days', () => [logs('2026-04-30')], 183, true],
    ['logs back to 2026-05-01: 182 days (6 months read as 182 days)', () => [logs('2026-05-01')], 182, true],
    ['logs back to 2026-05-02: 181 days', () => [logs('2026-05-02')], 181, false],
    [
      'a year of 上网行为日志 only (before: either kind, met)',
      () => [k.ev(E.LogRetentionReportedV1, { systemId: 'SYS-FW', logKind: '上网行为日志', oldestRecordOn: '2025-10-30', reportedOn: '2026-10-30' })],
      null,
      false,
    ],
  ]);
  table('27', '上网行为 recorded', [
    [
      '上网行为日志 reported',
      () => [k.ev(E.LogRetentionReportedV1, { systemId: 'SYS-FW', logKind: '上网行为日志', oldestRecordOn: '2026-10-01', reportedOn: '2026-10-30' })],
      1,
      true,
    ],
    ['only 网络安全日志', () => [logs('2026-04-30')], 0, false],
  ]);
  const guard = (capabilities: ('入侵防护' | '防病毒' | '防火墙')[], status: '在用' | '故障' = '在用') =>
    device('FW-1', '网络安全设备', undefined, { capabilities, status });
  table('27', 'intrusion protection', [
    ['a 网络安全设备 with 入侵防护 in service', () => [guard(['入侵防护'])], 1, true],
    ['a firewall only', () => [guard(['防火墙'])], 0, false],
    ['the 入侵防护 device out of order', () => [guard(['入侵防护'], '故障')], 0, false],
  ]);
  table('27', 'virus protection', [
    ['a 网络安全设备 with 防病毒 in service', () => [guard(['防病毒'])], 1, true],
    ['none with 防病毒', () => [guard(['入侵防护'])], 0, false],
  ]);
  const system = (id: string) =>
    k.ev(E.InformationSystemRegisteredV1, {
      systemId: id,
      name: id,
      systemKinds: ['协同办公'],
      providerLevel: 'school',
      status: '在用',
      registeredOn: '2026-09-01',
    });
  const assessed = (id: string, result: '符合' | '基本符合' | '不符合') =>
    k.ev(E.SecurityAssessmentCompletedV1, { systemId: id, protectionLevel: '第二级', assessedOn: '2026-06-30', result });
  table('27', '等级保护 (systems assessed)', [
    [
      'both systems the school runs assessed 基本符合 / 符合',
      () => [system('S-1'), system('S-2'), assessed('S-1', '基本符合'), assessed('S-2', '符合')],
      1,
      true,
    ],
    ['one of two assessed 不符合', () => [system('S-1'), system('S-2'), assessed('S-1', '符合'), assessed('S-2', '不符合')], 0.5, false],
  ]);
  table('27', 'major incidents', [
    ['a 较大 incident only', () => [incident('较大', true)], 0, true],
    ['a 重大 incident before creation (2025-12-31)', () => [incident('重大', true, '2025-12-31T10:00:00+08:00')], 0, true],
    [
      'a 重大 incident the school is not responsible for (before: 0, met — the wording says 无重大网络安全事件, not 责任事件)',
      () => [incident('重大', false)],
      1,
      false,
    ],
    ['a 特别重大 one', () => [incident('特别重大', true)], 1, false],
  ]);
});
