// School time in China time. China keeps one zone, UTC+8 (Asia/Shanghai, no daylight saving
// since 1991), so local wall time is the instant plus eight hours: no time-zone database needed,
// and a timestamp in any offset (…Z, …+08:00) means the same instant. Everything here works in
// whole epoch milliseconds and "local day numbers" (days since 1970-01-01 in China time).

export const CHINA_UTC_OFFSET_MINUTES = 480;
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** Epoch milliseconds of an ISO timestamp; throws on a string that is not one. */
export function instantOf(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO timestamp: ${iso}`);
  return ms;
}

/** The same instant in UTC, millisecond precision: the one spelling used in alert ids. */
export const normalizeInstant = (iso: string): string => new Date(instantOf(iso)).toISOString();

/** Days since 1970-01-01 of the China-time date of an instant. */
export const chinaDayOf = (ms: number): number => Math.floor((ms + OFFSET_MS) / DAY_MS);

/** `YYYY-MM-DD` of a China-time day number. */
export const isoDateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The day number of a `YYYY-MM-DD` date. */
export function dayOfIsoDate(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(ms)) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return ms / DAY_MS;
}

/** ISO weekday of a day number: 1 Monday … 7 Sunday (1970-01-01 was a Thursday). */
export const weekdayOfDay = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** The instant at which China-time day `day` reaches `minuteOfDay` (0–1440). */
export const instantAt = (day: number, minuteOfDay: number): number => day * DAY_MS + minuteOfDay * 60_000 - OFFSET_MS;

/** `07:30` → 450. */
export function minuteOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `2026-11-06 17:00` in China time, for messages. */
export function chinaWallTime(iso: string): string {
  const local = new Date(instantOf(iso) + OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
