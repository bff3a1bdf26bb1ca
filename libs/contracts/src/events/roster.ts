import { z } from 'zod';
import { classId, count, grade, isoDate, personRef, regionCode, schoolType, stage, subject } from '../common';
import { defineEvent } from '../envelope';

// Roster facts are the denominators of the standards' ratios (teachers or students per
// stage as of a date): Jiangsu's 师机比/生机比, Ningbo's 95% of teachers and students with
// a space, Ningxia's cloud index per teacher user. Published by the identity service.

export const SchoolRegisteredV1 = defineEvent({
  family: 'roster',
  name: 'SchoolRegistered',
  version: 1,
  summary: 'A school entered the registry (or its registry record changed) with its type and stages.',
  data: z.strictObject({
    name: z.string().min(2).max(100).describe('学校名称'),
    regionCode: regionCode.describe('county/district the school belongs to'),
    schoolType,
    stages: z.array(stage).min(1).max(4),
    registeredOn: isoDate,
  }),
});

export const ClassRegisteredV1 = defineEvent({
  family: 'roster',
  name: 'ClassRegistered',
  version: 1,
  summary: 'A teaching class (教学班/行政班) exists for a school year.',
  data: z.strictObject({ classId, stage, grade, openedOn: isoDate }),
});

export const TeacherAssignedV1 = defineEvent({
  family: 'roster',
  name: 'TeacherAssigned',
  version: 1,
  summary: 'A teacher or staff member started working at the school (or changed stage/subjects).',
  data: z.strictObject({
    teacher: personRef,
    post: z.enum(['专任教师', '管理人员', '教辅人员', '工勤人员']).describe('岗位: 专任教师 are the denominator of per-teacher ratios'),
    stage,
    subjects: z.array(subject).max(10),
    assignedOn: isoDate,
  }),
});

export const TeacherLeftV1 = defineEvent({
  family: 'roster',
  name: 'TeacherLeft',
  version: 1,
  summary: 'A teacher stopped working at the school; ratios as of later dates no longer count them.',
  data: z.strictObject({ teacher: personRef, leftOn: isoDate, reason: z.enum(['调出', '退休', '离职', '其他']) }),
});

export const StudentEnrolledV1 = defineEvent({
  family: 'roster',
  name: 'StudentEnrolled',
  version: 1,
  summary: 'A student enrolled in a class (new entrant, transfer in, or promotion to a new class).',
  data: z.strictObject({ student: personRef, stage, grade, classId, enrolledOn: isoDate }),
});

export const StudentLeftV1 = defineEvent({
  family: 'roster',
  name: 'StudentLeft',
  version: 1,
  summary: 'A student left the school.',
  data: z.strictObject({ student: personRef, leftOn: isoDate, reason: z.enum(['毕业', '转出', '休学', '其他']) }),
});

export const HeadcountReportedV1 = defineEvent({
  family: 'roster',
  name: 'HeadcountReported',
  version: 1,
  summary: 'Headcounts per stage as of a date, for schools whose registry gives totals rather than people (教育事业统计).',
  data: z.strictObject({
    asOf: isoDate,
    byStage: z
      .array(z.strictObject({ stage, teachers: count, students: count, classes: count }))
      .min(1)
      .max(4),
  }),
});

export const rosterEvents = [SchoolRegisteredV1, ClassRegisteredV1, TeacherAssignedV1, TeacherLeftV1, StudentEnrolledV1, StudentLeftV1, HeadcountReportedV1] as const;
