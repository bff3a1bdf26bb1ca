import { Backoff, sleep } from './backoff';

describe('Backoff', () => {
  it('doubles from the first delay up to the cap, and starts over after reset', () => {
    const b = new Backoff(500, 30_000);
    expect(Array.from({ length: 9 }, () => b.next())).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    b.reset();
    expect([b.next(), b.next()]).toEqual([500, 1_000]);
  });

  it('stays at the cap however long the outage lasts', () => {
    const b = new Backoff(250, 10_000);
    for (let i = 0; i < 2_000; i++) b.next();
    expect(b.next()).toBe(10_000);
  });

  it('refuses a cap below the first delay', () => {
    expect(() => new Backoff(500, 100)).toThrow(RangeError);
    expect(() => new Backoff(0, 100)).toThrow(RangeError);
  });
});

describe('sleep', () => {
  it('ends early, with false, when aborted', async () => {
    const ac = new AbortController();
    const slept = sleep(60_000, ac.signal);
    ac.abort();
    await expect(slept).resolves.toBe(false);
    await expect(sleep(1, ac.signal)).resolves.toBe(false);
  });

  it('resolves true once the time ran out', async () => {
    await expect(sleep(5, new AbortController().signal)).resolves.toBe(true);
  });
});
