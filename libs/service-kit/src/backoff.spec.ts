import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const middle = () => 0.5;

  it('doubles from the initial pause up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, { initialMs: 250, maxMs: 10_000, random: middle }))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('spreads each pause by ±20 % and never beyond the cap', () => {
    expect(backoffDelay(3, { initialMs: 1_000, maxMs: 60_000, random: () => 0 })).toBe(3_200);
    expect(backoffDelay(3, { initialMs: 1_000, maxMs: 60_000, random: () => 0.999_999 })).toBe(4_800);
    expect(backoffDelay(50, { initialMs: 1_000, maxMs: 30_000, random: () => 0.999_999 })).toBe(30_000);
  });

  it('treats the first failure (and anything less) as the initial pause', () => {
    expect(backoffDelay(0, { initialMs: 200, maxMs: 1_000, random: middle })).toBe(200);
  });
});
