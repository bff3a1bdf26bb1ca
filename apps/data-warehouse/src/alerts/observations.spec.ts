import { alertsConfig, evaluateSilentSource } from '@educube/alerts';
import { cn, DISTRICT, SCHOOL } from '@educube/alerts/testing';
import { attendanceObservations, rejectSpikeObservations, silentSourceObservations, type HolidayCalendar } from './observations';

// The warehouse's facts as the rules' observations: who is placed where, who is left out.

const OTHER = '3302030002';
const UNPLACED = '3302039999';
const districtOf = (school: string) => (school === UNPLACED ? undefined : DISTRICT);
const receipt = (school: string, source = 'timetabling', at = cn('2026-09-30 17:00')) => ({ school, source, lastReceivedAt: new Date(at) });
const term = (school: string) => ({ school, startsOn: '2026-09-01', endsOn: '2027-01-22' });
const NO_HOLIDAYS: HolidayCalendar = { holidays: [], makeupDays: [] };

describe('observations from the warehouse’s facts', () => {
  it('silent source: a school with terms, with the province’s holidays; a school without a calendar or without a district is not observed', () => {
    const observed = silentSourceObservations([receipt(SCHOOL), receipt(OTHER), receipt(UNPLACED)], [term(SCHOOL), term(UNPLACED)], NO_HOLIDAYS, districtOf);
    expect(observed).toEqual([
      {
        school: SCHOOL,
        district: DISTRICT,
        source: 'timetabling',
        lastEventAt: new Date(cn('2026-09-30 17:00')).toISOString(),
        calendar: { terms: [{ startsOn: '2026-09-01', endsOn: '2027-01-22' }], holidays: [], makeupDays: [] },
      },
    ]);
  });

  it('silent source: 国庆 holidays from ALERTS_CALENDAR count no school time (Wed 09-30 17:00 → Fri 10-09 08:00 is 60 school minutes: not raised), a 调休 Saturday does (10-10 08:01: 61)', () => {
    const holidays: HolidayCalendar = {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'],
      makeupDays: ['2026-10-10'],
    };
    const judge = (now: string, calendar: HolidayCalendar) =>
      evaluateSilentSource(alertsConfig(), silentSourceObservations([receipt(SCHOOL)], [term(SCHOOL)], calendar, districtOf), cn(now)).conditions.length;
    expect(judge('2026-10-09 08:00', holidays)).toBe(0);
    expect(judge('2026-10-09 08:00', NO_HOLIDAYS)).toBe(1);
    expect(judge('2026-10-10 08:01', { ...holidays, holidays: [...holidays.holidays, '2026-10-09'] })).toBe(1);
  });

  it('reject spike: every system heard from, zeros where nothing was counted (so an open spike can clear)', () => {
    const counts = [{ school: SCHOOL, source: 'grading', window: { accepted: 1, rejected: 2 }, baseline: { accepted: 3, rejected: 4 } }];
    expect(rejectSpikeObservations([receipt(SCHOOL, 'grading'), receipt(OTHER, 'grading'), receipt(UNPLACED, 'grading')], counts, districtOf)).toEqual([
      { school: SCHOOL, district: DISTRICT, source: 'grading', window: { accepted: 1, rejected: 2 }, baseline: { accepted: 3, rejected: 4 } },
      { school: OTHER, district: DISTRICT, source: 'grading', window: { accepted: 0, rejected: 0 }, baseline: { accepted: 0, rejected: 0 } },
    ]);
  });

  it('attendance: each school’s latest day judged against the days before it', () => {
    const days = [
      { school: SCHOOL, date: '2026-11-05', rate: 0.96 },
      { school: SCHOOL, date: '2026-11-06', rate: 0.5 },
      { school: SCHOOL, date: '2026-11-04', rate: 0.95 },
      { school: UNPLACED, date: '2026-11-06', rate: 0.9 },
    ];
    expect(attendanceObservations(days, districtOf)).toEqual([
      {
        school: SCHOOL,
        district: DISTRICT,
        date: '2026-11-06',
        rate: 0.5,
        history: [
          { date: '2026-11-05', rate: 0.96 },
          { date: '2026-11-04', rate: 0.95 },
        ],
      },
    ]);
  });
});
