import { z } from 'zod';
import {
  audience,
  checkPlatform,
  count,
  grade,
  gradeInStage,
  isoDate,
  isoDateTime,
  issue,
  level,
  localId,
  onlyFor,
  personRef,
  platform,
  platformLevel,
  platformModule,
  stage,
  subject,
  unique,
} from '../common';
import { defineEvent } from '../envelope';

// Digital resources: what is uploaded where (platform and level), by whom, of which kind,
// subject and theme; updates, reviews, shares to a platform level, recommendations to an
// audience, withdrawals, and the digital library's holdings. No title or content travels:
// a student work is known by its kind, never by a name.

/** 资源类型 as the standards count them. */
export const resourceKind = z
  .enum([
    '微课',
    '微课程',
    '慕课',
    '教学设计',
    '教案',
    '学案',
    '课件',
    '作业练习',
    '试卷',
    '试题',
    '实验演示',
    '校本课程资源',
    '家庭教育资源',
    '名师课程',
    '综合实践课程',
    '网络课程',
    '特色资源',
    '学生作品',
    '课堂实录',
    '其他',
  ])
  .describe('资源类型: 微课程 = a series of 微课; 慕课 = 主题慕课; 试卷/试题 counted in 份');
/** Kinds that hold lessons (节/课时), so lessonCount applies. */
export const COURSE_RESOURCE_KINDS: readonly string[] = ['微课程', '慕课', '校本课程资源', '家庭教育资源', '名师课程', '综合实践课程', '网络课程'];

export const resourceTheme = z
  .enum(['德育', '体育', '美育', '劳动教育', '人工智能', '科技创新', '社团活动', '文体活动', '学校特色活动'])
  .describe('拓展性主题 (Ningxia 19); a resource with a theme is a 素质教育课程资源');

export const ResourceUploadedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceUploaded',
  version: 1,
  summary: 'A teacher, student or the school uploaded a resource to a platform (新增数字资源).',
  data: z
    .strictObject({
      resourceId: localId,
      kind: resourceKind,
      uploader: personRef.optional().describe('absent for a resource the school itself publishes'),
      uploaderRole: z.enum(['teacher', 'student', 'staff', 'school']).describe('上传者'),
      stage: stage.optional(),
      grades: z.array(grade).max(12).default([]),
      subject: subject.optional().describe('学科; a resource with a subject is a 学科资源'),
      knowledgePoints: z.array(localId).max(200).default([]).describe('知识点 ids of the platform’s 知识图谱 or the 教材目录'),
      theme: resourceTheme.optional(),
      lessonCount: z
        .number()
        .int()
        .min(1)
        .max(500)
        .optional()
        .describe('节数/课时 of a course resource: 微课 in a 微课程 (≥ 6), 节 of a 慕课, 课时 of a 校本课程资源 (≥ 12)'),
      components: z
        .array(z.enum(['视频', '教案', '学案', '练习', '授课教师介绍']))
        .max(5)
        .default([])
        .describe('组成 of a 微课/微课程'),
      problemSolvingGuidance: z.boolean().optional().describe('侧重思路指导 (针对教学重难点及课后作业难题), for a 微课'),
      audience: audience.describe('面向'),
      origin: z.enum(['原创', '课堂录制', '引进']).describe('来源: 原创 (自建、自主命题), 课堂录制 (课堂生成性资源), 引进'),
      platform,
      platformLevel,
      platformModule: platformModule.optional(),
      uploadedAt: isoDateTime,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      if (d.uploaderRole === 'school' && d.uploader)
        issue(ctx, ['uploader'], 'only-for-kind', "a resource the school publishes (uploaderRole 'school') names no person");
      if (d.uploaderRole !== 'school' && !d.uploader) issue(ctx, ['uploader'], 'required', `is required when uploaderRole is '${d.uploaderRole}'`);
      onlyFor(
        ctx,
        d.lessonCount !== undefined,
        COURSE_RESOURCE_KINDS.includes(d.kind),
        ['lessonCount'],
        `for course resources (${COURSE_RESOURCE_KINDS.join(', ')})`,
      );
      onlyFor(ctx, d.components.length > 0, d.kind === '微课' || d.kind === '微课程', ['components'], "for a '微课' or '微课程'");
      onlyFor(ctx, d.problemSolvingGuidance !== undefined, d.kind === '微课', ['problemSolvingGuidance'], "for a '微课'");
      gradeInStage(ctx, d.stage, d.grades, ['grades']);
      unique(ctx, d.grades, ['grades']);
      unique(ctx, d.components, ['components']);
      unique(ctx, d.knowledgePoints, ['knowledgePoints']);
    }),
});

