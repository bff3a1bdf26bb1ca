import { z } from 'zod';
import { count, isoDate, isoDateTime, localId, personRef, platformLevel, schoolCode, subject } from '../common';
import { defineEvent } from '../envelope';

// The learning space (网络学习空间) is where most countable items live: spaces opened
// (宁波: 师生空间开通率 ≥ 95%; 江苏: 实名空间 教师 ≥ 90%, 学生 ≥ 75%), yearly experience
// values (宁波: 年度经验值 > 60 is an active teacher space, ≥ 80% active), cloud application
// points (宁夏: 云应用指数), training hours, and online research activities.

export const spaceOwnerRole = z.enum(['teacher', 'student', 'parent', 'class', 'school']);

export const LearningSpaceOpenedV1 = defineEvent({
  family: 'space',
  name: 'LearningSpaceOpened',
  version: 1,
  summary: 'A personal, class or school learning space was opened on a platform.',
  data: z
    .strictObject({
      spaceId: localId,
      ownerRole: spaceOwnerRole,
      owner: personRef.optional().describe('the person, for teacher/student/parent spaces'),
      platformLevel,
      realName: z.boolean().describe('实名制: bound to a verified identity'),
      openedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      const personal = d.ownerRole === 'teacher' || d.ownerRole === 'student' || d.ownerRole === 'parent';
      if (personal && !d.owner) ctx.addIssue({ code: 'custom', path: ['owner'], message: `is required for a ${d.ownerRole} space`, params: { rule: 'required' } });
    }),
});

export const ExperiencePointsAwardedV1 = defineEvent({
  family: 'space',
  name: 'ExperiencePointsAwarded',
  version: 1,
  summary: "Points credited to a person's space for an activity; yearly sums give 经验值 and 云应用积分.",
  data: z.strictObject({
    awardId: localId,
    owner: personRef,
    ownerRole: z.enum(['teacher', 'student', 'parent']),
    scheme: z.enum(['空间经验值', '云应用积分']),
    points: z.number().gt(0).max(10_000),
    activity: z.string().min(1).max(64).describe('what earned them: 发布资源, 参与教研, 登录, 评论…'),
    awardedAt: isoDateTime,
  }),
});

export const TrainingCompletedV1 = defineEvent({
  family: 'space',
  name: 'TrainingCompleted',
  version: 1,
  summary: 'A teacher completed training hours (学时) on a topic.',
  data: z.strictObject({
    trainingId: localId,
    teacher: personRef,
    hours: z.number().gt(0).max(500).multipleOf(0.5).describe('学时, in half hours'),
    topic: z.enum(['信息技术应用能力', '信息素养', '人工智能', '网络安全', '数据素养', '智慧教学', '其他']),
    organiserLevel: platformLevel,
    online: z.boolean(),
    completedOn: isoDate,
  }),
});

export const ResearchActivityHeldV1 = defineEvent({
  family: 'space',
  name: 'ResearchActivityHeld',
  version: 1,
  summary: 'A lesson-preparation, teaching or research activity took place, online, synchronous or not.',
  data: z.strictObject({
    activityId: localId,
    kind: z.enum(['同步备课', '同步授课', '同步教研', '网络教研', '集体备课', '公开课', '课题研究', '名师工作室活动']),
    synchronous: z.boolean().describe('网络同步: schools took part at the same time over the network'),
    online: z.boolean(),
    organiserLevel: platformLevel,
    participants: count,
    partnerSchoolCodes: z.array(schoolCode).max(200),
    subject: subject.optional(),
    heldOn: isoDate,
  }),
});

export const spaceEvents = [LearningSpaceOpenedV1, ExperiencePointsAwardedV1, TrainingCompletedV1, ResearchActivityHeldV1] as const;
