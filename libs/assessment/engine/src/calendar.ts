// Time as the assessment reads it: facts are per day in China (UTC+8, no daylight saving);
// the school year runs 1 September – 31 August and is labelled like the contracts' `schoolYear`.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const format = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** The calendar date in China of an RFC 3339 instant, or the date itself when given a date. */
export function chinaDate(value: string): string {
  if (ISO_DATE.test(value)) return value;
  const m = RFC3339.exec(value);
  if (!m) throw new Error(`not a date or RFC 3339 timestamp: ${value}`);
  const [, y, mo, d, h, mi, s, z, sign, oh, om] = m;
  const offset = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  return format(new Date(ms + 8 * 3_600_000));
}

function ms(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not a calendar date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export const addDays = (date: string, n: number): string => format(new Date(ms(date) + n * DAY_MS));
export const daysBetween = (from: string, to: string): number => Math.round((ms(to) - ms(from)) / DAY_MS);

/** 学年 of a date: "2025-2026" for 2025-09-01 … 2026-08-31. */
export function schoolYearOf(date: string): string {
  const y = Number(date.slice(0, 4));
  const first = Number(date.slice(5, 7)) >= 9 ? y : y - 1;
  return `${first}-${first + 1}`;
}

export function schoolYearBounds(schoolYear: string): { from: string; to: string } {
  const first = Number(schoolYear.slice(0, 4));
  return { from: `${first}-09-01`, to: `${first + 1}-08-31` };
}

/** The README's fallback semesters when no calendar is published: 1 Sep – end of Feb, 1 Mar – 31 Aug. */
export function fallbackSemester(date: string): { from: string; to: string } {
  const { from, to } = schoolYearBounds(schoolYearOf(date));
  const second = Number(to.slice(0, 4));
  const march = `${second}-03-01`;
  return date < march ? { from, to: addDays(march, -1) } : { from: march, to };
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
