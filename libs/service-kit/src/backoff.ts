export interface BackoffOptions {
  /** the pause after the first failure */
  readonly initialMs: number;
  /** no pause is longer */
  readonly maxMs: number;
  /** 0 ≤ r < 1; Math.random by default (tests pass their own) */
  readonly random?: () => number;
}

/**
 * The pause after the `failures`-th failure in a row: doubling from `initialMs` up to `maxMs`,
 * spread ±20 % so that replicas which lost the same dependency at the same moment do not all
 * knock again at the same moment when it returns.
 */
export function backoffDelay(failures: number, { initialMs, maxMs, random = Math.random }: BackoffOptions): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(Math.min(maxMs, base * (0.8 + 0.4 * random())));
}
