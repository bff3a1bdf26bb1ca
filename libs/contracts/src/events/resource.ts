import { z } from 'zod';
import { grade, isoDate, isoDateTime, localId, personRef, platformLevel, stage, subject } from '../common';
import { defineEvent } from '../envelope';

/** 资源类型 as the standards count them (宁波: 微课, 试卷, 校本课程资源, 家庭教育资源). */
export const resourceKind = z.enum(['微课', '课件', '教案', '教学设计', '试卷', '习题', '校本课程资源', '家庭教育资源', '课例', '素材', '专题教育', '其他']);

export const ResourceUploadedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceUploaded',
  version: 1,
  summary: 'A teacher or the school uploaded a resource to a platform.',
  data: z
    .strictObject({
      resourceId: localId,
      uploader: personRef.optional().describe('absent for a resource the school itself publishes'),
      kind: resourceKind,
      title: z.string().min(1).max(200),
      stage: stage.optional(),
      grade: grade.optional(),
      subject: subject.optional(),
      /** For a 微课 series (a micro-course): how many micro-lessons it holds. */
      microLessonCount: z.number().int().min(1).max(500).optional(),
      durationMinutes: z.number().min(0).max(600).optional(),
      platformLevel: platformLevel.describe('the platform it was uploaded to'),
      original: z.boolean().describe('原创 (not collected from elsewhere)'),
      uploadedAt: isoDateTime,
    })
    .superRefine((d, ctx) => {
      if (d.microLessonCount !== undefined && d.kind !== '微课') {
        ctx.addIssue({ code: 'custom', path: ['microLessonCount'], message: "only a '微课' resource has micro-lessons", params: { rule: 'only-for-kind' } });
      }
    }),
});

export const ResourceUpdatedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceUpdated',
  version: 1,
  summary: 'An existing resource was revised (宁波 counts test papers added or updated).',
  data: z.strictObject({ resourceId: localId, kind: resourceKind, updatedBy: personRef.optional(), updatedAt: isoDateTime }),
});

export const ResourceSharedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceShared',
  version: 1,
  summary: 'A resource was shared to (accepted on) a platform of a given level.',
  data: z.strictObject({ resourceId: localId, kind: resourceKind, sharedBy: personRef.optional(), toLevel: platformLevel, sharedAt: isoDateTime }),
});

export const ResourceRecommendedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceRecommended',
  version: 1,
  summary: 'The school recommended a resource to an audience (宁波: ≥ 20 family-education resources a year).',
  data: z.strictObject({
    resourceId: localId,
    kind: resourceKind,
    audience: z.enum(['家长', '学生', '教师']),
    recommendedAt: isoDateTime,
  }),
});

export const AchievementRecognizedV1 = defineEvent({
  family: 'resource',
  name: 'AchievementRecognized',
  version: 1,
  summary: 'An award, publication or title recognised at a level (宁夏: 0.5 per award up to 5, 0.5 per paper up to 4).',
  data: z
    .strictObject({
      achievementId: localId,
      kind: z.enum(['论文', '课题', '优课', '微课', '信息化教学成果', '学生竞赛', '示范校', '表彰', '其他']),
      level: z.enum(['county', 'city', 'province', 'national', 'ministry']),
      awardeeRole: z.enum(['teacher', 'student', 'school']),
      awardee: personRef.optional(),
      rank: z.string().max(32).optional().describe('一等奖, 二等奖, …'),
      recognizedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      if (d.awardeeRole !== 'school' && !d.awardee) ctx.addIssue({ code: 'custom', path: ['awardee'], message: `is required when awardeeRole is '${d.awardeeRole}'`, params: { rule: 'required' } });
    }),
});

export const resourceEvents = [ResourceUploadedV1, ResourceUpdatedV1, ResourceSharedV1, ResourceRecommendedV1, AchievementRecognizedV1] as const;
