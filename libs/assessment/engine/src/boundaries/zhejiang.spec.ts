import { CATALOGS, allItems } from '@educube/assessment-catalog';
import * as E from '@educube/contracts';
import type { CloudEvent, EventDefinition } from '@educube/contracts';
import type { anEvent } from '@educube/contracts/testing';
import { CLASSIFICATIONS } from '../classification';
import type { EvaluationOptions } from '../evaluate';
import { hasChecks } from '../formula';
import { person, schoolKit } from '../testing/school';

// Zhejiang (浙江省普通中小学智慧校园建设指南（试行）): for every derived and derived+attested item,
// one input that just meets it and one that just misses it, each built from the clause's own
// words. As of 2026-12-01: SY = 2026-09-01..2026-12-01, SEM (no calendar) = 2026-09-01..,
// the last 30 days = 2026-11-02..2026-12-01. The readings are docs/standards/readings/zhejiang.md.

const kit = schoolKit('3301020002', 'zb');
const ev = kit.ev;
const ASOF: EvaluationOptions = { asOf: '2026-12-01' };
const P = (n: string) => person(n);
let seq = 0;
const uid = () => String((seq += 1));

// ---- small factories: the least each clause needs, everything else a plain default ----
type Data<D extends EventDefinition> = NonNullable<Parameters<typeof anEvent<D>>[1]>;
type Field<D extends EventDefinition, K extends keyof Data<D>> = NonNullable<Data<D>[K]>;
const room = (roomId: string, roomKind: Field<typeof E.RoomRegisteredV1, 'roomKind'>, d: Partial<Data<typeof E.RoomRegisteredV1>> = {}) =>
  ev(E.RoomRegisteredV1, {
    roomId,
    roomKind,
    areaKind: '教学',
    mainArea: true,
    newTypeTeachingSpace: false,
    stages: [],
    grades: [],
    wiredNetwork: true,
    wirelessNetwork: true,
    wirelessTech: undefined,
    responsible: P('IT-1'),
    inUse: true,
    registeredOn: '2026-08-25',
    ...d,
  });
const device = (assetId: string, deviceType: Field<typeof E.DeviceRegisteredV1, 'deviceType'>, d: Partial<Data<typeof E.DeviceRegisteredV1>> = {}) =>
  ev(E.DeviceRegisteredV1, {
    assetId,
    deviceType,
    ownerRole: 'shared',
    roomId: undefined,
    stages: [],
    capabilities: [],
    status: '在用',
    acquiredOn: '2025-08-20',
    registeredOn: '2025-08-21',
    ...d,
  });
const system = (
  systemId: string,
  systemKinds: Field<typeof E.InformationSystemRegisteredV1, 'systemKinds'>,
  d: Partial<Data<typeof E.InformationSystemRegisteredV1>> = {},
) =>
  ev(E.InformationSystemRegisteredV1, {
    systemId,
    name: systemId,
    systemKinds,
    providerLevel: 'school',
    thirdParty: false,
    builtOn: undefined,
    features: [],
    unifiedIdentity: true,
    connectedTo: [],
    responsible: P('IT-1'),
    status: '在用',
    registeredOn: '2026-09-01',
    ...d,
  });
const usage = (systemId: string, periodEnd = '2026-11-30', activeUsers = 1) =>
  ev(E.SystemUsageSummarizedV1, { systemId, periodStart: `${periodEnd.slice(0, 8)}01`, periodEnd, activeUsers, uses: [] });
const link = (linkId: string, d: Partial<Data<typeof E.NetworkLinkRegisteredV1>> = {}) =>
  ev(E.NetworkLinkRegisteredV1, {
    linkId,
    linkKind: '出口',
    upstream: '教育城域网',
    medium: '光纤',
    bandwidthMbps: 1000,
    ipv6: true,
    responsible: P('IT-1'),
    inUse: true,
    registeredOn: '2026-09-01',
    ...d,
  });
const teacher = (n: string, d: Partial<Data<typeof E.TeacherAssignedV1>> = {}) =>
  ev(E.TeacherAssignedV1, { teacher: P(n), post: '专任教师', stages: ['小学'], subjects: ['数学'], assignedOn: '2025-09-01', ...d });
const student = (n: string) => ev(E.StudentEnrolledV1, { student: P(n), stage: '小学', grade: 3, classId: 'C-3-1', enrolledOn: '2025-09-01' });
const delivered = (d: Partial<Data<typeof E.LessonDeliveredV1>> = {}) =>
  ev(E.LessonDeliveredV1, {
    lessonId: `LD-${uid()}`,
    deliveredOn: '2026-10-12',
    stage: '小学',
    subject: '数学',
    classIds: ['C-3-1'],
    teachers: [P('T1')],
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
    ...d,
  });
const timetabled = (lessonId: string, d: Partial<Data<typeof E.LessonTimetabledV1>> = {}) =>
  ev(E.LessonTimetabledV1, {
    lessonId,
    date: '2026-10-12',
    stage: '小学',
    classId: 'C-3-1',
    subject: '数学',
    teacher: P('T1'),
    roomId: undefined,
    mode: '线下',
    partnerSchoolCodes: [],
    ...d,
  });
const activity = (kind: Field<typeof E.ActivityHeldV1, 'kind'>, d: Partial<Data<typeof E.ActivityHeldV1>> = {}) =>
  ev(E.ActivityHeldV1, {
    activityId: `A-${uid()}`,
    kind,
    topics: [],
    audience: ['teacher'],
    mode: '线下',
    level: 'school',
    schoolRole: '主办',
    speakers: [],
    roomId: undefined,
    participants: 10,
    heldOn: '2026-11-20',
    ...d,
  });
const research = (d: Partial<Data<typeof E.ResearchActivityHeldV1>> = {}) =>
  ev(E.ResearchActivityHeldV1, {
    activityId: `R-${uid()}`,
    kind: '专题教研',
    mode: '线下',
    synchronous: false,
    platform: undefined,
    platformLevel: undefined,
    organiserLevel: 'school',
    partnerSchoolCodes: [],
    subjects: [],
    grades: [],
    topics: [],
    participants: [],
    heldOn: '2026-11-20',
    ...d,
  });
const online = { mode: '线上', platform: '之江汇', platformLevel: 'province' } as const;
const upload = (resourceId: string, d: Partial<Data<typeof E.ResourceUploadedV1>> = {}) =>
  ev(E.ResourceUploadedV1, {
    resourceId,
    kind: '课件',
    uploader: P('T1'),
    uploaderRole: 'teacher',
    stage: undefined,
    grades: [],
    subject: '数学',
    knowledgePoints: [],
    lessonCount: undefined,
    components: [],
    problemSolvingGuidance: undefined,
    audience: 'student',
    origin: '原创',
    platform: '之江汇',
    platformLevel: 'province',
    platformModule: undefined,
    uploadedAt: '2026-10-10T10:00:00+08:00',
    ...d,
  });
const shared = (resourceId: string, d: Partial<Data<typeof E.ResourceSharedV1>> = {}) =>
  ev(E.ResourceSharedV1, {
    resourceId,
    kind: '课件',
    sharedBy: P('T1'),
    platform: '其他',
    platformLevel: 'county',
    platformModule: undefined,
    sharedAt: '2026-10-11T10:00:00+08:00',
    ...d,
  });
