import type { AttendanceAnomalyObservation, RejectSpikeObservation, SchoolCalendar, SilentSourceObservation } from '@educube/alerts';
import type { AttendanceDay, Term } from './school-facts';
import type { LastReceipt, SourceCounts } from './source-facts';

// The warehouse's facts as the alert rules' observations. Every school is placed in the district
// identity's tree has it in (`districtOf`); a school the tree does not know is left out, so it
// is neither raised nor cleared.

export type DistrictOf = (school: string) => string | undefined;

/** The province's 节假日 and 调休 make-up days (ALERTS_CALENDAR), the same for every school. */
export type HolidayCalendar = Pick<SchoolCalendar, 'holidays' | 'makeupDays'>;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Each system's last receipt with its school's calendar. A school that published no calendar
 * has no school time, so its silences are not judged at all (rather than cleared).
 */
export function silentSourceObservations(
  receipts: readonly LastReceipt[],
  terms: readonly Term[],
  holidays: HolidayCalendar,
  districtOf: DistrictOf,
): SilentSourceObservation[] {
  const termsOf = groupBy(terms, (t) => t.school);
  return receipts.flatMap((r) => {
    const district = districtOf(r.school);
    const own = termsOf.get(r.school);
    if (!district || !own) return [];
    const calendar = {
      terms: own.map((t) => ({ startsOn: t.startsOn, endsOn: t.endsOn })),
      holidays: [...holidays.holidays],
      makeupDays: [...holidays.makeupDays],
    };
    return [{ school: r.school, district, source: r.source, lastEventAt: r.lastReceivedAt.toISOString(), calendar }];
  });
}

const NONE = { accepted: 0, rejected: 0 };

/** Every system ever heard from, with its counts (none in a window is an observation too: it clears an open spike). */
export function rejectSpikeObservations(receipts: readonly LastReceipt[], counts: readonly SourceCounts[], districtOf: DistrictOf): RejectSpikeObservation[] {
  const countsOf = new Map(counts.map((c) => [`${c.school}/${c.source}`, c]));
  return receipts.flatMap((r) => {
    const district = districtOf(r.school);
    if (!district) return [];
    const c = countsOf.get(`${r.school}/${r.source}`);
    return [{ school: r.school, district, source: r.source, window: c?.window ?? NONE, baseline: c?.baseline ?? NONE }];
  });
}

/** Per school its latest recorded day, judged against the days before it. */
export function attendanceObservations(days: readonly AttendanceDay[], districtOf: DistrictOf): AttendanceAnomalyObservation[] {
  return [...groupBy(days, (d) => d.school)].flatMap(([school, own]) => {
    const district = districtOf(school);
    const [latest, ...history] = [...own].sort((a, b) => (a.date < b.date ? 1 : -1));
    if (!district || !latest) return [];
    return [{ school, district, date: latest.date, rate: latest.rate, history: history.map((d) => ({ date: d.date, rate: d.rate })) }];
  });
}
