import { z } from 'zod';
import {
  checkPlatform,
  classId,
  count,
  dateOrder,
  daysBetween,
  deliveryMode,
  grade,
  isoDate,
  issue,
  level,
  localId,
  onlyFor,
  personRef,
  platform,
  platformLevel,
  platformModule,
  requiredFor,
  roomId,
  schoolCode,
  stage,
  subject,
  topic,
  unique,
  type PersonRef,
} from '../common';
import { defineEvent } from '../envelope';

// The space family is the teacher and student learning space (网络学习空间) and what
// happens around it: spaces opened and closed, yearly experience values and cloud points,
// learning activity, platform lesson preparation and online tutoring, and teachers'
// professional development — training, research activities (教研) and research output.
//
// Awards, competitions, publications, research projects and designations (the "achievement"
// family proposed in docs/standards/countable-items.md §2.8) are folded into this family: they
// are the professional-development and research output of teachers, students and the school,
// which the teacher-development archive (教师发展数字档案) records. Each carries a certificate
// or publication reference so that a reviewer can check the claim behind the count.

const personKey = (p: PersonRef): string => `${p.system}/${p.localId}`;

export const spaceOwnerRole = z.enum(['teacher', 'student', 'parent', 'class', 'school']).describe('空间类型: 教师/学生/家长 个人空间, 班级空间, 学校空间');
const PERSONAL_OWNERS = ['teacher', 'student', 'parent'];

export const LearningSpaceOpenedV1 = defineEvent({
  family: 'space',
  name: 'LearningSpaceOpened',
  version: 1,
  summary: 'A personal, class or school learning space (网络学习空间) was opened on a platform.',
  data: z
    .strictObject({
      spaceId: localId,
      ownerRole: spaceOwnerRole,
      owner: personRef.optional().describe('the person, for teacher/student/parent spaces'),
      classId: classId.optional().describe('the class, for a class space (班级空间)'),
      platform: platform.describe('平台, e.g. 之江汇 (Ningbo 95% 之江汇 spaces), 宁夏教育云'),
      platformLevel,
      platformModule: platformModule.optional(),
      realName: z.boolean().describe('实名制: bound to a verified identity'),
      openedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      const personal = PERSONAL_OWNERS.includes(d.ownerRole);
      if (personal && !d.owner)
        ctx.addIssue({ code: 'custom', path: ['owner'], message: `is required for a ${d.ownerRole} space`, params: { rule: 'required' } });
      onlyFor(ctx, d.owner !== undefined, personal, ['owner'], 'for teacher, student and parent spaces');
      requiredFor(ctx, d.classId !== undefined, d.ownerRole === 'class', ['classId'], 'for a class space');
      onlyFor(ctx, d.classId !== undefined, d.ownerRole === 'class', ['classId'], 'for a class space');
      checkPlatform(ctx, d);
    }),
});

export const LearningSpaceClosedV1 = defineEvent({
  family: 'space',
  name: 'LearningSpaceClosed',
  version: 1,
  summary: 'A learning space was closed; ratios as of later dates no longer count it.',
  data: z.strictObject({ spaceId: localId, closedOn: isoDate }),
});

export const ExperiencePointsReportedV1 = defineEvent({
  family: 'space',
  name: 'ExperiencePointsReported',
  version: 1,
  summary:
    "A platform reported a person's points for a year: 之江汇 年度经验值 (active space > 60) or 宁夏教育云 年度积分 (应用指数). The latest report for a space and period wins.",
  data: z
    .strictObject({
      spaceId: localId,
      owner: personRef,
      ownerRole: z.enum(['teacher', 'student']),
      platform: platform.describe('之江汇 (经验值) or 宁夏教育云 (积分)'),
      platformLevel,
      periodStart: isoDate.describe('the platform’s 年度 start'),
      periodEnd: isoDate,
      points: z.number().min(0).max(10_000_000).describe('年度经验值 / 年度积分 accumulated in the period'),
      reportedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      dateOrder(ctx, d.periodStart, d.periodEnd, ['periodEnd'], 'periodStart');
      if (d.periodEnd >= d.periodStart && daysBetween(d.periodStart, d.periodEnd) > 365)
        issue(ctx, ['periodEnd'], 'max-period', 'a points report covers at most one year');
    }),
});

