/**
 * Exponential back-off: first, first×2, first×4, … capped at max; reset() after a success starts
 * the sequence over. Deterministic (no jitter): one consumer per process, nothing to spread.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly first: number,
    private readonly max: number,
  ) {
    if (!(first > 0) || !(max >= first)) throw new RangeError(`back-off needs 0 < first <= max, got first ${first}, max ${max}`);
  }

  /** the delay before the next attempt */
  next(): number {
    // capped before it can overflow to Infinity on a very long outage
    const delay = Math.min(this.max, this.first * 2 ** Math.min(this.attempt, 52));
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after ms, or at once (with false) when the signal aborts; true when the time ran out. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (elapsed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(elapsed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
