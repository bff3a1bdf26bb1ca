import * as E from '@educube/contracts';
import type { EventDefinition, Level, PersonRef, Platform, Stage } from '@educube/contracts';
import type { z } from 'zod';
import type { Inventory } from './maturity';
import type { Rng } from './prng';
import { gradesOf, SUBJECTS, type SimClass, type SimSchool, type SimStaff } from './province';

/** What a maker may use: the school, the day, the moment, seeded randomness and the persons. */
export interface Gen {
  readonly rng: Rng;
  readonly school: SimSchool;
  readonly day: Day;
  /** the event's time, RFC 3339 +08:00 */
  readonly time: string;
  /** a counter per school and day, for the ids of things created that day */
  seq(): number;
  /** an active staff member; `teaching` = a 专任教师, of `stage` when given */
  staff(teaching: boolean, stage?: Stage): SimStaff;
  /** a person reference in a system; the generator may swap it for an unlinked one */
  staffRef(s: SimStaff, system: 'timetabling' | 'zhijianghui'): PersonRef;
  aClass(stage?: Stage): SimClass;
  /** a student of the class (not the school's leaver) */
  studentRef(c: SimClass, system: 'card' | 'zhijianghui'): PersonRef;
  /** the staff member and the student who leave the school (only TeacherLeft/StudentLeft name them) */
  leaverStaffRef(): PersonRef;
  leaverStudentRef(): PersonRef;
  /** other schools of the province, for remote lessons and joint research */
  partners(max: number): string[];
  /** 1-based index of the next attendance record of this school today; 0 when all are taken */
  nextAttendance(): number;
  nextGate(): number;
  /** the last lesson this school timetabled, for a cancellation */
  lastLesson: string | undefined;
  /** resources this school has uploaded so far in the stream */
  uploads: number;
  readonly districts: readonly string[];
  readonly effectiveOn: string;
  /** the school's maturity (maturity.ts), undefined when the province has none: every maker then draws as it always did */
  readonly maturity: number | undefined;
  /** what a school with a maturity has registered: its inventory registrations re-send these */
  readonly inventory: Inventory | undefined;
  /** a school with a maturity: the timetabled lessons its platform preparers have yet to prepare */
  readonly toPrepare: PrepQueue | undefined;
}

/**
 * The lessons a school with a maturity has timetabled for the teachers who prepare on a platform
 * (maturity.ts `platformPreparers`) and not prepared yet. A LessonPrepared takes one teacher's
 * (a preparation may cover several lessons); lessons of other teachers are never queued.
 */
export interface PrepQueue {
  add(teacher: SimStaff, lessonId: string): void;
  /** the first queued teacher and up to `max` of their lessons, taken off the queue */
  take(max: number): { teacher: SimStaff; lessonIds: string[] } | undefined;
}

export interface Day {
  readonly date: string;
  /** YYYYMMDD, for ids */
  readonly compact: string;
  readonly yesterday: string;
  readonly weekAgo: string;
  readonly nextWeek: string;
  readonly nextWeekPlus1: string;
  readonly monthStart: string;
  readonly schoolYearStart: string;
  readonly schoolYear: string;
  readonly semester: '第一学期' | '第二学期';
  readonly weekend: boolean;
}

export type DataOf<D extends EventDefinition> = z.input<D['data']>;
export interface Maker {
  readonly def: EventDefinition;
  readonly make: (g: Gen) => unknown;
}
// Curried so that D is fixed by the definition before the maker's result is typed against it.
export const maker =
  <D extends EventDefinition>(def: D) =>
  (make: (g: Gen) => DataOf<D>): Maker => ({ def, make });

// ---- shared pickers ----

const ZJH = { platform: '之江汇', platformLevel: 'province' } as const;
const NATIONAL = { platform: '国家中小学智慧教育平台', platformLevel: 'national' } as const;

/** Where a Zhejiang school's teaching happens online: mostly 之江汇, Ningbo's 甬上云校 too. */
function platformOf(g: Gen): { platform: Platform; platformLevel: Level } {
  const x = g.rng.next();
  if (x < 0.6) return ZJH;
  if (x < 0.75) return NATIONAL;
  if (x < 0.85 && g.school.cityCode === '330200') return { platform: '甬上云校', platformLevel: 'city' };
  if (x < 0.93) return { platform: '学校自建', platformLevel: 'school' };
  return { platform: '其他', platformLevel: g.rng.pick(['county', 'city'] as const) };
}

/** The staff member who is the 信息化负责人 of a school with a maturity (maturity.ts roles). */
export const CIO_TEAM_IT_LEAD = 3;
/**
 * A school's CIO微团队 (Wenzhou 25): the 校长 (首席信息官), the 分管校长 and the 信息化负责人, with the
 * full-time IT manager (the second-last staff member; the last is the leaver).
 */
export const cioTeamOf = (school: SimSchool): SimStaff[] =>
  [...new Set([0, 1, CIO_TEAM_IT_LEAD, school.staff.length - 2].map((i) => school.staff[Math.max(0, Math.min(i, school.staff.length - 2))]))].filter(
    (s): s is SimStaff => s !== undefined,
  );

const teacherSubject = (s: SimStaff): string => s.subjects[0] ?? SUBJECTS[s.stage][0] ?? '语文';

/** The subjects the school's 专任教师 teach (所任学科). */
export const subjectsTaughtAt = (school: SimSchool): string[] => [...new Set(school.staff.filter((s) => s.post === '专任教师').flatMap((s) => s.subjects))];
/**
 * 本学年所任学科知识点 of a subject (Ningxia 17): 12 a grade over the grades of the school's stages
 * whose curriculum has the subject — one figure per school and subject, so the catch-up sync and
 * the daily re-sends agree.
 */