const pushed = (d: Partial<Data<typeof E.ResourceRecommendedV1>> = {}) =>
  ev(E.ResourceRecommendedV1, {
    resourceId: 'RS-P',
    kind: '网络课程',
    audience: 'teacher',
    channel: '网络学习空间',
    recipients: 30,
    recommendedAt: '2026-10-10T10:00:00+08:00',
    ...d,
  });
const space = (spaceId: string, ownerRole: 'teacher' | 'student' | 'class' | 'school', owner?: string, d: Partial<Data<typeof E.LearningSpaceOpenedV1>> = {}) =>
  ev(E.LearningSpaceOpenedV1, {
    spaceId,
    ownerRole,
    owner: owner ? P(owner) : undefined,
    classId: ownerRole === 'class' ? 'C-3-1' : undefined,
    platform: '之江汇',
    platformLevel: 'province',
    realName: true,
    openedOn: '2026-09-01',
    ...d,
  });
const summary = (
  who: string,
  role: 'teacher' | 'student',
  kinds: Field<typeof E.LearningActivitySummarizedV1, 'activities'>[number]['kind'][],
  d: Partial<Data<typeof E.LearningActivitySummarizedV1>> = {},
) =>
  ev(E.LearningActivitySummarizedV1, {
    person: P(who),
    role,
    spaceId: undefined,
    platform: '之江汇',
    platformLevel: 'province',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    activities: kinds.map((kind) => ({ kind, count: 1 })),
    onMobile: 0,
    teacherGuided: 0,
    ...d,
  });
const training = (who: string, kind: Field<typeof E.TrainingCompletedV1, 'kind'>, d: Partial<Data<typeof E.TrainingCompletedV1>> = {}) =>
  ev(E.TrainingCompletedV1, {
    trainingId: `TR-${who}-${kind}`,
    trainee: P(who),
    kind,
    topics: [],
    level: 'county',
    mode: '线上',
    hours: 2,
    passed: true,
    completedOn: '2026-10-15',
    ...d,
  });
const award = (d: Partial<Data<typeof E.AwardReceivedV1>> = {}) =>
  ev(E.AwardReceivedV1, {
    awardId: `AW-${uid()}`,
    recipientKind: 'teacher',
    recipients: [P('T1')],
    category: '信息化教学比赛',
    topics: ['教育信息化'],
    level: 'county',
    awardingBody: '教育部门',
    awardedOn: '2026-11-01',
    certificateId: 'C-1',
    ...d,
  });
const project = (d: Partial<Data<typeof E.ResearchProjectApprovedV1>> = {}) =>
  ev(E.ResearchProjectApprovedV1, {
    projectId: `PJ-${uid()}`,
    kind: '规划课题',
    level: 'county',
    topics: ['教育信息化'],
    schoolRole: '主持',
    leader: P('T1'),
    members: [],
    approvedOn: '2026-04-01',
    ...d,
  });
const article = (d: Partial<Data<typeof E.ArticlePublishedV1>> = {}) =>
  ev(E.ArticlePublishedV1, {
    articleId: `AR-${uid()}`,
    kind: '论文',
    venueKind: '学术期刊',
    level: 'county',
    topics: ['教育信息化'],
    authors: [P('T1')],
    publishedOn: '2026-10-01',
    publicationRef: 'REF-1',
    ...d,
  });
const role = (who: string, r: Field<typeof E.RoleAssignedV1, 'role'>, d: Partial<Data<typeof E.RoleAssignedV1>> = {}) =>
  ev(E.RoleAssignedV1, { person: P(who), role: r, subject: undefined, fullTime: undefined, assignedOn: '2025-09-01', ...d });
const orgUnit = (orgUnitId: string, kind: Field<typeof E.OrgUnitEstablishedV1, 'kind'>, leader: string) =>
  ev(E.OrgUnitEstablishedV1, { orgUnitId, kind, leader: P(leader), members: [], establishedOn: '2025-09-01' });
const analysis = (analysisKind: '学情分析' | '教情分析', generatedOn = '2026-11-13') =>
  ev(E.ScoreAnalysisGeneratedV1, {
    analysisId: `AN-${analysisKind}-${generatedOn}`,
    examId: undefined,
    analysisKind,
    scope: '学校',
    classId: undefined,
    grade: undefined,
    subject: undefined,
    generatedOn,
  });
const attendance = (date: string) =>
  ev(E.DailyAttendanceRecordedV1, {
    date,
    role: 'teacher',
    classId: undefined,
    stage: undefined,
    grade: undefined,
    expected: 10,
    present: 10,
    late: 0,
    onLeave: 0,
    absent: 0,
    method: '人脸识别',
  });
const gate = (date: string) =>
  ev(E.GatePassesSummarizedV1, { gateId: 'GATE-1', date, passes: [{ method: '刷卡', count: 100 }], visitors: 0, temperatureChecks: 0, temperatureAbnormal: 0 });
const statusChange = (assetId: string, status: '在用' | '维修', changedOn: string) =>
  ev(E.DeviceStatusChangedV1, { assetId, status, changedOn, reason: undefined });
const course = (courseId: string, d: Partial<Data<typeof E.CourseOfferedV1>> = {}) =>
  ev(E.CourseOfferedV1, {
    courseId,
    title: courseId,
    kind: '国家课程',
    courseType: '基础型',
    category: undefined,
    topics: [],
    subject: '语文',
    stage: '小学',
    grades: [3],
    schoolYear: '2026-2027',
    semester: undefined,
    plannedPeriods: 40,
    ...d,
  });

interface Case {
  /** What differs between the two inputs. */
  readonly edge: string;
  /** The check whose value is asserted (the item's first check when absent). */
  readonly check?: string;
  readonly meets: readonly CloudEvent[];
  readonly misses: readonly CloudEvent[];
  /** The asserted value when met, when missed. */
  readonly values: readonly [number | null, number | null];
  readonly options?: EvaluationOptions;
}
type Table = Readonly<Record<string, { readonly clause: string; readonly cases: readonly Case[] }>>;

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

