import type { AttendanceAnomalyObservation } from './rules/attendance-anomaly';
import type { IndicatorRegressionObservation } from './rules/indicator-regression';
import type { RejectSpikeObservation } from './rules/reject-spike';
import type { SchoolCalendarInput, SilentSourceObservation } from './rules/silent-source';
import type { AlertEvent } from './events';
import { evolveAll, type AlertsState } from './state';

// Small factories for the specs: one school in Ningbo's Haishu district (330203), the
// 2026-2027 school year, and each case overrides only what it is about.
//
// The calendar's week used throughout: Mon 2026-11-02 … Fri 2026-11-06, Mon 2026-11-09.
// 国庆 2026-10-01 – 10-08 are holidays; Sat 2026-10-10 is a 调休 make-up school day.

export const SCHOOL = '3302030001';
export const DISTRICT = '330203';

/** `cn('2026-11-06 17:00')` → `2026-11-06T17:00:00+08:00`: a China wall-clock time as a timestamp. */
export const cn = (local: string): string => `${local.replace(' ', 'T')}:00+08:00`;

export const aCalendar = (more: Partial<SchoolCalendarInput> = {}): SchoolCalendarInput => ({
  terms: [
    { startsOn: '2026-09-01', endsOn: '2027-01-22' },
    { startsOn: '2027-02-22', endsOn: '2027-07-02' },
  ],
  teachingWeekdays: [1, 2, 3, 4, 5],
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2027-01-01'],
  makeupDays: ['2026-10-10'],
  ...more,
});

export const aSilentSource = (lastEventAt: string | null, more: Partial<SilentSourceObservation> = {}): SilentSourceObservation => ({
  school: SCHOOL,
  district: DISTRICT,
  source: 'timetabling',
  lastEventAt,
  calendar: aCalendar(),
  ...more,
});

export const aRejectWindow = (
  window: { accepted: number; rejected: number },
  baseline = { accepted: 0, rejected: 0 },
  more: Partial<RejectSpikeObservation> = {},
): RejectSpikeObservation => ({
  school: SCHOOL,
  district: DISTRICT,
  source: 'grading',
  window,
  baseline,
  ...more,
});

type Standing = IndicatorRegressionObservation['current'];
export const aStandingChange = (previous: Standing, current: Standing, more: Partial<IndicatorRegressionObservation> = {}): IndicatorRegressionObservation => ({
  school: SCHOOL,
  district: DISTRICT,
  standard: 'ningxia',
  previous,
  current,
  ...more,
});

/** `days` school days before 2026-11-06 with the given rates (a number: the same every day), newest last. */
export const aHistory = (rates: number | readonly number[], days = typeof rates === 'number' ? 20 : rates.length): { date: string; rate: number }[] =>
  Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10); // consecutive dates from 2026-09-01; only their order matters
    return { date, rate: typeof rates === 'number' ? rates : (rates[i] as number) };
  });

export const anAttendanceDay = (
  rate: number,
  history: { date: string; rate: number }[],
  more: Partial<AttendanceAnomalyObservation> = {},
): AttendanceAnomalyObservation => ({
  school: SCHOOL,
  district: DISTRICT,
  date: '2026-11-06',
  rate,
  history,
  ...more,
});

export const given = (events: readonly AlertEvent[]): AlertsState => evolveAll(events);