export function knowledgePointsOf(school: SimSchool, subject: string): { grades: number[]; knowledgePoints: number } {
  const stages = school.stages.filter((st) => SUBJECTS[st].includes(subject));
  const grades = [...new Set((stages.length ? stages : school.stages).flatMap((st) => gradesOf(st)))];
  return { grades, knowledgePoints: 12 * grades.length };
}
const id = (prefix: string, g: Gen): string => `${prefix}-${g.day.compact}-${g.seq()}`;
const levelUp = (g: Gen): Level => g.rng.pick(['school', 'school', 'county', 'county', 'city', 'province', 'national'] as const);
const absentOf = (g: Gen, expected: number) => {
  const absent = g.rng.chance(0.3) ? g.rng.int(3) : 0;
  const onLeave = g.rng.chance(0.4) ? g.rng.int(3) : 0;
  const cut = Math.min(expected, absent + onLeave);
  const a = Math.min(absent, cut);
  const present = expected - a - (cut - a);
  return { present, onLeave: cut - a, absent: a, late: Math.min(present, g.rng.chance(0.5) ? g.rng.int(3) : 0) };
};

// ---- roster ----

const ROLES = ['校长', '分管校长', '校领导', '中层以上管理者', '首席信息官', '信息化负责人', '信息化管理人员', '网管', '学科融合负责人'] as const;
function roleData(g: Gen) {
  const role = g.rng.pick(ROLES);
  const s = g.staff(role === '学科融合负责人');
  return { person: g.staffRef(s, 'timetabling'), role, s };
}

const roster: Maker[] = [
  maker(E.SchoolRegisteredV1)((g) => ({
    name: g.school.name,
    regionCode: g.school.regionCode,
    schoolType: g.school.schoolType,
    stages: [...g.school.stages],
    registeredOn: g.effectiveOn,
  })),
  maker(E.ClassOpenedV1)((g) => {
    const c = g.aClass();
    return { classId: c.classId, classKind: '行政班', stage: c.stage, grade: c.grade, homeRoomId: c.homeRoomId, openedOn: g.effectiveOn };
  }),
  maker(E.ClassClosedV1)((g) => ({ classId: `C-G${g.day.compact.slice(0, 4)}-${g.seq()}`, closedOn: g.day.date })),
  maker(E.TeacherAssignedV1)((g) => {
    const s = g.staff(g.rng.chance(0.8));
    return { teacher: g.staffRef(s, 'timetabling'), post: s.post, stages: [s.stage], subjects: [...s.subjects], assignedOn: g.effectiveOn };
  }),
  maker(E.TeacherLeftV1)((g) => ({ teacher: g.leaverStaffRef(), leftOn: g.day.date, reason: g.rng.pick(['调出', '退休', '离职'] as const) })),
  maker(E.StudentEnrolledV1)((g) => {
    const c = g.aClass();
    return { student: g.studentRef(c, 'card'), stage: c.stage, grade: c.grade, classId: c.classId, enrolledOn: g.effectiveOn };
  }),
  maker(E.StudentLeftV1)((g) => ({ student: g.leaverStudentRef(), leftOn: g.day.date, reason: g.rng.pick(['转出', '休学', '其他'] as const) })),
  maker(E.HeadcountReportedV1)((g) => ({
    asOf: g.day.date,
    byStage: g.school.stages.map((stage) => {
      const classes = g.school.classes.filter((c) => c.stage === stage);
      return {
        stage,
        teachers: g.school.staff.filter((s) => s.stage === stage && s.post === '专任教师').length,
        students: classes.reduce((n, c) => n + c.size, 0),
        classes: classes.length,
      };
    }),
  })),
  maker(E.RoleAssignedV1)((g) => {
    // a school with a maturity re-sends the roles it holds
    if (g.inventory?.roles.length) return g.rng.pick(g.inventory.roles);
    const { person, role, s } = roleData(g);
    return {
      person,
      role,
      ...(role === '学科融合负责人' ? { subject: teacherSubject(s) } : {}),
      ...(role === '信息化管理人员' || role === '网管' ? { fullTime: g.rng.chance(0.4) } : {}),
      assignedOn: g.day.date,
    };
  }),
  maker(E.RoleRevokedV1)((g) => {
    // a school with a maturity only tidies up roles nobody holds in its inventory
    if (g.maturity !== undefined)
      return {
        person: g.staffRef(g.school.staff[4 + g.rng.int(Math.max(1, g.school.staff.length - 6))] ?? g.staff(false), 'timetabling'),
        role: '校领导',
        revokedOn: g.day.date,
      };
    const { person, role, s } = roleData(g);
    return { person, role, ...(role === '学科融合负责人' ? { subject: teacherSubject(s) } : {}), revokedOn: g.day.date };
  }),
  maker(E.OrgUnitEstablishedV1)((g) => {
    const kind = g.rng.pick(['智慧校园建设领导小组', '智慧校园建设工作专班', '信息化中层机构', 'CIO微团队'] as const);
    const leader = g.school.staff[0] ?? g.staff(false);
    const sampled = g.rng.sample(g.school.staff.slice(1, -1), 3 + g.rng.int(4));
    // a school with a maturity re-sends its CIO微团队 as it is (cioTeamOf)
    const members = (g.maturity !== undefined && kind === 'CIO微团队' ? cioTeamOf(g.school) : sampled).map((s) => g.staffRef(s, 'timetabling'));
    return {
      orgUnitId: `OU-${kind === '智慧校园建设领导小组' ? 1 : kind === '智慧校园建设工作专班' ? 2 : kind === '信息化中层机构' ? 3 : 4}`,
      kind,
      leader: g.staffRef(leader, 'timetabling'),
      members,
      establishedOn: g.day.date,
    };
  }),
  maker(E.OrgUnitDissolvedV1)((g) => ({ orgUnitId: `OU-OLD-${g.seq()}`, dissolvedOn: g.day.date })),
  maker(E.CredentialRecordedV1)((g) => ({
    holder: g.staffRef(g.staff(false), 'timetabling'),
    kind: g.rng.pick(['网络安全管理上岗资质证', '信息化相关证书', '其他'] as const),
    issuerKind: g.rng.pick(['教育部门', '行业', '其他'] as const),
    issuerLevel: g.rng.pick(['county', 'city', 'province'] as const),
    issuedOn: g.day.weekAgo,
    validUntil: `${Number(g.day.date.slice(0, 4)) + 3}-08-31`,
  })),
];

