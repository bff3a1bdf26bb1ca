// Test fixtures (entry point @educube/warehouse-read-models/testing, not exported from index:
// production code never needs them, and @educube/contracts/testing stays out of the runtime graph).
import * as E from '@educube/contracts';
import { eventRegistry, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';

/** The event as validation hands it on: defaults applied. Throws with the problems otherwise. */
export function valid(raw: CloudEvent): CloudEvent {
  const result = eventRegistry.validate(raw, { now: new Date('2030-01-01T00:00:00Z') });
  if (!result.ok) throw new Error(`invalid fixture ${raw.type}: ${JSON.stringify(result.problems)}`);
  return result.event;
}

/** A deterministic shuffle (mulberry32), so a failing order can be replayed by its seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = out[i] as T;
    out[i] = out[j] as T;
    out[j] = swap;
  }
  return out;
}

/**
 * Two schools' worth of every projected family, with the conflicts out-of-order arrival
 * makes hard: a reschedule and a cancellation of one lesson, a device's status changing
 * before its registration is seen, a corrected attendance day, two events at the same
 * instant (decided by id), uploads either side of 1 September.
 */
export function mixedHistory(): CloudEvent[] {
  const events: CloudEvent[] = [];
  const t = (day: number, hour = 8): string => `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  for (const subject of ['3302030001', '3302030002']) {
    const e = (ev: CloudEvent): void => void events.push(valid(ev));
    e(anEvent(E.SchoolCalendarPublishedV1, {}, { subject, time: t(1) }));
    e(anEvent(E.LessonTimetabledV1, { lessonId: 'L-1' }, { subject, time: t(1) }));
    e(anEvent(E.LessonTimetabledV1, { lessonId: 'L-1', date: '2026-09-14' }, { subject, time: t(2) }));
    e(anEvent(E.LessonCancelledV1, { lessonId: 'L-1' }, { subject, time: t(3) }));
    e(anEvent(E.LessonTimetabledV1, { lessonId: 'L-2', mode: '线下', partnerSchoolCodes: [], subject: '语文' }, { subject, time: t(1) }));
    e(anEvent(E.LessonCancelledV1, { lessonId: 'L-2' }, { subject, time: t(1) }));
    e(anEvent(E.LessonDeliveredV1, {}, { subject, time: t(7) }));
    e(anEvent(E.LessonDeliveredV1, { lessonId: 'L-5', periods: 2 }, { subject, time: t(7) }));
    e(anEvent(E.ExamScheduledV1, {}, { subject, time: t(1) }));
    e(anEvent(E.ExamScheduledV1, { kind: '期末', startsOn: '2027-01-10', endsOn: '2027-01-12' }, { subject, time: t(5) }));
    e(anEvent(E.ExamScoresPublishedV1, { scored: 30 }, { subject, time: t(12) }));
    e(anEvent(E.ExamScoresPublishedV1, { scored: 40 }, { subject, time: t(13) }));
    e(anEvent(E.ExamScoresPublishedV1, { classId: 'C-2022-5-2', scored: 39, candidates: 39 }, { subject, time: t(12) }));
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
    e(anEvent(E.DailyAttendanceRecordedV1, { classId: 'C-2026-1-2', date: '2026-09-08' }, { subject, time: t(8) }));
    e(anEvent(E.LearningSpaceOpenedV1, {}, { subject, time: t(1) }));
    e(anEvent(E.LearningSpaceClosedV1, {}, { subject, time: t(20) }));
    e(anEvent(E.LearningSpaceOpenedV1, { spaceId: 'SP-2', ownerRole: 'class', owner: undefined, classId: 'C-2026-1-1' }, { subject, time: t(1) }));
    e(anEvent(E.ExperiencePointsReportedV1, { points: 40 }, { subject, time: t(15) }));
    e(anEvent(E.ExperiencePointsReportedV1, { points: 61.5 }, { subject, time: t(16) }));
    e(anEvent(E.LearningActivitySummarizedV1, {}, { subject, time: t(30) }));
    e(anEvent(E.LearningActivitySummarizedV1, { person: { system: 'card', localId: 'S2' } }, { subject, time: t(30) }));
    e(anEvent(E.TrainingCompletedV1, {}, { subject, time: t(15) }));
    e(anEvent(E.TrainingCompletedV1, { trainingId: 'TR-2', hours: 0.5 }, { subject, time: t(16) }));
    e(anEvent(E.ResearchActivityHeldV1, {}, { subject, time: t(20) }));
    e(anEvent(E.ResourceUploadedV1, { uploadedAt: '2026-08-31T23:30:00+08:00' }, { subject, time: t(1) }));
    e(anEvent(E.ResourceUploadedV1, { resourceId: 'RS-2', uploadedAt: '2026-08-31T16:30:00Z' }, { subject, time: t(1) }));
    e(anEvent(E.ResourceSharedV1, {}, { subject, time: t(12) }));
    e(anEvent(E.ResourceWithdrawnV1, {}, { subject, time: t(12) }));
    e(anEvent(E.TeacherAssignedV1, {}, { subject, time: t(1) }));
    e(anEvent(E.HeadcountReportedV1, { asOf: '2026-09-01' }, { subject, time: t(1) }));
    e(anEvent(E.HeadcountReportedV1, { asOf: '2026-09-01', byStage: [{ stage: '小学', teachers: 82, students: 1200, classes: 30 }] }, { subject, time: t(2) }));
  }
  return events;
}
