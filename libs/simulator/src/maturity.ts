import * as E from '@educube/contracts';
import type { Level, Platform, PersonRef } from '@educube/contracts';
import { CIO_TEAM_IT_LEAD, cioTeamOf, knowledgePointsOf, maker, type DataOf, type Gen, type Maker } from './makers';
import { hash32 } from './prng';
import { gradesOf, staffRef, studentRef, SUBJECTS, type SimClass, type SimSchool, type SimStaff } from './province';

/**
 * Maturity: how far a school has come with its smart campus, a number in [0, 1]. It decides
 * (1) which capabilities the school has — rooms, devices, systems, org units, roles, courses,
 * honours — each with a difficulty, so a more mature school holds a superset, give or take a
 * per-school jitter of ±0.06; (2) how many of its teachers and students take part (spaces,
 * training, uploads, growth records): `coverage(m)`, all of them from m = 0.85; and (3) a few
 * rates of the daily stream (lesson preparation, online marking, 智能改作, ICT lessons).
 *
 * A school with a maturity announces it the way a newly connected school's systems do: a
 * catch-up sync at the start of the stream (the school year so far, its inventory, roster and
 * honours) — `backfillOf` — and then its daily events, in which its inventory registrations
 * re-send that inventory instead of random registrations.
 */

// ---- the spread ----

/**
 * The documented distribution of `simulateProvince({ maturity: 'spread' })`, per school from a
 * hash of (seed, index) so nothing else in the province changes: 10 % leaders uniform in
 * [0.93, 1], 65 % established schools in [0.72, 0.92], 25 % starters in [0.05, 0.7].
 *
 * Established schools start above every capability's need and its jitter (at most 0.65 + 0.06,
 * the province commendation apart), so each is a two- or three-star school by Ningxia's derived
 * points; the starters spread over the range below (README, "What the engine makes of it").
 */
export const MATURITY_SPREAD = [
  { share: 0.1, from: 0.93, to: 1 },
  { share: 0.65, from: 0.72, to: 0.92 },
  { share: 0.25, from: 0.05, to: 0.7 },
] as const;