// ---- timetabling ----

const TEACHING_MODELS = E.teachingModel.options;
const REMOTE = ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'] as const;

function lessonParts(g: Gen) {
  const c = g.aClass();
  const t = g.staff(true, c.stage);
  const remote = g.rng.chance(0.04) ? g.partners(1 + g.rng.int(2)) : [];
  const mode = remote.length > 0 ? g.rng.pick(REMOTE) : g.rng.chance(0.03) ? g.rng.pick(['线上', '混合'] as const) : ('线下' as const);
  return { c, t, mode, remote };
}

const timetabling: Maker[] = [
  maker(E.SchoolCalendarPublishedV1)((g) => {
    const y = Number(g.day.schoolYear.slice(0, 4));
    return {
      schoolYear: g.day.schoolYear,
      semesters: [
        { semester: '第一学期', startsOn: `${y}-09-01`, endsOn: `${y + 1}-01-22`, teachingWeeks: 20 },
        { semester: '第二学期', startsOn: `${y + 1}-02-22`, endsOn: `${y + 1}-07-02`, teachingWeeks: 19 },
      ],
    };
  }),
  maker(E.CourseOfferedV1)((g) => {
    const stage = g.rng.pick(g.school.stages);
    const grade = g.rng.pick(gradesOf(stage));
    const school = g.rng.chance(0.3);
    const subject = school ? g.rng.pick(['信息科技', '科学', '劳动', '美术']) : g.rng.pick(SUBJECTS[stage]);
    return {
      courseId: `K-${grade}-${subject}${school ? '-X' : ''}`,
      title: school ? `${subject}拓展：${g.rng.pick(['人工智能启蒙', '创客实践', '编程入门', '数字艺术'])}` : `${subject}（${grade}年级）`,
      kind: school ? '校本课程' : '国家课程',
      courseType: school ? '拓展型' : '基础型',
      ...(school ? { category: g.rng.pick(['科学创造', '艺术育美', '劳动实践'] as const) } : {}),
      subject,
      topics: school ? [g.rng.pick(['人工智能', '编程', '创客', 'STEAM'] as const)] : [],
      stage,
      grades: [grade],
      schoolYear: g.day.schoolYear,
      semester: g.day.semester,
      plannedPeriods: school ? 16 : 60 + g.rng.int(60),
    };
  }),
  maker(E.SubjectKnowledgePointsReportedV1)((g) => {
    const subject = g.rng.pick(subjectsTaughtAt(g.school).length ? subjectsTaughtAt(g.school) : [...SUBJECTS[g.rng.pick(g.school.stages)]]);
    return { schoolYear: g.day.schoolYear, subject, ...knowledgePointsOf(g.school, subject), source: '知识图谱' };
  }),
  maker(E.CourseSelectionClosedV1)((g) => {
    const stage = g.rng.pick(g.school.stages);
    const grade = g.rng.pick(gradesOf(stage));
    return {
      roundId: id('XK', g),
      schoolYear: g.day.schoolYear,
      semester: g.day.semester,
      stage,
      courses: ['人工智能启蒙', '创客实践', '编程入门']
        .slice(0, 1 + g.rng.int(3))
        .map((_, i) => ({ courseId: `K-${grade}-SEL${i + 1}`, students: 20 + g.rng.int(30) })),
      closedOn: g.day.date,
    };
  }),
  maker(E.LessonTimetabledV1)((g) => {
    const { c, t, mode, remote } = lessonParts(g);
    const lessonId = id('L', g);
    g.lastLesson = lessonId;
    g.toPrepare?.add(t, lessonId);
    const periods = g.rng.chance(0.1) ? 2 : 1;
    return {
      lessonId,
      date: g.day.nextWeek,
      period: 1 + g.rng.int(8),
      periods,
      stage: c.stage,
      classId: c.classId,
      subject: teacherSubject(t),
      teacher: g.staffRef(t, 'timetabling'),
      roomId: c.homeRoomId,
      mode,
      partnerSchoolCodes: remote,
      scheduledBy: g.rng.chance(0.7) ? '智能排课' : '人工排课',
    };
  }),
  maker(E.LessonCancelledV1)((g) => ({
    lessonId: g.lastLesson ?? `L-${g.day.compact}-0`,
    reason: g.rng.pick(['教师外出培训', '台风停课', '调课', '学校活动']),
  })),
  maker(E.LessonDeliveredV1)((g) => {
    const { c, t, mode, remote } = lessonParts(g);
    const online = g.rng.chance(0.45) || remote.length > 0;
    const open = g.rng.chance(0.03);
    return {
      lessonId: id('D', g),
      deliveredOn: g.day.date,
      periods: 1,
      stage: c.stage,
      subject: teacherSubject(t),
      classIds: [c.classId],
      teachers: [g.staffRef(t, 'timetabling')],
      roomId: c.homeRoomId,
      mode,
      partnerSchoolCodes: remote,
      ...(online ? platformOf(g) : {}),
      teachingModels: g.rng.chance(0.4) ? g.rng.sample(TEACHING_MODELS, 1 + g.rng.int(2)) : [],
      lessonKind: open ? g.rng.pick(['公开课', '研讨课', '汇报课', '示范课'] as const) : '常规课',
      ...(open ? { openLessonLevel: g.rng.pick(['school', 'school', 'county', 'city'] as const) } : {}),
      ictEnvironment: online || g.rng.chance(g.maturity === undefined ? 0.6 : 0.3 + 0.7 * g.maturity),
      recorded: remote.length > 0 || g.rng.chance(0.05),
      ...(g.rng.chance(0.15) ? { studentDevices: g.rng.pick(['移动终端', '计算机'] as const) } : {}),
    };
  }),
  maker(E.ActivityHeldV1)((g) => {
    const kind = g.rng.pick([
      '讲座',
      '科技节',
      '创客文化节',
      'STEAM活动',
      '家庭教育在线指导',
      '家校活动',
      '网络安全应急演练',
      '工作会议',
      '专题会议',
      '现场观摩',
      '经验交流',
      '观摩学习接待',
    ] as const);
    const level = kind === '观摩学习接待' ? 'school' : g.rng.pick(['school', 'school', 'school', 'county', 'city'] as const);
    return {
      activityId: id('ACT', g),
      kind,
      topics: g.rng.sample(['信息素养', '信息安全', '人工智能', '家庭教育', '网络安全', '创客'] as const, g.rng.int(3)),
      audience: kind === '家庭教育在线指导' || kind === '家校活动' ? ['parent'] : g.rng.sample(['teacher', 'student', 'staff'] as const, 1 + g.rng.int(2)),
      mode: g.rng.pick(['线下', '线下', '线上', '混合'] as const),
      level,
      schoolRole: level === 'school' ? '主办' : g.rng.pick(['主办', '承办', '参加'] as const),
      ...(kind === '工作会议' || kind === '专题会议' ? { orgUnitId: 'OU-1' } : {}),
      speakers: g.rng.chance(0.5) ? [g.staffRef(g.staff(false), 'timetabling')] : [],
      participants: 20 + g.rng.int(500),
      ...(kind === '观摩学习接待' ? { visitorRegionCodes: g.rng.sample(g.districts, 1 + g.rng.int(2)) } : {}),
      heldOn: g.day.date,
    };
  }),
];

