import { z } from 'zod';
import {
  audience,
  checkPlatform,
  classId,
  count,
  dateOrder,
  daysBetween,
  deliveryMode,
  grade,
  gradeInStage,
  isoDate,
  issue,
  level,
  localId,
  onlyFor,
  personRef,
  platform,
  platformLevel,
  platformModule,
  regionCode,
  requiredFor,
  roomId,
  schoolCode,
  schoolYear,
  semester,
  stage,
  subject,
  topic,
  unique,
} from '../common';
import { defineEvent } from '../envelope';

// Timetabling carries the school calendar (the semester windows and teaching weeks), the
// courses offered, lessons as planned (排课) and as delivered (授课: modes, platforms, teaching
// models, open lessons), and school activities (讲座, 科技节, meetings, drills, visits).

/**
 * 授课形式. 线下/线上/混合 are the plain modes (Zhejiang 线上、线下、线上线下混合式教学);
 * 专递课堂/名师课堂/名校网络课堂 are the ministry's "三个课堂" and 同步课堂 the city guides'
 * synchronous lesson; those four link the class with partner schools over the network.
 */
export const lessonMode = z
  .enum(['线下', '线上', '混合', '专递课堂', '名师课堂', '名校网络课堂', '同步课堂'])
  .describe('授课形式: 线下/线上/混合, or a remote form 专递课堂/名师课堂/名校网络课堂 (三个课堂)/同步课堂');
export const REMOTE_LESSON_MODES: readonly string[] = ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'];

/** Remote lessons name their partner schools; other lessons have none. */
function partnerRules(d: { mode: string; partnerSchoolCodes: readonly string[] }, ctx: z.RefinementCtx): void {
  const remote = REMOTE_LESSON_MODES.includes(d.mode);
  if (remote && d.partnerSchoolCodes.length === 0)
    issue(ctx, ['partnerSchoolCodes'], 'required-for-kind', `a ${d.mode} lesson links at least one partner school`);
  if (!remote && d.partnerSchoolCodes.length > 0)
    issue(ctx, ['partnerSchoolCodes'], 'only-for-kind', `only remote lessons (${REMOTE_LESSON_MODES.join('/')}) have partner schools, not ${d.mode}`);
  unique(ctx, d.partnerSchoolCodes, ['partnerSchoolCodes']);
}

export const SchoolCalendarPublishedV1 = defineEvent({
  family: 'timetabling',
  name: 'SchoolCalendarPublished',
  version: 1,
  summary: "A school year's calendar: its semesters and teaching weeks (the SEM windows and the weeks of 开课率 per week).",
  data: z
    .strictObject({
      schoolYear,
      semesters: z
        .array(z.strictObject({ semester, startsOn: isoDate, endsOn: isoDate, teachingWeeks: z.number().int().min(1).max(30).describe('教学周数') }))
        .min(1)
        .max(2),
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.semesters, ['semesters'], (s) => s.semester);
      const first = `${d.schoolYear.slice(0, 4)}-09-01`;
      const last = `${d.schoolYear.slice(5)}-08-31`;
      d.semesters.forEach((s, i) => {
        dateOrder(ctx, s.startsOn, s.endsOn, ['semesters', i, 'endsOn'], 'startsOn');
        for (const key of ['startsOn', 'endsOn'] as const) {
          if (s[key] < first || s[key] > last)
            issue(ctx, ['semesters', i, key], 'within-school-year', `${s[key]} is outside school year ${d.schoolYear} (${first} – ${last})`);
        }
        const weeks = Math.ceil((daysBetween(s.startsOn, s.endsOn) + 1) / 7);
        if (s.endsOn >= s.startsOn && s.teachingWeeks > weeks)
          issue(ctx, ['semesters', i, 'teachingWeeks'], 'max', `${s.teachingWeeks} teaching weeks do not fit in ${weeks} calendar weeks`);
      });
    }),
});

