import { CATALOGS } from '@educube/assessment-catalog';
import type { CloudEvent } from '@educube/contracts';
import * as E from '@educube/contracts';
import { CLASSIFICATIONS } from '../classification';
import { evaluateCatalog, type EvaluationOptions } from '../evaluate';
import { scoreSheet } from '../sheet';
import { person, schoolKit } from '../testing/school';

// Ningxia 认定标准 (附件1 of 002_0941ca4fe4a28e7e.txt): for every derived (and derived+attested)
// item, the smallest input that meets it and the same input just short of it — one unit fewer,
// the wrong body, the day outside the window, or the decisive filter value wrong. Each row names
// the check it decides and the value that check shows. Readings: docs/standards/readings/ningxia.md.

const k = schoolKit('6401040001', 'nxb');
const { ev } = k;
const ASOF = '2027-06-30'; // SY 2026-09-01 … ; SEM (no calendar) 2027-03-01 … ; previous CY 2026
const CLOUD = { platform: '宁夏教育云', platformLevel: 'province' } as const;

// ---- small factories (each event contract-valid; only the fields a case turns on are named) ----
const T = (n: string) => person(n);
const teacher = (n: string) => ev(E.TeacherAssignedV1, { teacher: T(n), post: '专任教师', stages: ['小学'], subjects: ['数学'], assignedOn: '2026-09-01' });
const teachers = (n: number) => Array.from({ length: n }, (_, i) => teacher(`T${i + 1}`));
const student = (n: string) => ev(E.StudentEnrolledV1, { student: T(n), stage: '小学', grade: 3, classId: 'C-3-1', enrolledOn: '2026-09-01' });
const students = (n: number) => Array.from({ length: n }, (_, i) => student(`S${i + 1}`));
const headcount = (students: number) => ev(E.HeadcountReportedV1, { asOf: '2026-09-30', byStage: [{ stage: '小学', teachers: 10, students, classes: 1 }] });
const registered = (regionCode = '640104') =>
  ev(E.SchoolRegisteredV1, { name: '银川市兴庆区第一小学', regionCode, schoolType: '小学', stages: ['小学'], registeredOn: '2020-09-01' });
type RoomData = Parameters<typeof ev<typeof E.RoomRegisteredV1>>[1];
const room = (roomId: string, roomKind: NonNullable<RoomData>['roomKind'], extra: RoomData = {}) =>
  ev(E.RoomRegisteredV1, {
    roomId,
    roomKind,
    areaKind: '教学',
    mainArea: false,
    newTypeTeachingSpace: false,
    stages: [],
    grades: [],
    wiredNetwork: true,
    wirelessNetwork: true,
    wirelessTech: undefined,
    securityZone: undefined,
    ...extra,
  });
type DeviceData = Parameters<typeof ev<typeof E.DeviceRegisteredV1>>[1];
let assetSeq = 0;
const device = (deviceType: NonNullable<DeviceData>['deviceType'], extra: DeviceData = {}) =>
  ev(E.DeviceRegisteredV1, {
    assetId: `A-${++assetSeq}`,
    deviceType,
    ownerRole: 'shared',
    roomId: undefined,
    stages: [],
    capabilities: [],
    status: '在用',
    ...extra,
  });
type SystemData = Parameters<typeof ev<typeof E.InformationSystemRegisteredV1>>[1];
let sysSeq = 0;
const system = (systemKinds: NonNullable<SystemData>['systemKinds'], extra: SystemData = {}) =>
  ev(E.InformationSystemRegisteredV1, {
    systemId: `SYS-${++sysSeq}`,
    systemKinds,
    thirdParty: false,
    builtOn: undefined,
    features: [],
    connectedTo: [],
    roomIds: [],
    status: '在用',
    ...extra,
  });
type LessonData = Parameters<typeof ev<typeof E.LessonDeliveredV1>>[1];
let lessonSeq = 0;
/** A plain 线下 lesson on 2027-03-10 (in the SY and the semester) unless the case says otherwise. */
const lesson = (extra: LessonData = {}) =>
  ev(E.LessonDeliveredV1, {
    lessonId: `L-${++lessonSeq}`,
    deliveredOn: '2027-03-10',
    mode: '线下',
    partnerSchoolCodes: [],
    platform: undefined,
    platformLevel: undefined,
    teachingModels: [],
    lessonKind: '常规课',
    openLessonLevel: undefined,
    studentDevices: undefined,
    roomId: undefined,
    teachers: [T('T1')],
    ...extra,
  });
type ActivityData = Parameters<typeof ev<typeof E.ActivityHeldV1>>[1];
let actSeq = 0;
const activity = (kind: NonNullable<ActivityData>['kind'], extra: ActivityData = {}) =>
  ev(E.ActivityHeldV1, {
    activityId: `ACT-${++actSeq}`,
    kind,
    topics: [],
    audience: ['staff'],
    mode: '线下',
    level: 'school',
    schoolRole: '主办',
    speakers: [],
    roomId: undefined,
    participants: 20,
    heldOn: '2027-03-10',
    ...extra,
  });
type ResearchData = Parameters<typeof ev<typeof E.ResearchActivityHeldV1>>[1];
let resSeq = 0;
const research = (extra: ResearchData = {}) =>
  ev(E.ResearchActivityHeldV1, {
    activityId: `RA-${++resSeq}`,
    kind: '专题教研',
    mode: '线上',
    synchronous: false,
    ...CLOUD,
    organiserLevel: 'school',
    partnerSchoolCodes: [],
    topics: [],
    heldOn: '2027-03-10',
    ...extra,
  });
type UploadData = Parameters<typeof ev<typeof E.ResourceUploadedV1>>[1];
let resourceSeq = 0;
const upload = (extra: UploadData = {}) =>
  ev(E.ResourceUploadedV1, {
    resourceId: `RS-${++resourceSeq}`,
    kind: '课件',
    uploader: T('T1'),
    uploaderRole: 'teacher',
    knowledgePoints: [],
    lessonCount: undefined,
    components: [],
    audience: 'student',
    ...CLOUD,
    platformModule: '学校空间',
    uploadedAt: '2026-10-01T10:00:00+08:00',
    ...extra,
  });
const many = <X>(n: number, make: (i: number) => X): X[] => Array.from({ length: n }, (_, i) => make(i));
type AwardData = Parameters<typeof ev<typeof E.AwardReceivedV1>>[1];
let awardSeq = 0;
const award = (extra: AwardData = {}) =>
  ev(E.AwardReceivedV1, {
    awardId: `AW-${++awardSeq}`,
    recipientKind: 'school',
    recipients: [],
    topics: ['教育信息化'],
    level: 'province',
    awardingBody: '教育部门',
    awardedOn: '2026-11-01',
    certificateId: `C-${awardSeq}`,
    ...extra,
  });

interface Row {
  /** item id */
  readonly id: string;
  /** 原文 of the clause the row decides */
  readonly clause: string;
  readonly name: string;
  readonly events: () => CloudEvent[];
  readonly check: string;
  readonly value: number | null;
  readonly met: boolean;
  readonly points?: number;
  readonly options?: Partial<EvaluationOptions>;
}

const rows: Row[] = [];
function item(id: string, clause: string, cases: Omit<Row, 'id' | 'clause'>[]): void {
  for (const c of cases) rows.push({ id, clause, ...c });
}