// ---- grading ----

const grading: Maker[] = [
  maker(E.ExamScheduledV1)((g) => {
    const stage = g.rng.pick(g.school.stages);
    return {
      examId: id('X', g),
      kind: g.rng.pick(['单元测验', '月考', '期中', '期末', '模拟考试'] as const),
      stage,
      grades: [g.rng.pick(gradesOf(stage))],
      subjects: g.rng.sample(SUBJECTS[stage].slice(0, 6), 1 + g.rng.int(3)).filter((s, i, all) => all.indexOf(s) === i),
      startsOn: g.day.nextWeek,
      endsOn: g.day.nextWeekPlus1,
    };
  }),
  maker(E.ExamScoresPublishedV1)((g) => {
    const c = g.aClass();
    const online = g.rng.chance(g.maturity === undefined ? 0.6 : 0.2 + 0.8 * g.maturity);
    return {
      examId: `X-${g.day.compact}-${c.grade}`,
      classId: c.classId,
      subject: g.rng.pick(SUBJECTS[c.stage]),
      candidates: c.size,
      scored: c.size - (g.rng.chance(0.2) ? 1 : 0),
      markingMode: online ? '网络阅卷' : '人工',
      ...(online ? platformOf(g) : {}),
      publishedOn: g.day.date,
    };
  }),
  maker(E.ScoreAnalysisGeneratedV1)((g) => {
    const scope = g.rng.pick(['班级', '班级', '年级', '学校'] as const);
    const c = g.aClass();
    return {
      analysisId: id('AN', g),
      analysisKind: g.rng.pick(['学情分析', '教情分析', '质量分析', '学业诊断'] as const),
      scope,
      ...(scope === '班级' ? { classId: c.classId } : scope === '年级' ? { grade: c.grade } : {}),
      subject: g.rng.pick(SUBJECTS[c.stage]),
      ...(g.rng.chance(0.5) ? platformOf(g) : {}),
      generatedOn: g.day.date,
    };
  }),
  maker(E.HomeworkGradedV1)((g) => {
    const c = g.aClass();
    const t = g.staff(true, c.stage);
    const smart = g.rng.chance(g.maturity === undefined ? 0.35 : 0.05 + 0.6 * g.maturity);
    const submissions = Math.max(0, c.size - g.rng.int(4));
    return {
      assignmentId: id('H', g),
      classId: c.classId,
      subject: teacherSubject(t),
      teacher: g.staffRef(t, 'timetabling'),
      assignedOn: g.rng.chance(0.5) ? g.day.yesterday : g.day.date,
      gradedOn: g.day.date,
      gradingMode: smart ? '智能改作' : '人工',
      ...(smart || g.rng.chance(0.3) ? platformOf(g) : {}),
      recipients: c.size,
      submissions,
    };
  }),
  maker(E.GrowthRecordAddedV1)((g) => {
    const c = g.aClass();
    const own = g.rng.chance(0.3);
    return {
      student: g.studentRef(c, 'card'),
      dimension: g.rng.pick(['德', '智', '体', '美', '劳'] as const),
      source: g.rng.pick(['自动采集', '主观测评', '客观测评', '教师录入', '学生自评', '家长评价'] as const),
      topics: [],
      platform: own ? '学校自建' : '其他',
      platformLevel: own ? 'school' : 'province',
      recordedOn: g.day.date,
    };
  }),
  maker(E.TeacherRecordAddedV1)((g) => {
    const category = g.rng.pick(['教学', '教研', '培训', '专业发展', '课题', '成果', '信息素养测评'] as const);
    return {
      teacher: g.staffRef(g.staff(true), 'timetabling'),
      category,
      ...(category === '信息素养测评' ? { result: g.rng.pick(['优秀', '良好', '合格', '不合格'] as const), round: `${g.day.schoolYear.slice(0, 4)}-1` } : {}),
      ...(g.rng.chance(0.5) ? ZJH : {}),
      recordedOn: g.day.date,
    };
  }),
];

// ---- asset ----

