import { isoDate, isoDateTime, regionCode, schoolCode } from '@educube/contracts';
import { z } from 'zod';
import { chinaDayOf, chinaWallTime, dayOfIsoDate, instantAt, instantOf, minuteOfDay, normalizeInstant, weekdayOfDay } from '../china-time';
import { schoolHoursSchema, type AlertsConfig, type SchoolHours } from '../config';
import { subjectOf, type Condition, type Evaluation } from '../condition';
import { idPart } from '../events';
import { parseObservations } from '../observations';

// Silent source: a school system that sends during school hours has sent nothing for longer
// than `silentAfterMinutes` of SCHOOL time. Only school days (in a term, a teaching weekday or a
// 调休 make-up day, not a holiday) between the school's hours (China time) count; nights,
// weekends, holidays and the breaks between terms do not. A source that has never sent is not
// silent — it is "never heard from", a different question (onboarding), not this rule's.

/**
 * A school's calendar as the alerting service knows it (from timetabling's
 * SchoolCalendarPublished and the province's holiday notice). Days are China-time dates.
 */
export const schoolCalendarSchema = z.strictObject({
  /** 学期: the days school is in session, both ends included. No term: no school time at all. */
  terms: z.array(
    z
      .strictObject({ startsOn: isoDate, endsOn: isoDate })
      .refine((t) => t.endsOn >= t.startsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] }),
  ),
  /** ISO weekdays with lessons, 1 Monday … 7 Sunday. */
  teachingWeekdays: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  /** 节假日: teaching weekdays without school (国庆, 春节 …). */
  holidays: z.array(isoDate).default([]),
  /** 调休上课日: days outside the teaching weekdays that are school days (a Saturday made up for a holiday). */
  makeupDays: z.array(isoDate).default([]),
  /** This school's hours if they differ from the configured ones (e.g. 晚自习 until 21:00). */
  hours: schoolHoursSchema.optional(),
});
export type SchoolCalendar = z.output<typeof schoolCalendarSchema>;
export type SchoolCalendarInput = z.input<typeof schoolCalendarSchema>;

export const silentSourceObservationSchema = z.strictObject({
  school: schoolCode,
  district: regionCode,
  /** The sending system, as in the event source `/schools/<code>/<source>`: timetabling, attendance-card … */
  source: idPart,
  /** The last event received from this source; null: it has never sent. */
  lastEventAt: isoDateTime.nullable(),
  calendar: schoolCalendarSchema,
});
export type SilentSourceObservation = z.input<typeof silentSourceObservationSchema>;

const MINUTE = 60_000;

/** Is `day` (a China-time day number) a school day of `calendar`? */
function schoolDayTest(calendar: SchoolCalendar): (day: number) => boolean {
  const terms = calendar.terms.map((t) => [dayOfIsoDate(t.startsOn), dayOfIsoDate(t.endsOn)] as const);
  const weekdays = new Set(calendar.teachingWeekdays);
  const holidays = new Set(calendar.holidays.map(dayOfIsoDate));
  const makeup = new Set(calendar.makeupDays.map(dayOfIsoDate));
  return (day) => {
    if (!terms.some(([from, to]) => day >= from && day <= to)) return false;
    if (makeup.has(day)) return true;
    return weekdays.has(weekdayOfDay(day)) && !holidays.has(day);
  };
}

/**
 * Milliseconds of school time in (from, to]: the sum over the school days between them of the
 * overlap with that day's school hours. Zero when `to` is not after `from`.
 */
export function schoolTimeBetween(fromIso: string, toIso: string, calendar: SchoolCalendar, hours: SchoolHours): number {
  const from = instantOf(fromIso);
  const to = instantOf(toIso);
  if (to <= from) return 0;
  const isSchoolDay = schoolDayTest(calendar);
  const open = minuteOfDay(hours.start);
  const close = minuteOfDay(hours.end);
  let total = 0;
  for (let day = chinaDayOf(from); day <= chinaDayOf(to); day++) {
    if (!isSchoolDay(day)) continue;
    const start = Math.max(from, instantAt(day, open));
    const end = Math.min(to, instantAt(day, close));
    if (end > start) total += end - start;
  }
  return total;
}

export function evaluateSilentSource(config: AlertsConfig, observations: readonly SilentSourceObservation[], now: string): Evaluation {
  const c = config.silentSource;
  if (!c.enabled) return { rule: 'silent-source', conditions: [], cleared: [] };
  const list = parseObservations(silentSourceObservationSchema, observations, (o) => subjectOf(o.school, o.source), 'silent-source observations');
  const threshold = c.silentAfterMinutes * MINUTE;
  const conditions: Condition[] = [];
  const cleared: string[] = [];
  for (const o of list) {
    const subject = subjectOf(o.school, o.source);
    if (o.lastEventAt === null) {
      cleared.push(subject);
      continue;
    }
    const hours = o.calendar.hours ?? c.schoolHours;
    const silent = schoolTimeBetween(o.lastEventAt, now, o.calendar, hours);
    if (silent <= threshold) {
      cleared.push(subject);
      continue;
    }
    const minutes = Math.floor(silent / MINUTE);
    const last = chinaWallTime(o.lastEventAt);
    conditions.push({
      rule: 'silent-source',
      subject,
      episode: normalizeInstant(o.lastEventAt),
      severity: c.severity,
      school: o.school,
      district: o.district,
      source: o.source,
      message: {
        zh: `学校 ${o.school} 的 ${o.source} 系统已在上课时间内 ${minutes} 分钟未发送数据（阈值 ${c.silentAfterMinutes} 分钟），最后一条数据于 ${last}（北京时间）。`,
        en: `${o.source} of school ${o.school} has sent nothing for ${minutes} minutes of school time (threshold ${c.silentAfterMinutes}); its last event was at ${last} China time.`,
      },
      observed: { silentSchoolMinutes: minutes, lastEventAt: o.lastEventAt },
      thresholds: { silentAfterMinutes: c.silentAfterMinutes, schoolHours: `${hours.start}–${hours.end}` },
    });
  }
  return { rule: 'silent-source', conditions, cleared };
}
