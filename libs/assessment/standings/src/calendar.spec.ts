import { monthOf, monthsEnding, semesterOfMonth } from './calendar';

describe('months and semesters', () => {
  it.each([
    ['2026-09', '2026-2027 第一学期'],
    ['2026-12', '2026-2027 第一学期'],
    ['2027-01', '2026-2027 第一学期'],
    ['2027-02', '2026-2027 第二学期'],
    ['2027-07', '2026-2027 第二学期'],
    // the summer holiday counts with the spring term, as the warehouse's fixed rule has it
    ['2027-08', '2026-2027 第二学期'],
  ])('%s is in %s', (month, semester) => {
    expect(semesterOfMonth(month)).toBe(semester);
  });

  it('lists the months up to one, across a year end', () => {
    expect(monthsEnding('2027-02', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsEnding('2027-02', 1)).toEqual(['2027-02']);
  });

  it("takes a date's month and refuses what is not one", () => {
    expect(monthOf('2027-03-01')).toBe('2027-03');
    expect(() => monthOf('2027-13-01')).toThrow(RangeError);
    expect(() => semesterOfMonth('27-03')).toThrow(RangeError);
    expect(() => monthsEnding('2027-03', 0)).toThrow(RangeError);
  });
});