const DEVICE_TYPES = [
  '台式计算机',
  '笔记本计算机',
  '移动学习终端',
  '交互式多媒体教学设备',
  '电子班牌',
  '录播系统',
  '视频监控摄像机',
  '无线接入点',
  '交换机',
  '服务器',
  '门禁闸机',
  '物联网感知设备',
] as const;
const assetId = (g: Gen): string => `A-${String(1 + g.rng.int(g.school.devices)).padStart(4, '0')}`;
const SYSTEM_IDS = ['SYS-1', 'SYS-2', 'SYS-3', 'SYS-4', 'SYS-5'] as const;
const SYSTEMS: Record<
  (typeof SYSTEM_IDS)[number],
  { name: string; kinds: readonly (typeof E.systemKind.options)[number][]; features: readonly (typeof E.systemFeature.options)[number][] }
> = {
  'SYS-1': {
    name: '智慧校园综合平台',
    kinds: ['协同办公', '教务管理', '家校互动', '统一门户', '统一身份认证'],
    features: ['通知公告', '流程审批', '教师考勤', '家校沟通'],
  },
  'SYS-2': { name: '校园安防系统', kinds: ['视频监控', '出入口控制', '访客管理'], features: ['门禁'] },
  'SYS-3': { name: '校园一卡通', kinds: ['智能卡', '身份识别'], features: ['门禁', '消费', '借书'] },
  'SYS-4': { name: '数字图书馆', kinds: ['图书管理', '数字图书馆'], features: ['自助借还', '借阅历史查询', '移动阅读'] },
  'SYS-5': { name: '上网行为管理', kinds: ['统一上网管理', '校园网络管理'], features: [] },
};

const asset: Maker[] = [
  maker(E.RoomRegisteredV1)((g) => {
    if (g.inventory?.rooms.length) return g.rng.pick(g.inventory.rooms);
    if (g.rng.chance(0.6)) {
      const c = g.aClass();
      return {
        roomId: c.homeRoomId,
        roomKind: '普通教室',
        areaKind: '教学',
        mainArea: true,
        newTypeTeachingSpace: g.rng.chance(0.2),
        stages: [c.stage],
        grades: [c.grade],
        wiredNetwork: true,
        wirelessNetwork: true,
        wirelessTech: '千兆无线',
        registeredOn: g.effectiveOn,
      };
    }
    const kind = g.rng.pick(['计算机教室', '录播教室', '创客空间', '图书馆', '会议室', '出入口'] as const);
    const gate = kind === '出入口';
    return {
      roomId: gate ? `GATE-${1 + g.rng.int(g.school.gates)}` : `R-${kind}`,
      roomKind: kind,
      areaKind: gate || kind === '图书馆' ? '公共服务' : kind === '会议室' ? '办公' : '教学',
      mainArea: true,
      ...(gate ? { securityZone: '出入口' as const } : {}),
      wiredNetwork: !gate,
      wirelessNetwork: true,
      ...(g.rng.chance(0.5) ? { responsible: g.staffRef(g.staff(false), 'timetabling') } : {}),
      registeredOn: g.effectiveOn,
    };
  }),
  maker(E.DeviceRegisteredV1)((g) => {
    if (g.inventory?.devices.length) return g.rng.pick(g.inventory.devices);
    const deviceType = g.rng.pick(DEVICE_TYPES);
    return {
      assetId: assetId(g),
      deviceType,
      ownerRole: deviceType === '移动学习终端' ? 'student' : deviceType === '笔记本计算机' ? 'teacher' : 'shared',
      stages: [g.rng.pick(g.school.stages)],
      capabilities: deviceType === '交互式多媒体教学设备' ? ['互动教学', '教学行为数据采集'] : [],
      status: '在用',
      acquiredOn: g.day.weekAgo,
      registeredOn: g.day.date,
    };
  }),
  maker(E.DeviceStatusChangedV1)((g) => {
    const status = g.rng.pick(['在用', '在用', '故障', '维修', '闲置', '报废'] as const);
    return { assetId: assetId(g), status, changedOn: g.day.date, ...(status === '故障' ? { reason: '无法开机' } : {}) };
  }),
  maker(E.DeviceTelemetryReportedV1)((g) => {
    const online = 300 + g.rng.int(1141);
    return { assetId: assetId(g), periodStart: g.day.yesterday, periodEnd: g.day.yesterday, onlineMinutes: online, usageMinutes: g.rng.int(online + 1) };
  }),
  maker(E.NetworkLinkRegisteredV1)((g) => {
    const linkKind = g.rng.pick(['出口', '骨干', '到班'] as const);
    const room = g.aClass().homeRoomId;
    return {
      linkId: linkKind === '到班' ? `NL-${room}` : linkKind === '出口' ? 'NL-WAN' : 'NL-CORE',
      linkKind,
      ...(linkKind === '出口' ? { upstream: '教育城域网' as const } : {}),
      medium: '光纤',
      bandwidthMbps: linkKind === '到班' ? 1000 : 10_000,
      ipv6: true,
      ...(linkKind === '到班' ? { roomId: room } : {}),
      registeredOn: g.effectiveOn,
    };
  }),
  maker(E.InformationSystemRegisteredV1)((g) => {
    if (g.inventory?.systems.length) return g.rng.pick(g.inventory.systems);
    const systemId = g.rng.pick(SYSTEM_IDS);
    const s = SYSTEMS[systemId];
    return {
      systemId,
      name: s.name,
      systemKinds: [...s.kinds],
      providerLevel: g.rng.pick(['school', 'county', 'city'] as const),
      thirdParty: g.rng.chance(0.5),
      ...(g.rng.chance(0.5) ? { builtOn: '教育魔方' as const } : {}),
      features: [...s.features],
      unifiedIdentity: g.rng.chance(0.8),
      connectedTo: ['校级数据仓', '教育魔方'],
      ...(s.kinds.includes('视频监控') ? { backupPowerHours: 4 } : {}),
      status: '在用',
      registeredOn: g.effectiveOn,
    };
  }),
  maker(E.SystemUsageSummarizedV1)((g) => {
    const systemId = g.rng.pick(SYSTEM_IDS);
    return {
      systemId,
      periodStart: g.day.weekAgo,
      periodEnd: g.day.yesterday,
      activeUsers: 10 + g.rng.int(g.school.students),
      uses: SYSTEMS[systemId].features.map((feature) => ({ feature, count: g.rng.int(500) })),
    };
  }),
  maker(E.AppReviewedV1)((g) => ({
    appId: id('APP', g),
    name: g.rng.pick(['口算练习', '英语趣配音', '作业帮手', '编程猫']),
    decision: g.rng.pick(['准入', '准入', '拒绝', '下架'] as const),
    reviewedOn: g.day.date,
  })),
  maker(E.SecurityAssessmentCompletedV1)((g) => ({
    systemId: g.rng.pick(SYSTEM_IDS),
    protectionLevel: g.rng.pick(['第二级', '第三级'] as const),
    assessedOn: g.day.date,
    result: g.rng.pick(['符合', '基本符合', '不符合'] as const),
  })),
  maker(E.SecurityIncidentRecordedV1)((g) => ({
    incidentId: id('INC', g),
    severity: g.rng.pick(['一般', '一般', '一般', '较大'] as const),
    schoolResponsible: g.rng.chance(0.2),
    occurredAt: g.time,
  })),
  maker(E.LogRetentionReportedV1)((g) => ({
    systemId: g.rng.pick(['SYS-5', 'SYS-2'] as const),
    logKind: g.rng.pick(['上网行为日志', '网络安全日志', '视频影像'] as const),
    oldestRecordOn: g.day.schoolYearStart < g.day.date ? g.day.schoolYearStart : g.day.weekAgo,
    reportedOn: g.day.date,
  })),
  maker(E.DataSyncedToAuthorityV1)((g) => ({
    systemId: 'SYS-1',
    dataKind: g.rng.pick(['师生基础数据', '资产数据'] as const),
    target: g.rng.pick(['教育数据中心', '教育行政部门'] as const),
    targetLevel: g.rng.pick(['county', 'city', 'province'] as const),
    records: g.rng.int(g.school.students + 100),
    succeeded: g.rng.chance(0.97),
    syncedAt: g.time,
  })),
];