// ---------------------------------------------------------------- 基础设施
item(
  '1',
  '校园有线、无线网络全覆盖，学校互联网接入带宽不低于1000M。',
  (() => {
    const link = (bandwidthMbps: number, upstream: '互联网' | '教育城域网' = '互联网') =>
      ev(E.NetworkLinkRegisteredV1, { linkId: `NL-${bandwidthMbps}-${upstream}`, linkKind: '出口', upstream, bandwidthMbps, inUse: true });
    const rooms = () => [room('R-1', '普通教室'), room('R-2', '普通教室')];
    return [
      {
        name: '1000M to the internet, every room wired and wireless',
        events: () => [link(1000), ...rooms()],
        check: 'egress bandwidth (Mbps)',
        value: 1000,
        met: true,
      },
      { name: '999M', events: () => [link(999), ...rooms()], check: 'egress bandwidth (Mbps)', value: 999, met: false },
      {
        name: '1000M to the 教育城域网 is no 互联网接入带宽',
        events: () => [link(1000, '教育城域网'), ...rooms()],
        check: 'egress bandwidth (Mbps)',
        value: 0,
        met: false,
      },
      {
        name: 'one of two rooms without wireless',
        events: () => [link(1000), room('R-1', '普通教室'), room('R-2', '普通教室', { wirelessNetwork: false })],
        check: 'wireless coverage',
        value: 0.5,
        met: false,
      },
    ];
  })(),
);

item('2', '配置具备防火墙、防病毒、网络入侵保护、流量管理、上网行为管理等功能的网络安全设备', [
  {
    name: 'the five functions',
    events: () => [device('网络安全设备', { capabilities: ['防火墙', '防病毒', '入侵防护', '流量管理', '上网行为管理'] })],
    check: 'security functions',
    value: 5,
    met: true,
  },
  {
    name: 'no 上网行为管理',
    events: () => [device('网络安全设备', { capabilities: ['防火墙', '防病毒', '入侵防护', '流量管理'] })],
    check: 'security functions',
    value: 4,
    met: false,
  },
]);

item(
  '3',
  '★每个教学班均配备交互式教学设备，并能接入宁夏教育云平台',
  (() => {
    const cls = (classId: string, homeRoomId?: string) =>
      ev(E.ClassOpenedV1, { classId, classKind: '行政班', stage: '小学', grade: 3, homeRoomId, openedOn: '2026-09-01' });
    const board = (roomId: string, capabilities: ('接入宁夏教育云' | '互动教学')[] = ['接入宁夏教育云']) =>
      device('交互式多媒体教学设备', { roomId, capabilities });
    return [
      {
        name: 'two classes, each room with a cloud-ready board',
        events: () => [cls('C1', 'R-1'), cls('C2', 'R-2'), board('R-1'), board('R-2')],
        check: 'classes equipped',
        value: 1,
        met: true,
      },
      {
        name: 'one board cannot 接入宁夏教育云',
        events: () => [cls('C1', 'R-1'), cls('C2', 'R-2'), board('R-1'), board('R-2', ['互动教学'])],
        check: 'classes equipped',
        value: 0.5,
        met: false,
      },
      {
        name: 'a third class with no room recorded is not shown equipped',
        events: () => [cls('C1', 'R-1'), cls('C2', 'R-2'), cls('C3'), board('R-1'), board('R-2')],
        check: 'classes with a home room',
        value: 2 / 3,
        met: false,
      },
    ];
  })(),
);

item('4', '学校配备不少于1套在线互动教学终端', [
  { name: 'one in service', events: () => [device('在线互动教学终端')], check: 'terminals', value: 1, met: true },
  { name: 'one out of order', events: () => [device('在线互动教学终端', { status: '故障' })], check: 'terminals', value: 0, met: false },
]);

item('5', '[智慧教室] 支持平板、手机等终端设备开展高效课堂教学活动和网络教研活动', [
  {
    name: 'a tablet lesson in the 智慧教室 and online research this semester',
    events: () => [room('R-SC', '智慧教室'), lesson({ roomId: 'R-SC', studentDevices: '移动终端' }), research()],
    check: 'mobile-device lessons',
    value: 1,
    met: true,
  },
  {
    name: 'the tablet lesson in an ordinary classroom',
    events: () => [room('R-SC', '智慧教室'), room('R-1', '普通教室'), lesson({ roomId: 'R-1', studentDevices: '移动终端' }), research()],
    check: 'mobile-device lessons',
    value: 0,
    met: false,
  },
  {
    name: 'the tablet lesson the day before the semester',
    events: () => [room('R-SC', '智慧教室'), lesson({ roomId: 'R-SC', studentDevices: '移动终端', deliveredOn: '2027-02-28' }), research()],
    check: 'mobile-device lessons',
    value: 0,
    met: false,
  },
]);

item('6', '智慧教室内的各类应用系统对接宁夏教育云', [
  {
    name: "the 智慧教室's system feeds 宁夏教育云",
    events: () => [room('R-SC', '智慧教室'), system(['教学应用'], { roomIds: ['R-SC'], connectedTo: ['宁夏教育云'] })],
    check: 'smart classrooms connected',
    value: 1,
    met: true,
  },
  {
    name: 'a connected system installed in no 智慧教室',
    events: () => [room('R-SC', '智慧教室'), system(['教学应用'], { connectedTo: ['宁夏教育云'] })],
    check: 'smart classrooms connected',
    value: 0,
    met: false,
  },
]);

item('7', '建有学科教室或实验室，依托感知交互、仿真实验等装备', [
  {
    name: 'a 仿真实验设备 in the lab',
    events: () => [room('R-LAB', '实验室'), device('仿真实验设备', { roomId: 'R-LAB' })],
    check: 'sensing/simulation kit',
    value: 1,
    met: true,
  },
  {
    name: 'the 仿真实验设备 in an ordinary classroom',
    events: () => [room('R-LAB', '实验室'), room('R-1', '普通教室'), device('仿真实验设备', { roomId: 'R-1' })],
    check: 'sensing/simulation kit',
    value: 0,
    met: false,
  },
]);

item('8', '建有专用创新教室，配备开源硬件、…、3D打印与设计等', [
  {
    name: 'a 3D printer in the 创新教室',
    events: () => [room('R-IN', '创新教室'), device('3D打印设备', { roomId: 'R-IN' })],
    check: 'kit in the innovation room',
    value: 1,
    met: true,
  },
  {
    name: 'the 3D printer elsewhere',
    events: () => [room('R-IN', '创新教室'), room('R-1', '普通教室'), device('3D打印设备', { roomId: 'R-1' })],
    check: 'kit in the innovation room',
    value: 0,
    met: false,
  },
]);

item(
  '9',
  '建有电子阅览室或电子阅览区域、学校主要公共区域配备公共交互式终端,…,浏览终端不少于学生总数的1/40。',
  (() => {
    const base = () => [room('R-ER', '电子阅览室'), room('R-LIB', '图书馆', { areaKind: '公共服务', mainArea: true })];
    return [
      {
        name: '1 terminal in the library for 40 students',
        events: () => [...base(), device('公用信息终端', { roomId: 'R-LIB' }), headcount(40)],
        check: 'terminals per student',
        value: 1 / 40,
        met: true,
      },
      {
        name: '1 terminal for 41 students',
        events: () => [...base(), device('公用信息终端', { roomId: 'R-LIB' }), headcount(41)],
        check: 'terminals per student',
        value: 1 / 41,
        met: false,
      },
      {
        name: 'the main public area (图书馆) without a 公共交互式终端',
        events: () => [...base(), device('公用信息终端', { roomId: 'R-ER' }), headcount(40)],
        check: 'main public areas with terminals',
        value: 0,
        met: false,
      },
    ];
  })(),
);