/** 空间学习活动. 活动设计 and 任务布置 are a teacher's; the rest anyone's. */
export const learningActivityKind = z
  .enum(['自主学习', '合作学习', '探究学习', '个性化学习', '在线测试', '网络交流', '资源管理', '活动设计', '任务布置', '个性化设置'])
  .describe('空间活动类型');
const TEACHER_ONLY_ACTIVITIES = ['活动设计', '任务布置'];

export const LearningActivitySummarizedV1 = defineEvent({
  family: 'space',
  name: 'LearningActivitySummarized',
  version: 1,
  summary: "A person's activity in their learning space over a period of at most a month, counted per kind (no click logs).",
  data: z
    .strictObject({
      person: personRef,
      role: z.enum(['teacher', 'student']),
      spaceId: localId.optional(),
      platform,
      platformLevel,
      periodStart: isoDate,
      periodEnd: isoDate,
      activities: z
        .array(z.strictObject({ kind: learningActivityKind, count: count.min(1) }))
        .min(1)
        .max(10),
      onMobile: count.default(0).describe('of which on a 移动终端 (移动、泛在学习)'),
      teacherGuided: count.default(0).describe('of which set or guided by a teacher (在教师的指导下), for students'),
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      dateOrder(ctx, d.periodStart, d.periodEnd, ['periodEnd'], 'periodStart');
      if (d.periodEnd >= d.periodStart && daysBetween(d.periodStart, d.periodEnd) > 30)
        issue(ctx, ['periodEnd'], 'max-period', 'an activity summary covers at most 31 days, so monthly regularity (常态化) can be measured');
      unique(ctx, d.activities, ['activities'], (a) => a.kind);
      d.activities.forEach((a, i) => {
        if (TEACHER_ONLY_ACTIVITIES.includes(a.kind) && d.role !== 'teacher')
          issue(ctx, ['activities', i, 'kind'], 'kind-for-role', `${a.kind} is a teacher's activity`);
      });
      const total = d.activities.reduce((n, a) => n + a.count, 0);
      if (d.onMobile > total) issue(ctx, ['onMobile'], 'max', `cannot exceed the activities counted (${total})`);
      if (d.teacherGuided > total) issue(ctx, ['teacherGuided'], 'max', `cannot exceed the activities counted (${total})`);
      onlyFor(ctx, d.teacherGuided > 0, d.role === 'student', ['teacherGuided'], 'for students');
    }),
});

export const LessonPreparedV1 = defineEvent({
  family: 'space',
  name: 'LessonPrepared',
  version: 1,
  summary: 'A teacher prepared lessons on a platform (网络/智能备课) — the prepared lessons are linked when known.',
  data: z
    .strictObject({
      prepId: localId,
      teacher: personRef,
      stage,
      subject,
      lessonIds: z.array(localId).max(40).default([]).describe('the timetabled lessons it prepares (课时 prepared on a platform, Jiangsu 90%)'),
      platform,
      platformLevel,
      preparedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      unique(ctx, d.lessonIds, ['lessonIds']);
    }),
});

export const OnlineTutoringHeldV1 = defineEvent({
  family: 'space',
  name: 'OnlineTutoringHeld',
  version: 1,
  summary: 'A teacher held an online Q&A or tutoring session (在线答疑/辅导) on a platform.',
  data: z
    .strictObject({
      sessionId: localId,
      teacher: personRef,
      subject,
      students: count.min(1).describe('学生人数'),
      platform,
      platformLevel,
      heldOn: isoDate,
    })
    .superRefine((d, ctx) => checkPlatform(ctx, d)),
});

