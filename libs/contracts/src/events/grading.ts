import { z } from 'zod';
import {
  checkPlatform,
  classId,
  count,
  dateOrder,
  grade,
  gradeInStage,
  isoDate,
  issue,
  localId,
  onlyFor,
  personRef,
  platform,
  platformLevel,
  requiredFor,
  stage,
  subject,
  topic,
  unique,
} from '../common';
import { defineEvent } from '../envelope';

// Grading facts stay per class and exam: dashboards show aggregates, and no minor's score
// leaves the school system. What the standards count is that the work happens digitally
// (排考, 网络阅卷, 成绩分析, 智能改作) and that every student and teacher has a digital record
// (学生成长数字档案 / 综合素质评价, 教师发展数字档案) — counted, never its content.

export const ExamScheduledV1 = defineEvent({
  family: 'grading',
  name: 'ExamScheduled',
  version: 1,
  summary: 'An exam was scheduled (排考, 考场考务): kind, stage, grades, subjects and dates; the latest event for an examId wins.',
  data: z
    .strictObject({
      examId: localId,
      kind: z.enum(['单元测验', '月考', '期中', '期末', '学业水平考试', '模拟考试', '其他']).describe('考试类型'),
      stage,
      grades: z.array(grade).min(1).max(12),
      subjects: z.array(subject).min(1).max(20),
      startsOn: isoDate,
      endsOn: isoDate,
    })
    .superRefine((d, ctx) => {
      gradeInStage(ctx, d.stage, d.grades, ['grades']);
      unique(ctx, d.grades, ['grades']);
      unique(ctx, d.subjects, ['subjects']);
      dateOrder(ctx, d.startsOn, d.endsOn, ['endsOn'], 'startsOn');
    }),
});

export const ExamScoresPublishedV1 = defineEvent({
  family: 'grading',
  name: 'ExamScoresPublished',
  version: 1,
  summary: "One class's results of one exam subject were registered (成绩登记), with how they were marked — counts only, no scores.",
  data: z
    .strictObject({
      examId: localId,
      classId,
      subject,
      candidates: count.describe('应考人数'),
      scored: count.describe('已登记成绩人数'),
      markingMode: z.enum(['人工', '网络阅卷']).describe('阅卷方式 (Ningxia 40 网络阅卷)'),
      platform: platform.optional().describe('where the results were registered, e.g. 宁夏教育云'),
      platformLevel: platformLevel.optional(),
      publishedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      if (d.scored > d.candidates) issue(ctx, ['scored'], 'max', `cannot exceed candidates (${d.candidates})`);
    }),
});

export const ScoreAnalysisGeneratedV1 = defineEvent({
  family: 'grading',
  name: 'ScoreAnalysisGenerated',
  version: 1,
  summary: 'A 学情/教情/质量 analysis or 学业诊断 was produced for a class, grade or the school.',
  data: z
    .strictObject({
      analysisId: localId,
      examId: localId.optional(),
      analysisKind: z.enum(['学情分析', '教情分析', '质量分析', '学业诊断']).describe('分析类型'),
      scope: z.enum(['班级', '年级', '学校']).describe('范围'),
      classId: classId.optional().describe('for scope 班级'),
      grade: grade.optional().describe('for scope 年级'),
      subject: subject.optional(),
      platform: platform.optional(),
      platformLevel: platformLevel.optional(),
      generatedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      requiredFor(ctx, d.classId !== undefined, d.scope === '班级', ['classId'], "for scope '班级'");
      onlyFor(ctx, d.classId !== undefined, d.scope === '班级', ['classId'], "for scope '班级'");
      requiredFor(ctx, d.grade !== undefined, d.scope === '年级', ['grade'], "for scope '年级'");
      onlyFor(ctx, d.grade !== undefined, d.scope === '年级', ['grade'], "for scope '年级'");
    }),
});

export const HomeworkGradedV1 = defineEvent({
  family: 'grading',
  name: 'HomeworkGraded',
  version: 1,
  summary: 'A homework set for a class was marked, by hand or by 智能改作, on a platform or not (作业管理).',
  data: z
    .strictObject({
      assignmentId: localId,
      classId,
      subject,
      teacher: personRef,
      assignedOn: isoDate,
      gradedOn: isoDate,
      gradingMode: z.enum(['人工', '智能改作']).describe('批改方式 (Wenzhou 14 智能改作)'),
      platform: platform.optional(),
      platformLevel: platformLevel.optional(),
      recipients: count.describe('布置人数'),
      submissions: count.describe('提交人数'),
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      dateOrder(ctx, d.assignedOn, d.gradedOn, ['gradedOn'], 'assignedOn');
      if (d.submissions > d.recipients) issue(ctx, ['submissions'], 'max', `cannot exceed recipients (${d.recipients})`);
    }),
});

export const GrowthRecordAddedV1 = defineEvent({
  family: 'grading',
  name: 'GrowthRecordAdded',
  version: 1,
  summary: "An entry was added to a student's digital record (学生成长数字档案 / 综合素质评价) in one of 德智体美劳 — counted, never its content.",
  data: z
    .strictObject({
      student: personRef,
      dimension: z.enum(['德', '智', '体', '美', '劳']).describe('五育 dimension (Wenzhou 17, Ningxia 32); 智 = 学业/学习'),
      source: z
        .enum(['自动采集', '主观测评', '客观测评', '教师录入', '学生自评', '家长评价'])
        .describe('来源: 自动采集 (智能化应用, 自动感知), 主观/客观测评, 录入'),
      topics: z.array(topic).max(5).default([]).describe('主题, e.g. 人工智能 for an AI-literacy evaluation (Ningxia 29)'),
      platform: platform.describe('where the record is kept: 宁夏教育云, 学校自建, or 其他 (省/市 综合素质评价系统) with its level'),
      platformLevel,
      recordedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      unique(ctx, d.topics, ['topics']);
    }),
});

export const TeacherRecordAddedV1 = defineEvent({
  family: 'grading',
  name: 'TeacherRecordAdded',
  version: 1,
  summary: "An entry was added to a teacher's development record (教师发展数字档案), including 信息素养测评 results.",
  data: z
    .strictObject({
      teacher: personRef,
      category: z.enum(['教学', '教研', '培训', '专业发展', '评教', '课题', '成果', '信息素养测评']).describe('档案类别 (Ningxia 34)'),
      result: z.enum(['优秀', '良好', '合格', '不合格']).optional().describe('测评等次 of a 信息素养测评 (Ningxia 48)'),
      round: localId.optional().describe('测评批次 of a 信息素养测评'),
      platform: platform.optional(),
      platformLevel: platformLevel.optional(),
      recordedOn: isoDate,
    })
    .superRefine((d, ctx) => {
      checkPlatform(ctx, d);
      const assessment = d.category === '信息素养测评';
      requiredFor(ctx, d.result !== undefined, assessment, ['result'], "for category '信息素养测评'");
      onlyFor(ctx, d.result !== undefined, assessment, ['result'], "for category '信息素养测评'");
      requiredFor(ctx, d.round !== undefined, assessment, ['round'], "for category '信息素养测评'");
      onlyFor(ctx, d.round !== undefined, assessment, ['round'], "for category '信息素养测评'");
    }),
});

export const gradingEvents = [
  ExamScheduledV1,
  ExamScoresPublishedV1,
  ScoreAnalysisGeneratedV1,
  HomeworkGradedV1,
  GrowthRecordAddedV1,
  TeacherRecordAddedV1,
] as const;