item('10', '生均数字图书不少于10册', [
  {
    name: '400 e-books for 40 students',
    events: () => [ev(E.DigitalLibraryHoldingsReportedV1, { ebooks: 400, reportedOn: '2026-09-30' }), headcount(40)],
    check: 'e-books per student',
    value: 10,
    met: true,
  },
  {
    name: '399 e-books',
    events: () => [ev(E.DigitalLibraryHoldingsReportedV1, { ebooks: 399, reportedOn: '2026-09-30' }), headcount(40)],
    check: 'e-books per student',
    value: 399 / 40,
    met: false,
  },
]);

item(
  '11',
  '建有安防系统…;校园出入口有访客、人员身份识别、测温系统,校园出入记录及人员体温电子化可查。',
  (() => {
    const systems = () => [system(['安防综合管理', '访客管理', '身份识别', '测温'])];
    const gate = (date: string) => ev(E.GatePassesSummarizedV1, { gateId: 'GATE-1', date });
    return [
      { name: 'gate records on the 30th day back', events: () => [...systems(), gate('2027-06-01')], check: 'gate records (30 d)', value: 1, met: true },
      { name: 'gate records only on the 31st day back', events: () => [...systems(), gate('2027-05-31')], check: 'gate records (30 d)', value: 0, met: false },
    ];
  })(),
);

item(
  '12',
  '建有校园一键式紧急报警、视频监控系统并与公安机联网;…全覆盖,视频监控的影像信息保存时间不少于30天。断电后视频监控系统能正常工作不少于4小时。',
  (() => {
    const kept = (oldestRecordOn: string) =>
      ev(E.LogRetentionReportedV1, { systemId: 'SYS-CCTV', logKind: '视频影像', oldestRecordOn, reportedOn: '2027-06-30' });
    const base = (alarmToPolice = true, backupPowerHours = 4) => [
      room('R-GATE', '出入口', { securityZone: '出入口' }),
      system(['一键报警'], { connectedTo: alarmToPolice ? ['公安'] : [] }),
      system(['视频监控'], { systemId: 'SYS-CCTV', connectedTo: ['公安'], roomIds: ['R-GATE'], backupPowerHours }),
    ];
    return [
      {
        name: 'both linked to 公安, 30 days kept, 4 h on battery',
        events: () => [...base(), kept('2027-05-31')],
        check: 'video kept (days)',
        value: 30,
        met: true,
      },
      { name: '29 days kept', events: () => [...base(), kept('2027-06-01')], check: 'video kept (days)', value: 29, met: false },
      { name: 'the 一键报警 not linked to 公安', events: () => [...base(false), kept('2027-05-31')], check: 'one-key alarm', value: 0, met: false },
      { name: '3.5 h on battery', events: () => [...base(true, 3.5), kept('2027-05-31')], check: 'backup power (h)', value: 3.5, met: false },
    ];
  })(),
);

item('13', '建有基于校园网的校园智能广播及电视系统,具有校内广播及直播功能。', [
  {
    name: 'broadcast and live TV',
    events: () => [system(['广播'], { features: ['校内广播'] }), system(['校园电视'], { features: ['校内直播'] })],
    check: 'TV live',
    value: 1,
    met: true,
  },
  {
    name: 'TV without 直播',
    events: () => [system(['广播'], { features: ['校内广播'] }), system(['校园电视'], { features: ['虚拟演播室'] })],
    check: 'TV live',
    value: 0,
    met: false,
  },
]);

item(
  '14',
  '建有校级物联网管控系统,能…远程一键式控制;利用物联网技术,实现校内设备管控及应用数据统计、分析、上报',
  (() => {
    const base = () => [system(['物联网管控']), device('物联网感知设备', { capabilities: ['远程控制'] })];
    const telemetry = (day: string) =>
      ev(E.DeviceTelemetryReportedV1, { assetId: 'A-IOT', periodStart: day, periodEnd: day, onlineMinutes: 60, usageMinutes: undefined });
    return [
      { name: 'telemetry on the 30th day back', events: () => [...base(), telemetry('2027-06-01')], check: 'telemetry (30 d)', value: 1, met: true },
      { name: 'telemetry only on the 31st day back', events: () => [...base(), telemetry('2027-05-31')], check: 'telemetry (30 d)', value: 0, met: false },
    ];
  })(),
);

item('15', '建有支持门禁、消费、储物、借书等方面的校园管理服务系统。', [
  { name: 'the four services', events: () => [system(['智能卡'], { features: ['门禁', '消费', '储物', '借书'] })], check: 'services', value: 4, met: true },
  { name: 'no 借书', events: () => [system(['智能卡'], { features: ['门禁', '消费', '储物'] })], check: 'services', value: 3, met: false },
]);

// ---------------------------------------------------------------- 数字资源
item(
  '16',
  '★基于宁夏教育云学校空间建成…学科资源库,对现有学科资源进行分类标识,匹配学科知识图谱(2分);每学年师均上传资源不低于10个(1分);…每学年师均共享到自治区平台的资源不低于5件(2分)。',
  (() => {
    const library = (subject?: string) => upload({ subject, knowledgePoints: ['KP-1'], uploadedAt: '2025-10-01T10:00:00+08:00' });
    const uploads = (n: number) => many(n, () => upload());
    const share = (sharedBy?: ReturnType<typeof T>) =>
      ev(E.ResourceSharedV1, { resourceId: `SH-${++resourceSeq}`, kind: '课件', sharedBy, ...CLOUD, sharedAt: '2026-10-02T10:00:00+08:00' });
    const shares = (n: number, by = true) => many(n, () => share(by ? T('T1') : undefined));
    return [
      {
        name: 'a tagged subject library, 20 uploads and 10 shares for 2 teachers',
        events: () => [...teachers(2), library('数学'), ...uploads(20), ...shares(10)],
        check: 'uploads per teacher',
        value: 10,
        met: true,
        points: 5,
      },
      {
        name: '19 uploads: 2 + 2',
        events: () => [...teachers(2), library('数学'), ...uploads(19), ...shares(10)],
        check: 'uploads per teacher',
        value: 9.5,
        met: false,
        points: 4,
      },
      {
        name: '9 shares: 2 + 1',
        events: () => [...teachers(2), library('数学'), ...uploads(20), ...shares(9)],
        check: 'region shares per teacher',
        value: 4.5,
        met: false,
        points: 3,
      },
      {
        name: 'shares by the school, not by teachers (师均共享)',
        events: () => [...teachers(2), library('数学'), ...uploads(20), ...shares(10, false)],
        check: 'region shares per teacher',
        value: 0,
        met: false,
        points: 3,
      },
      {
        name: 'library resources without a subject (分类标识)',
        events: () => [...teachers(2), library(), ...uploads(20), ...shares(10)],
        check: 'tagged library',
        value: 0,
        met: false,
        points: 3,
      },
    ];
  })(),
);

