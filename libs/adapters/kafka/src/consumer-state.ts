import { Backoff, sleep } from './backoff';
import type { ConsumerState, ReceivedMessage, RunOptions } from './port';

/** What the consumer reports for the caller's log; one call per occurrence. */
export type ConsumerEvent =
  /** joined its group (first join, rebalance or rejoin), with the partitions it got */
  | { readonly kind: 'joined'; readonly assignment: Readonly<Record<string, readonly number[]>> }
  /** the client's consumer ended; `restart`: whether the client restarts it itself (kafkajs: never, as configured here) */
  | { readonly kind: 'crashed'; readonly error: string; readonly restart: boolean }
  /** back in its group after a crash */
  | { readonly kind: 'rejoined'; readonly rejoins: number }
  /** a batch is held and retried in place (RunOptions.retryInPlace) */
  | { readonly kind: 'paused'; readonly error: string }
  | { readonly kind: 'resumed' };

export type BatchHandler = (batch: readonly ReceivedMessage[]) => Promise<void>;

export interface RunningHandler {
  readonly handler: BatchHandler;
  readonly options: RunOptions;
}

/** What every supervised consumer takes beside its client's own options. */
export interface SupervisionOptions {
  /** default: one JSON line on console.warn for everything but `joined` */
  readonly onEvent?: (event: ConsumerEvent) => void;
  /** back-off between rebuilds of a crashed consumer (default 500 ms doubling to 30 s) */
  readonly rejoinBackoffMs?: { readonly first: number; readonly max: number };
  /** back-off between in-place retries of a batch (default 250 ms doubling to 10 s) */
  readonly retryBackoffMs?: { readonly first: number; readonly max: number };
}

function warnLine(event: ConsumerEvent): void {
  // the fallback for callers without a logger of their own: one line, never silent about a crash
  // eslint-disable-next-line no-console
  if (event.kind !== 'joined') console.warn(JSON.stringify({ source: 'kafka-consumer', ...event }));
}

/**
 * The client-independent half of a supervised consumer: its state, its events, the rebuilds of a
 * crashed client with back-off, and the in-place retries of a batch. Each adapter holds one and
 * tells it what its client did (joined, crashed); how a client is rebuilt stays the adapter's.
 */
export class ConsumerSupervision {
  private readonly onEvent: (event: ConsumerEvent) => void;
  /** aborted by stop(): wakes every back-off wait at once */
  private readonly stopping = new AbortController();
  private readonly rejoinBackoff: Backoff;
  private readonly retryBackoff: { readonly first: number; readonly max: number };
  private current: ConsumerState = { status: 'starting', since: new Date(), rejoins: 0 };
  private outOfGroup = false;
  private pausedBatches = 0;
  private rebuildTimer: NodeJS.Timeout | undefined;
  private rebuilding: Promise<void> | undefined;

  constructor(
    options: SupervisionOptions,
    /** the client's own way of naming an error (its wrappers differ) */
    private readonly errorMessage: (error: unknown) => string,
    /** one attempt at replacing a crashed client; it calls rebuildFailed or rebuildEnded */
    private readonly rebuild: () => Promise<void>,
  ) {
    this.onEvent = options.onEvent ?? warnLine;
    const rejoin = options.rejoinBackoffMs ?? { first: 500, max: 30_000 };
    this.rejoinBackoff = new Backoff(rejoin.first, rejoin.max);
    this.retryBackoff = options.retryBackoffMs ?? { first: 250, max: 10_000 };
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** crashed (or dropped by the coordinator) and not back in the group yet */
  get crashedSinceJoin(): boolean {
    return this.outOfGroup;
  }

  state(): ConsumerState {
    return this.current;
  }

  /** disconnect() has begun: no more rebuilds, and every back-off wait ends at once */
  stop(): void {
    this.stopping.abort();
    clearTimeout(this.rebuildTimer);
  }

  setStatus(status: ConsumerState['status'], reason?: string, rejoins = this.current.rejoins): void {
    if (this.current.status === 'stopped') return;
    const since = status === this.current.status ? this.current.since : new Date();
    this.current = { status, since, rejoins, ...(reason !== undefined && (status === 'paused' || status === 'rejoining') ? { reason } : {}) };
  }

  /** The client joined its group; true when that ends a crash (a rejoin). */
  joined(assignment: Readonly<Record<string, readonly number[]>>): boolean {
    this.onEvent({ kind: 'joined', assignment });
    if (this.outOfGroup) {
      this.outOfGroup = false;
      this.rejoinBackoff.reset();
      this.setStatus(this.pausedBatches > 0 ? 'paused' : 'consuming', undefined, this.current.rejoins + 1);
      this.onEvent({ kind: 'rejoined', rejoins: this.current.rejoins });
      return true;
    }
    if (this.current.status !== 'paused') this.setStatus('consuming');
    return false;
  }

  /** The client is out of its group; `restart`: whether it rejoins by itself (else the adapter rebuilds it). */
  crash(error: unknown, restart: boolean): void {
    this.outOfGroup = true;
    this.report(error, restart);
  }

  /** One attempt at a rebuild failed: reported, and the next one scheduled. */
  rebuildFailed(error: unknown): void {
    this.report(error, false);
    this.rebuildEnded();
    this.scheduleRebuild();
  }

  /** The next attempt after the back-off, unless one is waiting or under way. */
  scheduleRebuild(): void {
    if (this.stopped || this.rebuildTimer || this.rebuilding) return;
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      this.rebuilding = this.rebuild().finally(() => this.rebuildEnded());
    }, this.rejoinBackoff.next());
  }

  /** the attempt under way is over as far as scheduling goes (its client may still be joining) */
  rebuildEnded(): void {
    this.rebuilding = undefined;
  }

  /**
   * The handler, again and again while it fails with an error to retry in place. False when the
   * batch was given up (partition lost, consumer stopping) before it succeeded.
   */
  async handleInPlace(run: RunningHandler, messages: readonly ReceivedMessage[], gone: () => boolean): Promise<boolean> {
    const backoff = new Backoff(this.retryBackoff.first, this.retryBackoff.max);
    let paused = false;
    let succeeded = false;
    try {
      for (;;) {
        try {
          await run.handler(messages);
          succeeded = true;
          return true;
        } catch (error) {
          if (!run.options.retryInPlace?.(error)) throw error;
          const message = this.errorMessage(error);
          if (!paused) {
            paused = true;
            this.pausedBatches += 1;
            this.onEvent({ kind: 'paused', error: message });
          }
          this.setStatus('paused', message);
        }
        if (gone()) return false;
        const elapsed = await sleep(backoff.next(), this.stopping.signal);
        if (!elapsed || gone()) return false;
      }
    } finally {
      if (paused) {
        this.pausedBatches -= 1;
        // a batch given up is no longer held either, but it did not resume: no event for it
        if (this.pausedBatches === 0 && this.current.status === 'paused') this.setStatus('consuming');
        if (succeeded) this.onEvent({ kind: 'resumed' });
      }
    }
  }

  private report(error: unknown, restart: boolean): void {
    const message = this.errorMessage(error);
    this.setStatus('rejoining', message);
    this.onEvent({ kind: 'crashed', error: message, restart });
  }
}