export function spreadMaturity(seed: number | string, index: number): number {
  const u = hash32('maturity-band', seed, index) / 4294967296;
  const v = hash32('maturity-value', seed, index) / 4294967296;
  let acc = 0;
  for (const band of MATURITY_SPREAD) {
    acc += band.share;
    if (u < acc) return round3(band.from + (band.to - band.from) * v);
  }
  return round3(MATURITY_SPREAD[0].from);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Share of teachers and students who take part at maturity m: none below 0.1, all from 0.85. */
export const coverage = (m: number): number => Math.min(1, Math.max(0, (m - 0.1) / 0.75));

/** The capabilities and the maturity each needs (before the school's jitter). */
export const CAPABILITIES = {
  network: 0.04,
  leadership: 0.1,
  unifiedIdentity: 0.34,
  platform: 0.15,
  campusCard: 0.17,
  classroomMedia: 0.21,
  security: 0.24,
  itStaff: 0.26,
  netManagement: 0.26,
  securityOps: 0.27,
  curriculum: 0.27,
  resources: 0.3,
  website: 0.3,
  computers: 0.32,
  library: 0.34,
  research: 0.34,
  dataSync: 0.36,
  innovativeTeaching: 0.38,
  publicRooms: 0.38,
  parents: 0.41,
  broadcast: 0.42,
  labs: 0.44,
  iot: 0.47,
  stewardship: 0.49,
  subjectLeads: 0.51,
  projects: 0.51,
  ningxiaCloud: 0.53,
  dataHub: 0.55,
  designations: 0.56,
  threeClassrooms: 0.58,
  awards: 0.59,
  backup: 0.61,
  moocs: 0.65,
  honoursLastYear: 0.56,
  showcase: 0.65,
  commendation: 0.94,
} as const;
export type Capability = keyof typeof CAPABILITIES;

export interface Profile {
  readonly maturity: number;
  readonly has: (c: Capability) => boolean;
  readonly coverage: number;
}

export function profileOf(seed: number | string, school: SimSchool, maturity: number): Profile {
  const has = (c: Capability): boolean => maturity >= CAPABILITIES[c] + (hash32('capability', seed, school.code, c) / 4294967296 - 0.5) * 0.12;
  return { maturity, has, coverage: coverage(maturity) };
}

/**
 * The 专任教师 who take part (the covered share, `coverage(m)`, the first of the roster): they
 * prepare their timetabled lessons on a platform, so a preparation lists those lessons (Jiangsu
 * 四(一)1: prepared 课时 ÷ timetabled 课时 ≥ 90 %, met from coverage 0.9, m ≈ 0.78).
 */
export function platformPreparers(school: SimSchool, p: Profile): SimStaff[] {
  const teachers = teachingStaff(school);
  return teachers.slice(0, Math.ceil(p.coverage * teachers.length));
}

/** The id of the lesson a teacher has timetabled in the catch-up sync (the week's timetable, one a teacher). */
export const backfillLessonOf = (s: SimStaff): string => `L-B-T${s.index + 1}`;

// ---- the inventory: pure functions of the school and its profile (the daily stream re-sends it) ----

type RoomData = DataOf<typeof E.RoomRegisteredV1>;
type DeviceData = DataOf<typeof E.DeviceRegisteredV1>;
type SystemData = DataOf<typeof E.InformationSystemRegisteredV1>;
type LinkData = DataOf<typeof E.NetworkLinkRegisteredV1>;
type RoleData = DataOf<typeof E.RoleAssignedV1>;

export interface Inventory {
  readonly rooms: readonly RoomData[];
  readonly devices: readonly DeviceData[];
  readonly systems: readonly SystemData[];
  readonly links: readonly LinkData[];
  readonly roles: readonly RoleData[];
}

const teachingStaff = (school: SimSchool): SimStaff[] => school.staff.slice(0, -1).filter((s) => s.post === '专任教师');
const staffAt = (school: SimSchool, i: number): SimStaff => school.staff[Math.min(i, school.staff.length - 2)] ?? (school.staff[0] as SimStaff);
const subjectsTaught = (school: SimSchool): string[] => [...new Set(teachingStaff(school).flatMap((s) => s.subjects))];
/** Every subject a course of the school may be offered in (the daily CourseOffered draws from these). */
const subjectsOffered = (school: SimSchool): string[] => [
  ...new Set([...school.stages.flatMap((st) => SUBJECTS[st]), '信息科技', '科学', '劳动', '美术', '信息技术']),
];

export function inventoryOf(school: SimSchool, p: Profile, effectiveOn: string): Inventory {
  const { has } = p;
  const on = effectiveOn;
  const steward = has('stewardship');
  const keeper = (i: number): { responsible?: PersonRef } =>
    steward ? { responsible: staffRef(school, staffAt(school, school.staff.length - 2 - (i % 3)).index, 'timetabling') } : {};
  const rooms: RoomData[] = [];
  const devices: DeviceData[] = [];
  let asset = 0;
  const device = (deviceType: DeviceData['deviceType'], ownerRole: DeviceData['ownerRole'], extra: Partial<DeviceData> = {}): void => {
    asset += 1;
    devices.push({
      assetId: `B-${String(asset).padStart(4, '0')}`,
      deviceType,
      ownerRole,
      stages: [],
      capabilities: [],
      status: '在用',
      acquiredOn: on,
      registeredOn: on,
      ...extra,
    });
  };
  const cloud = has('ningxiaCloud');
  const room = (roomId: string, roomKind: RoomData['roomKind'], areaKind: RoomData['areaKind'], extra: Partial<RoomData> = {}): void => {
    rooms.push({
      roomId,
      roomKind,
      areaKind,
      mainArea: true,
      newTypeTeachingSpace: false,
      stages: [],
      grades: [],
      wiredNetwork: true,
      wirelessNetwork: true,
      wirelessTech: '千兆无线',
      ...keeper(rooms.length),
      inUse: true,
      registeredOn: on,
      ...extra,
    });
    if (areaKind === '教学' && has('classroomMedia'))
      device('交互式多媒体教学设备', 'shared', {
        roomId,
        capabilities: ['互动教学', '教学行为数据采集', '集中管控', ...(cloud ? (['接入宁夏教育云'] as const) : [])],
      });
  };

  if (has('network')) {
    // home rooms: the first two classes of every grade are new-type teaching spaces
    const perGrade = new Map<number, number>();
    for (const c of school.classes) {
      const k = (perGrade.get(c.grade) ?? 0) + 1;
      perGrade.set(c.grade, k);
      room(c.homeRoomId, '普通教室', '教学', { stages: [c.stage], grades: [c.grade], newTypeTeachingSpace: has('classroomMedia') && k <= 2 });
      if (has('classroomMedia')) device('电子班牌', 'shared', { roomId: c.homeRoomId, stages: [c.stage] });
    }
    if (has('classroomMedia')) {
      for (const [grade, k] of perGrade) {
        const stage = school.classes.find((c) => c.grade === grade)?.stage;
        if (stage && stage !== '小学')
          for (let extra = k; extra < 2; extra++)
            room(`R-NT-${grade}-${extra + 1}`, '学科教室', '教学', { stages: [stage], grades: [grade], newTypeTeachingSpace: true });
      }
    }
    room('R-OFFICE', '办公室', '办公');
    room('R-MEETING', '会议室', '办公');
    for (let gate = 1; gate <= school.gates; gate++) room(`GATE-${gate}`, '出入口', '公共服务', { securityZone: '出入口', wiredNetwork: true });
  }
  if (has('labs')) {
    room('R-计算机教室', '计算机教室', '教学');
    room('R-录播教室', '录播教室', '教学', { newTypeTeachingSpace: true });
    room('R-智慧教室', '智慧教室', '教学', { newTypeTeachingSpace: true });
    room('R-智能教室', '智能教室', '教学', { newTypeTeachingSpace: true });
    room('R-创新实验室', '创新实验室', '教学');
    room('R-创新教室', '创新教室', '教学');
    room('R-创客空间', '创客空间', '教学');
    room('R-人工智能实验室', '人工智能实验室', '教学');
    room('R-智慧学习体验中心', '智慧学习体验中心', '教学');
    room('R-学科教室', '学科教室', '教学');
    room('R-实验室', '实验室', '教学', { securityZone: '重点区域' });
    device('录播系统', 'shared', { roomId: 'R-录播教室' });
    device('录播系统', 'shared', { roomId: 'R-智能教室' });
    device('在线互动教学终端', 'shared', { roomId: 'R-录播教室' });
    for (const t of ['感知交互设备', '仿真实验设备', '开源硬件', '智能机器人', '创意电子', '3D打印设备', 'VR设备', '无人机'] as const)
      device(t, 'shared', { roomId: t === '感知交互设备' || t === '仿真实验设备' ? 'R-实验室' : 'R-创客空间' });
  }
  if (has('publicRooms')) {
    // a 公用信息终端 in every public-service area (Jiangsu 一(二)4, Wenzhou 5, Ningxia 9): the e-reading
    // room, the library, and the visitors' self-service terminal at each gate
    room('R-电子阅览室', '电子阅览室', '公共服务');
    device('公用信息终端', 'shared', { roomId: 'R-电子阅览室' });
    for (const r of rooms) if (r.roomKind === '出入口') device('公用信息终端', 'shared', { roomId: r.roomId });
    for (const [id, kind, area] of [
      ['R-图书馆', '图书馆', '公共服务'],
      ['R-行政楼', '行政楼', '办公'],
      ['R-食堂', '食堂', '生活'],
      ['R-活动室', '活动室', '活动'],
    ] as const) {
      room(id, kind, area, { securityZone: '师生活动集中区域' });
      device('公用信息终端', 'shared', { roomId: id });
    }
    for (let k = 0; k < Math.ceil(school.students / 40) + 1; k++) device('电子阅览终端', 'student', { roomId: 'R-电子阅览室' });
    device('显示屏', 'shared', { roomId: 'R-行政楼' });
  }
  if (has('broadcast')) room('R-校园电视台', '校园电视台', '活动');
  if (has('computers')) {
    for (const stage of school.stages) {
      const students = school.classes.filter((c) => c.stage === stage).reduce((n, c) => n + c.size, 0);
      for (let k = 0; k < Math.ceil(students / 5) + 1; k++)
        device('台式计算机', 'student', { stages: [stage], capabilities: ['安全浏览'], ...(has('labs') ? { roomId: 'R-计算机教室' } : {}) });
    }
    for (let k = 0; k < school.staff.length; k++) device('笔记本计算机', 'teacher');
    device('移动学习终端', 'student', { capabilities: ['安全浏览'] });
    device('移动教学配套设备', 'shared');
  }
  if (has('library')) device('自助借还机', 'shared', has('publicRooms') ? { roomId: 'R-图书馆' } : {});
  if (has('security')) {
    device('视频监控摄像机', 'admin', { roomId: 'GATE-1' });
    device('一键报警装置', 'admin', { roomId: 'GATE-1' });
  }
  if (has('netManagement')) device('网络安全设备', 'admin', { capabilities: ['防火墙', '防病毒', '入侵防护', '流量管理', '上网行为管理'] });
  if (has('iot')) device('物联网感知设备', 'admin', { capabilities: ['物联网', '远程控制'] });

  const systems: SystemData[] = [];
  const upward = (...extra: NonNullable<SystemData['connectedTo']>): NonNullable<SystemData['connectedTo']> => [
    ...new Set([...(steward ? (['校级数据仓', '教育魔方'] as const) : []), ...(cloud ? (['宁夏教育云'] as const) : []), ...extra]),
  ];
  const system = (systemId: string, name: string, systemKinds: SystemData['systemKinds'], extra: Partial<SystemData> = {}): void => {
    systems.push({
      systemId,
      name,
      systemKinds,
      providerLevel: 'school',
      thirdParty: false,
      features: [],
      unifiedIdentity: steward,
      connectedTo: upward(),
      roomIds: [],
      ...keeper(systems.length),
      status: '在用',
      registeredOn: on,
      ...extra,
    });
  };
  if (has('platform')) {
    system(
      'SYS-1',
      '智慧校园综合平台',
      [
        '协同办公',
        '教务管理',
        '家校互动',
        '统一门户',
        '统一身份认证',
        '校务管理',
        '信息公开',
        '行政办公',
        '科研管理',
        '财务管理',
        '资产管理',
        '后勤管理',
        '招生管理',
        '学生事务',
        '选课',
        '综合素质评价',
      ],
      {
        providerLevel: 'county',
        builtOn: cloud ? '宁夏教育云' : '教育魔方',
        unifiedIdentity: true,
        features: [
          '通知公告',
          '流程审批',
          '会议安排',
          '周安排',
          '教师考勤',
          '问卷调查',
          '数据上报',
          '家校沟通',
          '按角色个性化配置',
          '智慧校园',
          '机构空间',
          '数字学校',
          '报名',
          '签到',
          '对家长免费',
          '在校情况查询',
        ],
        connectedTo: upward('省级平台', '教育行政部门'),
      },
    );
  }
  if (has('security')) {
    system(
      'SYS-2',
      '校园安防系统',
      ['视频监控', '安防综合管理', '出入口控制', '访客管理', '身份识别', '测温', '一键报警', '消防报警', '紧急广播', '餐饮卫生监测'],
      {
        features: ['门禁'],
        connectedTo: upward('公安', '教育行政部门'),
        roomIds: rooms.map((r) => r.roomId),
        backupPowerHours: 6,
      },
    );
  }
  if (has('campusCard')) system('SYS-3', '校园一卡通', ['智能卡', '身份识别'], { features: ['门禁', '消费', '储物', '借书'] });
  if (has('library')) system('SYS-4', '数字图书馆', ['图书管理', '数字图书馆'], { features: ['自助借还', '借阅历史查询', '移动阅读'] });
  if (has('netManagement')) system('SYS-5', '上网行为管理', ['统一上网管理', '校园网络管理']);
  if (has('broadcast'))
    system('SYS-6', '广播电视会议系统', ['广播', '校园电视', '会议'], { features: ['校内广播', '校内直播', '虚拟演播室', '数字化摄录编辑', '数字广播'] });
  if (has('dataHub'))
    system('SYS-7', '校级数据仓', ['数据仓', '数字驾驶舱', '智慧校情决策'], {
      builtOn: '教育魔方',
      providerLevel: 'city',
      connectedTo: upward('教育魔方', '省级平台', '市级平台', '教育行政部门'),
    });
  if (has('iot')) system('SYS-8', '物联网管控平台', ['物联网管控']);
  if (has('parents'))
    system('SYS-9', '数字家长学校', ['数字家长学校', '家校互动'], { providerLevel: 'city', features: ['对家长免费', '家庭教育咨询', '家校沟通'] });
  if (has('website')) system('SYS-10', '学校门户网站', ['信息公开', '信息发布', '门户网站监控'], { features: ['网站', '公众号', '信息屏', '信息发布'] });
  if (has('backup')) system('SYS-11', '容灾备份系统', ['容灾备份']);
  if (cloud) system('SYS-12', '宁夏教育云教学应用', ['教学应用'], { thirdParty: true, providerLevel: 'province', connectedTo: upward('宁夏教育云') });

  const links: LinkData[] = [];
  if (has('network')) {
    links.push({
      linkId: 'NL-B-WAN1',
      linkKind: '出口',
      upstream: '互联网',
      medium: '光纤',
      bandwidthMbps: 10_000,
      ipv6: true,
      inUse: true,
      ...keeper(0),
      registeredOn: on,
    });
    links.push({
      linkId: 'NL-B-WAN2',
      linkKind: '出口',
      upstream: '教育城域网',
      medium: '光纤',
      bandwidthMbps: 10_000,
      ipv6: true,
      inUse: true,
      ...keeper(1),
      registeredOn: on,
    });
    links.push({
      linkId: 'NL-B-WAN3',
      linkKind: '出口',
      upstream: '江苏省教育和科研计算机网',
      medium: '光纤',
      bandwidthMbps: 1000,
      ipv6: true,
      inUse: true,
      ...keeper(2),
      registeredOn: on,
    });
    // every link has its keeper once the school has stewardship (Zhejiang (五)2.(1)), as its rooms and systems do
    links.push({ linkId: 'NL-B-CORE', linkKind: '骨干', medium: '光纤', bandwidthMbps: 10_000, ipv6: true, inUse: true, ...keeper(3), registeredOn: on });
    links.push({ linkId: 'NL-B-BLDG', linkKind: '楼宇间', medium: '光纤', bandwidthMbps: 10_000, ipv6: true, inUse: true, ...keeper(4), registeredOn: on });
    links.push({ linkId: 'NL-B-DESK', linkKind: '到桌面', medium: '铜缆', bandwidthMbps: 1000, ipv6: true, inUse: true, ...keeper(5), registeredOn: on });
    school.classes.forEach((c, k) =>
      links.push({
        linkId: `NL-B-${c.homeRoomId}`,
        linkKind: '到班',
        medium: '光纤',
        bandwidthMbps: 1000,
        ipv6: true,
        roomId: c.homeRoomId,
        inUse: true,
        ...keeper(6 + k),
        registeredOn: on,
      }),
    );
  }

  const roles: RoleData[] = [];
  const role = (i: number, r: RoleData['role'], extra: Partial<RoleData> = {}): void => {
    roles.push({ person: staffRef(school, staffAt(school, i).index, 'timetabling'), role: r, assignedOn: on, ...extra });
  };
  if (has('leadership')) {
    // 校长（首席信息官）: the principal is the CIO (Wenzhou 25; a 校领导 for Ningxia 54 and Zhejiang (五)1.(1))
    role(0, '校长');
    role(0, '首席信息官');
    role(1, '分管校长');
    role(2, '校领导');
    role(3, '中层以上管理者');
  }
  if (has('itStaff')) {
    const admin = school.staff.length - 2;
    role(admin, '信息化管理人员', { fullTime: true });
    role(admin, '网管', { fullTime: true });
    role(CIO_TEAM_IT_LEAD, '信息化负责人');
  }
  if (has('subjectLeads')) {
    const teachers = teachingStaff(school);
    for (const subject of subjectsTaught(school)) {
      const t = teachers.find((s) => s.subjects.includes(subject));
      if (t) roles.push({ person: staffRef(school, t.index, 'timetabling'), role: '学科融合负责人', subject, assignedOn: on });
    }
  }
  return { rooms, devices, systems, links, roles };
}

// ---- the catch-up sync ----

const ZJH = { platform: '之江汇', platformLevel: 'province' } as const;
const NX = { platform: '宁夏教育云', platformLevel: 'province' } as const;
const THREE = ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'] as const;
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The catch-up sync of a school with a maturity: its roster, calendar and courses, its
 * inventory, org units and roles, and the school year so far (spaces, training, lessons,
 * resources, growth records, honours), dated on the stream's first day (honours of the
 * previous calendar year on their own dates). Its length depends on the school and its
 * profile only, never on the draws, so `expectedEventCount` knows it.
 */