item(
  '17',
  '每学年以学科组为单位为学生提供的知识点微课不低于本学年所任学科知识点的1/4。',
  (() => {
    const base = () => [
      teacher('T1'),
      ev(E.SubjectKnowledgePointsReportedV1, { schoolYear: '2026-2027', subject: '数学', grades: [3], knowledgePoints: 120, source: '教材目录' }),
    ];
    const micro = (n: number) => upload({ kind: '微课', subject: '数学', knowledgePoints: many(n, (i) => `KP-${i}`), platformModule: '云上学校' });
    return [
      {
        name: '30 of 120 knowledge points (¼)',
        events: () => [...base(), micro(30)],
        check: 'subjects with ¼ of their knowledge points in 微课',
        value: 1,
        met: true,
      },
      { name: '29 of 120', events: () => [...base(), micro(29)], check: 'subjects with ¼ of their knowledge points in 微课', value: 0, met: false },
    ];
  })(),
);

item(
  '19',
  '★基于宁夏教育云云上学校(或机构空间)建成德育、…等主题慕课资源。每学年上传不低于20节优质慕课资源。',
  (() => {
    const mooc = (lessonCount: number | undefined, themed = true) =>
      upload({ kind: '慕课', theme: themed ? '德育' : undefined, lessonCount, platformModule: '云上学校' });
    return [
      { name: 'two 慕课 of 10 节 each: 20 节', events: () => [mooc(10), mooc(10)], check: 'themed MOOCs', value: 20, met: true },
      { name: '10 + 9 节', events: () => [mooc(10), mooc(9)], check: 'themed MOOCs', value: 19, met: false },
      { name: 'a 慕课 without its 节 counts as 1 节: 19 + 1', events: () => [mooc(19), mooc(undefined)], check: 'themed MOOCs', value: 20, met: true },
      { name: '20 节 without a theme', events: () => [mooc(20, false)], check: 'themed MOOCs', value: 0, met: false },
    ];
  })(),
);

item(
  '20',
  '基于宁夏教育云数字学校为家长提供家庭教育等校本资源,每学年不少于2节。',
  (() => {
    const forParents = (lessonCount: number, audience: 'parent' | 'student' = 'parent') =>
      upload({ kind: '家庭教育资源', audience, lessonCount, platformModule: '数字学校', uploaderRole: 'school', uploader: undefined });
    return [
      { name: 'one resource of 2 节 for parents', events: () => [forParents(2)], check: 'parent lessons', value: 2, met: true },
      { name: 'one resource of 1 节', events: () => [forParents(1)], check: 'parent lessons', value: 1, met: false },
      { name: '2 节 for students, not 为家长提供', events: () => [forParents(2, 'student')], check: 'parent lessons', value: 0, met: false },
    ];
  })(),
);

// ---------------------------------------------------------------- 融合应用
item(
  '21',
  '★利用宁夏教育云开通统一的校园应用门户，包含但不限于智慧校园、机构空间、数字学校等应用系统；能够根据用户角色及权限不同设置个性化的信息资源和应用服务。',
  [
    {
      name: 'the cloud portal with the three apps and per-role configuration',
      events: () => [system(['统一门户'], { builtOn: '宁夏教育云', features: ['智慧校园', '机构空间', '数字学校', '按角色个性化配置'] })],
      check: 'portal features',
      value: 4,
      met: true,
    },
    {
      name: 'the cloud portal without 数字学校 (another portal has it)',
      events: () => [
        system(['统一门户'], { builtOn: '宁夏教育云', features: ['智慧校园', '机构空间', '按角色个性化配置'] }),
        system(['统一门户'], { builtOn: '教育魔方', features: ['智慧校园', '机构空间', '数字学校', '按角色个性化配置'] }),
      ],
      check: 'portal features',
      value: 3,
      met: false,
    },
  ],
);

item('22', '聚合学校各类第三方教育应用系统和各类基础设施应用数据对接宁夏教育云', [
  {
    name: 'both third-party systems connected',
    events: () => [
      system(['教学应用'], { thirdParty: true, connectedTo: ['宁夏教育云'] }),
      system(['选课'], { thirdParty: true, connectedTo: ['宁夏教育云'] }),
    ],
    check: 'third-party connected',
    value: 1,
    met: true,
  },
  {
    name: 'one of two not connected',
    events: () => [system(['教学应用'], { thirdParty: true, connectedTo: ['宁夏教育云'] }), system(['选课'], { thirdParty: true })],
    check: 'third-party connected',
    value: 0.5,
    met: false,
  },
]);

item(
  '23',
  '★宁夏教育云应用指数（学校所有教师年度积分之和÷教师用户总人数）高于全区平均水平。',
  (() => {
    const space = (spaceId: string, owner: string) =>
      ev(E.LearningSpaceOpenedV1, { spaceId, owner: T(owner), ownerRole: 'teacher', ...CLOUD, openedOn: '2026-09-01' });
    const points = (spaceId: string, owner: string, value: number) =>
      ev(E.ExperiencePointsReportedV1, {
        spaceId,
        owner: T(owner),
        ownerRole: 'teacher',
        ...CLOUD,
        points: value,
        periodStart: '2026-09-01',
        periodEnd: '2027-08-31',
        reportedOn: '2027-06-01',
      });
    // T1 has two spaces: 教师用户总人数 is 2 persons, not 3 spaces.
    const events = () => [space('SP-1', 'T1'), space('SP-1b', 'T1'), space('SP-2', 'T2'), points('SP-1', 'T1', 200), points('SP-2', 'T2', 100)];
    return [
      {
        name: '300 points ÷ 2 teacher users = 150 > 149',
        events,
        check: 'cloud application index',
        value: 150,
        met: true,
        options: { regionalAverages: { 'ningxia.cloudIndex': 149 } },
      },
      {
        name: '150 is not 高于 150',
        events,
        check: 'cloud application index',
        value: 150,
        met: false,
        options: { regionalAverages: { 'ningxia.cloudIndex': 150 } },
      },
    ];
  })(),
);

item('24', '普及在宁夏教育云支持下的混合式、合作式、体验式、探究式等教学', [
  {
    name: 'an 探究式 lesson on 宁夏教育云',
    events: () => [lesson({ ...CLOUD, ictEnvironment: true, teachingModels: ['探究式'] })],
    check: 'lessons',
    value: 1,
    met: true,
  },
  {
    name: 'the same lesson on another platform',
    events: () => [lesson({ platform: '学校自建', platformLevel: 'school', ictEnvironment: true, teachingModels: ['探究式'] })],
    check: 'lessons',
    value: 0,
    met: false,
  },
]);

item(
  '25',
  '★…平均开课率不低于5课时/周。',
  (() => {
    // as of 2027-03-14: 2 whole weeks of the semester (from 2027-03-01, no calendar)
    const remote = (n: number) =>
      many(n, (i) =>
        lesson({ mode: '专递课堂', partnerSchoolCodes: ['6401040002'], periods: 1, deliveredOn: `2027-03-${String(2 + (i % 10)).padStart(2, '0')}` }),
      );
    return [
      { name: '10 periods in 2 weeks', events: () => remote(10), check: 'periods per week', value: 5, met: true, options: { asOf: '2027-03-14' } },
      { name: '9 periods in 2 weeks', events: () => remote(9), check: 'periods per week', value: 4.5, met: false, options: { asOf: '2027-03-14' } },
    ];
  })(),
);

