import type { RecordedEvent, SubscribeOptions } from './port';

/**
 * Told of appends (NOTIFY, a server push): lets an idle subscriber look at once instead of
 * at its next poll. A ring counter, not a flag, so a ring between a subscriber's read and its
 * wait is not lost: the subscriber notes the count before reading and wakes if it moved.
 */
export class Doorbell {
  private rings = 0;
  private readonly waiters = new Set<() => void>();

  get count(): number {
    return this.rings;
  }

  ring(): void {
    this.rings++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Waits up to `ms`, or less if rung since `seen` or aborted. */
  wait(seen: number, ms: number, signal?: AbortSignal): Promise<void> {
    if (this.rings !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * The catch-up loop every adapter shares: read a page after the last position, hand it over,
 * repeat; once a read comes back empty, wait for the poll interval or the doorbell. Positions
 * only move forward here, so a page can never be handed twice.
 */
export async function followAll(
  read: (after: bigint, limit: number) => Promise<readonly RecordedEvent[]>,
  options: SubscribeOptions,
  doorbell = new Doorbell(),
): Promise<void> {
  const { handle, signal, batchSize = 500, pollIntervalMs = 250 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
  if (!(pollIntervalMs >= 0)) throw new RangeError(`pollIntervalMs must not be negative, not ${pollIntervalMs}`);
  let after = options.after;
  while (!signal?.aborted) {
    const seen = doorbell.count;
    const page = await read(after, batchSize);
    if (signal?.aborted) return;
    if (page.length === 0) {
      await doorbell.wait(seen, pollIntervalMs, signal);
      continue;
    }
    for (const e of page) {
      if (e.position <= after) throw new Error(`the store answered position ${e.position} after ${after}: its global order went backwards`);
      after = e.position;
    }
    await handle(page);
  }
}
