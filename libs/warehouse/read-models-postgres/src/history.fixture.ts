// Fixtures for this library's tests: positioned events of every projected family, with the
// conflicts out-of-order arrival makes hard (reschedule vs cancellation, status before
// registration, corrected days, equal instants decided by id).
import * as E from '@educube/contracts';
import type { CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { valid } from '@educube/warehouse-read-models/testing';
import type { PositionedEvent } from './read-models';

export { valid };

export function history(schools = 3): PositionedEvent[] {
  const events: CloudEvent[] = [];
  const t = (day: number, hour = 8): string => `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  for (let s = 1; s <= schools; s++) {
    const subject = `33020300${String(s).padStart(2, '0')}`;
    const e = (ev: CloudEvent): void => void events.push(valid(ev));
    e(anEvent(E.SchoolCalendarPublishedV1, {}, { subject, time: t(1) }));
    e(anEvent(E.LessonTimetabledV1, { lessonId: 'L-1' }, { subject, time: t(1) }));
    e(anEvent(E.LessonTimetabledV1, { lessonId: 'L-1', date: '2026-09-14' }, { subject, time: t(2) }));
    e(anEvent(E.LessonCancelledV1, { lessonId: 'L-1' }, { subject, time: t(3) }));
    e(anEvent(E.LessonTimetabledV1, { lessonId: 'L-2', mode: '线下', partnerSchoolCodes: [], subject: '语文' }, { subject, time: t(1) }));
    e(anEvent(E.LessonDeliveredV1, {}, { subject, time: t(7) }));
    e(anEvent(E.LessonDeliveredV1, { lessonId: 'L-5', periods: 2 }, { subject, time: t(7) }));
    e(anEvent(E.ExamScheduledV1, {}, { subject, time: t(1) }));
    e(anEvent(E.ExamScoresPublishedV1, { scored: 30 }, { subject, time: t(12) }));
    e(anEvent(E.ExamScoresPublishedV1, { scored: 40 }, { subject, time: t(13) }));
    e(anEvent(E.DeviceRegisteredV1, { assetId: 'A-1' }, { subject, time: t(1) }));
    e(anEvent(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '故障' }, { subject, time: t(10) }));
    e(anEvent(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '维修' }, { subject, time: t(10) }));
    e(
      anEvent(
        E.DeviceRegisteredV1,
        { assetId: 'A-2', deviceType: '笔记本计算机', ownerRole: 'teacher', roomId: undefined, capabilities: [] },
        { subject, time: t(1) },
      ),
    );
    e(anEvent(E.DeviceStatusChangedV1, { assetId: 'A-3', status: '在用' }, { subject, time: t(2) }));
    e(anEvent(E.DailyAttendanceRecordedV1, {}, { subject, time: t(7, 9) }));
    e(anEvent(E.DailyAttendanceRecordedV1, { present: 40, late: 0, onLeave: 0, absent: 0 }, { subject, time: t(7, 17) }));
    e(
      anEvent(
        E.DailyAttendanceRecordedV1,
        { role: 'teacher', classId: undefined, stage: undefined, grade: undefined, expected: 80, present: 76, late: 0, onLeave: 4, absent: 0 },
        { subject, time: t(7) },
      ),
    );
    e(anEvent(E.LearningSpaceOpenedV1, {}, { subject, time: t(1) }));
    e(anEvent(E.LearningSpaceClosedV1, {}, { subject, time: t(20) }));
    e(anEvent(E.LearningSpaceOpenedV1, { spaceId: 'SP-2', ownerRole: 'student', owner: { system: 'card', localId: 'S2' } }, { subject, time: t(1) }));
    e(anEvent(E.ExperiencePointsReportedV1, { points: 40 }, { subject, time: t(15) }));
    e(anEvent(E.ExperiencePointsReportedV1, { points: 61.5 }, { subject, time: t(16) }));
    e(anEvent(E.LearningActivitySummarizedV1, {}, { subject, time: t(30) }));
    e(anEvent(E.LearningActivitySummarizedV1, { person: { system: 'card', localId: 'S2' } }, { subject, time: t(30) }));
    e(anEvent(E.TrainingCompletedV1, {}, { subject, time: t(15) }));
    e(anEvent(E.TrainingCompletedV1, { trainingId: 'TR-2', hours: 0.5 }, { subject, time: t(16) }));
    e(anEvent(E.ResearchActivityHeldV1, {}, { subject, time: t(20) }));
    e(
      anEvent(E.ResourceUploadedV1, { uploadedAt: '2026-08-31T23:30:00+08:00', kind: '课件', lessonCount: undefined, components: [] }, { subject, time: t(1) }),
    );
    e(anEvent(E.ResourceUploadedV1, { resourceId: 'RS-2', uploadedAt: '2026-08-31T16:30:00Z' }, { subject, time: t(1) }));
    e(anEvent(E.ResourceSharedV1, {}, { subject, time: t(12) }));
    e(anEvent(E.ResourceWithdrawnV1, {}, { subject, time: t(12) }));
    e(anEvent(E.TeacherAssignedV1, {}, { subject, time: t(1) }));
    e(anEvent(E.HeadcountReportedV1, { asOf: '2026-09-01' }, { subject, time: t(1) }));
    e(anEvent(E.HeadcountReportedV1, { asOf: '2026-09-01', byStage: [{ stage: '小学', teachers: 82, students: 1200, classes: 30 }] }, { subject, time: t(2) }));
  }
  return events.map((event, i) => ({ position: BigInt(i + 1), event }));
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