item('26', '依托宁夏教育云数字学校，开展线上线下融合的教学', [
  {
    name: 'an online lesson on 数字学校',
    events: () => [lesson({ ...CLOUD, platformModule: '数字学校', ictEnvironment: true, mode: '线上' })],
    check: 'lessons',
    value: 1,
    met: true,
  },
  {
    name: 'an offline lesson on 数字学校',
    events: () => [lesson({ ...CLOUD, platformModule: '数字学校', ictEnvironment: true, mode: '线下' })],
    check: 'lessons',
    value: 0,
    met: false,
  },
]);

item(
  '27',
  '依托宁夏教育云，开展数据赋能的课堂教学、作业管理、学业诊断、资源推送和学习辅导等应用',
  (() => {
    const all = (diagnosisOnCloud = true) => [
      lesson({ ...CLOUD, ictEnvironment: true }),
      ev(E.HomeworkGradedV1, { ...CLOUD, gradedOn: '2026-10-09', assignedOn: '2026-10-08' }),
      ev(E.ScoreAnalysisGeneratedV1, {
        analysisKind: '学业诊断',
        ...(diagnosisOnCloud ? CLOUD : { platform: '学校自建', platformLevel: 'school' }),
        generatedOn: '2026-11-13',
      }),
      ev(E.ResourceRecommendedV1, {
        kind: '微课',
        audience: 'student',
        channel: '网络学习空间',
        personalised: true,
        ...CLOUD,
        recommendedAt: '2026-11-01T10:00:00+08:00',
      }),
      ev(E.OnlineTutoringHeldV1, { ...CLOUD, heldOn: '2026-11-02' }),
    ];
    return [
      { name: 'all five on 宁夏教育云', events: () => all(), check: 'diagnosis', value: 1, met: true },
      { name: "学业诊断 on the school's own system", events: () => all(false), check: 'diagnosis', value: 0, met: false },
    ];
  })(),
);

item(
  '29',
  '依托人工智能等创新实验室，针对不同学段，形成校本人工智能教学课程体系，…并记录学生学习数据进行人工智能科学素养评价。',
  (() => {
    const course = (kind: '校本课程' | '国家课程') =>
      ev(E.CourseOfferedV1, { courseId: `K-${kind}`, kind, topics: ['人工智能'], stage: '小学', grades: [5], schoolYear: '2026-2027', semester: '第一学期' });
    const base = () => [registered(), room('R-AI', '人工智能实验室'), ev(E.GrowthRecordAddedV1, { topics: ['人工智能'], recordedOn: '2026-12-01' })];
    return [
      { name: "a 校本 AI course for the school's stage", events: () => [...base(), course('校本课程')], check: 'AI course per stage', value: 1, met: true },
      { name: 'only a 国家课程 with AI', events: () => [...base(), course('国家课程')], check: 'AI course per stage', value: 0, met: false },
    ];
  })(),
);

item('30', '…上一自然年度获自治区级以上（含自治区级）奖励，每项得0.5分，5分封顶。', [
  {
    name: "a teacher's 信息化教学比赛 award on 2026-12-31",
    events: () => [award({ recipientKind: 'teacher', recipients: [T('T1')], category: '信息化教学比赛', awardedOn: '2026-12-31' })],
    check: 'awards',
    value: 1,
    met: true,
    points: 0.5,
  },
  {
    name: 'the same on 2027-01-01',
    events: () => [award({ recipientKind: 'teacher', recipients: [T('T1')], category: '信息化教学比赛', awardedOn: '2027-01-01' })],
    check: 'awards',
    value: 0,
    met: false,
    points: 0,
  },
  {
    name: 'a city award',
    events: () => [award({ recipientKind: 'student', recipients: [T('S1')], category: '信息技术应用类竞赛', level: 'city' })],
    check: 'awards',
    value: 0,
    met: false,
    points: 0,
  },
  {
    name: 'an award to the school, not to 教师、学生',
    events: () => [award({ category: '信息化教学比赛' })],
    check: 'awards',
    value: 0,
    met: false,
    points: 0,
  },
]);

item(
  '31',
  '开展三个课堂、开展人工智能、虚拟现实、大数据等技术支撑下的教学创新研究，上一自然年度有论文发表（自治区级及以上），每篇得0.5分，4分封顶。',
  (() => {
    const paper = (level: 'province' | 'city', topics: ('三个课堂' | '家庭教育')[]) =>
      ev(E.ArticlePublishedV1, { articleId: `ART-${level}-${topics.join()}`, kind: '论文', level, topics, authors: [T('T1')], publishedOn: '2026-06-01' });
    return [
      { name: 'a 自治区级 paper on 三个课堂', events: () => [paper('province', ['三个课堂'])], check: 'papers', value: 1, met: true, points: 0.5 },
      { name: 'a city paper', events: () => [paper('city', ['三个课堂'])], check: 'papers', value: 0, met: false, points: 0 },
      { name: 'a 自治区级 paper on 家庭教育', events: () => [paper('province', ['家庭教育'])], check: 'papers', value: 0, met: false, points: 0 },
    ];
  })(),
);

item(
  '32',
  '依托宁夏教育云，构建学生数字档案袋，…全面记录学校德、智、体、美、劳教育场景下的学生学习实践数据。',
  (() => {
    const dims = ['德', '智', '体', '美', '劳'] as const;
    const records = (n: string, only = dims as readonly (typeof dims)[number][]) =>
      only.map((dimension) => ev(E.GrowthRecordAddedV1, { student: T(n), dimension, ...CLOUD, recordedOn: '2026-12-01' }));
    return [
      {
        name: 'both students with all five',
        events: () => [...students(2), ...records('S1'), ...records('S2')],
        check: 'students with 劳 records',
        value: 1,
        met: true,
      },
      {
        name: 'S2 without 劳',
        events: () => [...students(2), ...records('S1'), ...records('S2', ['德', '智', '体', '美'])],
        check: 'students with 劳 records',
        value: 0.5,
        met: false,
      },
    ];
  })(),
);

item(
  '34',
  '实现教师教学、教研、培训、专业发展、评教、课题等全数字化记录',
  (() => {
    const rec = (category: '教学' | '教研' | '培训' | '专业发展' | '评教' | '课题') =>
      ev(E.TeacherRecordAddedV1, { category, result: undefined, round: undefined, recordedOn: '2026-12-01' });
    return [
      {
        name: 'six categories',
        events: () => (['教学', '教研', '培训', '专业发展', '评教', '课题'] as const).map(rec),
        check: 'categories',
        value: 6,
        met: true,
      },
      { name: 'no 课题', events: () => (['教学', '教研', '培训', '专业发展', '评教'] as const).map(rec), check: 'categories', value: 5, met: false },
    ];
  })(),
);

item(
  '35',
  '依托宁夏教育云，开展学校教育质量数据的采集和分析',
  (() => {
    const analysis = () => ev(E.ScoreAnalysisGeneratedV1, { analysisKind: '质量分析', scope: '学校', classId: undefined, ...CLOUD, generatedOn: '2027-04-01' });
    const scores = (onCloud: boolean) => ev(E.ExamScoresPublishedV1, { ...(onCloud ? CLOUD : {}), publishedOn: '2027-03-30' });
    return [
      {
        name: 'scores registered and analysed on 宁夏教育云 this semester',
        events: () => [analysis(), scores(true)],
        check: 'score collection',
        value: 1,
        met: true,
      },
      { name: 'scores registered elsewhere (数据的采集)', events: () => [analysis(), scores(false)], check: 'score collection', value: 0, met: false },
    ];
  })(),
);