export const ResourceUpdatedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceUpdated',
  version: 1,
  summary: 'An existing resource was revised (增加或更新, 及时更新).',
  data: z.strictObject({ resourceId: localId, kind: resourceKind, updatedAt: isoDateTime }),
});

export const ResourceReviewedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceReviewed',
  version: 1,
  summary: 'A resource was reviewed at a level: passed (通过校级审核), failed, or selected as 优质.',
  data: z.strictObject({
    resourceId: localId,
    reviewLevel: level.describe('审核级别'),
    decision: z.enum(['通过', '不通过', '优质']).describe('审核结论: 优质 = 通过 and selected as high quality (入选)'),
    reviewedOn: isoDate,
  }),
});

export const ResourceSharedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceShared',
  version: 1,
  summary: 'A resource was shared to (accepted on) a platform of a given level; school level = 校内共享.',
  data: z
    .strictObject({
      resourceId: localId,
      kind: resourceKind,
      sharedBy: personRef.optional().describe('the teacher who shared it; absent when the school shares'),
      platform: platform.describe('the platform it was shared to'),
      platformLevel,
      platformModule: platformModule.optional(),
      openToPublic: z.boolean().default(false).describe('面向社会公开 (社会公益服务)'),
      sharedAt: isoDateTime,
    })
    .superRefine((d, ctx) => checkPlatform(ctx, d)),
});

export const ResourceRecommendedV1 = defineEvent({
  family: 'resource',
  name: 'ResourceRecommended',
  version: 1,
  summary: 'The school or a teacher recommended (pushed) a resource to an audience (家庭教育资源 to parents, 个性化推送).',
  data: z
    .strictObject({
      resourceId: localId,
      kind: resourceKind,
      audience,
      channel: z.enum(['数字家长学校', '网络学习空间', '其他']).describe('推荐渠道'),
      personalised: z.boolean().default(false).describe('个性化、精准化推送'),
      recipients: count.optional().describe('人数 it was pushed to'),
      platform: platform.optional(),
      platformLevel: platformLevel.optional(),
      recommendedAt: isoDateTime,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      if (d.channel === '数字家长学校' && d.audience !== 'parent')
        issue(ctx, ['audience'], 'consistent', "the 数字家长学校 recommends to parents (audience 'parent')");
    }),
});

export const ResourceWithdrawnV1 = defineEvent({
  family: 'resource',
  name: 'ResourceWithdrawn',
  version: 1,
  summary: 'A resource was taken down; library holdings as of later dates leave it out.',
  data: z.strictObject({ resourceId: localId, withdrawnAt: isoDateTime }),
});

export const DigitalLibraryHoldingsReportedV1 = defineEvent({
  family: 'resource',
  name: 'DigitalLibraryHoldingsReported',
  version: 1,
  summary: "The digital library's holdings as of a date (生均数字图书 ≥ 10 册), and whether it links to a regional library and supports mobile reading.",
  data: z.strictObject({
    ebooks: count.describe('数字图书 册'),
    ejournals: count.describe('数字期刊 种'),
    linkedToRegionalLibrary: z.boolean().describe('与区域数字图书馆互联互通'),
    mobileReading: z.boolean().describe('支持移动阅读'),
    reportedOn: isoDate,
  }),
});

export const resourceEvents = [
  ResourceUploadedV1,
  ResourceUpdatedV1,
  ResourceReviewedV1,
  ResourceSharedV1,
  ResourceRecommendedV1,
  ResourceWithdrawnV1,
  DigitalLibraryHoldingsReportedV1,
] as const;
