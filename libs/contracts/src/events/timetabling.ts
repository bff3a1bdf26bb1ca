import { z } from 'zod';
import { classId, grade, isoDate, localId, personRef, schoolCode, stage, subject } from '../common';
import { defineEvent } from '../envelope';

/**
 * 授课方式. 专递课堂/名师课堂/名校网络课堂 are the ministry's "三个课堂"; 同步课堂 and
 * 双师课堂 are the city guides' synchronous forms; 线上 is a fully online lesson.
 */
export const lessonMode = z.enum(['线下', '线上', '同步课堂', '双师课堂', '专递课堂', '名师课堂', '名校网络课堂']);

export const roomType = z.enum(['普通教室', '多媒体教室', '智慧教室', '录播教室', '计算机教室', '创新实验室', '创客空间', '专用教室', '其他']);

export const LessonTimetabledV1 = defineEvent({
  family: 'timetabling',
  name: 'LessonTimetabled',
  version: 1,
  summary: 'A lesson was scheduled (or rescheduled: same lessonId, later event wins) with its mode and room.',
  data: z.strictObject({
    lessonId: localId,
    date: isoDate,
    period: z.number().int().min(1).max(16),
    stage,
    grade,
    classId,
    subject,
    teacher: personRef,
    mode: lessonMode,
    roomType,
    /** Schools at the other end of a 专递/同步/名校网络 lesson (the receiving or giving side). */
    partnerSchoolCodes: z.array(schoolCode).max(50).default([]),
  }),
});

export const LessonCancelledV1 = defineEvent({
  family: 'timetabling',
  name: 'LessonCancelled',
  version: 1,
  summary: 'A scheduled lesson will not take place.',
  data: z.strictObject({ lessonId: localId, reason: z.string().min(1).max(200) }),
});

export const LessonPreparedV1 = defineEvent({
  family: 'timetabling',
  name: 'LessonPrepared',
  version: 1,
  summary: 'A teacher prepared a lesson (备课), on a platform or not, alone or collectively.',
  data: z.strictObject({
    lessonId: localId.optional(),
    teacher: personRef,
    stage,
    subject,
    preparedOn: isoDate,
    onPlatform: z.boolean().describe('网络备课: prepared on a lesson-preparation platform'),
    collective: z.boolean().describe('集体备课'),
  }),
});

export const CourseOfferedV1 = defineEvent({
  family: 'timetabling',
  name: 'CourseOffered',
  version: 1,
  summary: 'A course is offered for a semester: national curriculum, 校本课程 or a featured course.',
  data: z.strictObject({
    courseId: localId,
    title: z.string().min(1).max(100),
    kind: z.enum(['国家课程', '地方课程', '校本课程']),
    topic: z.enum(['信息科技', '人工智能', '编程', '创客', 'STEAM', '机器人', '其他']),
    stage,
    grades: z.array(grade).min(1).max(12),
    weeklyPeriods: z.number().min(0).max(40),
    semesterStart: isoDate,
  }),
});

export const timetablingEvents = [LessonTimetabledV1, LessonCancelledV1, LessonPreparedV1, CourseOfferedV1] as const;