item('36', '依托宁夏云平台，开展基于教学能力智能诊断与分析的网络教研、精准教研等模式', [
  {
    name: 'AI-diagnosed research on the cloud',
    events: () => [research({ kind: '精准教研', aiDiagnosis: true })],
    check: 'AI-diagnosed research',
    value: 1,
    met: true,
  },
  { name: 'without the diagnosis', events: () => [research({ kind: '精准教研', aiDiagnosis: false })], check: 'AI-diagnosed research', value: 0, met: false },
]);

item(
  '37',
  '开展线上和线下相结合的教师研修培训，提升教师基于宁夏教育云开展互联网+教学的应用融合能力，每年培训课时不少于12课时。',
  (() => {
    const train = (hours: number, mode: '线上' | '线下', kind: '教育信息化培训' | '其他' = '教育信息化培训') =>
      ev(E.TrainingCompletedV1, {
        trainingId: `TR-${hours}-${mode}-${kind}`,
        trainee: T('T1'),
        kind,
        topics: ['宁夏教育云'],
        mode,
        hours,
        completedOn: '2026-10-15',
      });
    return [
      { name: '6 h online + 6 h offline', events: () => [teacher('T1'), train(6, '线上'), train(6, '线下')], check: 'teachers with 12 h', value: 1, met: true },
      { name: '6 h + 5.5 h', events: () => [teacher('T1'), train(6, '线上'), train(5.5, '线下')], check: 'teachers with 12 h', value: 0, met: false },
      {
        name: '12 h of training that is no 信息化 training',
        events: () => [teacher('T1'), train(6, '线上', '其他'), train(6, '线下', '其他')],
        check: 'teachers with 12 h',
        value: 0,
        met: false,
      },
    ];
  })(),
);

item('38', '利用在线课堂、课程社区、网络名师工作室等信息化手段，参加并组织各层级教研、教研培训、协同备课活动', [
  {
    name: "online: the school's 集体备课 and a county activity",
    events: () => [research({ kind: '集体备课' }), research({ organiserLevel: 'county' })],
    check: 'levels',
    value: 2,
    met: true,
  },
  {
    name: 'the county activity held offline',
    events: () => [research({ kind: '集体备课' }), research({ organiserLevel: 'county', mode: '线下', platform: undefined, platformLevel: undefined })],
    check: 'levels',
    value: 1,
    met: false,
  },
]);

item(
  '39',
  '利用校务管理系统开展工作，包括通知公告、流程审批、会议安排、周安排、教师考勤、问卷调查、数据上报等。',
  (() => {
    const all = ['通知公告', '流程审批', '会议安排', '周安排', '教师考勤', '问卷调查', '数据上报'] as const;
    const usage = (features: readonly (typeof all)[number][]) =>
      ev(E.SystemUsageSummarizedV1, { periodStart: '2026-10-01', periodEnd: '2026-10-31', uses: features.map((feature) => ({ feature, count: 3 })) });
    return [
      { name: 'the seven used', events: () => [usage(all)], check: 'features used', value: 7, met: true },
      { name: 'no 数据上报', events: () => [usage(all.slice(0, 6))], check: 'features used', value: 6, met: false },
    ];
  })(),
);

item(
  '40',
  '通过教务综合管理系统，开展入学、选课、排课、课表、排考、网络阅卷、成绩登记、成绩分析管理等工作。',
  (() => {
    const base = () => [
      student('S1'),
      ev(E.CourseSelectionClosedV1, {}),
      ev(E.LessonTimetabledV1, { date: '2026-10-08' }),
      ev(E.ExamScheduledV1, {}),
      ev(E.ScoreAnalysisGeneratedV1, {}),
    ];
    return [
      { name: 'each evidenced', events: () => [...base(), ev(E.ExamScoresPublishedV1, { markingMode: '网络阅卷' })], check: '网络阅卷', value: 1, met: true },
      { name: 'marked by hand', events: () => [...base(), ev(E.ExamScoresPublishedV1, { markingMode: '人工' })], check: '网络阅卷', value: 0, met: false },
    ];
  })(),
);

item('41', '面对家长提供一站式综合管理服务，实现家长报名、签到、活动等工作网上管理与发布。', [
  {
    name: 'a parent activity with online sign-up',
    events: () => [activity('家校活动', { audience: ['parent'], onlineSignUp: true }), system(['家校互动'], { features: ['报名', '签到'] })],
    check: 'activities',
    value: 1,
    met: true,
  },
  {
    name: 'sign-up on paper',
    events: () => [activity('家校活动', { audience: ['parent'], onlineSignUp: false }), system(['家校互动'], { features: ['报名', '签到'] })],
    check: 'activities',
    value: 0,
    met: false,
  },
]);

item(
  '42',
  '上一年度具有市级及以上立项信息化专项科研课题，每项得1分，2分封顶。',
  (() => {
    const project = (level: 'city' | 'county', topics: ('教育信息化' | '传统文化')[]) =>
      ev(E.ResearchProjectApprovedV1, { projectId: `PJ-${level}-${topics.join()}`, kind: '专项科研课题', level, topics, approvedOn: '2026-04-01' });
    return [
      { name: 'a city 信息化 project approved in 2026', events: () => [project('city', ['教育信息化'])], check: 'projects', value: 1, met: true, points: 1 },
      { name: 'a county project', events: () => [project('county', ['教育信息化'])], check: 'projects', value: 0, met: false, points: 0 },
      { name: 'a city 专项 project on 传统文化', events: () => [project('city', ['传统文化'])], check: 'projects', value: 0, met: false, points: 0 },
    ];
  })(),
);

// ---------------------------------------------------------------- 师生能力与发展
item(
  '45',
  '具有良好的信息态度，积极参加教育行政部门规定的各种信息技术竞赛活动。',
  (() => {
    const entry = (category: '数字作品竞赛' | '科技创新竞赛', organiser: '教育部门' | '行业协会' = '教育部门') =>
      ev(E.CompetitionEnteredV1, { entryId: `CE-${category}-${organiser}`, category, organiser, enteredOn: '2026-11-20' });
    return [
      { name: 'a 数字作品竞赛 set by the 教育部门', events: () => [entry('数字作品竞赛')], check: 'entries', value: 1, met: true },
      { name: 'set by an association', events: () => [entry('数字作品竞赛', '行业协会')], check: 'entries', value: 0, met: false },
      { name: 'a 科技创新竞赛 is no 信息技术竞赛', events: () => [entry('科技创新竞赛')], check: 'entries', value: 0, met: false },
    ];
  })(),
);

item(
  '46',
  '60%以上适龄学生能利用空间开展自主、合作、探究学习。',
  (() => {
    const active = (n: string) =>
      ev(E.LearningActivitySummarizedV1, {
        person: T(n),
        role: 'student',
        ...CLOUD,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        activities: [{ kind: '自主学习', count: 3 }],
        onMobile: 0,
        teacherGuided: 0,
      });
    return [
      {
        name: '3 of 5 students',
        events: () => [...students(5), active('S1'), active('S2'), active('S3')],
        check: 'students learning in spaces',
        value: 0.6,
        met: true,
      },
      { name: '2 of 5', events: () => [...students(5), active('S1'), active('S2')], check: 'students learning in spaces', value: 0.4, met: false },
    ];
  })(),
);