// ---- attendance ----

const attendance: Maker[] = [
  maker(E.DailyAttendanceRecordedV1)((g) => {
    const k = g.nextAttendance();
    const c = g.school.classes[k - 1];
    if (c === undefined) {
      const expected = g.school.staff.length;
      return { date: g.day.date, role: 'teacher', expected, ...absentOf(g, expected), method: g.rng.pick(['人脸识别', '刷卡'] as const) };
    }
    // the attendance method follows the school's equipment: cards first, face recognition and class boards later
    const methods =
      g.maturity === undefined
        ? (['刷卡', '人脸识别', '电子班牌'] as const)
        : g.maturity < 0.3
          ? (['刷卡'] as const)
          : g.maturity < 0.6
            ? (['刷卡', '人脸识别'] as const)
            : (['人脸识别', '电子班牌'] as const);
    return {
      date: g.day.date,
      role: 'student',
      classId: c.classId,
      stage: c.stage,
      grade: c.grade,
      expected: c.size,
      ...absentOf(g, c.size),
      method: g.rng.pick(methods),
    };
  }),
  maker(E.GatePassesSummarizedV1)((g) => {
    const people = g.school.students + g.school.staff.length;
    const share = Math.round((people * 2) / g.school.gates);
    const face = Math.round(share * (0.5 + g.rng.next() * 0.4));
    const visitors = g.rng.int(30);
    // a school with a maturity whose gates have a 测温 system checks every day (Wenzhou 7); others now and then
    const drawn = g.rng.chance(0.3);
    const checks = drawn || g.inventory?.systems.some((x) => x.systemKinds.includes('测温')) ? Math.round((share + visitors) * 0.5) : 0;
    return {
      gateId: `GATE-${g.nextGate()}`,
      date: g.day.date,
      passes: [
        { method: '人脸识别', count: face },
        { method: '刷卡', count: share - face },
      ],
      visitors,
      temperatureChecks: checks,
      temperatureAbnormal: checks > 0 && g.rng.chance(0.1) ? 1 : 0,
    };
  }),
];

// ---- space ----

const LEARNING = ['自主学习', '合作学习', '探究学习', '个性化学习', '在线测试', '网络交流', '资源管理'] as const;
const TEACHER_LEARNING = [...LEARNING, '活动设计', '任务布置'] as const;