/** 培训类型. */
export const trainingKind = z
  .enum(['信息技术应用能力提升工程', '网络学习空间专题培训', '网络安全培训', '信息化领导力培训', '信息化人员培训', '教育信息化培训', '其他'])
  .describe('培训类型: 教育信息化培训 = other 信息化 training (宁夏教育云 / 互联网+教学 by topic)');

export const TrainingCompletedV1 = defineEvent({
  family: 'space',
  name: 'TrainingCompleted',
  version: 1,
  summary: 'A teacher or staff member completed training hours (学时) of a programme, at a level, online or not.',
  data: z.strictObject({
    trainingId: localId,
    trainee: personRef.describe('teacher, manager or other staff (学校人员)'),
    kind: trainingKind,
    topics: z.array(topic).max(10).default([]),
    level: level.describe('组织级别 (区级以上, 省级以上)'),
    mode: deliveryMode,
    hours: z.number().gt(0).max(500).multipleOf(0.5).describe('学时 (= 课时), in half hours'),
    passed: z.boolean().describe('考核通过 (全员通过提升工程培训)'),
    completedOn: isoDate,
  }),
});

/** 教研活动类型. Online (网络研修/网络教研) is the mode, not the kind. */
export const researchKind = z
  .enum(['同步备课', '同步研修', '远程互动研修', '集体备课', '听评课', '精准教研', '专题教研', '名师工作室活动', '其他'])
  .describe('教研类型: 集体备课 includes 协同备课; 网络研修/网络教研 are any kind with mode 线上 or 混合');
const SYNCHRONOUS_KINDS = ['同步备课', '同步研修', '远程互动研修'];

export const ResearchActivityHeldV1 = defineEvent({
  family: 'space',
  name: 'ResearchActivityHeld',
  version: 1,
  summary:
    'A lesson-preparation or teaching-research activity (教研/研修) took place that the school organised or its teachers took part in, online, synchronous or not.',
  data: z
    .strictObject({
      activityId: localId,
      kind: researchKind,
      mode: deliveryMode.describe('线上/混合 = 网络研修'),
      synchronous: z.boolean().describe('网络同步: schools took part at the same time over the network'),
      platform: platform.optional().describe('the platform it ran on (required online)'),
      platformLevel: platformLevel.optional(),
      organiserLevel: level.describe('组织级别: school = 校本教研 organised by the school'),
      partnerSchoolCodes: z.array(schoolCode).max(200).default([]),
      subjects: z.array(subject).max(20).default([]).describe('学科; more than one = 跨学科'),
      grades: z.array(grade).max(12).default([]).describe('年级; more than one = 跨年级'),
      topics: z.array(topic).max(10).default([]).describe('主题, e.g. 信息技术融合, 网络学习空间'),
      aiDiagnosis: z.boolean().default(false).describe('基于教学能力智能诊断与分析 (Ningxia 36)'),
      roomId: roomId.optional(),
      participants: z.array(personRef).max(2000).default([]).describe("the school's teachers who took part"),
      outcomeRecorded: z.boolean().default(false).describe('过程与结果 recorded in the system (Zhejiang 结果管理)'),
      heldOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      if (SYNCHRONOUS_KINDS.includes(d.kind) && !d.synchronous) issue(ctx, ['synchronous'], 'consistent', `a ${d.kind} is synchronous`);
      if (d.synchronous && d.mode === '线下') issue(ctx, ['mode'], 'consistent', 'a synchronous activity runs over the network (线上 or 混合)');
      requiredFor(ctx, d.platform !== undefined, d.mode !== '线下', ['platform'], `for a ${d.mode} activity`);
      unique(ctx, d.partnerSchoolCodes, ['partnerSchoolCodes']);
      unique(ctx, d.subjects, ['subjects']);
      unique(ctx, d.grades, ['grades']);
      unique(ctx, d.topics, ['topics']);
      unique(ctx, d.participants, ['participants'], personKey);
    }),
});

// ---- research output: awards, competitions, publications, projects, designations ----