// ---- (一) 基础设施 ----
const infrastructure: Table = {
  '(一)1.(1)': {
    clause: '学校光纤接入教育城域网或互联网, 支持 IPv6, 出口带宽 1G 以上, 千兆带宽接入终端。',
    cases: [
      {
        edge: '1000 vs 999 Mbps of fibre egress',
        check: 'fibre egress (Mbps)',
        meets: [link('E1'), link('D1', { linkKind: '到桌面', upstream: undefined, medium: '铜缆' })],
        misses: [link('E2', { bandwidthMbps: 999 }), link('D2', { linkKind: '到桌面', upstream: undefined, medium: '铜缆' })],
        values: [1000, 999],
      },
      {
        edge: 'a 到桌面 link of 1000 vs 999 Mbps',
        check: 'gigabit access',
        meets: [link('E3'), link('D3', { linkKind: '到桌面', upstream: undefined, medium: '铜缆' })],
        misses: [link('E4'), link('D4', { linkKind: '到桌面', upstream: undefined, medium: '铜缆', bandwidthMbps: 999 })],
        values: [1, 0],
      },
    ],
  },
  '(一)1.(2)': {
    clause: '学校有线网络覆盖学校所有教室、实验室、训练场地和办公室等场所; 无线网络覆盖教学、办公、生活等主要场所',
    cases: [
      {
        edge: 'a 计算机教室 (a classroom too) wired vs not',
        check: 'wired',
        meets: [room('R1', '普通教室'), room('R2', '计算机教室')],
        misses: [room('R3', '普通教室'), room('R4', '计算机教室', { wiredNetwork: false })],
        values: [1, 0.5],
      },
    ],
  },
  '(一)1.(3)': {
    clause: '建有校园网络、广播、电视、监控、会议等信息化系统。',
    cases: [
      {
        edge: '5 kinds vs 4 (no 会议)',
        meets: [system('S1', ['校园网络管理', '广播', '校园电视', '视频监控', '会议'])],
        misses: [system('S2', ['校园网络管理', '广播', '校园电视', '视频监控'])],
        values: [5, 4],
      },
    ],
  },
  '(一)1.(5)': {
    clause: '配备统一上网管理系统, 学生学习终端具备安全浏览功能, 支持绿色上网。(0)',
    cases: [
      {
        edge: 'both student terminals with 安全浏览 vs one without',
        check: 'safe browsing',
        meets: [
          system('S3', ['统一上网管理']),
          device('ST1', '移动学习终端', { ownerRole: 'student', capabilities: ['安全浏览'] }),
          device('ST2', '笔记本计算机', { ownerRole: 'student', capabilities: ['安全浏览'] }),
        ],
        misses: [
          system('S4', ['统一上网管理']),
          device('ST3', '移动学习终端', { ownerRole: 'student', capabilities: ['安全浏览'] }),
          device('ST4', '笔记本计算机', { ownerRole: 'student' }),
        ],
        values: [1, 0.5],
      },
    ],
  },
  '(一)2.(1)': {
    clause: '有效生机比高中 5:1, 初中 6:1, 小学 7:1, 有效师机比 1:1',
    cases: [
      {
        edge: '14 vs 15 小学 students on 2 in-service computers (7 vs 7.5)',
        check: 'students per computer',
        meets: [
          ev(E.SchoolRegisteredV1, { schoolType: '小学', stages: ['小学'] }),
          ...many(14, (i) => student(`S${i}`)),
          device('PC1', '台式计算机', { ownerRole: 'student' }),
          device('PC2', '台式计算机', { ownerRole: 'student' }),
          teacher('T1'),
          device('TPC1', '笔记本计算机', { ownerRole: 'teacher' }),
        ],
        misses: [
          ev(E.SchoolRegisteredV1, { schoolType: '小学', stages: ['小学'] }),
          ...many(15, (i) => student(`S${i}`)),
          device('PC1', '台式计算机', { ownerRole: 'student' }),
          device('PC2', '台式计算机', { ownerRole: 'student' }),
          teacher('T1'),
          device('TPC1', '笔记本计算机', { ownerRole: 'teacher' }),
        ],
        values: [7, 7.5],
      },
    ],
  },
  '(一)2.(2)': {
    clause: '学校主要公共服务区域(图书馆、活动室、行政楼、食堂、宿舍和活动空间等)配置公用信息终端。',
    cases: [
      {
        edge: 'a 宿舍 without a terminal that is not a main area vs one that is',
        check: 'rooms with terminals',
        meets: [
          room('C1', '食堂', { areaKind: '公共服务' }),
          device('PT1', '公用信息终端', { roomId: 'C1' }),
          room('D1', '宿舍', { areaKind: '生活', mainArea: false }),
        ],
        misses: [room('C2', '食堂', { areaKind: '公共服务' }), device('PT2', '公用信息终端', { roomId: 'C2' }), room('D2', '宿舍', { areaKind: '生活' })],
        values: [1, 0.5],
      },
    ],
  },
  '(一)2.(3)': {
    clause: '学校配备适量的移动学习终端, 并配备移动教学配套设备。(0)',
    cases: [
      {
        edge: 'a 移动教学配套设备 in service vs none',
        check: 'kit',
        meets: [device('M1', '移动学习终端'), device('K1', '移动教学配套设备')],
        misses: [device('M2', '移动学习终端'), device('K2', '移动教学配套设备', { status: '闲置' })],
        values: [1, 0],
      },
    ],
  },
  '(一)2.(4)': {
    clause: '所有班级教室和功能教室均配备交互式多媒体系统',
    cases: [
      {
        edge: "the 功能教室's device in service vs 故障",
        meets: [
          room('R5', '普通教室'),
          room('R6', '功能教室'),
          device('X1', '交互式多媒体教学设备', { roomId: 'R5' }),
          device('X2', '交互式多媒体教学设备', { roomId: 'R6' }),
        ],
        misses: [
          room('R7', '普通教室'),
          room('R8', '功能教室'),
          device('X3', '交互式多媒体教学设备', { roomId: 'R7' }),
          device('X4', '交互式多媒体教学设备', { roomId: 'R8', status: '故障' }),
        ],
        values: [1, 0.5],
      },
    ],
  },
  '(一)3.(1)': {
    clause: '建有计算机教室，配置可管理的网络环境、计算机设备、教学和管理软件，满足学校信息技术课程教学需要。',
    cases: [
      {
        edge: "a 信息科技 lesson in the 计算机教室 on the SY's first day vs the day before",
        check: 'IT lessons',
        meets: [
          room('CR1', '计算机教室'),
          device('CPC1', '台式计算机', { roomId: 'CR1', ownerRole: 'student' }),
          timetabled('L1', { subject: '信息科技', roomId: 'CR1', date: '2026-09-01' }),
        ],
        misses: [
          room('CR2', '计算机教室'),
          device('CPC2', '台式计算机', { roomId: 'CR2', ownerRole: 'student' }),
          timetabled('L2', { subject: '信息科技', roomId: 'CR2', date: '2026-08-31' }),
        ],
        values: [1, 0],
      },
      {
        edge: 'the 信息技术 lesson in the 计算机教室 vs in an ordinary classroom',
        check: 'IT lessons',
        meets: [
          room('CR3', '计算机教室'),
          device('CPC3', '台式计算机', { roomId: 'CR3', ownerRole: 'student' }),
          timetabled('L3', { subject: '信息技术', roomId: 'CR3' }),
        ],
        misses: [
          room('CR4', '计算机教室'),
          device('CPC4', '台式计算机', { roomId: 'CR4', ownerRole: 'student' }),
          room('CL4', '普通教室'),
          timetabled('L4', { subject: '信息技术', roomId: 'CL4' }),
        ],
        values: [1, 0],
      },
      {
        edge: 'the 计算机教室 with a computer vs without',
        check: 'computer room',
        meets: [
          room('CR5', '计算机教室'),
          device('CPC5', '台式计算机', { roomId: 'CR5', ownerRole: 'student' }),
          timetabled('L5', { subject: '信息技术', roomId: 'CR5' }),
        ],
        misses: [
          room('CR6', '计算机教室'),
          device('CPC6', '台式计算机', { roomId: 'OTHER', ownerRole: 'student' }),
          timetabled('L6', { subject: '信息技术', roomId: 'CR6' }),
        ],
        values: [1, 0],
      },
    ],
  },
  '(一)3.(2)': {
    clause: '建有校园电视台，配有虚拟演播室、数字化摄录编辑系统，支持校内直播',
    cases: [
      {
        edge: '3 features vs 2 (no 校内直播)',
        check: 'features',
        meets: [room('TV1', '校园电视台'), system('TVS1', ['校园电视'], { features: ['虚拟演播室', '数字化摄录编辑', '校内直播'] })],
        misses: [room('TV2', '校园电视台'), system('TVS2', ['校园电视'], { features: ['虚拟演播室', '数字化摄录编辑'] })],
        values: [3, 2],
      },
    ],
  },
  '(一)3.(3)': {
    clause: '建有录播教室，配有交互式录播系统，支持课堂生成性资源录制、编辑、上传和分享。',
    cases: [
      {
        edge: 'the recording uploaded is shared vs another resource shared',
        check: 'recordings shared',
        meets: [
          room('LB1', '录播教室'),
          device('LBS1', '录播系统', { roomId: 'LB1' }),
          upload('REC1', { kind: '课堂实录', origin: '课堂录制' }),
          shared('REC1', { kind: '课堂实录', platform: '学校自建', platformLevel: 'school' }),
        ],
        misses: [
          room('LB2', '录播教室'),
          device('LBS2', '录播系统', { roomId: 'LB2' }),
          upload('REC2', { kind: '课堂实录', origin: '课堂录制' }),
          shared('OTHER-2', { kind: '课件', platform: '学校自建', platformLevel: 'school' }),
        ],
        values: [1, 0],
      },
    ],
  },
  '(一)3.(4)': {
    clause: '建有智能教室，…配有交互式多媒体系统、交互式录播系统，支撑教学行为数据采集和分析 (0)',
    cases: [
      {
        edge: 'the 录播系统 in the 智能教室 vs in a 录播教室',
        check: 'recording',
        meets: [
          room('SC1', '智能教室'),
          device('SCX1', '交互式多媒体教学设备', { roomId: 'SC1', capabilities: ['教学行为数据采集'] }),
          device('SCR1', '录播系统', { roomId: 'SC1' }),
        ],
        misses: [
          room('SC2', '智能教室'),
          device('SCX2', '交互式多媒体教学设备', { roomId: 'SC2', capabilities: ['教学行为数据采集'] }),
          room('LB3', '录播教室'),
          device('SCR2', '录播系统', { roomId: 'LB3' }),
        ],
        values: [1, 0],
      },
    ],
  },
  '(一)4.(1)': {
    clause: '建有创新实验室，支持开展拓展型、研（探）究型课程和学生自主探究实验活动',
    cases: [
      {
        edge: 'a 研究型 course vs a 基础型 one',
        check: 'courses',
        meets: [room('IL1', '创新实验室'), course('K1', { courseType: '研究型' })],
        misses: [room('IL2', '创新实验室'), course('K2')],
        values: [1, 0],
      },
    ],
  },
  '(一)4.(2)': {
    clause: '建有可重构、可连接、可兼容、可记录的新型教学空间。(0)',
    cases: [
      {
        edge: 'a room flagged 新型教学空间 vs not',
        meets: [room('NT1', '创新教室', { newTypeTeachingSpace: true })],
        misses: [room('NT2', '创新教室')],
        values: [1, 0],
      },
    ],
  },
  '(一)5.(1)': {
    clause: '配备显示屏和电子班牌，支持优秀作品与校园信息的多媒体展示。',
    cases: [
      {
        edge: 'the 电子班牌 in service vs 报废',
        check: 'class boards',
        meets: [device('DS1', '显示屏'), device('BP1', '电子班牌')],
        misses: [device('DS2', '显示屏'), device('BP2', '电子班牌', { status: '报废' })],
        values: [1, 0],
      },
    ],
  },
  '(一)5.(3)': {
    clause: '配有信息化管理的图书馆，支持图书自助借阅和归还，支持师生借阅历史查询。',
    cases: [
      {
        edge: '自助借还 and 借阅历史查询 vs 自助借还 only',
        check: 'features',
        meets: [system('LIB1', ['图书管理'], { features: ['自助借还', '借阅历史查询'] }), device('SB1', '自助借还机')],
        misses: [system('LIB2', ['图书管理'], { features: ['自助借还'] }), device('SB2', '自助借还机')],
        values: [2, 1],
      },
    ],
  },
  '(一)6.(1)': {
    clause:
      '校园出入口控制、访客管理、消防报警和紧急广播覆盖校园主要场所，实现与当地教育行政部门数据同步，校园重要场所的安防系统与当地公安部门安全防范系统联网。',
    cases: [
      {
        edge: "gate passes on the 30-day window's first day vs the day before",
        check: 'gate passes (30 d)',
        meets: [system('SEC1', ['出入口控制', '访客管理', '消防报警', '紧急广播'], { connectedTo: ['教育行政部门', '公安'] }), gate('2026-11-02')],
        misses: [system('SEC2', ['出入口控制', '访客管理', '消防报警', '紧急广播'], { connectedTo: ['教育行政部门', '公安'] }), gate('2026-11-01')],
        values: [1, 0],
      },
      {
        edge: 'the 安防 system linked to 公安 vs only an office system',
        check: 'police',
        meets: [system('SEC3', ['出入口控制', '访客管理', '消防报警', '紧急广播'], { connectedTo: ['教育行政部门', '公安'] }), gate('2026-11-20')],
        misses: [
          system('SEC4', ['出入口控制', '访客管理', '消防报警', '紧急广播'], { connectedTo: ['教育行政部门'] }),
          system('OA4', ['协同办公'], { connectedTo: ['公安'] }),
          gate('2026-11-20'),
        ],
        values: [1, 0],
      },
    ],
  },
  '(一)6.(2)': {
    clause: '配备学校餐饮卫生监测系统，加强人员管理、食材供应链管理和厨房环境管理。',
    cases: [
      {
        edge: 'the system 在用 vs 停用',
        meets: [system('FOOD1', ['餐饮卫生监测'])],
        misses: [system('FOOD2', ['餐饮卫生监测'], { status: '停用' })],
        values: [1, 0],
      },
    ],
  },
  '(一)7.(1)': {
    clause: '使用“教育魔方”提供的省、市、县级和第三方信息系统或省一体化数字资源系统（IRS）的公共组件，开展教育教学数字化应用。',
    cases: [
      {
        edge: 'the 教育魔方 system with 1 active user vs 0',
        check: 'usage',
        meets: [system('MF1', ['教学应用'], { builtOn: '教育魔方' }), usage('MF1')],
        misses: [system('MF2', ['教学应用'], { builtOn: '教育魔方' }), usage('MF2', '2026-11-30', 0)],
        values: [1, 0],
      },
      {
        edge: 'the use is of the 教育魔方 system vs of another one',
        check: 'usage',
        meets: [system('MF3', ['教学应用'], { builtOn: 'IRS' }), usage('MF3')],
        misses: [system('MF4', ['教学应用'], { builtOn: 'IRS' }), system('OWN4', ['教学应用']), usage('OWN4')],
        values: [1, 0],
      },
    ],
  },
  '(一)7.(2)': {
    clause: '基于“教育魔方”建设学校数字底座，实现统一入口、统一身份、统一认证和数据统一归集。(0)',
    cases: [
      {
        edge: 'both systems on unified identity vs one not',
        meets: [system('U1', ['教务管理'], { connectedTo: ['教育魔方'] }), system('U2', ['财务管理'], { connectedTo: ['教育魔方'] })],
        misses: [system('U3', ['教务管理'], { connectedTo: ['教育魔方'] }), system('U4', ['财务管理'], { connectedTo: ['教育魔方'], unifiedIdentity: false })],
        values: [1, 0.5],
      },
    ],
  },
};

