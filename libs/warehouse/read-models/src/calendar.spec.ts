import { createHash } from 'node:crypto';
import { chinaDateOf, periodOf, schoolYearOf, semesterOf, utcInstant } from './calendar';
import { sha256Hex } from '@educube/canonical-json';

describe('calendar', () => {
  it.each([
    ['2026-09-01T00:10:00+08:00', '2026-09-01'],
    ['2026-08-31T23:59:59+08:00', '2026-08-31'],
    ['2026-08-31T16:00:00Z', '2026-09-01'],
    ['2026-08-31T15:59:59.999Z', '2026-08-31'],
    ['2026-09-01T01:00:00+09:00', '2026-09-01'],
    ['2026-08-31T12:00:00-05:00', '2026-09-01'],
    ['2024-02-28T16:30:00Z', '2024-02-29'],
  ])('the China date of %s is %s', (time, date) => {
    expect(chinaDateOf(time)).toBe(date);
  });

  it('orders instants as strings, keeping the digits below a millisecond', () => {
    expect(utcInstant('2026-09-07T08:00:00+08:00')).toBe('2026-09-07T00:00:00.000000000Z');
    expect(utcInstant('2026-09-07T00:00:00.0000001Z') > utcInstant('2026-09-07T08:00:00+08:00')).toBe(true);
    expect(utcInstant('2026-09-07T08:00:00.5+08:00')).toBe('2026-09-07T00:00:00.500000000Z');
    expect(() => utcInstant('2026-09-07')).toThrow(/RFC 3339/);
  });

  it.each([
    ['2025-09-01', '2025-2026', '第一学期'],
    ['2025-12-31', '2025-2026', '第一学期'],
    ['2026-01-31', '2025-2026', '第一学期'],
    ['2026-02-01', '2025-2026', '第二学期'],
    ['2026-08-31', '2025-2026', '第二学期'],
    ['2026-09-01', '2026-2027', '第一学期'],
  ])('%s is in school year %s, %s', (date, year, sem) => {
    expect(schoolYearOf(date)).toBe(year);
    expect(semesterOf(date)).toBe(sem);
    expect(periodOf(date)).toEqual({ day: date, school_year: year, semester: sem });
  });

  it('refuses what is not a calendar date', () => {
    expect(() => schoolYearOf('2026-09')).toThrow(/YYYY-MM-DD/);
  });
});

describe('sha256Hex', () => {
  it.each(['', 'abc', '宁波市海曙区中心小学', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)])('agrees with node:crypto on %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
