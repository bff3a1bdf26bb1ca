import { z } from 'zod';
import { classId, count, grade, isoDate, stage } from '../common';
import { defineEvent } from '../envelope';

export const DailyAttendanceRecordedV1 = defineEvent({
  family: 'attendance',
  name: 'DailyAttendanceRecorded',
  version: 1,
  summary: "One class's (or the staff's) attendance for one day, as counts.",
  data: z
    .strictObject({
      date: isoDate,
      role: z.enum(['student', 'teacher']),
      classId: classId.optional().describe('required for students'),
      stage: stage.optional(),
      grade: grade.optional(),
      expected: count,
      present: count,
      late: count,
      onLeave: count,
      absent: count,
      method: z.enum(['刷卡', '人脸识别', '电子班牌', '手工', '其他']),
    })
    .superRefine((d, ctx) => {
      if (d.present + d.onLeave + d.absent !== d.expected) {
        ctx.addIssue({ code: 'custom', path: ['expected'], message: `present + onLeave + absent (${d.present + d.onLeave + d.absent}) must equal expected (${d.expected})`, params: { rule: 'sum' } });
      }
      if (d.late > d.present) ctx.addIssue({ code: 'custom', path: ['late'], message: 'late students are also present, so late cannot exceed present', params: { rule: 'max' } });
      if (d.role === 'student' && d.classId === undefined) ctx.addIssue({ code: 'custom', path: ['classId'], message: "is required when role is 'student'", params: { rule: 'required' } });
    }),
});

export const attendanceEvents = [DailyAttendanceRecordedV1] as const;