/** 奖项类别 in the standards' words. */
export const awardCategory = z
  .enum([
    '课堂教学评比',
    '信息化教学比赛',
    '信息技术应用类竞赛',
    '数字作品竞赛',
    '科技创新竞赛',
    '论文评比',
    '课题案例评比',
    '案例遴选',
    '典型案例',
    '特色成果',
    '表彰',
    '其他',
  ])
  .describe('奖项类别: 信息化教学比赛, 信息技术应用类竞赛 (信息化相关竞赛), 数字作品竞赛 are the 信息化 competitions');
export const awardingBody = z
  .enum(['教育部门', '党委和政府', '行业协会', '其他'])
  .describe('组织/颁奖单位: 教育部门 = 教育行政部门 and its 电教馆、教研室 (教育部 = 教育部门 + national)');

function recipientsRule(ctx: z.RefinementCtx, kind: string, people: readonly PersonRef[], path: string): void {
  if (kind === 'school' && people.length > 0) issue(ctx, [path], 'only-for-kind', 'a school award names no persons');
  if (kind !== 'school' && people.length === 0) issue(ctx, [path], 'required-for-kind', `a ${kind} award names at least one person`);
  unique(ctx, people, [path], personKey);
}

export const AwardReceivedV1 = defineEvent({
  family: 'space',
  name: 'AwardReceived',
  version: 1,
  summary: 'The school, teachers or students received an award or commendation at a level (0.5 per award up to 5, …).',
  data: z
    .strictObject({
      awardId: localId,
      workId: localId.optional().describe('the work awarded (a paper’s articleId, a case), so a work both published and awarded counts once'),
      recipientKind: z.enum(['school', 'teacher', 'student']).describe('获奖对象'),
      recipients: z.array(personRef).max(50).default([]),
      category: awardCategory,
      topics: z.array(topic).max(10).default([]),
      level: level.describe('获奖级别'),
      awardingBody,
      awardedOn: isoDate,
      certificateId: localId.describe('证书 id in the source system'),
    })
    .superRefine((d, ctx) => {
      recipientsRule(ctx, d.recipientKind, d.recipients, 'recipients');
      unique(ctx, d.topics, ['topics']);
    }),
});

export const CompetitionEnteredV1 = defineEvent({
  family: 'space',
  name: 'CompetitionEntered',
  version: 1,
  summary: 'Teachers or students took part in a competition or showcase (竞赛/展示) at a level, whatever the result.',
  data: z
    .strictObject({
      entryId: localId,
      workId: localId.optional(),
      participantKind: z.enum(['teacher', 'student']),
      participants: z.array(personRef).min(1).max(50),
      form: z.enum(['竞赛', '展示']).describe('形式: 竞赛 or 项目展示'),
      category: awardCategory,
      topics: z.array(topic).max(10).default([]),
      level,
      organiser: awardingBody,
      enteredOn: isoDate,
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.participants, ['participants'], personKey);
      unique(ctx, d.topics, ['topics']);
    }),
});

export const ArticlePublishedV1 = defineEvent({
  family: 'space',
  name: 'ArticlePublished',
  version: 1,
  summary: 'A paper, news report or experience article by or about the school was published (公开发表, 宣传推广).',
  data: z
    .strictObject({
      articleId: localId,
      kind: z.enum(['论文', '新闻报道', '经验介绍']).describe('文章类型'),
      venueKind: z.enum(['学术期刊', '会议论文集', '教育报刊', '党报党刊', '其他']).describe('刊载媒体 (正规教育报刊、党报党刊)'),
      level: level.describe('刊物级别'),
      topics: z.array(topic).max(10).default([]),
      authors: z.array(personRef).max(20).default([]).describe("the school's authors (required for a 论文)"),
      publishedOn: isoDate,
      publicationRef: z.string().min(1).max(100).describe('刊号与期次 or the article’s address, for the reviewer'),
    })
    .superRefine((d, ctx) => {
      requiredFor(ctx, d.authors.length > 0, d.kind === '论文', ['authors'], "for a '论文'");
      unique(ctx, d.authors, ['authors'], personKey);
      unique(ctx, d.topics, ['topics']);
    }),
});