export const CourseOfferedV1 = defineEvent({
  family: 'timetabling',
  name: 'CourseOffered',
  version: 1,
  summary: 'A course is offered for a school year or semester: national curriculum, 校本课程, 拓展型/研究型, 课后服务.',
  data: z
    .strictObject({
      courseId: localId,
      title: z.string().min(1).max(100).describe('课程名称'),
      kind: z.enum(['国家课程', '地方课程', '校本课程', '课后服务']).describe('课程类别'),
      courseType: z
        .enum(['基础型', '拓展型', '研究型'])
        .describe('课程类型: 拓展型/研究型(探究型) (Zhejiang (一)4.(1)); 素质教育拓展课程 are 拓展型 with a category'),
      category: z.enum(['品德修养', '科学创造', '体育运动', '艺术育美', '劳动实践']).optional().describe('素质教育拓展课程类别 (Zhejiang (二)1.(3))'),
      subject,
      topics: z.array(topic).max(10).default([]).describe('主题, e.g. 人工智能 (the 信息技术 人工智能 module, Wenzhou 19; Ningxia 29)'),
      stage,
      grades: z.array(grade).min(1).max(12),
      schoolYear,
      semester: semester.optional().describe('absent for a course that runs the whole school year'),
      plannedPeriods: z.number().int().min(1).max(1000).describe('计划总课时'),
    })
    .superRefine((d, ctx) => {
      gradeInStage(ctx, d.stage, d.grades, ['grades']);
      unique(ctx, d.grades, ['grades']);
      unique(ctx, d.topics, ['topics']);
      onlyFor(ctx, d.category !== undefined, d.courseType === '拓展型', ['category'], "for courseType '拓展型'");
    }),
});

/**
 * 本学年所任学科知识点 (Ningxia 17: 每学年以学科组为单位为学生提供的知识点微课不低于本学年所任
 * 学科知识点的1/4): for one subject the school teaches, how many knowledge points the
 * curriculum of the grades it teaches the subject in holds that school year. It counts on its
 * school year (like CourseOffered); a later report for the same school year and subject
 * replaces an earlier one.
 */
export const SubjectKnowledgePointsReportedV1 = defineEvent({
  family: 'timetabling',
  name: 'SubjectKnowledgePointsReported',
  version: 1,
  summary:
    "A subject's knowledge points for a school year: how many the curriculum of the grades the school teaches it in holds (本学年所任学科知识点, Ningxia 17).",
  data: z
    .strictObject({
      schoolYear,
      subject,
      grades: z.array(grade).min(1).max(12).describe('年级 the school teaches the subject in that school year'),
      knowledgePoints: z.number().int().min(1).max(100_000).describe('知识点数 of the subject in those grades'),
      source: z.enum(['教材目录', '知识图谱']).describe("where the count comes from: the textbooks' tables of contents (教材目录) or the platform's 知识图谱"),
    })
    .superRefine((d, ctx) => unique(ctx, d.grades, ['grades'])),
});

export const CourseSelectionClosedV1 = defineEvent({
  family: 'timetabling',
  name: 'CourseSelectionClosed',
  version: 1,
  summary: 'A course-selection round (选课) closed, with how many students chose each course (counts, no student list).',
  data: z
    .strictObject({
      roundId: localId,
      schoolYear,
      semester,
      stage,
      courses: z
        .array(z.strictObject({ courseId: localId, students: count.describe('选课人数') }))
        .min(1)
        .max(500),
      closedOn: isoDate,
    })
    .superRefine((d, ctx) => unique(ctx, d.courses, ['courses'], (c) => c.courseId)),
});

export const LessonTimetabledV1 = defineEvent({
  family: 'timetabling',
  name: 'LessonTimetabled',
  version: 1,
  summary: 'A lesson was scheduled (排课; rescheduled: same lessonId, the later event wins) for a class, with its room and mode.',
  data: z
    .strictObject({
      lessonId: localId,
      date: isoDate,
      period: z.number().int().min(1).max(16).describe('节次: the first period of the day it takes'),
      periods: z.number().int().min(1).max(4).default(1).describe('课时: periods it lasts (a double lesson is 2)'),
      stage,
      classId,
      subject,
      courseId: localId.optional().describe('the CourseOffered it belongs to'),
      teacher: personRef,
      roomId: roomId.optional(),
      mode: lessonMode,
      /** Schools at the other end of a remote lesson (the receiving or giving side). */
      partnerSchoolCodes: z.array(schoolCode).max(50).default([]),
      scheduledBy: z.enum(['智能排课', '人工排课']).optional().describe('排课方式 (Ningbo 智能排课)'),
    })
    .superRefine((d, ctx) => {
      partnerRules(d, ctx);
      if (d.period + d.periods - 1 > 16) issue(ctx, ['periods'], 'max', `period ${d.period} + ${d.periods} periods runs past period 16`);
    }),
});

