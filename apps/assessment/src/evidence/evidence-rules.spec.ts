import { assessmentDate, figuresFor } from './evidence-rules';

describe('what the evidence refresh decides', () => {
  it.each([
    [undefined, '2026-09-01T15:59:59Z', '2026-09-01'],
    [undefined, '2026-09-01T16:00:00Z', '2026-09-02'],
    ['2027-03-01', '2026-09-01T16:00:00Z', '2027-03-01'],
  ])('the assessment date with fixed %s at %s is %s (China is UTC+8)', (fixed, now, expected) => {
    expect(assessmentDate(fixed, new Date(now))).toBe(expected);
  });

  it("a sheet as of the refresh's date compares with the refresh's figures; another date, or none pooled, pools again", () => {
    const refreshed = { asOf: '2027-03-01', figures: new Map([['64', { 'ningxia.cloudIndex': 150 }]]) };
    const again = new Map([['64', { 'ningxia.cloudIndex': 90 }]]);
    let pooled = 0;
    const poolAgain = () => {
      pooled += 1;
      return again;
    };
    expect(figuresFor('2027-03-01', refreshed, poolAgain)).toBe(refreshed.figures);
    expect(pooled).toBe(0);
    expect(figuresFor('2027-02-01', refreshed, poolAgain)).toBe(again);
    expect(figuresFor('2027-03-01', { asOf: '2027-03-01', figures: new Map() }, poolAgain)).toBe(again);
    expect(pooled).toBe(2);
  });
});