const space: Maker[] = [
  maker(E.LearningSpaceOpenedV1)((g) => {
    const x = g.rng.next();
    if (x < 0.45) {
      const s = g.staff(true);
      return { spaceId: `SPT-${s.index + 1}`, ownerRole: 'teacher', owner: g.staffRef(s, 'zhijianghui'), ...ZJH, realName: true, openedOn: g.day.date };
    }
    const c = g.aClass();
    if (x < 0.95)
      return {
        spaceId: `SPS-${c.classId}-${g.seq()}`,
        ownerRole: 'student',
        owner: g.studentRef(c, 'zhijianghui'),
        ...ZJH,
        realName: true,
        openedOn: g.day.date,
      };
    return { spaceId: `SPC-${c.classId}`, ownerRole: 'class', classId: c.classId, ...ZJH, platformModule: '学校空间', realName: true, openedOn: g.day.date };
  }),
  maker(E.LearningSpaceClosedV1)((g) => ({ spaceId: `SPS-OLD-${g.seq()}`, closedOn: g.day.date })),
  maker(E.ExperiencePointsReportedV1)((g) => {
    const s = g.staff(true);
    return {
      spaceId: `SPT-${s.index + 1}`,
      owner: g.staffRef(s, 'zhijianghui'),
      ownerRole: 'teacher',
      ...ZJH,
      periodStart: g.day.schoolYearStart,
      periodEnd: g.day.date,
      points: g.rng.int(200),
      reportedOn: g.day.date,
    };
  }),
  maker(E.LearningActivitySummarizedV1)((g) => {
    const teacher = g.rng.chance(0.3);
    const kinds = g.rng.sample(teacher ? TEACHER_LEARNING : LEARNING, 1 + g.rng.int(3));
    const activities = kinds.map((kind) => ({ kind, count: 1 + g.rng.int(20) }));
    const total = activities.reduce((n, a) => n + a.count, 0);
    const c = g.aClass();
    const person = teacher ? g.staffRef(g.staff(true, c.stage), 'zhijianghui') : g.studentRef(c, 'zhijianghui');
    return {
      person,
      role: teacher ? 'teacher' : 'student',
      ...ZJH,
      periodStart: g.day.monthStart,
      periodEnd: g.day.date,
      activities,
      onMobile: g.rng.int(total + 1),
      teacherGuided: teacher ? 0 : g.rng.int(total + 1),
    };
  }),
  maker(E.LessonPreparedV1)((g) => {
    const drawn = g.staff(true);
    // a school with a maturity prepares what its platform preparers have timetabled (or, with nothing
    // queued, something not timetabled); without one, a random teacher the school's last lesson
    const due = g.toPrepare?.take(6);
    const t = due?.teacher ?? drawn;
    const lessonIds = due ? due.lessonIds : g.toPrepare ? [] : g.lastLesson ? [g.lastLesson] : [];
    return {
      prepId: id('PR', g),
      teacher: g.staffRef(t, 'zhijianghui'),
      stage: t.stage,
      subject: teacherSubject(t),
      lessonIds,
      ...platformOf(g),
      preparedOn: g.day.date,
    };
  }),
  maker(E.OnlineTutoringHeldV1)((g) => {
    const t = g.staff(true);
    return {
      sessionId: id('TU', g),
      teacher: g.staffRef(t, 'zhijianghui'),
      subject: teacherSubject(t),
      students: 1 + g.rng.int(40),
      ...platformOf(g),
      heldOn: g.day.date,
    };
  }),
  maker(E.TrainingCompletedV1)((g) => ({
    trainingId: `TR-${g.day.schoolYear.slice(0, 4)}-${1 + g.rng.int(12)}`,
    trainee: g.staffRef(g.staff(g.rng.chance(0.9)), 'zhijianghui'),
    kind: g.rng.pick(['信息技术应用能力提升工程', '网络学习空间专题培训', '网络安全培训', '信息化领导力培训', '教育信息化培训'] as const),
    topics: g.rng.sample(['人工智能', '信息技术融合', '网络学习空间', '信息安全'] as const, g.rng.int(2)),
    level: levelUp(g),
    mode: g.rng.pick(['线上', '线下', '混合'] as const),
    hours: (1 + g.rng.int(16)) / 2,
    passed: g.rng.chance(0.95),
    completedOn: g.day.date,
  })),
  maker(E.ResearchActivityHeldV1)((g) => {
    const kind = g.rng.pick(['同步备课', '同步研修', '集体备课', '听评课', '专题教研', '名师工作室活动'] as const);
    const sync = kind === '同步备课' || kind === '同步研修' || g.rng.chance(0.2);
    const mode = sync ? g.rng.pick(['线上', '混合'] as const) : g.rng.pick(['线下', '线下', '线上'] as const);
    const t = g.staff(true);
    return {
      activityId: id('RA', g),
      kind,
      mode,
      synchronous: sync,
      ...(mode !== '线下' ? platformOf(g) : {}),
      organiserLevel: g.rng.pick(['school', 'school', 'county', 'city'] as const),
      partnerSchoolCodes: sync ? g.partners(3) : [],
      subjects: [teacherSubject(t)],
      grades: [g.rng.pick(gradesOf(t.stage))],
      topics: g.rng.chance(0.5) ? ['信息技术融合'] : [],
      participants: g.rng
        .sample(
          g.school.staff.slice(0, -1).filter((s) => s.stage === t.stage && s.post === '专任教师'),
          2 + g.rng.int(8),
        )
        .map((s) => g.staffRef(s, 'zhijianghui')),
      outcomeRecorded: g.rng.chance(0.6),
      heldOn: g.day.date,
    };
  }),
  maker(E.AwardReceivedV1)((g) => {
    const recipientKind = g.rng.pick(['school', 'teacher', 'teacher', 'student'] as const);
    const recipients =
      recipientKind === 'school' ? [] : recipientKind === 'teacher' ? [g.staffRef(g.staff(true), 'zhijianghui')] : [g.studentRef(g.aClass(), 'zhijianghui')];
    return {
      awardId: id('AW', g),
      recipientKind,
      recipients,
      category: g.rng.pick(['课堂教学评比', '信息化教学比赛', '数字作品竞赛', '科技创新竞赛', '论文评比'] as const),
      topics: [],
      level: g.rng.pick(['county', 'city', 'province', 'national'] as const),
      awardingBody: '教育部门',
      awardedOn: g.day.date,
      certificateId: id('CERT', g),
    };
  }),
  maker(E.CompetitionEnteredV1)((g) => {
    const student = g.rng.chance(0.6);
    return {
      entryId: id('CE', g),
      participantKind: student ? 'student' : 'teacher',
      participants: [student ? g.studentRef(g.aClass(), 'zhijianghui') : g.staffRef(g.staff(true), 'zhijianghui')],
      form: g.rng.pick(['竞赛', '展示'] as const),
      category: g.rng.pick(['信息技术应用类竞赛', '数字作品竞赛', '科技创新竞赛'] as const),
      topics: [],
      level: levelUp(g),
      organiser: '教育部门',
      enteredOn: g.day.date,
    };
  }),
  maker(E.ArticlePublishedV1)((g) => ({
    articleId: id('ART', g),
    kind: '论文',
    venueKind: g.rng.pick(['学术期刊', '教育报刊'] as const),
    level: g.rng.pick(['city', 'province', 'national'] as const),
    topics: ['教育信息化'],
    authors: [g.staffRef(g.staff(true), 'zhijianghui')],
    publishedOn: g.day.date,
    publicationRef: `CN33-1000/G4 ${g.day.date.slice(0, 4)}(${1 + g.rng.int(12)})`,
  })),
  maker(E.ResearchProjectApprovedV1)((g) => {
    const kind = g.rng.pick(['校本课题', '规划课题', '专项科研课题'] as const);
    return {
      projectId: id('PJ', g),
      kind,
      level: kind === '校本课题' ? 'school' : g.rng.pick(['county', 'city', 'province'] as const),
      topics: ['教育信息化'],
      schoolRole: '主持',
      leader: g.staffRef(g.staff(true), 'zhijianghui'),
      members: [],
      approvedOn: g.day.date,
    };
  }),
  maker(E.ResearchProjectConcludedV1)((g) => ({
    projectId: `PJ-${g.day.weekAgo.replace(/-/g, '')}-1`,
    result: g.rng.pick(['通过结题', '通过结题', '未通过', '终止'] as const),
    concludedOn: g.day.date,
  })),
  maker(E.DesignationConferredV1)((g) => {
    const toTeacher = g.rng.chance(0.7);
    return {
      designationId: id('DS', g),
      kind: toTeacher ? g.rng.pick(['未来教育技术学院讲师', '信息化骨干培训项目培养对象'] as const) : '网络学习空间普及活动先进单位',
      ...(toTeacher ? { recipient: g.staffRef(g.staff(true), 'zhijianghui') } : {}),
      level: g.rng.pick(['county', 'city', 'province'] as const),
      conferredOn: g.day.date,
      certificateId: id('CERT', g),
    };
  }),
];