export function backfillOf(school: SimSchool, p: Profile, inventory: Inventory, partnerCodes: readonly string[]): Maker[] {
  const { has, coverage: cov, maturity: m } = p;
  const out: Maker[] = [];
  const add =
    <D extends E.EventDefinition>(def: D) =>
    (make: (g: Gen) => DataOf<D>): void => {
      out.push(maker(def)(make));
    };
  const teachers = teachingStaff(school);
  const covered = platformPreparers(school, p);
  const leaverStudent = school.students - 1;
  const students: { c: SimClass; j: number }[] = [];
  for (const c of school.classes) for (let j = c.firstStudent; j < c.firstStudent + c.size; j++) if (j !== leaverStudent) students.push({ c, j });
  const coveredStudents = students.slice(0, Math.ceil(cov * students.length));
  const tRef = (s: SimStaff) => staffRef(school, s.index, 'timetabling');
  // with unified identity the school's systems name people by one directory (the roster's ids)
  const unified = has('unifiedIdentity');
  const zRef = (s: SimStaff) => staffRef(school, s.index, unified ? 'timetabling' : 'zhijianghui');
  const sRef = (j: number) => studentRef(school, j, unified ? 'card' : 'zhijianghui');
  const cloud = has('ningxiaCloud');
  const lessonPlatform = cloud ? NX : ZJH;
  const subjectOf = (s: SimStaff): string => s.subjects[0] ?? '语文';
  const partners = partnerCodes.length ? partnerCodes.slice(0, 2) : [];
  let n = 0;
  const nid = (prefix: string): string => `${prefix}-B${++n}`;

  // roster and calendar: every school with a maturity keeps its roster in its systems
  add(E.SchoolRegisteredV1)((g) => ({
    name: school.name,
    regionCode: school.regionCode,
    schoolType: school.schoolType,
    stages: [...school.stages],
    registeredOn: g.effectiveOn,
  }));
  for (const c of school.classes)
    add(E.ClassOpenedV1)((g) => ({
      classId: c.classId,
      classKind: '行政班',
      stage: c.stage,
      grade: c.grade,
      homeRoomId: c.homeRoomId,
      openedOn: g.effectiveOn,
    }));
  for (const s of school.staff.slice(0, -1))
    add(E.TeacherAssignedV1)((g) => ({ teacher: tRef(s), post: s.post, stages: [s.stage], subjects: [...s.subjects], assignedOn: g.effectiveOn }));
  for (const { c, j } of students)
    add(E.StudentEnrolledV1)((g) => ({
      student: studentRef(school, j, 'card'),
      stage: c.stage,
      grade: c.grade,
      classId: c.classId,
      enrolledOn: g.effectiveOn,
    }));
  add(E.SchoolCalendarPublishedV1)((g) => {
    const y = Number(g.day.schoolYear.slice(0, 4));
    return {
      schoolYear: g.day.schoolYear,
      semesters: [
        { semester: '第一学期', startsOn: `${y}-09-01`, endsOn: `${y + 1}-01-22`, teachingWeeks: 20 },
        { semester: '第二学期', startsOn: `${y + 1}-02-22`, endsOn: `${y + 1}-07-02`, teachingWeeks: 19 },
      ],
    };
  });
  // the timetable: a lesson of every 专任教师 that day (every fifth a double period); those who take
  // part prepare theirs on a platform (below), so Jiangsu 四(一)1's prepared share is about coverage(m)
  teachers.forEach((t, k) => {
    const c = school.classes.find((x) => x.stage === t.stage) ?? (school.classes[0] as SimClass);
    add(E.LessonTimetabledV1)((g) => ({
      lessonId: backfillLessonOf(t),
      date: g.day.date,
      period: 1 + (k % 8),
      periods: k % 5 === 4 ? 2 : 1,
      stage: c.stage,
      classId: c.classId,
      subject: subjectOf(t),
      teacher: tRef(t),
      roomId: c.homeRoomId,
      mode: '线下',
      partnerSchoolCodes: [],
      scheduledBy: '智能排课',
    }));
  });

  // inventory, org units, roles, credentials
  for (const r of inventory.rooms) add(E.RoomRegisteredV1)(() => r);
  for (const d of inventory.devices) add(E.DeviceRegisteredV1)(() => d);
  for (const s of inventory.systems) add(E.InformationSystemRegisteredV1)(() => s);
  for (const l of inventory.links) add(E.NetworkLinkRegisteredV1)(() => l);
  for (const r of inventory.roles) add(E.RoleAssignedV1)(() => r);
  const leader = staffAt(school, 0);
  const members = school.staff.slice(1, 7).map(tRef);
  if (has('leadership')) {
    for (const [orgUnitId, kind] of [
      ['OU-1', '智慧校园建设领导小组'],
      ['OU-5', '信息化工作领导小组'],
    ] as const)
      add(E.OrgUnitEstablishedV1)((g) => ({ orgUnitId, kind, leader: tRef(leader), members, establishedOn: g.effectiveOn }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '专题会议',
      topics: ['教育信息化'],
      audience: ['teacher', 'staff'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      orgUnitId: 'OU-1',
      participants: 12,
      heldOn: g.day.date,
    }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '工作会议',
      topics: ['教育信息化'],
      audience: ['teacher', 'staff'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      orgUnitId: 'OU-1',
      participants: 12,
      heldOn: g.day.date,
    }));
  }
  if (has('itStaff')) {
    for (const [orgUnitId, kind] of [
      ['OU-2', '智慧校园建设工作专班'],
      ['OU-3', '信息化中层机构'],
      ['OU-6', '信息化工作管理部门'],
    ] as const)
      add(E.OrgUnitEstablishedV1)((g) => ({ orgUnitId, kind, leader: tRef(staffAt(school, 1)), members, establishedOn: g.effectiveOn }));
    // Wenzhou 25: the CIO微团队 of the 校长 (首席信息官), the 分管校长 and the 信息化负责人, with the full-time IT manager
    const team = cioTeamOf(school).map(tRef);
    add(E.OrgUnitEstablishedV1)((g) => ({ orgUnitId: 'OU-4', kind: 'CIO微团队', leader: tRef(leader), members: team, establishedOn: g.effectiveOn }));
    const admin = staffAt(school, school.staff.length - 2);
    add(E.CredentialRecordedV1)((g) => ({
      holder: tRef(admin),
      kind: '网络安全管理上岗资质证',
      issuerKind: '教育部门',
      issuerLevel: 'city',
      issuedOn: g.day.weekAgo,
      validUntil: `${Number(g.day.date.slice(0, 4)) + 3}-08-31`,
    }));
  }
  // a device sent for repair came back into service (Zhejiang (四)4.(2): repairs completed)
  const repaired = inventory.devices[0];
  if (has('stewardship') && repaired) {
    add(E.DeviceStatusChangedV1)((g) => ({ assetId: repaired.assetId, status: '维修', changedOn: g.day.weekAgo }));
    add(E.DeviceStatusChangedV1)((g) => ({ assetId: repaired.assetId, status: '在用', changedOn: g.day.date }));
  }
  if (has('security'))
    for (const s of inventory.systems)
      add(E.SecurityAssessmentCompletedV1)((g) => ({ systemId: s.systemId, protectionLevel: '第二级', assessedOn: g.day.date, result: '符合' }));
  if (has('platform')) {
    add(E.SystemUsageSummarizedV1)((g) => ({
      systemId: 'SYS-1',
      periodStart: g.day.weekAgo,
      periodEnd: g.day.yesterday,
      activeUsers: school.staff.length + school.students,
      uses: (['通知公告', '流程审批', '会议安排', '周安排', '教师考勤', '问卷调查', '数据上报', '信息发布'] as const).map((feature, i) => ({
        feature,
        count: 20 + i,
      })),
    }));
  }
  // every other system the school runs reports its own use (Jiangsu 一(二)5 the card system, 四(二)1 the website's
  // 信息发布; Zhejiang (一)7.(1) the systems on 教育魔方): the week's active users and its functions used
  for (const s of inventory.systems) {
    if (s.systemId === 'SYS-1') continue;
    const uses = s.features ?? [];
    add(E.SystemUsageSummarizedV1)((g) => ({
      systemId: s.systemId,
      periodStart: g.day.weekAgo,
      periodEnd: g.day.yesterday,
      activeUsers: Math.max(1, Math.round((school.staff.length + school.students) / 4)),
      uses: uses.map((feature, i) => ({ feature, count: 12 + i })),
    }));
  }
  // Ningxia 12: the CCTV's footage is kept (the school year so far, well over 30 days)
  if (has('security'))
    add(E.LogRetentionReportedV1)((g) => ({ systemId: 'SYS-2', logKind: '视频影像', oldestRecordOn: addDays(g.day.date, -90), reportedOn: g.day.date }));
  if (has('library'))
    add(E.DigitalLibraryHoldingsReportedV1)((g) => ({
      ebooks: school.students * 12,
      ejournals: 120,
      linkedToRegionalLibrary: true,
      mobileReading: true,
      reportedOn: g.day.date,
    }));
  if (has('securityOps')) {
    add(E.LogRetentionReportedV1)((g) => ({ systemId: 'SYS-5', logKind: '上网行为日志', oldestRecordOn: addDays(g.day.date, -200), reportedOn: g.day.date }));
    add(E.LogRetentionReportedV1)((g) => ({ systemId: 'SYS-5', logKind: '网络安全日志', oldestRecordOn: addDays(g.day.date, -200), reportedOn: g.day.date }));
    add(E.AppReviewedV1)((g) => ({ appId: nid('APP'), name: '口算练习', decision: '准入', reviewedOn: g.day.date }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '网络安全应急演练',
      topics: ['网络安全'],
      audience: ['teacher', 'student', 'staff'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      participants: 300,
      heldOn: g.day.date,
    }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '讲座',
      topics: ['网络安全', '信息素养', '信息安全'],
      audience: ['teacher', 'student'],
      mode: '线下',
      level: 'county',
      schoolRole: '主办',
      speakers: [tRef(leader)],
      participants: 200,
      heldOn: g.day.date,
    }));
    const admin = staffAt(school, school.staff.length - 2);
    add(E.TrainingCompletedV1)((g) => ({
      trainingId: nid('TR'),
      trainee: zRef(admin),
      kind: '网络安全培训',
      topics: ['网络安全'],
      level: 'city',
      mode: '线下',
      hours: 8,
      passed: true,
      completedOn: g.day.date,
    }));
    add(E.TrainingCompletedV1)((g) => ({
      trainingId: nid('TR'),
      trainee: zRef(admin),
      kind: '信息化人员培训',
      topics: ['信息技术'],
      level: 'city',
      mode: '线上',
      hours: 8,
      passed: true,
      completedOn: g.day.date,
    }));
  }
  if (has('backup'))
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '数据安全与容灾演练',
      topics: ['信息安全'],
      audience: ['staff'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      participants: 10,
      heldOn: g.day.date,
    }));
  if (has('dataSync')) {
    add(E.DataSyncedToAuthorityV1)((g) => ({
      systemId: 'SYS-1',
      dataKind: '师生基础数据',
      target: '教育数据中心',
      targetLevel: 'city',
      records: school.students + school.staff.length,
      succeeded: true,
      syncedAt: g.time,
    }));
    add(E.DataSyncedToAuthorityV1)((g) => ({
      systemId: 'SYS-1',
      dataKind: '资产数据',
      target: '教育行政部门',
      targetLevel: 'county',
      records: inventory.devices.length,
      succeeded: true,
      syncedAt: g.time,
    }));
    // Jiangsu 四(二)3: data shared with the provincial platform
    add(E.DataSyncedToAuthorityV1)((g) => ({
      systemId: 'SYS-1',
      dataKind: '师生基础数据',
      target: '教育数据中心',
      targetLevel: 'province',
      records: school.students + school.staff.length,
      succeeded: true,
      syncedAt: g.time,
    }));
  }
  if (has('parents')) {
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '家庭教育在线指导',
      topics: ['家庭教育'],
      audience: ['parent'],
      mode: '线上',
      level: 'school',
      schoolRole: '主办',
      participants: 200,
      onlineSignUp: true,
      heldOn: g.day.date,
    }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '家校公益活动',
      topics: ['家庭教育'],
      audience: ['parent'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      participants: 150,
      onlineSignUp: true,
      heldOn: g.day.date,
    }));
    for (let k = 0; k < 22; k++)
      add(E.ResourceRecommendedV1)((g) => ({
        resourceId: `RB-F${k + 1}`,
        kind: '家庭教育资源',
        audience: 'parent',
        channel: '数字家长学校',
        personalised: false,
        recipients: school.students,
        recommendedAt: g.time,
      }));
    add(E.ResourceRecommendedV1)((g) => ({
      resourceId: 'RB-P1',
      kind: '名师课程',
      audience: 'parent',
      channel: '数字家长学校',
      recipients: school.students,
      recommendedAt: g.time,
    }));
  }

  // curriculum
  if (has('curriculum')) {
    const labs = has('labs');
    school.stages.forEach((stage, si) => {
      const grade = gradesOf(stage)[0] ?? 1;
      add(E.CourseOfferedV1)((g) => ({
        courseId: `KB-${stage}-AI`,
        title: '信息技术（人工智能模块）',
        kind: '国家课程',
        courseType: '基础型',
        subject: '信息技术',
        topics: ['人工智能', '编程'],
        stage,
        grades: [grade],
        schoolYear: g.day.schoolYear,
        semester: g.day.semester,
        plannedPeriods: 36,
      }));
      add(E.CourseOfferedV1)((g) => ({
        courseId: `KB-${stage}-X`,
        title: '校本拓展：创客实践',
        kind: '校本课程',
        courseType: '拓展型',
        category: '科学创造',
        subject: '信息科技',
        topics: ['创客', 'STEAM'],
        stage,
        grades: [grade],
        schoolYear: g.day.schoolYear,
        semester: g.day.semester,
        plannedPeriods: 16,
      }));
      add(E.CourseSelectionClosedV1)((g) => ({
        roundId: nid('XK'),
        schoolYear: g.day.schoolYear,
        semester: g.day.semester,
        stage,
        courses: [{ courseId: `KB-${stage}-X`, students: 30 }],
        closedOn: g.day.date,
      }));
      add(E.ExamScheduledV1)((g) => ({
        examId: nid('X'),
        kind: '单元测验',
        stage,
        grades: [grade],
        subjects: ['语文', '数学'],
        startsOn: g.day.date,
        endsOn: g.day.date,
      }));
      const c = school.classes.find((x) => x.stage === stage) ?? (school.classes[0] as SimClass);
      const t = teachers.find((x) => x.stage === stage) ?? (teachers[0] as SimStaff);
      const itLesson = `L-B-${stage}-IT`;
      // the compulsory 信息技术 course's lesson, timetabled for its course (Wenzhou 19: the 人工智能 module taught) in the
      // computer room once the school has one (Zhejiang (一)3.(1))
      const itRoom = labs ? 'R-计算机教室' : c.homeRoomId;
      add(E.LessonTimetabledV1)((g) => ({
        lessonId: itLesson,
        date: g.day.date,
        period: 3,
        periods: 1,
        stage,
        classId: c.classId,
        subject: '信息技术',
        courseId: `KB-${stage}-AI`,
        teacher: tRef(t),
        roomId: itRoom,
        mode: '线下',
        partnerSchoolCodes: [],
        scheduledBy: '智能排课',
      }));
      add(E.LessonDeliveredV1)((g) => ({
        lessonId: nid('D'),
        deliveredOn: g.day.date,
        periods: 1,
        stage,
        subject: '信息技术',
        classIds: [c.classId],
        teachers: [tRef(t)],
        roomId: itRoom,
        mode: '线下',
        partnerSchoolCodes: [],
        teachingModels: ['虚实结合实验', '情境式', '智慧课堂'],
        ictEnvironment: true,
      }));
      // with the labs, a 校本 人工智能 course per stage (Ningxia 29), whose lessons are in the AI lab (Wenzhou 20: the first stage's timetabled here)
      const aiLesson = `L-B-${stage}-AI`;
      if (labs) {
        add(E.CourseOfferedV1)((g) => ({
          courseId: `KB-${stage}-AIX`,
          title: '校本课程：人工智能启蒙',
          kind: '校本课程',
          courseType: '拓展型',
          category: '科学创造',
          subject: '信息技术',
          topics: ['人工智能', '编程'],
          stage,
          grades: [grade],
          schoolYear: g.day.schoolYear,
          semester: g.day.semester,
          plannedPeriods: 16,
        }));
        if (si === 0)
          add(E.LessonTimetabledV1)((g) => ({
            lessonId: aiLesson,
            date: g.day.date,
            period: 6,
            periods: 1,
            stage,
            classId: c.classId,
            subject: '信息技术',
            courseId: `KB-${stage}-AIX`,
            teacher: tRef(t),
            roomId: 'R-人工智能实验室',
            mode: '线下',
            partnerSchoolCodes: [],
            scheduledBy: '智能排课',
          }));
      }
      const prepared = [itLesson, ...(labs && si === 0 ? [aiLesson] : [])];
      add(E.LessonPreparedV1)((g) => ({
        prepId: nid('PR'),
        teacher: zRef(t),
        stage,
        subject: '信息技术',
        lessonIds: covered.includes(t) ? prepared : [],
        ...lessonPlatform,
        preparedOn: g.day.date,
      }));
      add(E.ExamScoresPublishedV1)((g) => ({
        examId: `X-${g.day.compact}-${c.grade}`,
        classId: c.classId,
        subject: '语文',
        candidates: c.size,
        scored: c.size,
        markingMode: '网络阅卷',
        ...lessonPlatform,
        publishedOn: g.day.date,
      }));
      add(E.ActivityHeldV1)((g) => ({
        activityId: nid('ACT'),
        kind: '社会综合实践',
        topics: ['其他'],
        audience: ['student'],
        mode: '线下',
        level: 'school',
        schoolRole: '主办',
        stage,
        participants: 80,
        ...(has('platform') ? { onlineSignUp: true } : {}),
        heldOn: g.day.date,
      }));
    });
    for (const kind of ['学情分析', '教情分析', '质量分析', '学业诊断'] as const)
      add(E.ScoreAnalysisGeneratedV1)((g) => ({
        analysisId: nid('AN'),
        analysisKind: kind,
        scope: '学校',
        subject: '数学',
        ...lessonPlatform,
        generatedOn: g.day.date,
      }));
    for (const kind of ['科技节', '创客文化节', 'STEAM活动'] as const)
      add(E.ActivityHeldV1)((g) => ({
        activityId: nid('ACT'),
        kind,
        topics: ['创客', 'STEAM'],
        audience: ['student', 'teacher'],
        mode: '线下',
        level: 'school',
        schoolRole: '主办',
        participants: 400,
        heldOn: g.day.date,
      }));
  }

  // teachers: spaces, training, lessons, records (the covered share of them)
  const nxSpaces = cloud;
  const excellent = Math.round(covered.length * Math.max(0, m - 0.3));
  // each covered teacher uploads ⌈18·m⌉ resources and shares ⌈9·m⌉ to the region's platform, so a school
  // reaches Ningxia 16's 10 uploads and 5 shares per 专任教师 (covered or not) from m ≈ 0.7: the established band
  const uploadsPerTeacher = has('resources') ? Math.ceil(18 * m) : 0;
  const sharesPerTeacher = has('resources') ? Math.ceil(9 * m) : 0;
  covered.forEach((t, k) => {
    add(E.LearningSpaceOpenedV1)((g) => ({
      spaceId: `SPT-${t.index + 1}`,
      ownerRole: 'teacher',
      owner: zRef(t),
      ...ZJH,
      realName: true,
      openedOn: g.effectiveOn,
    }));
    add(E.ExperiencePointsReportedV1)((g) => ({
      spaceId: `SPT-${t.index + 1}`,
      owner: zRef(t),
      ownerRole: 'teacher',
      ...ZJH,
      periodStart: g.day.schoolYearStart,
      periodEnd: g.day.date,
      points: 40 + Math.round(120 * m),
      reportedOn: g.day.date,
    }));
    if (nxSpaces) {
      add(E.LearningSpaceOpenedV1)((g) => ({
        spaceId: `SPN-${t.index + 1}`,
        ownerRole: 'teacher',
        owner: zRef(t),
        ...NX,
        platformModule: '学校空间',
        realName: true,
        openedOn: g.effectiveOn,
      }));
      add(E.ExperiencePointsReportedV1)((g) => ({
        spaceId: `SPN-${t.index + 1}`,
        owner: zRef(t),
        ownerRole: 'teacher',
        ...NX,
        periodStart: g.day.schoolYearStart,
        periodEnd: g.day.date,
        points: Math.round(400 * m * m),
        reportedOn: g.day.date,
      }));
    }
    add(E.TrainingCompletedV1)((g) => ({
      trainingId: nid('TR'),
      trainee: zRef(t),
      kind: '信息技术应用能力提升工程',
      topics: ['信息技术融合'],
      level: 'province',
      mode: '线上',
      hours: 12,
      passed: true,
      completedOn: g.day.date,
    }));
    add(E.TrainingCompletedV1)((g) => ({
      trainingId: nid('TR'),
      trainee: zRef(t),
      kind: '网络学习空间专题培训',
      topics: ['网络学习空间'],
      level: 'county',
      mode: '线下',
      hours: 2,
      passed: true,
      completedOn: g.day.date,
    }));
    const c = school.classes.find((x) => x.stage === t.stage) ?? (school.classes[0] as SimClass);
    const innovative = has('innovativeTeaching');
    add(E.LessonDeliveredV1)((g) => ({
      lessonId: nid('D'),
      deliveredOn: g.day.date,
      periods: 1,
      stage: c.stage,
      subject: subjectOf(t),
      classIds: [c.classId],
      teachers: [tRef(t)],
      roomId: c.homeRoomId,
      mode: '线下',
      partnerSchoolCodes: [],
      ...lessonPlatform,
      teachingModels: innovative ? ['智慧课堂', '翻转课堂', '互动课堂', '混合式', '探究式', '精准教学'] : ['智慧课堂'],
      lessonKind: '公开课',
      openLessonLevel: 'school',
      ictEnvironment: true,
      recorded: has('labs'),
      studentDevices: '移动终端',
    }));
    add(E.LessonPreparedV1)((g) => ({
      prepId: nid('PR'),
      teacher: zRef(t),
      stage: t.stage,
      subject: subjectOf(t),
      lessonIds: [backfillLessonOf(t)],
      ...lessonPlatform,
      preparedOn: g.day.date,
    }));
    add(E.TeacherRecordAddedV1)((g) => ({
      teacher: tRef(t),
      category: (['教学', '教研', '培训', '专业发展', '评教', '课题'] as const)[k % 6] ?? '教学',
      ...ZJH,
      recordedOn: g.day.date,
    }));
    if (k < excellent)
      add(E.TeacherRecordAddedV1)((g) => ({
        teacher: tRef(t),
        category: '信息素养测评',
        result: '优秀',
        round: `${g.day.schoolYear.slice(0, 4)}-1`,
        ...ZJH,
        recordedOn: g.day.date,
      }));
    // the first upload is a recording of the teacher's lesson, which the teacher also shares (Zhejiang (一)3.(3))
    const kinds = ['教学设计', '微课', '课件', '作业练习', '实验演示', '试卷', '校本课程资源'] as const;
    const recording = { resourceId: nid('RB'), kind: kinds[k % kinds.length] ?? '课件' };
    for (let u = 0; u < uploadsPerTeacher; u++) {
      const kind = kinds[(k + u) % kinds.length] ?? '课件';
      add(E.ResourceUploadedV1)((g) => ({
        resourceId: u === 0 ? recording.resourceId : nid('RB'),
        kind,
        uploader: zRef(t),
        uploaderRole: 'teacher',
        stage: t.stage,
        subject: subjectOf(t),
        ...(kind === '微课' ? { components: ['视频', '学案'], problemSolvingGuidance: true, knowledgePoints: [`KP-${subjectOf(t)}-${u + 1}`] } : {}),
        ...(kind === '校本课程资源' ? { lessonCount: 12 } : {}),
        audience: 'student',
        origin: u === 0 ? '课堂录制' : '原创',
        ...(cloud && u % 2 === 0
          ? { ...NX, platformModule: '学校空间' as const, knowledgePoints: [`KP-${subjectOf(t)}-${u + 1}`] }
          : { ...ZJH, platformModule: '学校空间' as const }),
        uploadedAt: g.time,
      }));
    }
    for (let u = 0; u < sharesPerTeacher; u++) {
      add(E.ResourceSharedV1)((g) => ({
        ...(u === 0 ? recording : { resourceId: nid('RB'), kind: (['教学设计', '微课', '课件', '网络课程', '特色资源'] as const)[u % 5] ?? '课件' }),
        sharedBy: zRef(t),
        ...(cloud ? NX : ZJH),
        openToPublic: u === 0,
        sharedAt: g.time,
      }));
    }
  });
  if (has('research') && covered.length > 0) {
    add(E.ResearchActivityHeldV1)((g) => ({
      activityId: nid('RA'),
      kind: '专题教研',
      mode: '线上',
      synchronous: false,
      ...lessonPlatform,
      organiserLevel: 'school',
      partnerSchoolCodes: [],
      subjects: ['语文'],
      grades: [],
      topics: ['网络学习空间', '信息技术融合'],
      participants: covered.map(zRef),
      outcomeRecorded: true,
      heldOn: g.day.date,
    }));
    for (let k = 0; k < 12; k++) {
      const t = covered[k % covered.length] as SimStaff;
      add(E.ResearchActivityHeldV1)((g) => ({
        activityId: nid('RA'),
        kind: k % 2 ? '同步研修' : '同步备课',
        mode: '线上',
        synchronous: true,
        ...lessonPlatform,
        organiserLevel: k % 3 ? 'school' : 'county',
        partnerSchoolCodes: partners,
        subjects: [subjectOf(t)],
        grades: [],
        topics: ['信息技术融合'],
        participants: [zRef(t)],
        outcomeRecorded: true,
        heldOn: g.day.date,
      }));
    }
    add(E.ResearchActivityHeldV1)((g) => ({
      activityId: nid('RA'),
      kind: '听评课',
      mode: '混合',
      synchronous: false,
      ...lessonPlatform,
      organiserLevel: 'city',
      partnerSchoolCodes: [],
      subjects: ['数学'],
      grades: [],
      topics: ['信息技术融合'],
      participants: covered.slice(0, 5).map(zRef),
      outcomeRecorded: true,
      heldOn: g.day.date,
    }));
    if (cloud)
      add(E.ResearchActivityHeldV1)((g) => ({
        activityId: nid('RA'),
        kind: '专题教研',
        mode: '线上',
        synchronous: false,
        ...NX,
        aiDiagnosis: true,
        organiserLevel: 'school',
        partnerSchoolCodes: [],
        subjects: ['数学'],
        grades: [],
        topics: ['人工智能'],
        participants: covered.slice(0, 5).map(zRef),
        outcomeRecorded: true,
        heldOn: g.day.date,
      }));
  }
  if (has('innovativeTeaching') && covered.length > 0) {
    const t = covered[0] as SimStaff;
    const c = school.classes.find((x) => x.stage === t.stage) ?? (school.classes[0] as SimClass);
    // the blended lesson is held in the 智慧教室 once the school has one, on the students' tablets (Ningxia 5, Jiangsu 一(三)3)
    const smartRoom = (mode: '线上' | '混合') => (mode === '混合' && has('labs') ? { roomId: 'R-智慧教室', studentDevices: '移动终端' as const } : {});
    for (const mode of ['线上', '混合'] as const) {
      add(E.LessonDeliveredV1)((g) => ({
        lessonId: nid('D'),
        deliveredOn: g.day.date,
        periods: 1,
        stage: c.stage,
        subject: subjectOf(t),
        classIds: [c.classId],
        teachers: [tRef(t)],
        ...smartRoom(mode),
        mode,
        partnerSchoolCodes: [],
        ...(cloud ? { ...NX, platformModule: '数字学校' as const } : ZJH),
        teachingModels: ['混合式', '个性化学习', '人机协同', '体验式', '小组探究', 'PBL', '智慧课堂'],
        ictEnvironment: true,
      }));
      add(E.LessonPreparedV1)((g) => ({
        prepId: nid('PR'),
        teacher: zRef(t),
        stage: t.stage,
        subject: subjectOf(t),
        lessonIds: [],
        ...lessonPlatform,
        preparedOn: g.day.date,
      }));
    }
    add(E.HomeworkGradedV1)((g) => ({
      assignmentId: nid('H'),
      classId: c.classId,
      subject: subjectOf(t),
      teacher: tRef(t),
      assignedOn: g.day.yesterday,
      gradedOn: g.day.date,
      gradingMode: '智能改作',
      ...lessonPlatform,
      recipients: c.size,
      submissions: c.size,
    }));
    add(E.OnlineTutoringHeldV1)((g) => ({
      sessionId: nid('TU'),
      teacher: zRef(t),
      subject: subjectOf(t),
      students: 20,
      ...lessonPlatform,
      heldOn: g.day.date,
    }));
    add(E.ResourceRecommendedV1)((g) => ({
      resourceId: 'RB-T1',
      kind: '网络课程',
      audience: 'teacher',
      channel: '网络学习空间',
      personalised: true,
      recipients: teachers.length,
      ...lessonPlatform,
      recommendedAt: g.time,
    }));
    // 智慧课堂 in the subjects offered (Jiangsu 四(一)2: 智慧课堂学科全覆盖): as many of them as the school's teachers
    // take part (coverage), by a teacher of the subject where there is one, in the 智慧教室 once the school has one
    const offered = subjectsOffered(school);
    for (const subject of offered.slice(0, Math.ceil(cov * offered.length))) {
      const by = covered.find((x) => x.subjects.includes(subject)) ?? teachers.find((x) => x.subjects.includes(subject)) ?? t;
      const cl = school.classes.find((x) => x.stage === by.stage) ?? c;
      add(E.LessonDeliveredV1)((g) => ({
        lessonId: nid('D'),
        deliveredOn: g.day.date,
        periods: 1,
        stage: cl.stage,
        subject,
        classIds: [cl.classId],
        teachers: [tRef(by)],
        roomId: has('labs') ? 'R-智慧教室' : cl.homeRoomId,
        mode: '线下',
        partnerSchoolCodes: [],
        ...lessonPlatform,
        teachingModels: ['智慧课堂', '互动课堂'],
        ictEnvironment: true,
      }));
    }
  }
  if (has('threeClassrooms') && covered.length > 0 && partners.length > 0) {
    // 三个课堂: five periods a teaching week over the 20-week semester, in double periods, each prepared
    for (let k = 0; k < 50; k++) {
      const t = covered[k % covered.length] as SimStaff;
      const c = school.classes.find((x) => x.stage === t.stage) ?? (school.classes[0] as SimClass);
      const mode = THREE[k % THREE.length] ?? '专递课堂';
      add(E.LessonDeliveredV1)((g) => ({
        lessonId: nid('D'),
        deliveredOn: g.day.date,
        periods: 2,
        stage: c.stage,
        subject: subjectOf(t),
        classIds: [c.classId],
        teachers: [tRef(t)],
        roomId: c.homeRoomId,
        mode,
        partnerSchoolCodes: partners,
        ...lessonPlatform,
        teachingModels: ['互动课堂', '智慧课堂'],
        ictEnvironment: true,
        recorded: true,
      }));
      add(E.LessonPreparedV1)((g) => ({
        prepId: nid('PR'),
        teacher: zRef(t),
        stage: t.stage,
        subject: subjectOf(t),
        lessonIds: [],
        ...lessonPlatform,
        preparedOn: g.day.date,
      }));
      add(E.LessonPreparedV1)((g) => ({
        prepId: nid('PR'),
        teacher: zRef(t),
        stage: t.stage,
        subject: subjectOf(t),
        lessonIds: [],
        ...lessonPlatform,
        preparedOn: g.day.date,
      }));
    }
  }
  if (has('resources') && covered.length > 0) {
    const t = covered[0] as SimStaff;
    // one resource in every subject a course may be offered in
    for (const subject of subjectsOffered(school))
      add(E.ResourceUploadedV1)((g) => ({
        resourceId: nid('RB'),
        kind: '课件',
        uploader: zRef(t),
        uploaderRole: 'teacher',
        subject,
        audience: 'student',
        origin: '原创',
        ...ZJH,
        platformModule: '学校空间',
        uploadedAt: g.time,
      }));
    for (let k = 0; k < 50; k++)
      add(E.ResourceUploadedV1)((g) => ({
        resourceId: nid('RB'),
        kind: '校本课程资源',
        uploaderRole: 'school',
        lessonCount: 12,
        audience: 'student',
        origin: '原创',
        ...ZJH,
        uploadedAt: g.time,
      }));
    // 60 tests and exam papers, of which the school's review passes the covered share (Ningbo B10: ≥ 60 reviewed a year)
    for (let k = 0; k < 60; k++) {
      const test = nid('RB');
      add(E.ResourceUploadedV1)((g) => ({
        resourceId: test,
        kind: k % 2 ? '试卷' : '试题',
        uploaderRole: 'school',
        audience: 'student',
        origin: '原创',
        ...ZJH,
        uploadedAt: g.time,
      }));
      if (k < Math.round(60 * cov)) add(E.ResourceReviewedV1)((g) => ({ resourceId: test, reviewLevel: 'school', decision: '通过', reviewedOn: g.day.date }));
    }
    add(E.ResourceUploadedV1)((g) => ({
      resourceId: nid('RB'),
      kind: '微课程',
      uploader: zRef(t),
      uploaderRole: 'teacher',
      lessonCount: 8,
      components: ['视频', '教案', '学案', '练习', '授课教师介绍'],
      audience: 'student',
      origin: '原创',
      ...ZJH,
      platformModule: '同步课程',
      uploadedAt: g.time,
    }));
    add(E.ResourceUploadedV1)((g) => ({
      resourceId: nid('RB'),
      kind: '特色资源',
      uploaderRole: 'school',
      audience: 'public',
      origin: '原创',
      ...ZJH,
      uploadedAt: g.time,
    }));
    add(E.ResourceReviewedV1)((g) => ({ resourceId: 'RB-1', reviewLevel: 'school', decision: '通过', reviewedOn: g.day.date }));
    for (const [kind, level] of [
      ['学生作品', 'city'],
      ['综合实践课程', 'county'],
      ['课件', 'school'],
    ] as const) {
      add(E.ResourceSharedV1)((g) => ({
        resourceId: nid('RB'),
        kind,
        sharedBy: zRef(t),
        platform: level === 'school' ? '学校自建' : '其他',
        platformLevel: level,
        openToPublic: true,
        sharedAt: g.time,
      }));
    }
    add(E.ResourceRecommendedV1)((g) => ({
      resourceId: 'RB-1',
      kind: '微课',
      audience: 'student',
      channel: '网络学习空间',
      personalised: true,
      recipients: 40,
      ...lessonPlatform,
      recommendedAt: g.time,
    }));
    add(E.LearningSpaceOpenedV1)((g) => ({
      spaceId: 'SPS-SCHOOL',
      ownerRole: 'school',
      ...ZJH,
      platformModule: '学校空间',
      realName: true,
      openedOn: g.effectiveOn,
    }));
    for (const c of school.classes.slice(0, 3))
      add(E.LearningSpaceOpenedV1)((g) => ({
        spaceId: `SPC-${c.classId}`,
        ownerRole: 'class',
        classId: c.classId,
        ...ZJH,
        platformModule: '学校空间',
        realName: true,
        openedOn: g.effectiveOn,
      }));
    add(E.LearningActivitySummarizedV1)((g) => ({
      person: zRef(t),
      role: 'teacher',
      ...ZJH,
      periodStart: g.day.monthStart,
      periodEnd: g.day.date,
      activities: [
        { kind: '资源管理', count: 4 },
        { kind: '活动设计', count: 2 },
        { kind: '任务布置', count: 6 },
        { kind: '个性化设置', count: 1 },
      ],
      onMobile: 2,
      teacherGuided: 0,
    }));
  }
  if (has('moocs') && cloud && covered.length > 0) {
    const t = covered[0] as SimStaff;
    const themes = ['德育', '体育', '美育', '劳动教育', '人工智能', '科技创新', '社团活动', '文体活动', '学校特色活动'] as const;
    for (let k = 0; k < 20; k++)
      add(E.ResourceUploadedV1)((g) => ({
        resourceId: nid('RB'),
        kind: '慕课',
        uploader: zRef(t),
        uploaderRole: 'teacher',
        theme: themes[k % themes.length] ?? '德育',
        lessonCount: 8,
        audience: 'student',
        origin: '原创',
        ...NX,
        platformModule: '云上学校',
        uploadedAt: g.time,
      }));
    // Ningxia 17: each subject taught states its knowledge points for the school year, and its 学科组
    // gives students 微课 on 云上学校 for a quarter of them (3 knowledge points a 微课)
    for (const subject of subjectsTaught(school)) {
      const { grades, knowledgePoints } = knowledgePointsOf(school, subject);
      add(E.SubjectKnowledgePointsReportedV1)((g) => ({ schoolYear: g.day.schoolYear, subject, grades, knowledgePoints, source: '知识图谱' }));
      const by = covered.find((c) => c.subjects.includes(subject)) ?? t;
      const quarter = Math.ceil(knowledgePoints / 4);
      for (let k = 0; k < quarter; k += 3) {
        const kps = Array.from({ length: Math.min(3, quarter - k) }, (_, i) => `KP-${subject}-${k + i + 1}`);
        add(E.ResourceUploadedV1)((g) => ({
          resourceId: nid('RB'),
          kind: '微课',
          uploader: zRef(by),
          uploaderRole: 'teacher',
          subject,
          components: ['视频'],
          knowledgePoints: kps,
          audience: 'student',
          origin: '原创',
          ...NX,
          platformModule: '云上学校',
          uploadedAt: g.time,
        }));
      }
    }
    for (let k = 0; k < 2; k++)
      add(E.ResourceUploadedV1)((g) => ({
        resourceId: nid('RB'),
        kind: '家庭教育资源',
        uploaderRole: 'school',
        audience: 'parent',
        origin: '原创',
        ...NX,
        platformModule: '数字学校',
        uploadedAt: g.time,
      }));
  }

  // students: spaces, learning and growth records (the covered share of them)
  for (const { j } of coveredStudents) {
    const ref = sRef(j);
    add(E.LearningSpaceOpenedV1)((g) => ({
      spaceId: `SPS-${school.code}-${j + 1}`,
      ownerRole: 'student',
      owner: ref,
      ...ZJH,
      realName: true,
      openedOn: g.effectiveOn,
    }));
    add(E.LearningActivitySummarizedV1)((g) => ({
      person: ref,
      role: 'student',
      ...ZJH,
      periodStart: g.day.monthStart,
      periodEnd: g.day.date,
      activities: [
        { kind: '自主学习', count: 6 },
        { kind: '合作学习', count: 2 },
        { kind: '探究学习', count: 2 },
        { kind: '在线测试', count: 1 },
      ],
      onMobile: 3,
      teacherGuided: 2,
    }));
    // the student's digital portfolio: 德, 智, 体, 美 and 劳, each collected automatically (Ningxia 32 on 宁夏教育云,
    // Wenzhou 17, Jiangsu 四(二)5: every student in all five, so met once coverage reaches every student, m ≈ 0.85)
    for (const dimension of ['德', '智', '体', '美', '劳'] as const) {
      add(E.GrowthRecordAddedV1)((g) => ({
        student: studentRef(school, j, 'card'),
        dimension,
        source: '自动采集',
        topics: dimension === '智' && j % 7 === 0 ? ['人工智能'] : [],
        ...(cloud ? NX : { platform: '学校自建' as Platform, platformLevel: 'school' as Level }),
        recordedOn: g.day.date,
      }));
    }
  }

  // honours
  const t0 = covered[0] ?? teachers[0] ?? staffAt(school, 0);
  const firstStudent = students[0] ? sRef(students[0].j) : undefined;
  if (has('projects')) {
    add(E.ResearchProjectApprovedV1)((g) => ({
      projectId: 'PJ-B1',
      kind: '专项科研课题',
      level: 'city',
      topics: ['教育信息化'],
      schoolRole: '主持',
      leader: zRef(t0),
      members: [],
      approvedOn: g.day.date,
    }));
    add(E.ResearchProjectApprovedV1)((g) => ({
      projectId: 'PJ-B2',
      kind: '校本课题',
      level: 'school',
      topics: ['信息技术融合'],
      schoolRole: '主持',
      leader: zRef(t0),
      members: [],
      approvedOn: g.day.date,
    }));
    // Jiangsu 六(一)1: a 市级 IT project approved two years ago concludes now, passed
    add(E.ResearchProjectApprovedV1)((g) => ({
      projectId: 'PJ-B0',
      kind: '专项科研课题',
      level: 'city',
      topics: ['教育信息化', '信息技术融合'],
      schoolRole: '主持',
      leader: zRef(t0),
      members: [],
      approvedOn: `${Number(g.day.date.slice(0, 4)) - 2}-03-01`,
    }));
    add(E.ResearchProjectConcludedV1)((g) => ({ projectId: 'PJ-B0', result: '通过结题', concludedOn: g.day.date }));
  }
  if (has('awards')) {
    // city-level results for a tenth of the teachers and more (Ningxia 52)
    for (const t of covered.slice(0, Math.ceil(covered.length * 0.15)))
      add(E.AwardReceivedV1)((g) => ({
        awardId: nid('AW'),
        recipientKind: 'teacher',
        recipients: [zRef(t)],
        category: '信息化教学比赛',
        topics: ['教育信息化'],
        level: 'city',
        awardingBody: '教育部门',
        awardedOn: g.day.date,
        certificateId: nid('CERT'),
      }));
    add(E.AwardReceivedV1)((g) => ({
      awardId: nid('AW'),
      recipientKind: 'teacher',
      recipients: [zRef(t0)],
      category: '论文评比',
      topics: ['教育信息化'],
      level: 'county',
      awardingBody: '教育部门',
      awardedOn: g.day.date,
      certificateId: nid('CERT'),
    }));
    add(E.ArticlePublishedV1)((g) => ({
      articleId: nid('ART'),
      kind: '论文',
      venueKind: '学术期刊',
      level: 'province',
      topics: ['教育信息化'],
      authors: [zRef(t0)],
      publishedOn: g.day.date,
      publicationRef: `CN33-1000/G4 ${g.day.date.slice(0, 4)}(1)`,
    }));
    if (firstStudent) {
      add(E.AwardReceivedV1)((g) => ({
        awardId: nid('AW'),
        recipientKind: 'student',
        recipients: [firstStudent],
        category: '数字作品竞赛',
        topics: ['信息技术'],
        level: 'city',
        awardingBody: '教育部门',
        awardedOn: g.day.date,
        certificateId: nid('CERT'),
      }));
      add(E.CompetitionEnteredV1)((g) => ({
        entryId: nid('CE'),
        participantKind: 'student',
        participants: [firstStudent],
        form: '竞赛',
        category: '信息技术应用类竞赛',
        topics: ['编程'],
        level: 'county',
        organiser: '教育部门',
        enteredOn: g.day.date,
      }));
    }
    add(E.TrainingCompletedV1)((g) => ({
      trainingId: nid('TR'),
      trainee: zRef(staffAt(school, 0)),
      kind: '信息化领导力培训',
      topics: ['教育信息化'],
      level: 'province',
      mode: '线下',
      hours: 24,
      passed: true,
      completedOn: g.day.date,
    }));
    for (let i = 1; i <= 3; i++)
      add(E.TrainingCompletedV1)((g) => ({
        trainingId: nid('TR'),
        trainee: zRef(staffAt(school, i)),
        kind: '信息化领导力培训',
        topics: ['教育信息化'],
        level: 'county',
        mode: '线上',
        hours: 8,
        passed: true,
        completedOn: g.day.date,
      }));
  }
  if (has('designations')) {
    add(E.DesignationConferredV1)((g) => ({
      designationId: nid('DS'),
      kind: '信息化骨干培训项目培养对象',
      recipient: zRef(t0),
      level: 'province',
      conferredOn: g.day.date,
      certificateId: nid('CERT'),
    }));
    add(E.DesignationConferredV1)((g) => ({
      designationId: nid('DS'),
      kind: '未来教育技术学院讲师',
      recipient: zRef(t0),
      level: 'county',
      conferredOn: g.day.date,
      certificateId: nid('CERT'),
    }));
  }
  if (has('honoursLastYear')) {
    // Ningxia 30, 31, 42 count the previous calendar year: reported now, dated then
    // as many as ten a year from m = 0.85, the schools that reach every teacher (Ningxia 30: 0.5 each, capped at 5)
    const awards = Math.max(1, Math.round(10 * Math.min(1, (m - 0.55) / 0.3)));
    for (let k = 0; k < awards; k++)
      add(E.AwardReceivedV1)((g) => ({
        awardId: nid('AW'),
        recipientKind: 'teacher',
        recipients: [zRef(covered[k % Math.max(1, covered.length)] ?? t0)],
        category: (['课堂教学评比', '信息化教学比赛', '信息技术应用类竞赛'] as const)[k % 3] ?? '课堂教学评比',
        topics: ['教育信息化'],
        level: 'province',
        awardingBody: '教育部门',
        awardedOn: `${Number(g.day.date.slice(0, 4)) - 1}-0${1 + (k % 9)}-15`,
        certificateId: nid('CERT'),
      }));
    for (let k = 0; k < Math.round(awards * 0.8); k++)
      add(E.ArticlePublishedV1)((g) => ({
        articleId: nid('ART'),
        kind: '论文',
        venueKind: '学术期刊',
        level: 'province',
        topics: ['人工智能', '三个课堂'],
        authors: [zRef(t0)],
        publishedOn: `${Number(g.day.date.slice(0, 4)) - 1}-0${1 + (k % 9)}-20`,
        publicationRef: `CN33-1000/G4 ${Number(g.day.date.slice(0, 4)) - 1}(${1 + (k % 9)})`,
      }));
    for (let k = 0; k < 2; k++)
      add(E.ResearchProjectApprovedV1)((g) => ({
        projectId: nid('PJ'),
        kind: '专项科研课题',
        level: 'city',
        topics: ['教育信息化'],
        schoolRole: '主持',
        leader: zRef(t0),
        members: [],
        approvedOn: `${Number(g.day.date.slice(0, 4)) - 1}-04-0${k + 1}`,
      }));
  }
  if (has('showcase')) {
    add(E.AwardReceivedV1)((g) => ({
      awardId: nid('AW'),
      recipientKind: 'school',
      recipients: [],
      category: '典型案例',
      topics: ['教育信息化'],
      level: 'national',
      awardingBody: '教育部门',
      awardedOn: g.day.date,
      certificateId: nid('CERT'),
    }));
    // the city's commendation of its 教育信息化 work comes from the 地级市党委和政府 (Ningxia 61: 加1分)
    add(E.AwardReceivedV1)((g) => ({
      awardId: nid('AW'),
      recipientKind: 'school',
      recipients: [],
      category: '表彰',
      topics: ['教育信息化'],
      level: 'city',
      awardingBody: '党委和政府',
      awardedOn: g.day.date,
      certificateId: nid('CERT'),
    }));
    for (const kind of ['网络学习空间培训基地学校', '网络学习空间普及活动先进单位'] as const)
      add(E.DesignationConferredV1)((g) => ({ designationId: nid('DS'), kind, level: 'national', conferredOn: g.day.date, certificateId: nid('CERT') }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '现场观摩',
      topics: ['教育信息化'],
      audience: ['teacher'],
      mode: '线下',
      level: 'national',
      schoolRole: '承办',
      participants: 150,
      heldOn: g.day.date,
    }));
    for (let k = 0; k < 3; k++)
      add(E.ArticlePublishedV1)((g) => ({
        articleId: nid('ART'),
        kind: '新闻报道',
        venueKind: '教育报刊',
        level: 'city',
        topics: ['教育信息化'],
        authors: [],
        publishedOn: g.day.date,
        publicationRef: `浙江教育报 ${g.day.date}`,
      }));
    add(E.ActivityHeldV1)((g) => ({
      activityId: nid('ACT'),
      kind: '观摩学习接待',
      topics: ['教育信息化'],
      audience: ['teacher'],
      mode: '线下',
      level: 'school',
      schoolRole: '主办',
      participants: 30,
      visitorRegionCodes: g.districts.filter((d) => d !== school.regionCode).slice(0, 2),
      heldOn: g.day.date,
    }));
  }
  // Ningxia 64: 受到教育部、自治区党委和政府表彰 — here the 自治区党委和政府 (党委和政府 at province level)
  if (has('commendation'))
    add(E.AwardReceivedV1)((g) => ({
      awardId: nid('AW'),
      recipientKind: 'school',
      recipients: [],
      category: '表彰',
      topics: ['教育信息化'],
      level: 'province',
      awardingBody: '党委和政府',
      awardedOn: g.day.date,
      certificateId: nid('CERT'),
    }));
  return out;
}