/**
 * LessonTimetabled v2 (issue 16): the lesson's teachers as a list, like LessonDelivered's.
 * v1 carries one `teacher`, so a co-taught lesson (双师课堂, a remote lesson with a teacher at
 * each end, 走班 team teaching) had to be sent as one event per teacher, each overwriting the
 * other under the same lessonId. v2 replaces `teacher` with `teachers` (1–10, each once);
 * every other field is v1's, unchanged. A v1 event reads as v2 with `teachers: [teacher]`
 * (the upcaster in `upcast.ts`); v1 stays published for the systems that have not moved.
 */
export const LessonTimetabledV2 = defineEvent({
  family: 'timetabling',
  name: 'LessonTimetabled',
  version: 2,
  summary: 'A lesson was scheduled (排课; rescheduled: same lessonId, the later event wins) for a class, with its teachers, room and mode.',
  data: z
    .strictObject({
      lessonId: localId,
      date: isoDate,
      period: z.number().int().min(1).max(16).describe('节次: the first period of the day it takes'),
      periods: z.number().int().min(1).max(4).default(1).describe('课时: periods it lasts (a double lesson is 2)'),
      stage,
      classId,
      subject,
      courseId: localId.optional().describe('the CourseOffered it belongs to'),
      teachers: z.array(personRef).min(1).max(10).describe('授课教师: every teacher of the lesson (双师课堂, co-teaching); v1 had one `teacher`'),
      roomId: roomId.optional(),
      mode: lessonMode,
      /** Schools at the other end of a remote lesson (the receiving or giving side). */
      partnerSchoolCodes: z.array(schoolCode).max(50).default([]),
      scheduledBy: z.enum(['智能排课', '人工排课']).optional().describe('排课方式 (Ningbo 智能排课)'),
    })
    .superRefine((d, ctx) => {
      partnerRules(d, ctx);
      unique(ctx, d.teachers, ['teachers'], (p) => `${p.system}/${p.localId}`);
      if (d.period + d.periods - 1 > 16) issue(ctx, ['periods'], 'max', `period ${d.period} + ${d.periods} periods runs past period 16`);
    }),
});

export const LessonCancelledV1 = defineEvent({
  family: 'timetabling',
  name: 'LessonCancelled',
  version: 1,
  summary: 'A scheduled lesson will not take place; it leaves the timetabled-period denominators.',
  data: z.strictObject({ lessonId: localId, reason: z.string().min(1).max(200) }),
});

/** 教学模式: the innovative teaching forms the standards name. */
export const teachingModel = z
  .enum([
    '翻转课堂',
    '互动课堂',
    '智慧课堂',
    '混合式',
    '合作式',
    '体验式',
    '探究式',
    '情境式',
    '小组探究',
    'PBL',
    '精准教学',
    '个性化学习',
    '人机协同',
    '虚实结合实验',
    '其他创新模式',
  ])
  .describe('教学模式');

export const LessonDeliveredV1 = defineEvent({
  family: 'timetabling',
  name: 'LessonDelivered',
  version: 1,
  summary:
    'A lesson took place (授课), with its mode, the platform it used, its teaching models and whether it was an open lesson; one event per session, however many classes joined.',
  data: z
    .strictObject({
      lessonId: localId.describe('the timetabled lessonId when there is one, else the delivering system’s id'),
      deliveredOn: isoDate,
      periods: z.number().int().min(1).max(4).default(1).describe('课时'),
      stage,
      subject,
      classIds: z.array(classId).min(1).max(20),
      teachers: z.array(personRef).min(1).max(10),
      roomId: roomId.optional(),
      mode: lessonMode,
      partnerSchoolCodes: z.array(schoolCode).max(50).default([]),
      platform: platform.optional().describe('the platform whose resources or software the lesson used (e.g. 宁夏教育云)'),
      platformLevel: platformLevel.optional(),
      platformModule: platformModule.optional(),
      teachingModels: z.array(teachingModel).max(15).default([]),
      lessonKind: z.enum(['常规课', '公开课', '研讨课', '汇报课', '示范课']).default('常规课').describe('课型'),
      openLessonLevel: level.optional().describe('级别 of a 公开课/研讨课/汇报课/示范课 (Ningxia 52 校级及以上)'),
      ictEnvironment: z.boolean().describe('信息化环境下的课: taught with the room’s ICT equipment or a platform'),
      recorded: z.boolean().default(false).describe('录播: recorded by a 录播系统'),
      studentDevices: z.enum(['移动终端', '计算机']).optional().describe('学生终端 used in the lesson (平板、手机 = 移动终端)'),
    })
    .superRefine((d, ctx) => {
      partnerRules(d, ctx);
      checkPlatform(ctx, d);
      unique(ctx, d.classIds, ['classIds']);
      unique(ctx, d.teachers, ['teachers'], (p) => `${p.system}/${p.localId}`);
      unique(ctx, d.teachingModels, ['teachingModels']);
      const open = d.lessonKind !== '常规课';
      requiredFor(ctx, d.openLessonLevel !== undefined, open, ['openLessonLevel'], `for a ${d.lessonKind}`);
      onlyFor(ctx, d.openLessonLevel !== undefined, open, ['openLessonLevel'], 'for 公开课, 研讨课, 汇报课 and 示范课');
      if (d.platform !== undefined && !d.ictEnvironment)
        issue(ctx, ['ictEnvironment'], 'consistent', 'a lesson that used a platform was taught in an ICT environment');
    }),
});