export const ResearchProjectApprovedV1 = defineEvent({
  family: 'space',
  name: 'ResearchProjectApproved',
  version: 1,
  summary: 'A research project (课题) led or joined by the school was approved (立项) at a level.',
  data: z
    .strictObject({
      projectId: localId,
      kind: z.enum(['校本课题', '规划课题', '专项科研课题', '研究项目']).describe('课题类型 (信息化专项科研课题, 教育信息化研究项目)'),
      level,
      topics: z.array(topic).max(10).default([]),
      schoolRole: z.enum(['主持', '参与']),
      leader: personRef.optional().describe("the school's 主持人"),
      members: z.array(personRef).max(50).default([]),
      approvedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      if (d.kind === '校本课题' && d.level !== 'school') issue(ctx, ['level'], 'consistent', "a '校本课题' is a school-level project");
      unique(ctx, d.members, ['members'], personKey);
      unique(ctx, d.topics, ['topics']);
    }),
});

export const ResearchProjectConcludedV1 = defineEvent({
  family: 'space',
  name: 'ResearchProjectConcluded',
  version: 1,
  summary: 'A research project ended: concluded with results (结题) or stopped.',
  data: z.strictObject({
    projectId: localId,
    result: z.enum(['通过结题', '未通过', '终止']).describe('结题结论: 通过结题 = 取得成果'),
    concludedOn: isoDate,
  }),
});

/** 称号/认定: titles conferred on a teacher or the school. */
export const designationKind = z
  .enum(['未来教育技术学院讲师', '信息化骨干培训项目培养对象', '网络学习空间培训基地学校', '网络学习空间普及活动先进单位', '其他'])
  .describe('称号: 未来教育技术学院讲师 (Wenzhou 22), "互联网+教育"信息化骨干培训项目培养对象 (Ningxia 53), 培训基地学校/先进单位 (Ningxia 62)');
const TEACHER_DESIGNATIONS = ['未来教育技术学院讲师', '信息化骨干培训项目培养对象'];
const SCHOOL_DESIGNATIONS = ['网络学习空间培训基地学校', '网络学习空间普及活动先进单位'];

export const DesignationConferredV1 = defineEvent({
  family: 'space',
  name: 'DesignationConferred',
  version: 1,
  summary: 'A title was conferred on a teacher (聘为讲师, 培养对象) or on the school (基地学校, 先进单位), at a level.',
  data: z
    .strictObject({
      designationId: localId,
      kind: designationKind,
      recipient: personRef.optional().describe('the teacher; absent when the school is designated'),
      level,
      conferredOn: isoDate,
      validUntil: isoDate.optional(),
      certificateId: localId,
    })
    .superRefine((d, ctx) => {
      requiredFor(ctx, d.recipient !== undefined, TEACHER_DESIGNATIONS.includes(d.kind), ['recipient'], `for a ${d.kind}`);
      onlyFor(ctx, d.recipient !== undefined, !SCHOOL_DESIGNATIONS.includes(d.kind), ['recipient'], 'for designations of persons');
      dateOrder(ctx, d.conferredOn, d.validUntil, ['validUntil'], 'conferredOn');
    }),
});

export const spaceEvents = [
  LearningSpaceOpenedV1,
  LearningSpaceClosedV1,
  ExperiencePointsReportedV1,
  LearningActivitySummarizedV1,
  LessonPreparedV1,
  OnlineTutoringHeldV1,
  TrainingCompletedV1,
  ResearchActivityHeldV1,
  AwardReceivedV1,
  CompetitionEnteredV1,
  ArticlePublishedV1,
  ResearchProjectApprovedV1,
  ResearchProjectConcludedV1,
  DesignationConferredV1,
] as const;
