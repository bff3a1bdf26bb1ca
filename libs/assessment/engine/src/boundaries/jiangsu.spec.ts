import type { CloudEvent, EventDefinition } from '@educube/contracts';
import type { z } from 'zod';
import * as E from '@educube/contracts';
import { CLASSIFICATIONS } from '../classification';
import { hasChecks } from '../formula';
import { person, schoolKit } from '../testing/school';

// 江苏省中小学智慧校园建设指标体系: every derived item just met and just missed, read against its
// wording (docs/standards/readings/jiangsu.md). Assessed on 2026-12-01: the school year and the
// semester (no calendar published) run from 2026-09-01; 近两年 = the 730 days from 2024-12-02;
// the last 30 days from 2026-11-02.

const ASOF = '2026-12-01';
type D<T extends EventDefinition> = Partial<z.input<T['data']>>;
const K = schoolKit('3201020001', 'jb');
const { ev } = K;
const P = person;
const at = (date: string) => `${date}T10:00:00+08:00`;

// ---- small factories: every field the sample data fills and a reading depends on is set here ----

const school = (schoolType: '初中' | '完中', stages: ('初中' | '高中')[]) => ev(E.SchoolRegisteredV1, { schoolType, stages, registeredOn: '2020-09-01' });
const junior = school('初中', ['初中']);
const room = (roomId: string, roomKind: NonNullable<D<typeof E.RoomRegisteredV1>['roomKind']>, extra: D<typeof E.RoomRegisteredV1> = {}) =>
  ev(E.RoomRegisteredV1, {
    roomId,
    roomKind,
    areaKind: '教学',
    mainArea: true,
    newTypeTeachingSpace: false,
    securityZone: undefined,
    stages: [],
    grades: [],
    wiredNetwork: true,
    wirelessNetwork: true,
    wirelessTech: undefined,
    responsible: undefined,
    inUse: true,
    registeredOn: '2025-08-25',
    ...extra,
  });
const device = (assetId: string, deviceType: NonNullable<D<typeof E.DeviceRegisteredV1>['deviceType']>, extra: D<typeof E.DeviceRegisteredV1> = {}) =>
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
    ...extra,
  });
const system = (
  systemId: string,
  systemKinds: NonNullable<D<typeof E.InformationSystemRegisteredV1>['systemKinds']>,
  extra: D<typeof E.InformationSystemRegisteredV1> = {},
) =>
  ev(E.InformationSystemRegisteredV1, {
    systemId,
    name: systemId,
    systemKinds,
    providerLevel: 'school',
    thirdParty: false,
    builtOn: undefined,
    features: [],
    unifiedIdentity: false,
    connectedTo: [],
    roomIds: [],
    status: '在用',
    registeredOn: '2025-09-01',
    ...extra,
  });
const usage = (systemId: string, periodEnd: string, uses: NonNullable<D<typeof E.SystemUsageSummarizedV1>['uses']> = [], activeUsers = 10) =>
  ev(E.SystemUsageSummarizedV1, { systemId, periodStart: periodEnd, periodEnd, activeUsers, uses });
const link = (linkId: string, linkKind: '出口' | '到班', bandwidthMbps: number, extra: D<typeof E.NetworkLinkRegisteredV1> = {}) =>
  ev(E.NetworkLinkRegisteredV1, {
    linkId,
    linkKind,
    upstream: linkKind === '出口' ? '互联网' : undefined,
    medium: '光纤',
    bandwidthMbps,
    ipv6: true,
    roomId: undefined,
    inUse: true,
    registeredOn: '2025-09-01',
    ...extra,
  });
const cls = (classId: string, homeRoomId: string, stage: '初中' | '高中' = '初中') =>
  ev(E.ClassOpenedV1, { classId, classKind: '行政班', stage, grade: stage === '初中' ? 8 : 11, homeRoomId, openedOn: '2025-09-01' });
const teacher = (id: string, subjects: string[] = ['数学']) =>
  ev(E.TeacherAssignedV1, { teacher: P(id), post: '专任教师', stages: ['初中'], subjects, assignedOn: '2025-09-01' });
const teachers = (n: number) => Array.from({ length: n }, (_, i) => teacher(`T${i + 1}`));
const student = (id: string) => ev(E.StudentEnrolledV1, { student: P(id), stage: '初中', grade: 8, classId: 'C-1', enrolledOn: '2025-09-01' });
const students = (n: number) => Array.from({ length: n }, (_, i) => student(`S${i + 1}`));
const role = (id: string, r: NonNullable<D<typeof E.RoleAssignedV1>['role']>, extra: D<typeof E.RoleAssignedV1> = {}) =>
  ev(E.RoleAssignedV1, { person: P(id), role: r, subject: undefined, fullTime: undefined, assignedOn: '2025-09-01', ...extra });
const lesson = (n: string, extra: D<typeof E.LessonDeliveredV1> = {}) =>
  ev(E.LessonDeliveredV1, {
    lessonId: n,
    deliveredOn: '2026-10-12',
    periods: 1,
    stage: '初中',
    subject: '数学',
    classIds: ['C-1'],
    teachers: [P('T1')],
    roomId: undefined,
    mode: '线下',
    partnerSchoolCodes: [],
    platform: undefined,
    platformLevel: undefined,
    platformModule: undefined,
    teachingModels: [],
    lessonKind: '常规课',
    openLessonLevel: undefined,
    ictEnvironment: true,
    recorded: false,
    studentDevices: undefined,
    ...extra,
  });
const timetabled = (n: number) =>
  ev(E.LessonTimetabledV1, {
    lessonId: `L${n}`,
    date: `2026-10-${String(n + 10).padStart(2, '0')}`,
    period: 1,
    periods: 1,
    stage: '初中',
    classId: 'C-1',
    subject: '数学',
    courseId: undefined,
    teacher: P('T1'),
    roomId: undefined,
    mode: '线下',
    partnerSchoolCodes: [],
    scheduledBy: undefined,
  });
const prepared = (lessonIds: string[]) =>
  ev(E.LessonPreparedV1, {
    prepId: `PR-${lessonIds.join('-')}`,
    teacher: P('T1'),
    stage: '初中',
    subject: '数学',
    lessonIds,
    platform: '其他',
    platformLevel: 'county',
    preparedOn: '2026-10-01',
  });
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
    grades: [8],
    schoolYear: '2026-2027',
    semester: undefined,
    plannedPeriods: 120,
  });
const activity = (n: string, kind: NonNullable<D<typeof E.ActivityHeldV1>['kind']>, extra: D<typeof E.ActivityHeldV1> = {}) =>
  ev(E.ActivityHeldV1, {
    activityId: n,
    kind,
    topics: [],
    audience: ['student'],
    mode: '线下',
    level: 'school',
    schoolRole: '主办',
    orgUnitId: undefined,
    speakers: [],
    stage: undefined,
    roomId: undefined,
    participants: 40,
    onlineSignUp: false,
    visitorRegionCodes: [],
    heldOn: '2026-10-15',
    ...extra,
  });
