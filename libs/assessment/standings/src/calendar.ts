// Months and semesters of the trend. The semester rule is the warehouse's fixed one
// (libs/warehouse/read-models/src/calendar.ts, `semesterOf`): 第一学期 1 Sep – 31 Jan,
// 第二学期 1 Feb – 31 Aug, so every month falls in exactly one semester (August, the summer
// holiday, counts with the spring term it follows). It is repeated here, not imported: a
// scope:assessment lib may not depend on a warehouse lib, and the rule is three lines.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const parse = (month: string): { year: number; month: number } => {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
};

const format = (year: number, month: number): string => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** The month of a date `YYYY-MM-DD`. */
export function monthOf(date: string): string {
  const month = date.slice(0, 7);
  parse(month);
  return month;
}

/** `2026-2027 第一学期` for Sep 2026 – Jan 2027, `2026-2027 第二学期` for Feb – Aug 2027. */
export function semesterOfMonth(month: string): string {
  const { year, month: m } = parse(month);
  if (m >= 9) return `${year}-${year + 1} 第一学期`;
  if (m === 1) return `${year - 1}-${year} 第一学期`;
  return `${year - 1}-${year} 第二学期`;
}

/** The `count` months up to and including `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const { year, month } = parse(last);
  const index = year * 12 + (month - 1);
  return Array.from({ length: count }, (_, i) => {
    const k = index - (count - 1) + i;
    return format(Math.floor(k / 12), (k % 12) + 1);
  });
}