item(
  '48',
  '★专任教师信息素养测评优秀等次高于全区平均水平。',
  (() => {
    const events = () => [
      ...teachers(2),
      ev(E.TeacherRecordAddedV1, { teacher: T('T1'), category: '信息素养测评', result: '优秀', round: '2026-1', recordedOn: '2026-12-01' }),
    ];
    return [
      {
        name: '1 of 2 (0.5) above 0.49',
        events,
        check: '优秀 share',
        value: 0.5,
        met: true,
        options: { regionalAverages: { 'ningxia.literacyExcellentShare': 0.49 } },
      },
      {
        name: '0.5 is not 高于 0.5',
        events,
        check: '优秀 share',
        value: 0.5,
        met: false,
        options: { regionalAverages: { 'ningxia.literacyExcellentShare': 0.5 } },
      },
    ];
  })(),
);

item('51', '50%以上专任教师应用翻转课堂、互动课堂等创新模式开展教学活动。', [
  {
    name: '1 of 2 teachers with a 翻转课堂',
    events: () => [...teachers(2), lesson({ teachingModels: ['翻转课堂'] })],
    check: 'teachers',
    value: 0.5,
    met: true,
  },
  {
    name: 'a 情境式 lesson is not in the list',
    events: () => [...teachers(2), lesson({ teachingModels: ['情境式'] })],
    check: 'teachers',
    value: 0,
    met: false,
  },
]);

item(
  '52',
  '80%以上专任教师每年开设不少于1次的校级及以上信息化环境下的公开课、研讨课或汇报课，10%以上专任教师有地市级及以上信息化教学成果。',
  (() => {
    const open = (n: string) => lesson({ teachers: [T(n)], lessonKind: '公开课', openLessonLevel: 'school', ictEnvironment: true });
    const result = (category: '信息化教学比赛' | '论文评比', topics: ('教育信息化' | '传统文化')[]) =>
      award({ recipientKind: 'teacher', recipients: [T('T1')], category, topics, level: 'city' });
    const four = () => ['T1', 'T2', 'T3', 'T4'].map(open);
    return [
      {
        name: '4 of 5 open lessons; 1 of 5 with a city 信息化教学 award',
        events: () => [...teachers(5), ...four(), result('信息化教学比赛', ['教育信息化'])],
        check: 'open lessons',
        value: 0.8,
        met: true,
      },
      {
        name: '3 of 5 open lessons',
        events: () => [...teachers(5), open('T1'), open('T2'), open('T3'), result('信息化教学比赛', ['教育信息化'])],
        check: 'open lessons',
        value: 0.6,
        met: false,
      },
      {
        name: 'the city award is a 论文评比 on 传统文化, no 信息化教学成果',
        events: () => [...teachers(5), ...four(), result('论文评比', ['传统文化'])],
        check: 'city+ results',
        value: 0,
        met: false,
      },
    ];
  })(),
);

item('53', '有教师被列为自治区“互联网+教育”信息化骨干培训项目培养对象。', [
  {
    name: 'a 自治区 designation',
    events: () => [ev(E.DesignationConferredV1, { kind: '信息化骨干培训项目培养对象', recipient: T('T1'), level: 'province' })],
    check: 'designations',
    value: 1,
    met: true,
  },
  {
    name: 'a city designation',
    events: () => [ev(E.DesignationConferredV1, { kind: '信息化骨干培训项目培养对象', recipient: T('T1'), level: 'city' })],
    check: 'designations',
    value: 0,
    met: false,
  },
]);

// ---------------------------------------------------------------- 保障体系
item(
  '54',
  '★有学校信息化建设领导小组及校领导担任首席信息官(CIO)；明确信息化工作管理部门',
  (() => {
    const units = () => [
      ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-1', kind: '信息化工作领导小组' }),
      ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-2', kind: '信息化工作管理部门' }),
    ];
    const role = (n: string, r: '首席信息官' | '分管校长') => ev(E.RoleAssignedV1, { person: T(n), role: r, assignedOn: '2026-09-01' });
    return [
      { name: 'the CIO is the 分管校长', events: () => [...units(), role('P2', '首席信息官'), role('P2', '分管校长')], check: 'CIO', value: 1, met: true },
      {
        name: 'the CIO holds no 校领导 post',
        events: () => [...units(), role('P2', '首席信息官'), role('P1', '分管校长')],
        check: 'CIO',
        value: 0,
        met: false,
      },
    ];
  })(),
);

item('55', '定期召开专题会议研究学校信息化建设与应用推进工作 (events part; the 规划, 规章制度 and 年度考核 are attested)', [
  { name: 'a 专题会议 on 教育信息化 this semester', events: () => [activity('专题会议', { topics: ['教育信息化'] })], check: 'meetings', value: 1, met: true },
  {
    name: 'the day before the semester',
    events: () => [activity('专题会议', { topics: ['教育信息化'], heldOn: '2027-02-28' })],
    check: 'meetings',
    value: 0,
    met: false,
  },
  { name: 'a 专题会议 on 家庭教育', events: () => [activity('专题会议', { topics: ['家庭教育'] })], check: 'meetings', value: 0, met: false },
]);

item('59', '建有完善的数据安全、容灾备份机制;制定预案,定期演练 (events part; the 预案 is attested)', [
  {
    name: 'a 容灾备份 system and a drill on 2026-09-01',
    events: () => [system(['容灾备份']), activity('数据安全与容灾演练', { heldOn: '2026-09-01' })],
    check: 'drill',
    value: 1,
    met: true,
  },
  {
    name: 'the drill on 2026-08-31 (the previous school year)',
    events: () => [system(['容灾备份']), activity('数据安全与容灾演练', { heldOn: '2026-08-31' })],
    check: 'drill',
    value: 0,
    met: false,
  },
]);

// ---------------------------------------------------------------- 示范成果
item(
  '61',
  '学校创新应用典型案例和特色成果获得省级或以上奖励和宣传推广,…每次加1分;教育信息化工作受到自治区教育厅、地级市党委和政府表彰加1分。 (以上各项累计2分封顶)',
  [
    {
      name: 'a 自治区 典型案例 award and a 自治区教育厅 commendation: 1 + 1',
      events: () => [award({ category: '典型案例' }), award({ category: '表彰' })],
      check: 'recognitions',
      value: 2,
      met: true,
      points: 2,
    },
    {
      name: 'two commendations by the 自治区教育厅: 加1分 once',
      events: () => [award({ category: '表彰' }), award({ category: '表彰', awardedOn: '2026-12-01' })],
      check: 'recognitions',
      value: 2,
      met: true,
      points: 1,
    },
    {
      name: 'a 地级市党委和政府 commendation',
      events: () => [award({ category: '表彰', awardingBody: '党委和政府', level: 'city' })],
      check: 'recognitions',
      value: 1,
      met: true,
      points: 1,
    },
    {
      name: 'a commendation by a city 教育局 is by neither body',
      events: () => [award({ category: '表彰', level: 'city' })],
      check: 'recognitions',
      value: 0,
      met: false,
      points: 0,
    },
    {
      name: 'a city 典型案例 award is below 省级',
      events: () => [award({ category: '典型案例', level: 'city' })],
      check: 'recognitions',
      value: 0,
      met: false,
      points: 0,
    },
  ],
);