const space = (id: string, ownerRole: 'teacher' | 'student', realName = true) =>
  ev(E.LearningSpaceOpenedV1, {
    spaceId: `SP-${id}`,
    ownerRole,
    owner: P(id),
    classId: undefined,
    platform: '其他',
    platformLevel: 'province',
    platformModule: undefined,
    realName,
    openedOn: '2025-09-01',
  });
const las = (
  id: string,
  r: 'teacher' | 'student',
  kinds: NonNullable<D<typeof E.LearningActivitySummarizedV1>['activities']>[number]['kind'][],
  extra: D<typeof E.LearningActivitySummarizedV1> = {},
) =>
  ev(E.LearningActivitySummarizedV1, {
    person: P(id),
    role: r,
    spaceId: undefined,
    platform: '其他',
    platformLevel: 'province',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    activities: kinds.map((kind) => ({ kind, count: 1 })),
    onMobile: 0,
    teacherGuided: 0,
    ...extra,
  });
const shared = (n: string, extra: D<typeof E.ResourceSharedV1> = {}) =>
  ev(E.ResourceSharedV1, {
    resourceId: n,
    kind: '课件',
    sharedBy: P('T1'),
    platform: '其他',
    platformLevel: 'county',
    platformModule: undefined,
    openToPublic: false,
    sharedAt: at('2026-10-01'),
    ...extra,
  });
const uploaded = (n: string, extra: D<typeof E.ResourceUploadedV1> = {}) =>
  ev(E.ResourceUploadedV1, {
    resourceId: n,
    kind: '课件',
    uploader: P('T1'),
    uploaderRole: 'teacher',
    stage: undefined,
    grades: [],
    subject: '数学',
    knowledgePoints: [],
    theme: undefined,
    lessonCount: undefined,
    components: [],
    problemSolvingGuidance: undefined,
    audience: 'student',
    origin: '原创',
    platform: '学校自建',
    platformLevel: 'school',
    platformModule: undefined,
    uploadedAt: at('2026-10-01'),
    ...extra,
  });
const pushed = (n: string, audience: NonNullable<D<typeof E.ResourceRecommendedV1>['audience']>, extra: D<typeof E.ResourceRecommendedV1> = {}) =>
  ev(E.ResourceRecommendedV1, {
    resourceId: n,
    kind: '课件',
    audience,
    channel: '网络学习空间',
    personalised: true,
    recipients: 30,
    platform: undefined,
    platformLevel: undefined,
    recommendedAt: at('2026-10-20'),
    ...extra,
  });
const award = (n: string, extra: D<typeof E.AwardReceivedV1> = {}) =>
  ev(E.AwardReceivedV1, {
    awardId: n,
    workId: undefined,
    recipientKind: 'teacher',
    recipients: [P('T1')],
    category: '信息化教学比赛',
    topics: [],
    level: 'city',
    awardingBody: '教育部门',
    awardedOn: '2026-05-01',
    certificateId: `C-${n}`,
    ...extra,
  });
const article = (n: string, extra: D<typeof E.ArticlePublishedV1> = {}) =>
  ev(E.ArticlePublishedV1, {
    articleId: n,
    kind: '论文',
    venueKind: '学术期刊',
    level: 'province',
    topics: ['信息技术融合'],
    authors: [P('T1')],
    publishedOn: '2026-03-01',
    publicationRef: `CN32-${n}`,
    ...extra,
  });
const training = (id: string, extra: D<typeof E.TrainingCompletedV1> = {}) =>
  ev(E.TrainingCompletedV1, {
    trainingId: `TR-${id}`,
    trainee: P(id),
    kind: '信息技术应用能力提升工程',
    topics: [],
    level: 'province',
    mode: '线上',
    hours: 50,
    passed: true,
    completedOn: '2021-06-30',
    ...extra,
  });
const growth = (id: string, dimension: NonNullable<D<typeof E.GrowthRecordAddedV1>['dimension']>) =>
  ev(E.GrowthRecordAddedV1, {
    student: P(id),
    dimension,
    source: '教师录入',
    topics: [],
    platform: '其他',
    platformLevel: 'province',
    recordedOn: '2026-10-10',
  });
const FIVE = ['德', '智', '体', '美', '劳'] as const;

interface Case {
  readonly name: string;
  readonly events: readonly CloudEvent[];
  readonly met: boolean;
  /** The headline value (the first check's), or the value of `check` when given. */
  readonly value: number | null;
  readonly check?: string;
}
interface Row {
  readonly id: string;
  /** The clause (原文). */
  readonly clause: string;
  readonly cases: readonly Case[];
}

const ok = (name: string, events: readonly CloudEvent[], value: number | null, check?: string): Case => ({
  name,
  events,
  met: true,
  value,
  ...(check ? { check } : {}),
});
const no = (name: string, events: readonly CloudEvent[], value: number | null, check?: string): Case => ({
  name,
  events,
  met: false,
  value,
  ...(check ? { check } : {}),
});

// ---- shared event sets ----
const egress = (mbps: number) => link('NL-OUT', '出口', mbps);
const toClass = (room: string, mbps: number) => link(`NL-${room}`, '到班', mbps, { roomId: room });
const publicRoom = (id: string) => room(id, '图书馆', { areaKind: '公共服务' });
const card = system('SYS-CARD', ['智能卡']);
const recRoom = room('R-REC', '录播教室');
const smartRoom = room('R-S', '智慧教室');
const firewall = device('FW-1', '网络安全设备', { capabilities: ['防火墙', '入侵防护'] });
const webControl = system('SYS-NET', ['统一上网管理']);
const logs = (oldestRecordOn: string) =>
  ev(E.LogRetentionReportedV1, { systemId: 'SYS-NET', logKind: '上网行为日志', oldestRecordOn, reportedOn: '2026-10-30' });
const cctv = (connectedTo: NonNullable<D<typeof E.InformationSystemRegisteredV1>['connectedTo']>) =>
  system('SYS-CCTV', ['视频监控'], { roomIds: ['R-1'], connectedTo });
const ten = teachers(10);
const four = students(4);
const principal = role('P1', '校长');
const web = system('SYS-WEB', ['信息发布'], { features: ['网站'] });
const homeSchool = system('SYS-JX', ['家校互动'], { features: ['对家长免费'] });