// ---- (二) 资源数据 ----
const FIVE_KINDS = ['教学设计', '微课', '课件', '作业练习', '实验演示'] as const;
const resourcesData: Table = {
  '(二)1.(1)': {
    clause: '基于学校空间，建设符合学校特色的校本资源库，并与区域教育资源平台实现多种方式对接。',
    cases: [
      {
        edge: 'a share to a 县级 platform vs a 省级 one (not regional)',
        check: 'regional shares',
        meets: [space('SS1', 'school'), upload('LIB-1', { platformModule: '学校空间' }), shared('LIB-1')],
        misses: [space('SS2', 'school'), upload('LIB-2', { platformModule: '学校空间' }), shared('LIB-2', { platform: '之江汇', platformLevel: 'province' })],
        values: [1, 0],
      },
    ],
  },
  '(二)1.(2)': {
    clause: '建设系统化、体系化的基础教育学科资源，涵盖教学设计、微课、课件、作业练习和必要的实验演示等。',
    cases: [
      {
        edge: 'the five kinds vs four (no 实验演示)',
        check: 'kinds held',
        meets: [course('YW1'), ...FIVE_KINDS.map((k) => upload(`YW1-${k}`, { kind: k, subject: '语文' }))],
        misses: [course('YW2'), ...FIVE_KINDS.slice(0, 4).map((k) => upload(`YW2-${k}`, { kind: k, subject: '语文' }))],
        values: [5, 4],
      },
    ],
  },
  '(二)1.(3)': {
    clause: '建有品德修养、科学创造、体育运动、艺术育美、劳动实践等1门及以上的素质教育拓展课程。',
    cases: [
      {
        edge: 'a 拓展型 course with a category vs without',
        meets: [course('TZ1', { kind: '校本课程', courseType: '拓展型', category: '体育运动' })],
        misses: [course('TZ2', { kind: '校本课程', courseType: '拓展型' })],
        values: [1, 0],
      },
    ],
  },
  '(二)1.(4)': {
    clause: '按照教材目录和学科知识点体系，针对教学重难点及课后作业难题，研发侧重于思路指导类的微课。(0)',
    cases: [
      {
        edge: 'a 微课 the school made (原创) vs one brought in (引进)',
        meets: [upload('WK1', { kind: '微课', problemSolvingGuidance: true, knowledgePoints: ['KP-1'] })],
        misses: [upload('WK2', { kind: '微课', problemSolvingGuidance: true, knowledgePoints: ['KP-1'], origin: '引进' })],
        values: [1, 0],
      },
    ],
  },
  '(二)2.(1)': {
    clause: '并通过教育资源公共服务体系各级平台实现教学资源区域共享。',
    cases: [
      {
        edge: 'a share to a 县级 platform vs a 校级 one',
        meets: [shared('SH1')],
        misses: [shared('SH2', { platform: '学校自建', platformLevel: 'school' })],
        values: [1, 0],
      },
    ],
  },
  '(二)2.(2)': {
    clause: '每学年在教育资源公共服务体系各级平台共享优质基础教育学科资源和素质教育课程资源。(0)',
    cases: [
      {
        edge: 'the 综合实践课程 shared at 县级 vs 校级',
        check: 'course resources',
        meets: [shared('Q1'), shared('Q2', { kind: '综合实践课程' })],
        misses: [shared('Q3'), shared('Q4', { kind: '综合实践课程', platform: '学校自建', platformLevel: 'school' })],
        values: [1, 0],
      },
    ],
  },
  '(二)3.(1)': {
    clause: '归集学校管理、教学、教研和评价数据。',
    cases: [
      {
        edge: "a research activity on the 30-day window's first day vs the day before (homework marks and lesson preparation stand for evaluation and teaching)",
        check: 'research',
        meets: [
          attendance('2026-11-20'),
          ev(E.LessonPreparedV1, { prepId: 'PR-A', preparedOn: '2026-11-20' }),
          ev(E.HomeworkGradedV1, { assignmentId: 'H-A', assignedOn: '2026-11-19', gradedOn: '2026-11-20' }),
          research({ heldOn: '2026-11-02' }),
        ],
        misses: [
          attendance('2026-11-20'),
          ev(E.LessonPreparedV1, { prepId: 'PR-B', preparedOn: '2026-11-20' }),
          ev(E.HomeworkGradedV1, { assignmentId: 'H-B', assignedOn: '2026-11-19', gradedOn: '2026-11-20' }),
          research({ heldOn: '2026-11-01' }),
        ],
        values: [1, 0],
      },
    ],
  },
  '(二)3.(2)': {
    clause: '归集学校各类人员的状态数据和设施设备的运行数据。',
    cases: [
      {
        edge: "a device status change on the window's first day vs the day before (gate passes stand for people status)",
        check: 'device data',
        meets: [gate('2026-11-20'), statusChange('A-9', '在用', '2026-11-02')],
        misses: [gate('2026-11-20'), statusChange('A-9', '在用', '2026-11-01')],
        values: [1, 0],
      },
    ],
  },
  '(二)3.(3)': {
    clause: '基于“教育魔方”统一归集教育教学各类数据，形成校级数据仓或数据空间。(0)',
    cases: [
      {
        edge: 'the 数据仓 connected to 教育魔方 vs not',
        meets: [system('DW1', ['数据仓'], { connectedTo: ['教育魔方'] })],
        misses: [system('DW2', ['数据仓'], { connectedTo: ['校级数据仓'] })],
        values: [1, 0],
      },
    ],
  },
  '(二)4.(3)': {
    clause: '建设“学校数据中枢”，开展基于教育数据的教情、学情分析，推进精准教学和评价。(0)',
    cases: [
      {
        edge: '教情 and 学情 vs 学情 only',
        meets: [analysis('学情分析'), analysis('教情分析')],
        misses: [analysis('学情分析'), analysis('教情分析', '2026-08-31')],
        values: [2, 1],
      },
    ],
  },
};

