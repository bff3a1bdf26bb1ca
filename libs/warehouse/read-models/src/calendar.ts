// Time as the read models see it. Event times are RFC 3339 instants with any offset; the
// facts are per day in China (UTC+8, no daylight saving), per semester and per school year.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MINUTES = 8 * 60;

interface Instant {
  /** whole milliseconds since the epoch, without the sub-millisecond digits */
  readonly ms: number;
  /** the fraction of the second, 9 digits */
  readonly nanos: string;
}

function instantOf(time: string): Instant {
  const m = RFC3339.exec(time);
  if (!m) throw new Error(`not an RFC 3339 timestamp: ${time}`);
  const [, y, mo, d, h, mi, s, frac = '', z, sign, oh, om] = m;
  const offset = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  return { ms, nanos: frac.padEnd(9, '0') };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function formatDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The instant in UTC, fixed width with nine fractional digits, so that two instants compare
 * as strings exactly as they compare in time (including digits below a millisecond, which
 * `Date` would drop).
 */
export function utcInstant(time: string): string {
  const { ms, nanos } = instantOf(time);
  const d = new Date(ms);
  return `${formatDate(d)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${nanos}Z`;
}

/** The calendar date in China (UTC+8) of an instant: 2026-08-31T16:30:00Z is 2026-09-01 there. */
export function chinaDateOf(time: string): string {
  return formatDate(new Date(instantOf(time).ms + CHINA_OFFSET_MINUTES * 60_000));
}

function parts(date: string): { year: number; month: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a calendar date (YYYY-MM-DD): ${date}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** 学年: 1 September to 31 August, labelled like the contracts' `schoolYear` ("2025-2026"). */
export function schoolYearOf(date: string): string {
  const { year, month } = parts(date);
  const first = month >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

export type Semester = '第一学期' | '第二学期';

/**
 * 学期 by a fixed rule: 第一学期 1 Sep – 31 Jan, 第二学期 1 Feb – 31 Aug. Schools' own windows
 * (SchoolCalendarPublished) differ by days and leave the holidays out; the fixed rule gives
 * every date exactly one semester, so a fact never falls between two and a rebuild never
 * depends on whether the calendar arrived before the facts. The published windows are kept
 * too (table `school_calendars`) for whoever needs the exact teaching weeks.
 */
export function semesterOf(date: string): Semester {
  const { month } = parts(date);
  return month >= 9 || month === 1 ? '第一学期' : '第二学期';
}

/** The three grains every dated fact carries. */
export interface Period {
  readonly day: string;
  readonly school_year: string;
  readonly semester: Semester;
}

export function periodOf(date: string): Period {
  return { day: date, school_year: schoolYearOf(date), semester: semesterOf(date) };
}