const ROWS: readonly Row[] = [
  // 一 智慧环境
  {
    id: '一(一)1',
    clause: '宽带网络校校通，千兆进校、百兆进班。',
    cases: [
      ok('1000 Mbps out, the class room linked at 100 Mbps', [egress(1000), cls('C-1', 'R-1'), toClass('R-1', 100)], 1000),
      no('999 Mbps out', [egress(999), cls('C-1', 'R-1'), toClass('R-1', 100)], 999),
      no('the class room linked at 99 Mbps', [egress(1000), cls('C-1', 'R-1'), toClass('R-1', 99)], 0, 'to class at 100M'),
    ],
  },
  {
    id: '一(一)2',
    clause: '无线校园网络覆盖主要教学、办公、活动场所。',
    cases: [
      ok('the main teaching room has wireless', [room('R-1', '普通教室')], 1),
      no('a main office without wireless', [room('R-1', '普通教室'), room('R-O', '办公室', { areaKind: '办公', wirelessNetwork: false })], 0.5),
    ],
  },
  {
    id: '一(一)3',
    clause: '校园网络接入江苏省教育和科研计算机网和互联网（Internet）。',
    cases: [
      ok('both upstreams', [egress(1000), link('NL-JS', '出口', 100, { upstream: '江苏省教育和科研计算机网' })], 1),
      no('the internet only', [egress(1000)], 0),
    ],
  },
  {
    id: '一(一)4',
    clause: '建有基于校园网络的数字广播、电视、会议等应用系统。',
    cases: [
      ok('广播, 电视, 会议', [system('S-B', ['广播']), system('S-TV', ['校园电视']), system('S-M', ['会议'])], 1),
      no('the 会议 system out of use', [system('S-B', ['广播']), system('S-TV', ['校园电视']), system('S-M', ['会议'], { status: '停用' })], 1),
    ],
  },
  {
    id: '一(一)5',
    clause: '建有物联网并有相关应用。',
    cases: [
      ok(
        'an IoT device reporting on the first day of the last 30',
        [
          device('IOT-1', '物联网感知设备'),
          ev(E.DeviceTelemetryReportedV1, {
            assetId: 'IOT-1',
            periodStart: '2026-11-02',
            periodEnd: '2026-11-02',
            onlineMinutes: 600,
            usageMinutes: undefined,
          }),
        ],
        1,
      ),
      no(
        'its last report the day before',
        [
          device('IOT-1', '物联网感知设备'),
          ev(E.DeviceTelemetryReportedV1, {
            assetId: 'IOT-1',
            periodStart: '2026-11-01',
            periodEnd: '2026-11-01',
            onlineMinutes: 600,
            usageMinutes: undefined,
          }),
        ],
        1,
      ),
    ],
  },
  {
    id: '一(二)1',
    clause: '教师配有办公用计算机，师机比不低于1:1。',
    cases: [
      ok('3 专任教师, 3 teacher computers', [...teachers(3), ...[1, 2, 3].map((i) => device(`PC-T${i}`, '台式计算机', { ownerRole: 'teacher' }))], 1),
      no('3 专任教师, 2 teacher computers', [...teachers(3), ...[1, 2].map((i) => device(`PC-T${i}`, '台式计算机', { ownerRole: 'teacher' }))], 1.5),
    ],
  },
  {
    id: '一(二)2',
    clause: '学生配有学习用计算机，小学生机比不低于10:1，初中不低于8：1，高中不低于6:1。',
    cases: [
      ok('初中: 8 students, 1 whole-school computer', [junior, ...students(8), device('PC-S1', '台式计算机', { ownerRole: 'student' })], 8),
      no('初中: 9 students, 1 computer', [junior, ...students(9), device('PC-S1', '台式计算机', { ownerRole: 'student' })], 9),
    ],
  },
  {
    id: '一(二)3',
    clause: '移动终端能满足学生学习需求。',
    cases: [
      ok('a 移动学习终端 in use', [device('PAD-1', '移动学习终端')], 1),
      no('the terminal idle', [device('PAD-1', '移动学习终端', { status: '闲置' })], 0),
    ],
  },
  {
    id: '一(二)4',
    clause: '公共服务区域（图书馆、活动室、行政楼等）配备为师生提供信息化服务的公用终端。',
    cases: [
      ok('the library has a terminal', [publicRoom('R-LIB'), device('PT-1', '公用信息终端', { roomId: 'R-LIB' })], 1),
      no('a second public area without one', [publicRoom('R-LIB'), publicRoom('R-ADM'), device('PT-1', '公用信息终端', { roomId: 'R-LIB' })], 0.5),
    ],
  },
  {
    id: '一(二)5',
    clause: '校园建有智能卡等系统。',
    cases: [
      ok('the card system used on the first day of the last 30', [card, usage('SYS-CARD', '2026-11-02')], 1, 'card system used (30 d)'),
      no('used only the day before', [card, usage('SYS-CARD', '2026-11-01')], 0, 'card system used (30 d)'),
    ],
  },
  {
    id: '一(三)1',
    clause: '每个教室配备交互式多媒体教学设备。高中配备电子班牌、选课系统。',
    cases: [
      ok('the one class room has an interactive panel', [junior, cls('C-1', 'R-1'), device('IP-1', '交互式多媒体教学设备', { roomId: 'R-1' })], 1),
      no('a second class room without', [junior, cls('C-1', 'R-1'), cls('C-2', 'R-2'), device('IP-1', '交互式多媒体教学设备', { roomId: 'R-1' })], 0.5),
    ],
  },
  {
    id: '一(三)2',
    clause: '建有自动录播室，能支持教学和科研。',
    cases: [
      ok('a 录播系统 in the 录播教室', [recRoom, device('REC-1', '录播系统', { roomId: 'R-REC' })], 1),
      no('the 录播系统 in another room', [recRoom, device('REC-1', '录播系统', { roomId: 'R-1' })], 0),
    ],
  },
  {
    id: '一(三)3',
    clause: '建有智慧教室，能全过程采集教学与学习行为数据，促进个性化学习，支持混合学习。',
    cases: [
      ok(
        'capture and a blended lesson in the 智慧教室',
        [
          smartRoom,
          device('CAP-1', '交互式多媒体教学设备', { roomId: 'R-S', capabilities: ['教学行为数据采集'] }),
          lesson('L-M', { mode: '混合', roomId: 'R-S' }),
        ],
        1,
      ),
      no(
        'the capture device in another room',
        [
          smartRoom,
          device('CAP-1', '交互式多媒体教学设备', { roomId: 'R-1', capabilities: ['教学行为数据采集'] }),
          lesson('L-M', { mode: '混合', roomId: 'R-S' }),
        ],
        0,
      ),
    ],
  },
  {
    id: '一(三)4',
    clause: '依托区域教育云和教学资源平台等，实现课堂教学云端一体化。',
    cases: [
      ok('a lesson on a county platform this semester', [lesson('L-C', { platform: '其他', platformLevel: 'county' })], 1),
      no("on the school's own platform", [lesson('L-C', { platform: '学校自建', platformLevel: 'school' })], 0),
    ],
  },
  {
    id: '一(四)2',
    clause: '配置网络与信息安全设备、系统，对互联网的使用可控制、可管理、可追溯，日志保留6个月。',
    cases: [
      ok('182 days of logs', [firewall, webControl, logs('2026-05-01')], 182, 'log retention (days)'),
      no('181 days of logs', [firewall, webControl, logs('2026-05-02')], 181, 'log retention (days)'),
    ],
  },
  {
    id: '一(四)3',
    clause: '定期开展信息安全等保测评工作。',
    cases: [
      ok(
        'assessed on the first day of the school year',
        [ev(E.SecurityAssessmentCompletedV1, { systemId: 'S-1', protectionLevel: '第二级', assessedOn: '2026-09-01', result: '符合' })],
        1,
      ),
      no(
        'assessed the day before',
        [ev(E.SecurityAssessmentCompletedV1, { systemId: 'S-1', protectionLevel: '第二级', assessedOn: '2026-08-31', result: '符合' })],
        0,
      ),
    ],
  },
  {
    id: '一(四)4',
    clause: '无重大网络安全事件。',
    cases: [
      ok(
        'a 较大 incident only',
        [ev(E.SecurityIncidentRecordedV1, { incidentId: 'I-1', severity: '较大', schoolResponsible: true, occurredAt: at('2026-10-03') })],
        0,
      ),
      no(
        'a 重大 incident',
        [ev(E.SecurityIncidentRecordedV1, { incidentId: 'I-1', severity: '重大', schoolResponsible: true, occurredAt: at('2026-10-03') })],
        1,
      ),
    ],
  },
  {
    id: '一(五)1',
    clause: '建有智能校园安防系统，覆盖校园主要场所，与教育行政部门数据同步，与当地公安部门安全防范系统联网。',
    cases: [
      ok('the main room covered, synced and linked to the police', [room('R-1', '普通教室'), cctv(['教育行政部门', '公安'])], 1),
      no('not linked to the police', [room('R-1', '普通教室'), cctv(['教育行政部门'])], 1),
      no('a second main room not covered', [room('R-1', '普通教室'), room('R-2', '食堂', { areaKind: '生活' }), cctv(['教育行政部门', '公安'])], 0.5),
    ],
  },
  {
    id: '一(五)2',
    clause: '部署消防报警系统、紧急广播与疏散、食品安全和其他特殊类型智能安防子系统。',
    cases: [
      ok('the three subsystems', [system('S-F', ['消防报警']), system('S-E', ['紧急广播']), system('S-FS', ['餐饮卫生监测'])], 1),
      no('no food-safety system', [system('S-F', ['消防报警']), system('S-E', ['紧急广播'])], 1),
    ],
  },
  // 二 数字资源
  {
    id: '二(一)1',
    clause: '配备能满足各学科教学需要的数字化资源并及时更新。',
    cases: [
      ok('数学 offered and a 数学 resource', [offered('数学'), uploaded('RS-1')], 1),
      no('英语 offered too, without a resource', [offered('数学'), offered('英语'), uploaded('RS-1')], 0.5),
    ],
  },
  {
    id: '二(一)2',
    clause: '建有数字图书馆或与区域数字图书馆互联互通，支持移动阅读。',
    cases: [
      ok(
        'holdings with mobile reading',
        [
          ev(E.DigitalLibraryHoldingsReportedV1, {
            ebooks: 5000,
            ejournals: 20,
            linkedToRegionalLibrary: false,
            mobileReading: true,
            reportedOn: '2026-09-30',
          }),
        ],
        1,
      ),
      no(
        'holdings without mobile reading',
        [
          ev(E.DigitalLibraryHoldingsReportedV1, {
            ebooks: 5000,
            ejournals: 20,
            linkedToRegionalLibrary: true,
            mobileReading: false,
            reportedOn: '2026-09-30',
          }),
        ],
        0,
      ),
    ],
  },
  {
    id: '二(一)3',
    clause: '建有数字化校本特色资源并及时更新。',
    cases: [
      ok('a 特色资源 uploaded this school year', [uploaded('RS-F', { kind: '特色资源' })], 1),
      no('uploaded the day before it', [uploaded('RS-F', { kind: '特色资源', uploadedAt: at('2026-08-31') })], 0),
    ],
  },
  {
    id: '二(二)1',
    clause: '实现优质资源班班通，能利用省级及其他资源平台开展教学。',
    cases: [
      ok(
        'every class equipped, a lesson on a provincial platform',
        [cls('C-1', 'R-1'), device('MM-1', '多媒体教学设备', { roomId: 'R-1' }), lesson('L-P', { platform: '其他', platformLevel: 'province' })],
        1,
      ),
      no(
        'the lesson on a city platform',
        [cls('C-1', 'R-1'), device('MM-1', '多媒体教学设备', { roomId: 'R-1' }), lesson('L-P', { platform: '其他', platformLevel: 'city' })],
        1,
      ),
    ],
  },
  {
    id: '二(二)2',
    clause: '90%以上教师开通实名制网络学习空间。',
    cases: [
      ok('9 of 10 专任教师', [...ten, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => space(`T${i}`, 'teacher'))], 0.9),
      no('the 9th space not real-name', [...ten, ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => space(`T${i}`, 'teacher')), space('T9', 'teacher', false)], 0.8),
    ],
  },
  {
    id: '二(二)3',
    clause: '75%以上的学生开通实名制网络学习空间进行自主学习。',
    cases: [
      ok(
        '3 of 4 students with a space who self-study',
        [...four, ...['S1', 'S2', 'S3'].flatMap((s) => [space(s, 'student'), las(s, 'student', ['自主学习'])])],
        0.75,
      ),
      no(
        'the 3rd studies without a space',
        [...four, ...['S1', 'S2'].flatMap((s) => [space(s, 'student'), las(s, 'student', ['自主学习'])]), las('S3', 'student', ['自主学习'])],
        0.5,
      ),
    ],
  },
  {
    id: '二(二)4',
    clause: '学校通过数字化学习平台和网络学习空间，为师生提供个性化、精准化的资源推送。',
    cases: [
      ok('personalised pushes to teachers and to students', [pushed('R-1', 'teacher'), pushed('R-2', 'student')], 1),
      no('to students only', [pushed('R-2', 'student')], 0),
    ],
  },
  {
    id: '二(三)1',
    clause: '学校内部实现资源共建共享。',
    cases: [
      ok('a resource shared inside the school', [shared('RS-1', { platform: '学校自建', platformLevel: 'school' })], 1),
      no('shared on a county platform only', [shared('RS-1')], 0),
    ],
  },
  {
    id: '二(三)2',
    clause: '每年有网络课程或特色资源通过县级以上教育资源服务平台实现区域共享。',
    cases: [
      ok('a 网络课程 on a county platform', [shared('RS-1', { kind: '网络课程' })], 1),
      no('a 网络课程 on the school platform', [shared('RS-1', { kind: '网络课程', platform: '学校自建', platformLevel: 'school' })], 0),
    ],
  },
  {
    id: '二(三)3',
    clause: '每年有10%以上的教师上传教学资源至县级以上教育资源服务平台并共享。',
    cases: [
      ok('1 of 10 专任教师 shared a 课件 to a county platform', [...ten, shared('RS-1')], 0.1),
      no('shared to the school platform', [...ten, shared('RS-1', { platform: '学校自建', platformLevel: 'school' })], 0),
    ],
  },
  {
    id: '二(三)4',
    clause: '每年有学生作品在县级以上教育资源服务平台展示并共享。',
    cases: [
      ok('a 学生作品 on a county platform', [shared('RS-W', { kind: '学生作品' })], 1),
      no('shared the day before the school year', [shared('RS-W', { kind: '学生作品', sharedAt: at('2026-08-31') })], 0),
    ],
  },
  // 三 信息素养
  {
    id: '三(一)2',
    clause: '能通过个人空间进行资源管理，开展自主、合作、探究学习。',
    cases: [
      ok(
        '资源管理 and 自主, 合作, 探究 learning',
        [las('S1', 'student', ['资源管理', '自主学习', '合作学习']), las('S2', 'student', ['探究学习'])],
        3,
        'learning modes',
      ),
      no('no 探究学习', [las('S1', 'student', ['资源管理', '自主学习', '合作学习'])], 2, 'learning modes'),
    ],
  },
  {
    id: '三(一)3',
    clause: '学生能制作数字作品，近两年有学生参加县级以上教育部门组织的相关竞赛并获奖。',
    cases: [
      ok(
        'a county 数字作品竞赛 award on the first day of the two years',
        [award('AW-1', { recipientKind: 'student', recipients: [P('S1')], category: '数字作品竞赛', level: 'county', awardedOn: '2024-12-02' })],
        1,
      ),
      no(
        'awarded the day before',
        [award('AW-1', { recipientKind: 'student', recipients: [P('S1')], category: '数字作品竞赛', level: 'county', awardedOn: '2024-12-01' })],
        0,
      ),
    ],
  },
  {
    id: '三(二)1',
    clause: '全员通过国家、省中小学教师信息技术应用能力提升工程培训。',
    cases: [
      ok('both 专任教师 passed', [...teachers(2), training('T1'), training('T2')], 1),
      no('one did not pass', [...teachers(2), training('T1'), training('T2', { passed: false })], 0.5),
    ],
  },
  {
    id: '三(二)3',
    clause: '近两年有省级以上信息技术教育教学应用论文、课题等研究成果或参加市级以上信息化相关竞赛并获奖。',
    cases: [ok('a provincial IT paper', [article('ART-1')], 1), no('a city IT paper', [article('ART-1', { level: 'city' })], 0)],
  },
  {
    id: '三(三)1',
    clause: '校长及管理团队有清晰的信息化发展目标和思路。近两年参加省级以上信息化领导力培训，达到国家《中小学校长信息化领导力标准（试行）》要求。',
    cases: [
      ok(
        'the 校长 trained at provincial level on the first day of the two years',
        [principal, training('P1', { kind: '信息化领导力培训', completedOn: '2024-12-02' })],
        1,
      ),
      no('a city training', [principal, training('P1', { kind: '信息化领导力培训', level: 'city', completedOn: '2026-06-01' })], 0),
    ],
  },
  {
    id: '三(三)3',
    clause: '校长及管理团队能带头应用信息技术手段开展教育教学活动。',
    cases: [
      ok('the 校长 taught in an ICT environment', [principal, lesson('L-H', { teachers: [P('P1')] })], 1),
      no('without ICT', [principal, lesson('L-H', { teachers: [P('P1')], ictEnvironment: false })], 0),
    ],
  },
  // 四 融合创新
  {
    id: '四(一)1',
    clause: '利用信息化平台进行备课，课时数占总课时数的90%以上。',
    cases: [
      ok(
        '9 of 10 periods prepared',
        [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(timetabled), prepared(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9'])],
        0.9,
      ),
      no('8 of 10', [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(timetabled), prepared(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'])], 0.8),
    ],
  },
  {
    id: '四(一)2',
    clause: '开展智慧课堂教学，创新教育教学模式，构建自主、合作、探究的教与学方式。智慧课堂学科全覆盖。',
    cases: [
      ok(
        'both subjects offered have a 智慧课堂 lesson',
        [offered('数学'), offered('英语'), lesson('L-1', { teachingModels: ['智慧课堂'] }), lesson('L-2', { subject: '英语', teachingModels: ['智慧课堂'] })],
        1,
      ),
      no(
        '英语 only an ordinary lesson',
        [offered('数学'), offered('英语'), lesson('L-1', { teachingModels: ['智慧课堂'] }), lesson('L-2', { subject: '英语' })],
        0.5,
      ),
    ],
  },
  {
    id: '四(一)3',
    clause: '利用信息技术手段开展情境式、体验式教学。高中能开展真实与虚拟环境互补的实验教学。',
    cases: [
      ok('情境式 and 体验式 lessons with ICT', [junior, lesson('L-1', { teachingModels: ['情境式'] }), lesson('L-2', { teachingModels: ['体验式'] })], 2),
      no(
        'the 体验式 lesson without ICT',
        [junior, lesson('L-1', { teachingModels: ['情境式'] }), lesson('L-2', { teachingModels: ['体验式'], ictEnvironment: false })],
        1,
      ),
    ],
  },
  {
    id: '四(一)4',
    clause: '开展基于大数据的教情、学情分析，推进精准化的教与学。',
    cases: [
      ok(
        'a 学情 and a 教情 analysis',
        ['学情分析', '教情分析'].map((k, i) =>
          ev(E.ScoreAnalysisGeneratedV1, {
            analysisId: `AN-${i}`,
            examId: undefined,
            analysisKind: k as '学情分析',
            scope: '学校',
            classId: undefined,
            grade: undefined,
            subject: undefined,
            generatedOn: '2026-11-13',
          }),
        ),
        2,
      ),
      no(
        'a 学情 analysis only',
        [
          ev(E.ScoreAnalysisGeneratedV1, {
            analysisId: 'AN-0',
            examId: undefined,
            analysisKind: '学情分析',
            scope: '学校',
            classId: undefined,
            grade: undefined,
            subject: undefined,
            generatedOn: '2026-11-13',
          }),
        ],
        1,
      ),
    ],
  },
  {
    id: '四(一)5',
    clause: '利用移动学习终端，实现移动、泛在的个性化学习。',
    cases: [
      ok('a student learning on a mobile terminal', [las('S1', 'student', ['自主学习'], { onMobile: 1 })], 1),
      no('a teacher only', [las('T1', 'teacher', ['资源管理'], { onMobile: 1 })], 0),
    ],
  },
  {
    id: '四(二)1',
    clause: '建有校园门户网站，信息及时更新。',
    cases: [
      ok(
        'the website published on the first day of the last 30',
        [web, usage('SYS-WEB', '2026-11-02', [{ feature: '信息发布', count: 3 }])],
        1,
        'website updated (30 d)',
      ),
      no('only the day before', [web, usage('SYS-WEB', '2026-11-01', [{ feature: '信息发布', count: 3 }])], 0, 'website updated (30 d)'),
    ],
  },
  {
    id: '四(二)2',
    clause: '统一电子身份认证，实现多系统单点登录。',
    cases: [
      ok(
        'two systems, both on unified identity',
        [system('S-1', ['教务管理'], { unifiedIdentity: true }), system('S-2', ['协同办公'], { unifiedIdentity: true })],
        1,
      ),
      no(
        'a third system outside it',
        [system('S-1', ['教务管理'], { unifiedIdentity: true }), system('S-2', ['协同办公'], { unifiedIdentity: true }), system('S-3', ['选课'])],
        2 / 3,
      ),
    ],
  },
  {
    id: '四(二)3',
    clause: '部署各类管理信息系统并有效应用，实现与省平台互联互通和数据共享。',
    cases: [
      ok(
        'connected to the 省级平台, a provincial sync',
        [
          system('S-1', ['校务管理'], { connectedTo: ['省级平台'] }),
          ev(E.DataSyncedToAuthorityV1, {
            systemId: 'S-1',
            dataKind: '师生基础数据',
            target: '教育数据中心',
            targetLevel: 'province',
            records: 100,
            succeeded: true,
            syncedAt: at('2026-10-01'),
          }),
        ],
        1,
      ),
      no(
        'the sync to the county',
        [
          system('S-1', ['校务管理'], { connectedTo: ['省级平台'] }),
          ev(E.DataSyncedToAuthorityV1, {
            systemId: 'S-1',
            dataKind: '师生基础数据',
            target: '教育数据中心',
            targetLevel: 'county',
            records: 100,
            succeeded: true,
            syncedAt: at('2026-10-01'),
          }),
        ],
        1,
      ),
    ],
  },
  {
    id: '四(二)5',
    clause: '利用学生综合素质评价系统对学生进行全面科学评价。',
    cases: [
      ok(
        'both students have records in 德智体美劳',
        [system('S-ZP', ['综合素质评价']), ...students(2), ...['S1', 'S2'].flatMap((s) => FIVE.map((d) => growth(s, d)))],
        1,
        'students evaluated in 德智体美劳',
      ),
      no(
        'one student without 劳',
        [system('S-ZP', ['综合素质评价']), ...students(2), ...FIVE.map((d) => growth('S1', d)), ...FIVE.filter((d) => d !== '劳').map((d) => growth('S2', d))],
        0.5,
        'students evaluated in 德智体美劳',
      ),
    ],
  },
  {
    id: '四(三)1',
    clause: '提供免费的家校互动平台服务，进行有效的家校互动。高中能为学生社会综合实践等活动提供信息化支持。',
    cases: [
      ok('a free 家校互动 system used this school year', [junior, homeSchool, usage('SYS-JX', '2026-10-31', [{ feature: '家校沟通', count: 50 }])], 1),
      no('not used', [junior, homeSchool], 0),
    ],
  },
  {
    id: '四(三)2',
    clause: '利用信息技术手段提供课程资源、名师资源等社会公益服务。',
    cases: [ok('a resource shared open to the public', [shared('RS-1', { openToPublic: true })], 1), no('not open to the public', [shared('RS-1')], 0)],
  },
  // 五 支撑保障
  {
    id: '五(一)1',
    clause: '成立以校长为组长的信息化工作领导小组，每学期专题研究信息化工作。',
    cases: [
      ok(
        "the 校长's group met on 信息化 this semester",
        [
          principal,
          ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-1', kind: '信息化工作领导小组', leader: P('P1'), members: [], establishedOn: '2025-09-01' }),
          activity('M-1', '专题会议', { topics: ['教育信息化'], audience: ['staff'] }),
        ],
        1,
      ),
      no(
        'it last met the day before the semester',
        [
          principal,
          ev(E.OrgUnitEstablishedV1, { orgUnitId: 'OU-1', kind: '信息化工作领导小组', leader: P('P1'), members: [], establishedOn: '2025-09-01' }),
          activity('M-1', '专题会议', { topics: ['教育信息化'], audience: ['staff'], heldOn: '2026-08-31' }),
        ],
        1,
      ),
    ],
  },
  {
    id: '五(一)2',
    clause: '设有校级首席信息官。',
    cases: [
      ok('a CIO', [role('C1', '首席信息官')], 1),
      no(
        "the CIO's role revoked",
        [role('C1', '首席信息官'), ev(E.RoleRevokedV1, { person: P('C1'), role: '首席信息官', subject: undefined, revokedOn: '2026-11-01' })],
        0,
      ),
    ],
  },
  {
    id: '五(二)2',
    clause: '配备持有市级以上相关证书的专职管理人员。',
    cases: [
      ok(
        'the full-time manager holds a city certificate',
        [
          role('M1', '信息化管理人员', { fullTime: true }),
          ev(E.CredentialRecordedV1, {
            holder: P('M1'),
            kind: '信息化相关证书',
            issuerKind: '教育部门',
            issuerLevel: 'city',
            issuedOn: '2025-06-01',
            validUntil: undefined,
          }),
        ],
        1,
      ),
      no(
        'a county certificate',
        [
          role('M1', '信息化管理人员', { fullTime: true }),
          ev(E.CredentialRecordedV1, {
            holder: P('M1'),
            kind: '信息化相关证书',
            issuerKind: '教育部门',
            issuerLevel: 'county',
            issuedOn: '2025-06-01',
            validUntil: undefined,
          }),
        ],
        0,
      ),
    ],
  },
  {
    id: '五(二)3',
    clause: '每门学科安排1名教师，负责推进信息技术与本学科教学的融合创新。',
    cases: [
      ok('数学 taught, a 数学 lead', [teacher('T1', ['数学']), role('T1', '学科融合负责人', { subject: '数学' })], 1),
      no('英语 taught too, no lead', [teacher('T1', ['数学']), teacher('T2', ['英语']), role('T1', '学科融合负责人', { subject: '数学' })], 0.5),
    ],
  },
  // 六 特色发展
  {
    id: '六(一)1',
    clause: '主持或参与市级以上教育信息化研究项目，取得成果并得到认可和推广。',
    cases: [
      ok(
        'a city IT project concluded 通过结题',
        [
          ev(E.ResearchProjectApprovedV1, {
            projectId: 'PJ-1',
            kind: '专项科研课题',
            level: 'city',
            topics: ['教育信息化'],
            schoolRole: '参与',
            leader: undefined,
            members: [],
            approvedOn: '2024-04-01',
          }),
          ev(E.ResearchProjectConcludedV1, { projectId: 'PJ-1', result: '通过结题', concludedOn: '2026-06-30' }),
        ],
        1,
      ),
      no(
        'concluded 未通过',
        [
          ev(E.ResearchProjectApprovedV1, {
            projectId: 'PJ-1',
            kind: '专项科研课题',
            level: 'city',
            topics: ['教育信息化'],
            schoolRole: '参与',
            leader: undefined,
            members: [],
            approvedOn: '2024-04-01',
          }),
          ev(E.ResearchProjectConcludedV1, { projectId: 'PJ-1', result: '未通过', concludedOn: '2026-06-30' }),
        ],
        0,
      ),
    ],
  },
  {
    id: '六(一)3',
    clause: '建有创新实验室、智慧学习体验中心，开展探究实验、智能机器人、3D打印、VR/AR/MR等STEAM学习活动。',
    cases: [
      ok('both rooms and a STEAM activity', [room('R-LAB', '创新实验室'), room('R-EXP', '智慧学习体验中心'), activity('A-1', 'STEAM活动')], 1),
      no('no 智慧学习体验中心', [room('R-LAB', '创新实验室'), activity('A-1', 'STEAM活动')], 1),
    ],
  },
  {
    id: '六(二)4',
    clause: '学校创新应用的特色成果获得省级以上奖励或宣传推广。',
    cases: [
      ok('a provincial award to the school', [award('AW-S', { recipientKind: 'school', recipients: [], category: '特色成果', level: 'province' })], 1),
      no('a city award', [award('AW-S', { recipientKind: 'school', recipients: [], category: '特色成果', level: 'city' })], 0),
    ],
  },
];

describe('Jiangsu boundaries: every derived item just met and just missed', () => {
  it('has a row for every derived item, and for nothing else', () => {
    const derived = Object.entries(CLASSIFICATIONS.jiangsu)
      .filter(([, c]) => hasChecks(c))
      .map(([id]) => id);
    expect(ROWS.map((r) => r.id).sort()).toEqual(derived.sort());
    expect(derived).toHaveLength(54);
  });

  describe.each(ROWS.map((r) => [`${r.id} "${r.clause}"`, r] as const))('%s', (_, row) => {
    it('has a case that meets it and one that misses it', () => {
      expect(row.cases.some((c) => c.met)).toBe(true);
      expect(row.cases.some((c) => !c.met)).toBe(true);
    });
    it.each(row.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const e = K.evaluate('jiangsu', row.id, c.events, { asOf: ASOF });
      const value = c.check ? e.checks.find((x) => x.label === c.check)?.value : e.value;
      expect({ met: e.met, value }).toEqual({ met: c.met, value: c.value });
    });
  });
});

// ---- the items corrected against their wording: a case, hand-computed before (the formula as it
// was) and after (as it reads now). Each fails on the old formula. ----

interface Correction {
  readonly id: string;
  readonly clause: string;
  readonly reading: string;
  readonly events: readonly CloudEvent[];
  readonly before: { readonly met: boolean; readonly value: number | null };
  readonly after: { readonly met: boolean; readonly value: number | null };
  readonly check?: string;
}

const complete = school('完中', ['初中', '高中']);
const CORRECTIONS: readonly Correction[] = [
  {
    id: '一(一)1',
    clause: '百兆进班',
    reading: 'every class room, not every 到班 link on record',
    check: 'to class at 100M',
    events: [egress(1000), cls('C-1', 'R-1'), cls('C-2', 'R-2'), toClass('R-1', 100)],
    before: { met: true, value: 1 },
    after: { met: false, value: 0.5 },
  },
  {
    id: '一(一)5',
    clause: '建有物联网并有相关应用',
    reading: 'an 物联网管控 system is an IoT network too',
    check: 'IoT',
    events: [
      system('SYS-IOT', ['物联网管控']),
      device('PANEL-1', '交互式多媒体教学设备', { capabilities: ['物联网'] }),
      ev(E.DeviceTelemetryReportedV1, { assetId: 'PANEL-1', periodStart: '2026-11-20', periodEnd: '2026-11-20', onlineMinutes: 600, usageMinutes: undefined }),
    ],
    before: { met: false, value: 0 },
    after: { met: true, value: 1 },
  },
  {
    id: '一(二)4',
    clause: '公共服务区域（图书馆、活动室、行政楼等）配备…公用终端',
    reading: 'the public areas are equipped, not one terminal somewhere',
    events: [publicRoom('R-LIB'), publicRoom('R-ADM'), device('PT-1', '公用信息终端', { roomId: 'R-LIB' })],
    before: { met: true, value: 1 },
    after: { met: false, value: 0.5 },
  },
  {
    id: '一(二)5',
    clause: '校园建有智能卡等系统',
    reading: "the card system's own use, not any system's",
    events: [card, system('SYS-OA', ['协同办公']), usage('SYS-OA', '2026-11-20')],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
  {
    id: '一(三)2',
    clause: '建有自动录播室',
    reading: 'the 录播系统 is in the 录播教室',
    events: [recRoom, device('REC-1', '录播系统', { roomId: 'R-1' })],
    before: { met: true, value: 1 },
    after: { met: false, value: 0 },
  },
  {
    id: '一(三)3',
    clause: '建有智慧教室，能全过程采集教学与学习行为数据…支持混合学习',
    reading: 'the 智慧教室 captures the data and holds the blended lessons',
    events: [
      smartRoom,
      device('CAP-1', '交互式多媒体教学设备', { roomId: 'R-1', capabilities: ['教学行为数据采集'] }),
      lesson('L-M', { mode: '混合', roomId: 'R-1' }),
    ],
    before: { met: true, value: 1 },
    after: { met: false, value: 0 },
  },
  {
    id: '一(四)2',
    clause: '配置网络与信息安全设备、系统，对互联网的使用可控制、可管理、可追溯',
    reading: 'a 统一上网管理 system manages internet use as well as a device',
    events: [firewall, webControl, logs('2026-05-01')],
    before: { met: false, value: 0 },
    after: { met: true, value: 1 },
  },
  {
    id: '一(四)4',
    clause: '无重大网络安全事件',
    reading: 'any major incident, not only one the school answers for',
    events: [ev(E.SecurityIncidentRecordedV1, { incidentId: 'I-9', severity: '重大', schoolResponsible: false, occurredAt: at('2026-10-03') })],
    before: { met: true, value: 0 },
    after: { met: false, value: 1 },
  },
  {
    id: '二(一)2',
    clause: '建有数字图书馆…支持移动阅读',
    reading: 'an in-use 数字图书馆 system with 移动阅读 is a digital library',
    events: [system('SYS-LIB', ['数字图书馆'], { features: ['移动阅读'] })],
    before: { met: false, value: 0 },
    after: { met: true, value: 1 },
  },
  {
    id: '二(一)3',
    clause: '建有数字化校本特色资源并及时更新',
    reading: 'an update counts as well as an upload',
    events: [ev(E.ResourceUpdatedV1, { resourceId: 'RS-F', kind: '特色资源', updatedAt: at('2026-10-10') })],
    before: { met: false, value: 0 },
    after: { met: true, value: 1 },
  },
  {
    id: '二(二)3',
    clause: '75%以上的学生开通实名制网络学习空间进行自主学习',
    reading: 'the same students open a space and self-study',
    events: [...four, ...['S1', 'S2', 'S3'].map((s) => space(s, 'student')), ...['S1', 'S2', 'S4'].map((s) => las(s, 'student', ['自主学习']))],
    before: { met: true, value: 0.75 },
    after: { met: false, value: 0.5 },
  },
  {
    id: '二(二)4',
    clause: '为师生提供个性化、精准化的资源推送',
    reading: 'to teachers and to students; a push to parents is neither',
    events: [pushed('R-1', 'parent', { channel: '其他' })],
    before: { met: true, value: 1 },
    after: { met: false, value: 0 },
  },
  {
    id: '二(三)3',
    clause: '10%以上的教师上传教学资源',
    reading: "a teaching resource, not a student's work",
    events: [...ten, shared('RS-W', { kind: '学生作品' })],
    before: { met: true, value: 0.1 },
    after: { met: false, value: 0 },
  },
  {
    id: '三(一)2',
    clause: '能通过个人空间进行资源管理，开展自主、合作、探究学习',
    reading: '资源管理 and each of the three modes',
    events: [las('S1', 'student', ['自主学习'])],
    before: { met: true, value: 1 },
    after: { met: false, value: 0 },
  },
  {
    id: '四(一)2',
    clause: '智慧课堂学科全覆盖',
    reading: 'every subject offered, not every subject with a lesson on record',
    events: [offered('数学'), offered('英语'), lesson('L-1', { teachingModels: ['智慧课堂'] })],
    before: { met: true, value: 1 },
    after: { met: false, value: 0.5 },
  },
  {
    id: '四(一)3',
    clause: '利用信息技术手段开展情境式、体验式教学',
    reading: 'with ICT, and both forms',
    events: [junior, lesson('L-1', { teachingModels: ['情境式'] }), lesson('L-2', { teachingModels: ['体验式'], ictEnvironment: false })],
    before: { met: true, value: 2 },
    after: { met: false, value: 1 },
  },
  {
    id: '四(一)4',
    clause: '开展基于大数据的教情、学情分析',
    reading: 'both analyses',
    events: [
      ev(E.ScoreAnalysisGeneratedV1, {
        analysisId: 'AN-0',
        examId: undefined,
        analysisKind: '学情分析',
        scope: '学校',
        classId: undefined,
        grade: undefined,
        subject: undefined,
        generatedOn: '2026-11-13',
      }),
    ],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
  {
    id: '四(一)5',
    clause: '利用移动学习终端，实现移动、泛在的个性化学习',
    reading: "students' learning",
    events: [las('T1', 'teacher', ['资源管理'], { onMobile: 1 })],
    before: { met: true, value: 1 },
    after: { met: false, value: 0 },
  },
  {
    id: '四(二)1',
    clause: '建有校园门户网站，信息及时更新',
    reading: 'the website itself publishes',
    events: [web, system('SYS-OA', ['协同办公']), usage('SYS-OA', '2026-11-20', [{ feature: '信息发布', count: 5 }])],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
  {
    id: '四(二)2',
    clause: '实现多系统单点登录',
    reading: 'at least two systems on the unified identity',
    events: [system('S-1', ['教务管理'], { unifiedIdentity: true })],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
  {
    id: '四(二)3',
    clause: '实现与省平台互联互通和数据共享',
    reading: 'data shared with the province, not a county',
    events: [
      system('S-1', ['校务管理'], { connectedTo: ['省级平台'] }),
      ev(E.DataSyncedToAuthorityV1, {
        systemId: 'S-1',
        dataKind: '师生基础数据',
        target: '教育数据中心',
        targetLevel: 'county',
        records: 100,
        succeeded: true,
        syncedAt: at('2026-10-01'),
      }),
    ],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
  {
    id: '四(二)5',
    clause: '利用学生综合素质评价系统对学生进行全面科学评价',
    reading: 'a 综合素质评价 system, and every student in all of 德智体美劳',
    check: 'students evaluated in 德智体美劳',
    events: [...students(2), growth('S1', '智'), growth('S2', '智')],
    before: { met: true, value: 1 },
    after: { met: false, value: 0 },
  },
  {
    id: '四(三)1',
    clause: '高中能为学生社会综合实践等活动提供信息化支持',
    reading: 'the activity has IT support (online sign-up); the 家校互动 system is used',
    events: [complete, homeSchool, usage('SYS-JX', '2026-10-31', [{ feature: '家校沟通', count: 50 }]), activity('SP-1', '社会综合实践', { stage: '高中' })],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
  {
    id: '四(三)2',
    clause: '利用信息技术手段提供课程资源、名师资源等社会公益服务',
    reading: 'a recommendation to the public counts as well as an open share',
    events: [pushed('R-P', 'public', { personalised: false, channel: '其他' })],
    before: { met: false, value: 0 },
    after: { met: true, value: 1 },
  },
  {
    id: '六(一)3',
    clause: '建有创新实验室、智慧学习体验中心',
    reading: 'both rooms',
    events: [room('R-LAB', '创新实验室'), activity('A-1', 'STEAM活动')],
    before: { met: true, value: 1 },
    after: { met: false, value: 1 },
  },
];

describe('Jiangsu corrections: the items read again against their wording', () => {
  describe.each(CORRECTIONS.map((c) => [`${c.id} "${c.clause}": ${c.reading}`, c] as const))('%s', (_, c) => {
    it(`was ${c.before.met ? 'met' : 'not met'} at ${String(c.before.value)}; is ${c.after.met ? 'met' : 'not met'} at ${String(c.after.value)}`, () => {
      const e = K.evaluate('jiangsu', c.id, c.events, { asOf: ASOF });
      const value = c.check ? e.checks.find((x) => x.label === c.check)?.value : e.value;
      expect({ met: e.met, value }).toEqual(c.after);
    });
  });
});
