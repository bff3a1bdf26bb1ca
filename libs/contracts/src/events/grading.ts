import { z } from 'zod';
import { classId, count, grade, isoDate, localId, personRef, stage, subject } from '../common';
import { defineEvent } from '../envelope';

// Grading facts stay per class and exam: dashboards show aggregates, and no minor's score
// needs to leave the school system for the standards' items (online marking, analysis
// reports, layered homework) to be counted.

export const ExamHeldV1 = defineEvent({
  family: 'grading',
  name: 'ExamHeld',
  version: 1,
  summary: 'An exam or test took place, with how it was delivered and marked.',
  data: z.strictObject({
    examId: localId,
    kind: z.enum(['单元测验', '月考', '期中', '期末', '学业水平考试', '模拟考试', '其他']),
    stage,
    grades: z.array(grade).min(1).max(12),
    subjects: z.array(subject).min(1).max(20),
    heldOn: isoDate,
    delivery: z.enum(['纸笔', '在线', '机考']),
    marking: z.enum(['人工', '网上阅卷', '智能批改']),
  }),
});

export const ScoresPublishedV1 = defineEvent({
  family: 'grading',
  name: 'ScoresPublished',
  version: 1,
  summary: "One class's results of one exam subject, as aggregates, with whether an analysis report was produced.",
  data: z.strictObject({
    examId: localId,
    classId,
    subject,
    candidates: count,
    scored: count,
    average: z.number().min(0).max(1000),
    fullMarks: z.number().positive().max(1000),
    analysisReport: z.boolean().describe('学情分析报告 generated for the class'),
    publishedOn: isoDate,
  }),
});

export const HomeworkAssignedV1 = defineEvent({
  family: 'grading',
  name: 'HomeworkAssigned',
  version: 1,
  summary: 'A teacher set homework for a class, online or not, layered or personalised or not.',
  data: z.strictObject({
    assignmentId: localId,
    classId,
    subject,
    teacher: personRef,
    assignedOn: isoDate,
    online: z.boolean(),
    personalised: z.boolean().describe('分层/个性化作业'),
    recipients: count,
    submissions: count,
  }),
});

export const EvaluationRecordedV1 = defineEvent({
  family: 'grading',
  name: 'EvaluationRecorded',
  version: 1,
  summary: 'An entry of a student\'s comprehensive evaluation (综合素质评价) was recorded electronically.',
  data: z.strictObject({
    student: personRef,
    dimension: z.enum(['思想品德', '学业水平', '身心健康', '艺术素养', '社会实践', '劳动教育']),
    recordedOn: isoDate,
    recordedBy: z.enum(['teacher', 'student', 'parent', 'system']),
  }),
});

export const gradingEvents = [ExamHeldV1, ScoresPublishedV1, HomeworkAssignedV1, EvaluationRecordedV1] as const;