// ---- resource ----

const RESOURCE_KINDS = ['微课', '教学设计', '课件', '作业练习', '试卷', '课堂实录', '微课程', '学生作品'] as const;
/** A resource this school uploaded earlier (or a catalogue id before its first upload). */
const earlierResource = (g: Gen): string => (g.uploads > 0 ? `RS-${1 + g.rng.int(g.uploads)}` : 'RS-0');

const resource: Maker[] = [
  maker(E.ResourceUploadedV1)((g) => {
    const kind = g.rng.pick(RESOURCE_KINDS);
    g.uploads += 1;
    const c = g.aClass();
    const byStudent = kind === '学生作品';
    const micro = kind === '微课' || kind === '微课程';
    return {
      resourceId: `RS-${g.uploads}`,
      kind,
      uploader: byStudent ? g.studentRef(c, 'zhijianghui') : g.staffRef(g.staff(true, c.stage), 'zhijianghui'),
      uploaderRole: byStudent ? 'student' : 'teacher',
      stage: c.stage,
      grades: [c.grade],
      subject: g.rng.pick(SUBJECTS[c.stage]),
      ...(kind === '微课程' ? { lessonCount: 6 + g.rng.int(6) } : {}),
      components: micro ? ['视频', '学案'] : [],
      ...(kind === '微课' ? { problemSolvingGuidance: g.rng.chance(0.5) } : {}),
      audience: byStudent ? 'public' : 'student',
      origin: kind === '课堂实录' ? '课堂录制' : '原创',
      ...platformOf(g),
      uploadedAt: g.time,
    };
  }),
  maker(E.ResourceUpdatedV1)((g) => ({ resourceId: earlierResource(g), kind: g.rng.pick(RESOURCE_KINDS), updatedAt: g.time })),
  maker(E.ResourceReviewedV1)((g) => ({
    resourceId: earlierResource(g),
    reviewLevel: g.rng.pick(['school', 'school', 'county'] as const),
    decision: g.rng.pick(['通过', '通过', '不通过', '优质'] as const),
    reviewedOn: g.day.date,
  })),
  maker(E.ResourceSharedV1)((g) => ({
    resourceId: earlierResource(g),
    kind: g.rng.pick(RESOURCE_KINDS),
    sharedBy: g.staffRef(g.staff(true), 'zhijianghui'),
    ...platformOf(g),
    openToPublic: g.rng.chance(0.2),
    sharedAt: g.time,
  })),
  maker(E.ResourceRecommendedV1)((g) => {
    const parents = g.rng.chance(0.5);
    return {
      resourceId: earlierResource(g),
      kind: parents ? '家庭教育资源' : g.rng.pick(RESOURCE_KINDS),
      audience: parents ? 'parent' : 'student',
      channel: parents ? '数字家长学校' : '网络学习空间',
      personalised: g.rng.chance(0.3),
      recipients: g.rng.int(g.school.students),
      recommendedAt: g.time,
    };
  }),
  maker(E.ResourceWithdrawnV1)((g) => ({ resourceId: earlierResource(g), withdrawnAt: g.time })),
  maker(E.DigitalLibraryHoldingsReportedV1)((g) => {
    // a school with a maturity and a digital library reports its holdings as its catch-up sync did, give or take (12–15 a student)
    const k = g.rng.int(8);
    const library = g.inventory?.systems.some((x) => x.systemKinds.includes('数字图书馆')) ?? false;
    return {
      ebooks: g.school.students * (library ? 12 + (k % 4) : 8 + k),
      ejournals: 50 + g.rng.int(200),
      linkedToRegionalLibrary: g.rng.chance(0.7),
      mobileReading: true,
      reportedOn: g.day.date,
    };
  }),
];

/** One maker per published event type, by type name (e.g. 'LessonDelivered'). */
export const MAKERS: ReadonlyMap<string, Maker> = new Map(
  [...roster, ...timetabling, ...grading, ...asset, ...attendance, ...space, ...resource].map((m) => [m.def.name, m]),
);