item(
  '62',
  '获得过国家教育信息化典型案例、获得网络学习空间培训基地学校加2分; 获得国家网络学习空间普及活动先进单位加1分; 承担过国家教育信息化现场观摩活动或全国教育信息化应用案例展示任务加2分; 承担过自治区教育信息化现场观摩活动或自治区教育信息化会议经验交流加1分。 (以上各项累计5分封顶)',
  [
    {
      name: 'three national 典型案例: 加2分 once',
      events: () => [
        award({ category: '典型案例', level: 'national' }),
        award({ category: '典型案例', level: 'national' }),
        award({ category: '典型案例', level: 'national' }),
      ],
      check: 'distinctions',
      value: 3,
      met: true,
      points: 2,
    },
    {
      name: 'a 自治区 典型案例 is not national',
      events: () => [award({ category: '典型案例', level: 'province' })],
      check: 'distinctions',
      value: 0,
      met: false,
      points: 0,
    },
    {
      name: 'a talk at a 自治区教育信息化会议 (经验交流)',
      events: () => [activity('经验交流', { level: 'province', schoolRole: '参加', speakers: [T('P1')], topics: ['教育信息化'] })],
      check: 'distinctions',
      value: 1,
      met: true,
      points: 1,
    },
    {
      name: 'at a 自治区 meeting on 家庭教育',
      events: () => [activity('经验交流', { level: 'province', schoolRole: '参加', speakers: [T('P1')], topics: ['家庭教育'] })],
      check: 'distinctions',
      value: 0,
      met: false,
      points: 0,
    },
    {
      name: 'a national 现场观摩 and a 全国 案例展示 hosted: 加2分 once',
      events: () => [
        activity('现场观摩', { level: 'national', schoolRole: '承办', topics: ['教育信息化'] }),
        activity('案例展示', { level: 'national', schoolRole: '承办', topics: ['教育信息化'] }),
      ],
      check: 'distinctions',
      value: 2,
      met: true,
      points: 2,
    },
  ],
);

item(
  '63',
  '在国家、自治区、地市正规教育报刊党报党刊上公开发表关于教育信息化工作的新闻报道或经验介绍,每篇加1分; …本年度承接外县(区)观摩学习活动,每次加0.5分。(以上各项累计3分封顶)',
  (() => {
    const visit = (visitorRegionCodes: string[], heldOn = '2026-09-01') =>
      activity('观摩学习接待', { visitorRegionCodes, heldOn, level: 'county', schoolRole: '主办' });
    const news = (topics: ('教育信息化' | '家庭教育')[]) =>
      ev(E.ArticlePublishedV1, {
        articleId: `N-${topics.join()}`,
        kind: '新闻报道',
        venueKind: '教育报刊',
        level: 'city',
        topics,
        authors: [],
        publishedOn: '2026-10-01',
      });
    return [
      {
        name: 'a visit from another county on 2026-09-01',
        events: () => [registered('640104'), visit(['640105'])],
        check: 'press or visits',
        value: 1,
        met: true,
        points: 0.5,
      },
      {
        name: "a visit from the school's own county",
        events: () => [registered('640104'), visit(['640104'])],
        check: 'press or visits',
        value: 0,
        met: false,
        points: 0,
      },
      {
        name: 'a visit from another county on 2026-08-31 (not 本年度)',
        events: () => [registered('640104'), visit(['640105'], '2026-08-31')],
        check: 'press or visits',
        value: 0,
        met: false,
        points: 0,
      },
      {
        name: 'a 新闻报道 on 教育信息化 in a city 教育报刊',
        events: () => [registered('640104'), news(['教育信息化'])],
        check: 'press or visits',
        value: 1,
        met: true,
        points: 1,
      },
      { name: 'a 新闻报道 on 家庭教育', events: () => [registered('640104'), news(['家庭教育'])], check: 'press or visits', value: 0, met: false, points: 0 },
      // in the hub identity's tree places the school (the assessment passes its county); no SchoolRegistered is needed
      {
        name: "a visit from another county, the school placed by identity's tree in 640104",
        events: () => [visit(['640105'])],
        options: { regionCode: '640104' },
        check: 'press or visits',
        value: 1,
        met: true,
        points: 0.5,
      },
      {
        name: "a visit from its own county, placed by identity's tree",
        events: () => [visit(['640104'])],
        options: { regionCode: '640104' },
        check: 'press or visits',
        value: 0,
        met: false,
        points: 0,
      },
    ];
  })(),
);

item('64', '教育信息化工作受到教育部、自治区党委和政府表彰加10分,示范成果其他项不重复加分。', [
  {
    name: 'a commendation by the 教育部',
    events: () => [award({ category: '表彰', level: 'national' })],
    check: 'commendation',
    value: 1,
    met: true,
    points: 10,
  },
  {
    name: 'a commendation by the 自治区教育厅',
    events: () => [award({ category: '表彰', level: 'province' })],
    check: 'commendation',
    value: 0,
    met: false,
    points: 0,
  },
]);

// ---------------------------------------------------------------- the table

const byItem = new Map<string, Row[]>();
for (const r of rows) byItem.set(r.id, [...(byItem.get(r.id) ?? []), r]);

describe.each([...byItem.entries()])('Ningxia %s', (id, cases) => {
  describe(`「${cases[0]?.clause ?? ''}」`, () => {
    it.each(cases)('$name: $check = $value, met $met', ({ events, check, value, met, points, options }) => {
      const e = k.evaluate('ningxia', id, events(), { asOf: ASOF, ...options });
      const c = e.checks.find((x) => x.label === check);
      expect(c).toBeDefined();
      if (value === null) expect(c?.value).toBeNull();
      else expect(c?.value).toBeCloseTo(value, 9);
      expect(e.met).toBe(met);
      if (points !== undefined) expect(e.points).toBe(points);
    });
  });
});

it('covers every derived and derived+attested Ningxia item, each with a case that meets and one that misses', () => {
  const derivedIds = Object.entries(CLASSIFICATIONS.ningxia)
    .filter(([, c]) => c.basis !== 'attested')
    .map(([id]) => id);
  expect([...byItem.keys()].sort()).toEqual(derivedIds.sort());
  for (const [id, cases] of byItem) expect([id, cases.some((c) => c.met), cases.some((c) => !c.met)]).toEqual([id, true, true]);
});

describe('Ningxia 59 (1分): 建有完善的数据安全、容灾备份机制;制定预案,定期演练,确保学校数据安全。', () => {
  // the backup system and the drill are events; the 预案 (and the 机制 it belongs to) is a document
  const events = () => [system(['容灾备份']), activity('数据安全与容灾演练', { heldOn: '2027-03-10' })];
  const sheet = (attested: Record<string, { met: boolean; status: string }> = {}) => {
    const evidence = evaluateCatalog(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, k.facts(events()), { asOf: ASOF });
    return scoreSheet(CATALOGS.ningxia, CLASSIFICATIONS.ningxia, evidence, attested).rows.find((r) => r.itemId === '59');
  };

  it('is derived and attested', () => {
    expect(CLASSIFICATIONS.ningxia['59']?.basis).toBe('derived+attested');
  });

  it('events alone (system and drill): the value shows, but without the accepted 预案 the item is not met', () => {
    expect(sheet()).toMatchObject({ basis: 'derived+attested', met: false, points: 0, status: `derived as of ${ASOF}: met; not attested` });
  });

  it('events and an accepted 预案: met, 1 point', () => {
    expect(sheet({ '59': { met: true, status: 'accepted by district' } })).toMatchObject({ basis: 'derived+attested', met: true, points: 1 });
  });
});