// ---- (三) 应用服务 ----
const services: Table = {
  '(三)1.(1)': {
    clause: '应用国家、地方（含省、市、县）统一建设的信息系统。',
    cases: [
      {
        edge: 'a used system provided at 县级 vs at school level',
        check: 'usage',
        meets: [system('GOV1', ['教务管理'], { providerLevel: 'county' }), usage('GOV1')],
        misses: [system('GOV2', ['教务管理']), usage('GOV2')],
        values: [1, null],
      },
    ],
  },
  '(三)1.(2)': {
    clause: '运用信息技术开展行政管理、财务管理、设备资产管理 and 后勤管理。',
    cases: [
      {
        edge: 'the 后勤 system used in the SY vs last used on 31 August (a 协同办公 system serves 行政管理)',
        check: 'logistics',
        meets: [
          system('OA1', ['协同办公']),
          usage('OA1'),
          system('FI1', ['财务管理']),
          usage('FI1'),
          system('AS1', ['资产管理']),
          usage('AS1'),
          system('LO1', ['后勤管理']),
          usage('LO1', '2026-09-30'),
        ],
        misses: [
          system('OA2', ['协同办公']),
          usage('OA2'),
          system('FI2', ['财务管理']),
          usage('FI2'),
          system('AS2', ['资产管理']),
          usage('AS2'),
          system('LO2', ['后勤管理']),
          usage('LO2', '2026-08-31'),
        ],
        values: [1, 0],
      },
    ],
  },
  '(三)1.(3)': {
    clause:
      '运用信息化方式开展教务管理和师生管理、包括排课选课评课、考场考务管理、校本课程管理、教师备授课管理、校本课题管理、班级空间管理、师生网络空间管理。',
    cases: (() => {
      const rest = () => [
        timetabled(`PK-${uid()}`),
        ev(E.CourseSelectionClosedV1, {}),
        ev(E.ExamScheduledV1, {}),
        course(`XB-${uid()}`, { kind: '校本课程', courseType: '拓展型', category: '艺术育美' }),
        ev(E.LessonPreparedV1, {}),
        delivered({ platform: '之江汇', platformLevel: 'province' }),
        project({ kind: '校本课题', level: 'school' }),
        space('CS-1', 'class'),
        space('TS-1', 'teacher', 'T1'),
      ];
      return [
        {
          edge: 'a 听评课 vs a 集体备课 (not 评课)',
          check: '评课',
          meets: [...rest(), research({ kind: '听评课' })],
          misses: [...rest(), research({ kind: '集体备课' })],
          values: [1, 0] as const,
        },
      ];
    })(),
  },
  '(三)1.(4)': {
    clause: '建有支持多平台、多终端统一身份认证的系统，支撑师生教育教学管理及应用服务。(0)',
    cases: [
      {
        edge: 'the system 在用 vs 停用',
        meets: [system('ID1', ['统一身份认证'])],
        misses: [system('ID2', ['统一身份认证'], { status: '停用' })],
        values: [1, 0],
      },
    ],
  },
  '(三)2.(1)': {
    clause: '所有教师开通实名网络学习空间，并参加网络学习空间专题培训和教研活动。',
    cases: (() => {
      const rest = [
        training('T1', '网络学习空间专题培训'),
        training('T2', '网络学习空间专题培训'),
        research({ topics: ['网络学习空间'], participants: [P('T1'), P('T2')] }),
      ];
      return [
        {
          edge: "the second 专任教师's space real-name vs not",
          check: 'teachers with a space',
          meets: [teacher('T1'), teacher('T2'), space('TSA', 'teacher', 'T1'), space('TSB', 'teacher', 'T2'), ...rest],
          misses: [teacher('T1'), teacher('T2'), space('TSA', 'teacher', 'T1'), space('TSB', 'teacher', 'T2', { realName: false }), ...rest],
          values: [1, 0.5] as const,
        },
      ];
    })(),
  },
  '(三)2.(2)': {
    clause: '教师利用网络学习空间教学端开展备课、授课、在线答疑等常态化教育教学活动。',
    cases: [
      {
        edge: "online tutoring on the semester's first day vs the day before",
        check: 'tutoring',
        meets: [
          ev(E.LessonPreparedV1, { prepId: 'PR-C', preparedOn: '2026-10-01' }),
          delivered({ platform: '之江汇', platformLevel: 'province' }),
          ev(E.OnlineTutoringHeldV1, { sessionId: 'TU-A', heldOn: '2026-09-01' }),
        ],
        misses: [
          ev(E.LessonPreparedV1, { prepId: 'PR-D', preparedOn: '2026-10-01' }),
          delivered({ platform: '之江汇', platformLevel: 'province' }),
          ev(E.OnlineTutoringHeldV1, { sessionId: 'TU-B', heldOn: '2026-08-31' }),
        ],
        values: [1, 0],
      },
    ],
  },
  '(三)3.(1)': {
    clause: '所有学生开通实名网络学习空间。',
    cases: [
      {
        edge: "both students' spaces open vs one closed",
        meets: [student('S1'), student('S2'), space('SPA', 'student', 'S1'), space('SPB', 'student', 'S2')],
        misses: [
          student('S1'),
          student('S2'),
          space('SPA', 'student', 'S1'),
          space('SPB', 'student', 'S2'),
          ev(E.LearningSpaceClosedV1, { spaceId: 'SPB', closedOn: '2026-11-30' }),
        ],
        values: [1, 0.5],
      },
    ],
  },
  '(三)3.(2)': {
    clause: '学生通过个人网络学习空间进行自主学习、网络交流、在线测试等学习活动。',
    cases: [
      { edge: '网络交流 vs 合作学习 only', meets: [summary('S1', 'student', ['网络交流'])], misses: [summary('S1', 'student', ['合作学习'])], values: [1, 0] },
    ],
  },
  '(三)3.(3)': {
    clause: '在教师的指导下，学生灵活开展协作学习、探究学习、个性化学习等。',
    cases: [
      {
        edge: 'teacher-guided 探究学习 vs teacher-guided 在线测试',
        meets: [summary('S1', 'student', ['探究学习'], { teacherGuided: 1 })],
        misses: [summary('S1', 'student', ['在线测试'], { teacherGuided: 1 })],
        values: [1, 0],
      },
    ],
  },
  '(三)4.(1)': {
    clause: '每学年制定网络教研计划，并开展网络研修活动。',
    cases: [
      {
        edge: "an online research activity on the SY's first day vs the day before",
        meets: [research({ ...online, heldOn: '2026-09-01' })],
        misses: [research({ ...online, heldOn: '2026-08-31' })],
        values: [1, 0],
      },
    ],
  },
  '(三)4.(2)': {
    clause: '提供教师专业发展类的在线服务，如“互联网+教研”和相关在线课程推送等服务。',
    cases: [
      {
        edge: 'a 网络课程 pushed to teachers vs a 课件',
        check: 'pushes',
        meets: [pushed(), research(online)],
        misses: [pushed({ kind: '课件' }), research(online)],
        values: [1, 0],
      },
    ],
  },
  '(三)4.(3)': {
    clause: '用信息化方式实现教师教研活动的过程管理、动态查询和结果管理。(0)',
    cases: [{ edge: 'outcome recorded vs not', meets: [research({ outcomeRecorded: true })], misses: [research({ outcomeRecorded: false })], values: [1, 0] }],
  },
  '(三)5.(1)': {
    clause: '利用信息技术开展学生发展性评价，建立学生成长数字档案，支持学生学习、生活和各项活动的全面记录与综合评价。',
    cases: [
      {
        edge: "the second student's record on the SY's first day vs the day before",
        meets: [
          student('S1'),
          student('S2'),
          ev(E.GrowthRecordAddedV1, { student: P('S1') }),
          ev(E.GrowthRecordAddedV1, { student: P('S2'), recordedOn: '2026-09-01' }),
        ],
        misses: [
          student('S1'),
          student('S2'),
          ev(E.GrowthRecordAddedV1, { student: P('S1') }),
          ev(E.GrowthRecordAddedV1, { student: P('S2'), recordedOn: '2026-08-31' }),
        ],
        values: [1, 0.5],
      },
    ],
  },
  '(三)5.(2)': {
    clause: '利用信息技术开展教师发展性评价，建立教师发展数字档案，支持教师教学教研成果的全面记录与综合评价。',
    cases: (() => {
      const rec = (n: string) => ev(E.TeacherRecordAddedV1, { teacher: P(n), category: '教研', result: undefined, round: undefined, recordedOn: '2026-11-01' });
      return [
        {
          edge: 'both 专任教师 with a record vs one',
          meets: [teacher('T1'), teacher('T2'), rec('T1'), rec('T2')],
          misses: [teacher('T1'), teacher('T2'), rec('T1')],
          values: [1, 0.5] as const,
        },
      ];
    })(),
  },
  '(三)6.(1)': {
    clause: '建有数字家长学校，每年面向家长开展有组织的家庭教育在线指导，并提供学生在校情况查询、家庭教育问题咨询等便捷的家校沟通服务。',
    cases: [
      {
        edge: 'the guidance online vs offline',
        check: 'guidance',
        meets: [system('PS1', ['数字家长学校'], { features: ['在校情况查询'] }), activity('家庭教育在线指导', { audience: ['parent'], mode: '线上' })],
        misses: [system('PS2', ['数字家长学校'], { features: ['在校情况查询'] }), activity('家庭教育在线指导', { audience: ['parent'], mode: '线下' })],
        values: [1, 0],
      },
      {
        edge: 'the parent school offers 在校情况查询 vs no such service',
        check: 'communication',
        meets: [system('PS3', ['数字家长学校'], { features: ['家庭教育咨询'] }), activity('家庭教育在线指导', { audience: ['parent'], mode: '线上' })],
        misses: [system('PS4', ['数字家长学校'], { features: ['通知公告'] }), activity('家庭教育在线指导', { audience: ['parent'], mode: '线上' })],
        values: [1, 0],
      },
    ],
  },
  '(三)6.(2)': {
    clause: '向家长推送名师课程和综合实践课程，开展家校共同参与的文化、艺术、社会等课外公益活动。（0）',
    cases: [
      {
        edge: 'a 名师课程 pushed to parents vs a 家庭教育资源',
        check: 'pushes',
        meets: [pushed({ kind: '名师课程', audience: 'parent', channel: '数字家长学校' }), activity('家校公益活动', { audience: ['parent', 'student'] })],
        misses: [pushed({ kind: '家庭教育资源', audience: 'parent', channel: '数字家长学校' }), activity('家校公益活动', { audience: ['parent', 'student'] })],
        values: [1, 0],
      },
    ],
  },
};

