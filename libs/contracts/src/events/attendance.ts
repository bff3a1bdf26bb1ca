import { z } from 'zod';
import { classId, count, grade, gradeInStage, isoDate, issue, localId, stage, unique } from '../common';
import { defineEvent } from '../envelope';

// Attendance is sent as daily counts (per class for students, for the staff as a whole, per
// gate): the standards ask that presence and entry are recorded electronically (教师考勤,
// 出入记录, 访客, 测温), not who was where. No raw body temperature of anyone travels.

export const DailyAttendanceRecordedV1 = defineEvent({
  family: 'attendance',
  name: 'DailyAttendanceRecorded',
  version: 1,
  summary: "One class's (or the staff's) attendance for one day, as counts (学生考勤, 教师考勤).",
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
      method: z.enum(['刷卡', '人脸识别', '电子班牌', '手工', '其他']).describe('考勤方式: 刷卡 = 智能卡'),
    })
    .superRefine((d, ctx) => {
      if (d.present + d.onLeave + d.absent !== d.expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['expected'],
          message: `present + onLeave + absent (${d.present + d.onLeave + d.absent}) must equal expected (${d.expected})`,
          params: { rule: 'sum' },
        });
      }
      if (d.late > d.present)
        ctx.addIssue({ code: 'custom', path: ['late'], message: 'late students are also present, so late cannot exceed present', params: { rule: 'max' } });
      if (d.role === 'student' && d.classId === undefined)
        ctx.addIssue({ code: 'custom', path: ['classId'], message: "is required when role is 'student'", params: { rule: 'required' } });
      gradeInStage(ctx, d.stage, d.grade, ['grade']);
    }),
});

export const GatePassesSummarizedV1 = defineEvent({
  family: 'attendance',
  name: 'GatePassesSummarized',
  version: 1,
  summary:
    "One gate's entries and exits for one day, as counts per identification method, with visitors registered and temperature checks (flags counted, never temperatures).",
  data: z
    .strictObject({
      gateId: localId.describe('出入口 (a roomId of kind 出入口, or the gate system’s id)'),
      date: isoDate,
      passes: z
        .array(z.strictObject({ method: z.enum(['刷卡', '人脸识别', '二维码', '人工']).describe('身份识别方式: 刷卡 = 智能卡'), count }))
        .min(1)
        .max(4),
      visitors: count.default(0).describe('访客登记人数'),
      temperatureChecks: count.default(0).describe('测温人次'),
      temperatureAbnormal: count.default(0).describe('体温异常人次'),
    })
    .superRefine((d, ctx) => {
      unique(ctx, d.passes, ['passes'], (p) => p.method);
      const total = d.passes.reduce((n, p) => n + p.count, 0) + d.visitors;
      if (d.temperatureChecks > total) issue(ctx, ['temperatureChecks'], 'max', `cannot exceed the day's passes and visitors (${total})`);
      if (d.temperatureAbnormal > d.temperatureChecks) issue(ctx, ['temperatureAbnormal'], 'max', `cannot exceed temperatureChecks (${d.temperatureChecks})`);
    }),
});

export const attendanceEvents = [DailyAttendanceRecordedV1, GatePassesSummarizedV1] as const;
