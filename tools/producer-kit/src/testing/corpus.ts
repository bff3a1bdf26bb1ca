import { ExamScoresPublishedV1, DailyAttendanceRecordedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';

/** The receiver's clock the corpus is judged at (its events are of 7 September 2026). */
export const CORPUS_NOW = new Date('2026-09-07T01:00:00Z');

/**
 * Valid events, then one deliberate fault per rule family, built with the contracts' own
 * factories: the kit must judge each exactly as `eventRegistry.validate` does.
 */
export function corpus(): { name: string; event: Record<string, unknown>; rule: string | null }[] {
  const exam = (data: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): Record<string, unknown> =>
    anEvent(ExamScoresPublishedV1, data as never, envelope as never) as unknown as Record<string, unknown>;
  const missing = exam();
  delete (missing['data'] as Record<string, unknown>)['examId'];
  const unknown = exam();
  (unknown['data'] as Record<string, unknown>)['grader'] = 'T0001';
  return [
    { name: 'valid exam scores', event: exam(), rule: null },
    { name: 'valid teacher assignment', event: anEvent(TeacherAssignedV1) as unknown as Record<string, unknown>, rule: null },
    { name: 'valid attendance', event: anEvent(DailyAttendanceRecordedV1) as unknown as Record<string, unknown>, rule: null },
    { name: 'missing field', event: missing, rule: 'required' },
    { name: 'wrong type', event: exam({ candidates: '40' }), rule: 'type' },
    { name: 'unknown field', event: unknown, rule: 'unknown-field' },
    { name: 'enum', event: exam({ markingMode: '手工批改' }), rule: 'enum' },
    { name: 'format', event: exam({ publishedOn: '2026/11/12' }), rule: 'format' },
    { name: 'cross-field rule', event: exam({ scored: 41 }), rule: 'max' },
    { name: 'future time', event: exam({}, { time: '2026-09-08T08:00:00+08:00' }), rule: 'not-in-future' },
  ];
}