/** 活动类型: school activities the standards count. */
export const activityKind = z
  .enum([
    '讲座',
    '科技节',
    '创客文化节',
    'STEAM活动',
    '家庭教育在线指导',
    '家校活动',
    '家校公益活动',
    '社会综合实践',
    '网络安全应急演练',
    '数据安全与容灾演练',
    '工作会议',
    '专题会议',
    '现场观摩',
    '案例展示',
    '经验交流',
    '观摩学习接待',
    '其他',
  ])
  .describe('活动类型');
const MEETINGS = ['工作会议', '专题会议'];

export const ActivityHeldV1 = defineEvent({
  family: 'timetabling',
  name: 'ActivityHeld',
  version: 1,
  summary:
    'A school activity took place: a lecture, festival, parent activity, drill, meeting, observation visit or showcase, organised, hosted or attended by the school.',
  data: z
    .strictObject({
      activityId: localId,
      kind: activityKind,
      topics: z.array(topic).max(10).default([]),
      audience: z.array(audience).min(1).max(5),
      mode: deliveryMode,
      level: level.describe('级别 of the activity (校级 科技节; 县级以上 讲座; 国家/自治区 现场观摩)'),
      schoolRole: z.enum(['主办', '承办', '参加']).describe('学校角色: 主办 organised it, 承办 hosted it for an authority, 参加 its people took part or spoke'),
      orgUnitId: localId.optional().describe('the org unit whose meeting it was (领导小组)'),
      speakers: z.array(personRef).max(20).default([]).describe('主讲: the school’s own speakers'),
      stage: stage.optional(),
      roomId: roomId.optional(),
      participants: count.describe('参与人数'),
      onlineSignUp: z.boolean().default(false).describe('网上报名/签到 (Ningxia 41)'),
      visitorRegionCodes: z.array(regionCode).max(50).default([]).describe('来访县(区): where the visitors of an 观摩学习接待 came from'),
      heldOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.audience, ['audience']);
      unique(ctx, d.topics, ['topics']);
      unique(ctx, d.speakers, ['speakers'], (p) => `${p.system}/${p.localId}`);
      onlyFor(ctx, d.orgUnitId !== undefined, MEETINGS.includes(d.kind), ['orgUnitId'], `for kinds ${MEETINGS.join(', ')}`);
      const visit = d.kind === '观摩学习接待';
      requiredFor(ctx, d.visitorRegionCodes.length > 0, visit, ['visitorRegionCodes'], "for kind '观摩学习接待'");
      onlyFor(ctx, d.visitorRegionCodes.length > 0, visit, ['visitorRegionCodes'], "for kind '观摩学习接待'");
      if (d.schoolRole === '承办' && d.level === 'school')
        issue(ctx, ['level'], 'consistent', "a school does not host (承办) a school-level activity for an authority; use schoolRole '主办'");
    }),
});

export const timetablingEvents = [
  SchoolCalendarPublishedV1,
  CourseOfferedV1,
  CourseSelectionClosedV1,
  LessonTimetabledV1,
  LessonTimetabledV2,
  LessonCancelledV1,
  LessonDeliveredV1,
  ActivityHeldV1,
  SubjectKnowledgePointsReportedV1,
] as const;