// ---- (四) 信息素养, (五) 保障体系, (六) 特色发展 ----
const literacyAndSupport: Table = {
  '(四)1.(1)': {
    clause: '能熟练应用个人网络学习空间进行教学资源管理、学习活动设计、教学任务安排等各种网络教学活动，并对个人网络学习空间进行个性化设置。',
    cases: [
      {
        edge: 'a teacher who also set up the space (个性化设置) vs one who did not',
        check: 'personalised space',
        meets: [summary('T1', 'teacher', ['资源管理', '个性化设置'])],
        misses: [summary('T1', 'teacher', ['资源管理'])],
        values: [1, 0],
      },
    ],
  },
  '(四)1.(2)': {
    clause: '运用信息化设备、学科教学工具开展线上教学、线下教学、线上线下混合式教学。',
    cases: [
      {
        edge: 'the 线下 lesson taught with ICT vs without',
        check: 'offline',
        meets: [delivered({ mode: '线上', platform: '之江汇', platformLevel: 'province' }), delivered({ mode: '混合' }), delivered({ mode: '线下' })],
        misses: [
          delivered({ mode: '线上', platform: '之江汇', platformLevel: 'province' }),
          delivered({ mode: '混合' }),
          delivered({ mode: '线下', ictEnvironment: false }),
        ],
        values: [1, 0],
      },
    ],
  },
  '(四)1.(3)': {
    clause: '利用信息技术收集学生学情数据，开展数据驱动的精准教学。（0）',
    cases: [{ edge: 'a 学情分析 vs a 教情分析', meets: [analysis('学情分析')], misses: [analysis('教情分析')], values: [1, 0] }],
  },
  '(四)1.(4)': {
    clause: '开展信息技术教育教学的课题研究，撰写教学论文，参加县级及以上信息化相关竞赛并获奖。（0）',
    cases: [
      {
        edge: 'a 县级 award vs a 校级 one',
        check: 'awards',
        meets: [project({ topics: ['信息技术'] }), article(), award()],
        misses: [project({ topics: ['信息技术'] }), article(), award({ level: 'school' })],
        values: [1, 0],
      },
      {
        edge: 'a 信息化教学比赛 award vs a 课堂教学评比 one',
        check: 'awards',
        meets: [project({ topics: ['信息技术'] }), article(), award({ category: '信息技术应用类竞赛' })],
        misses: [project({ topics: ['信息技术'] }), article(), award({ category: '课堂教学评比' })],
        values: [1, 0],
      },
    ],
  },
  '(四)2.(3)': {
    clause: '能运用信息化设备、教学资源和网络学习空间进行学习资源管理、自主学习、合作学习和探究学习',
    cases: [
      { edge: '探究学习 vs 在线测试 only', meets: [summary('S1', 'student', ['探究学习'])], misses: [summary('S1', 'student', ['在线测试'])], values: [1, 0] },
    ],
  },
  '(四)2.(4)': {
    clause: '制作数字作品，参加县级及以上教育部门组织的相关竞赛并获奖。(0)',
    cases: [
      {
        edge: 'organised by 教育部门 vs a 行业协会',
        meets: [award({ recipientKind: 'student', recipients: [P('S1')], category: '数字作品竞赛' })],
        misses: [award({ recipientKind: 'student', recipients: [P('S1')], category: '数字作品竞赛', awardingBody: '行业协会' })],
        values: [1, 0],
      },
      {
        edge: 'a 数字作品竞赛 vs a 科技创新竞赛',
        meets: [award({ recipientKind: 'student', recipients: [P('S1')], category: '数字作品竞赛' })],
        misses: [award({ recipientKind: 'student', recipients: [P('S1')], category: '科技创新竞赛' })],
        values: [1, 0],
      },
    ],
  },
  '(四)3.(3)': {
    clause: '能编制学校信息化发展规划、规章制度与应用办法，逐步实现信息化教学应用师生全覆盖。',
    cases: [
      {
        edge: 'both students active in their space vs one',
        check: 'students learning with IT',
        meets: [teacher('T1'), delivered(), student('S1'), student('S2'), summary('S1', 'student', ['自主学习']), summary('S2', 'student', ['在线测试'])],
        misses: [teacher('T1'), delivered(), student('S1'), student('S2'), summary('S1', 'student', ['自主学习'])],
        values: [1, 0.5],
      },
    ],
  },
  '(四)4.(2)': {
    clause: '服务教师和管理人员应用信息技术，并对学校教育技术装备进行及时、有效地管理和运维。',
    cases: [
      {
        edge: "a device back in use on the SY's first day vs the day before",
        meets: [statusChange('A-1', '在用', '2026-09-01')],
        misses: [statusChange('A-1', '在用', '2026-08-31')],
        values: [1, 0],
      },
    ],
  },
  '(五)1.(1)': {
    clause: '成立以校长为组长的智慧校园建设工作领导小组，由校领导担任学校首席信息官（CIO），定期召开工作会议。',
    cases: [
      {
        edge: 'the group led by the 校长 vs by another teacher',
        check: 'group',
        meets: [
          role('P1', '校长'),
          orgUnit('G1', '智慧校园建设领导小组', 'P1'),
          role('P2', '首席信息官'),
          role('P2', '分管校长'),
          activity('工作会议', { orgUnitId: 'G1' }),
        ],
        misses: [
          role('P1', '校长'),
          orgUnit('G1', '智慧校园建设领导小组', 'P3'),
          role('P2', '首席信息官'),
          role('P2', '分管校长'),
          activity('工作会议', { orgUnitId: 'G1' }),
        ],
        values: [1, 0],
      },
      {
        edge: 'the CIO is a 校领导 vs not',
        check: 'CIO',
        meets: [
          role('P1', '校长'),
          orgUnit('G2', '智慧校园建设领导小组', 'P1'),
          role('P2', '首席信息官'),
          role('P2', '校领导'),
          activity('工作会议', { orgUnitId: 'G2' }),
        ],
        misses: [role('P1', '校长'), orgUnit('G2', '智慧校园建设领导小组', 'P1'), role('P2', '首席信息官'), activity('工作会议', { orgUnitId: 'G2' })],
        values: [1, 0],
      },
      {
        edge: 'a meeting of the group vs a meeting with no group',
        check: 'meeting',
        meets: [role('P1', '校长'), orgUnit('G3', '信息化工作领导小组', 'P1'), role('P1', '首席信息官'), activity('专题会议', { orgUnitId: 'G3' })],
        misses: [role('P1', '校长'), orgUnit('G3', '信息化工作领导小组', 'P1'), role('P1', '首席信息官'), activity('专题会议')],
        values: [1, 0],
      },
    ],
  },
  '(五)1.(2)': {
    clause: '设有智慧校园建设工作专班，配备专职人员推进智慧校园建设整体工作，并确保无重大网络安全责任事件。',
    cases: (() => {
      const base = () => [orgUnit('TF1', '智慧校园建设工作专班', 'P1'), role('P4', '网管', { fullTime: true })];
      const incident = (occurredAt: string) =>
        ev(E.SecurityIncidentRecordedV1, { incidentId: `INC-${occurredAt.slice(0, 10)}`, severity: '重大', schoolResponsible: true, occurredAt });
      return [
        {
          edge: 'a 重大 incident the day before 立项 vs on its first day',
          check: 'major incidents',
          meets: [...base(), incident('2025-08-31T10:00:00+08:00')],
          misses: [...base(), incident('2025-09-01T10:00:00+08:00')],
          values: [0, 1] as const,
          options: { asOf: '2026-12-01', creationStart: '2025-09-01' },
        },
      ];
    })(),
  },
  '(五)2.(1)': {
    clause: '学校信息化基础设施、应用服务、资源数据和各类教学空间有专（兼）职人员负责管理和维护。',
    cases: [
      {
        edge: 'the network link with a responsible person vs without (a 食堂 without one is no teaching space)',
        check: 'links',
        meets: [room('T-1', '普通教室'), room('CAN-1', '食堂', { areaKind: '公共服务', responsible: undefined }), link('NL-1'), system('SYS-R1', ['教务管理'])],
        misses: [
          room('T-1', '普通教室'),
          room('CAN-1', '食堂', { areaKind: '公共服务', responsible: undefined }),
          link('NL-1', { responsible: undefined }),
          system('SYS-R1', ['教务管理']),
        ],
        values: [1, 0],
      },
    ],
  },
  '(五)2.(2)': {
    clause: '每门学科配备教师负责推进信息技术与学科教学的融合创新应用。',
    cases: [
      {
        edge: "the 语文 teacher's subject has a lead vs a lead for 数学 only",
        meets: [teacher('T1', { subjects: ['语文'] }), role('T1', '学科融合负责人', { subject: '语文' })],
        misses: [teacher('T1', { subjects: ['语文'] }), role('T1', '学科融合负责人', { subject: '数学' })],
        values: [1, 0],
      },
    ],
  },
  '(五)2.(3)': {
    clause: '落实中小学教师信息技术应用能力提升工程，学校人员参加网络安全培训。',
    cases: [
      {
        edge: 'the 专任教师 passed the 提升工程 vs did not pass',
        check: 'teachers in the programme',
        meets: [teacher('T1'), training('T1', '信息技术应用能力提升工程'), training('STAFF-1', '网络安全培训')],
        misses: [teacher('T1'), training('T1', '信息技术应用能力提升工程', { passed: false }), training('STAFF-1', '网络安全培训')],
        values: [1, 0],
      },
    ],
  },
  '(五)3.(4)': {
    clause: '制订网络安全应急预案，每学年至少开展一次应急演练，提升网络安全应急处置与风险防控能力。',
    cases: [
      {
        edge: "a drill on the SY's first day vs the day before",
        meets: [activity('网络安全应急演练', { heldOn: '2026-09-01' })],
        misses: [activity('网络安全应急演练', { heldOn: '2026-08-31' })],
        values: [1, 0],
      },
    ],
  },
  '(六)2.(2)': {
    clause: '在智慧校园技术研究、特色应用、实施成效、体制建设等方面，有县级及以上教育信息化的研究课题或会议论文刊发、案例遴选获奖。',
    cases: [
      { edge: 'a 县级 教育信息化 project vs a 校级 one', meets: [project()], misses: [project({ level: 'school' })], values: [1, 0] },
      {
        edge: 'a 县级 project on 教育信息化 vs on 传统文化',
        meets: [project({ topics: ['大数据'] })],
        misses: [project({ topics: ['传统文化'] })],
        values: [1, 0],
      },
      { edge: 'a 会议论文 vs a journal paper', meets: [article({ venueKind: '会议论文集' })], misses: [article()], values: [1, 0] },
      {
        edge: 'a 案例遴选 award vs a 论文评比 one',
        meets: [award({ recipientKind: 'school', recipients: [], category: '案例遴选' })],
        misses: [award({ recipientKind: 'school', recipients: [], category: '论文评比' })],
        values: [1, 0],
      },
    ],
  },
};

const TABLE: Table = { ...infrastructure, ...resourcesData, ...services, ...literacyAndSupport };

it('has a boundary for every derived and derived+attested Zhejiang item', () => {
  const derivedIds = allItems(CATALOGS.zhejiang.groups)
    .map((i) => i.id)
    .filter((id) => hasChecks(CLASSIFICATIONS.zhejiang[id]));
  expect(derivedIds).toHaveLength(61);
  expect(Object.keys(TABLE).sort()).toEqual([...derivedIds].sort());
});

describe.each(Object.entries(TABLE))('Zhejiang %s', (id, { clause, cases }) => {
  describe(`「${clause}」`, () => {
    it.each(cases.map((c) => [c.edge, c] as const))('%s', (_edge, c) => {
      const options = c.options ?? ASOF;
      const value = (events: readonly CloudEvent[]) => {
        const e = kit.evaluate('zhejiang', id, events, options);
        const found = c.check ? e.checks.find((x) => x.label === c.check) : e.checks[0];
        return { met: e.met, value: found ? found.value : 'no such check' };
      };
      expect(value(c.meets)).toEqual({ met: true, value: c.values[0] });
      expect(value(c.misses)).toEqual({ met: false, value: c.values[1] });
    });
  });
});
