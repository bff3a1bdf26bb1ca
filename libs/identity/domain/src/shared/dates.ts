import { IdentityErrorCode, fail } from './errors';

/** A calendar date YYYY-MM-DD. ISO dates compare correctly as strings. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

export function assertIsoDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value))
    fail(IdentityErrorCode.INVALID_DATE, `${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, { field, rule: 'iso-date', value });
  return value as IsoDate;
}
