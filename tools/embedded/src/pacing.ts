/**
 * The feeder's pure parts: when an event may go (never before its `time`, never faster than the
 * configured rate), how events are cut into per-school batches, and how an answer of the
 * warehouse is read. No I/O and no timers: the clock is passed in, so tests drive it by hand.
 */
import { SchoolRegisteredV1 } from '@educube/contracts';

/** What the pacer needs of a CloudEvent. */
export interface Timed {
  readonly time?: string;
  readonly subject?: string;
}

export interface Batch<E> {
  readonly schoolCode: string;
  readonly events: E[];
}

export interface PacerOptions {
  /** events per second at most (history is replayed at this rate, then the clock is followed) */
  readonly ratePerSecond: number;
  /** events per request at most (the warehouse takes 1,000) */
  readonly maxBatch: number;
  /** a school's partial batch goes after it has waited this long */
  readonly flushAfterMs: number;
  /** epoch ms */
  readonly now: () => number;
  /** bounds of the suggested wait, so a caller neither spins nor falls asleep (default 20–1,000 ms) */
  readonly minWaitMs?: number;
  readonly maxWaitMs?: number;
}

export interface Step<E> {
  /** batches to send now, each one school's events in stream order */
  readonly batches: Batch<E>[];
  /** when to call `step` again */
  readonly waitMs: number;
  /** the stream is exhausted and everything taken has been handed out */
  readonly done: boolean;
}

/**
 * Pulls a lazy, time-ordered event stream at most `ratePerSecond` (a token bucket holding one
 * second's worth) and never takes an event whose `time` is still ahead of the clock; groups
 * what it takes by `subject` (the school) and hands a school's batch out when it is full or
 * has waited `flushAfterMs`.
 */
export class Pacer<E extends Timed> {
  private readonly buffers = new Map<string, { events: E[]; since: number }>();
  private pending: E | undefined;
  private exhausted = false;
  private tokens: number;
  private refilledAt: number;
  private readonly capacity: number;
  /** the `time` of the last event taken: how far the simulated province has got */
  lastTime: string | undefined;
  taken = 0;

  constructor(
    private readonly source: Iterator<E>,
    private readonly options: PacerOptions,
  ) {
    if (!(options.ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${options.ratePerSecond}`);
    if (!(Number.isInteger(options.maxBatch) && options.maxBatch > 0)) throw new RangeError(`maxBatch must be a whole number > 0, got ${options.maxBatch}`);
    this.capacity = Math.max(1, options.ratePerSecond);
    this.tokens = this.capacity;
    this.refilledAt = options.now();
  }

  step(): Step<E> {
    const now = this.options.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) * this.options.ratePerSecond) / 1000);
    this.refilledAt = now;
    const ready: Batch<E>[] = [];
    while (this.tokens >= 1) {
      const event = this.peek();
      if (!event || dueAt(event) > now) break;
      this.pending = undefined;
      this.tokens -= 1;
      this.taken += 1;
      if (event.time) this.lastTime = event.time;
      const school = event.subject ?? '';
      let buffer = this.buffers.get(school);
      if (!buffer) this.buffers.set(school, (buffer = { events: [], since: now }));
      buffer.events.push(event);
      if (buffer.events.length >= this.options.maxBatch) {
        ready.push({ schoolCode: school, events: buffer.events });
        this.buffers.delete(school);
      }
    }
    const done = this.exhausted && !this.pending;
    let oldest = Infinity;
    for (const [school, buffer] of this.buffers) {
      if (done || now - buffer.since >= this.options.flushAfterMs) {
        ready.push({ schoolCode: school, events: buffer.events });
        this.buffers.delete(school);
      } else oldest = Math.min(oldest, buffer.since);
    }
    const waits = [oldest + this.options.flushAfterMs - now];
    // the loop stopped on an event not yet due, or on an empty bucket
    const tokenWait = ((1 - this.tokens) * 1000) / this.options.ratePerSecond;
    if (this.pending) waits.push(Math.max(dueAt(this.pending) - now, tokenWait));
    else if (!this.exhausted) waits.push(tokenWait);
    const wait = Math.min(...waits);
    const min = this.options.minWaitMs ?? 20;
    const max = this.options.maxWaitMs ?? 1000;
    return { batches: ready, waitMs: Math.round(Math.max(min, Math.min(max, Number.isFinite(wait) ? wait : max))), done: done && this.buffers.size === 0 };
  }

  private peek(): E | undefined {
    if (this.pending || this.exhausted) return this.pending;
    const next = this.source.next();
    if (next.done) {
      this.exhausted = true;
      return undefined;
    }
    this.pending = next.value;
    return this.pending;
  }
}

/** An event without a readable time is due at once (the warehouse will say what is wrong with it). */
function dueAt(event: Timed): number {
  const t = event.time ? Date.parse(event.time) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * Splits `events` into chunks that respect both the count and the body-size limit of the
 * warehouse (1,000 events, 5 MiB); an event alone over the size limit still travels alone, for
 * the warehouse to refuse with a reason.
 */
export function chunk<E>(
  events: readonly E[],
  maxCount: number,
  maxBytes: number,
  sizeOf: (e: E) => number = (e) => Buffer.byteLength(JSON.stringify(e)),
): E[][] {
  const out: E[][] = [];
  let current: E[] = [];
  let bytes = 2; // the array's brackets
  for (const e of events) {
    const size = sizeOf(e) + 1; // and its comma
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 2;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** What to do with a batch after the warehouse answered `status` (undefined: no answer at all). */
export type Disposition = 'done' | 'retry' | 'drop';

export function disposition(status: number | undefined): Disposition {
  if (status === undefined) return 'retry'; // not listening, reset, timed out
  if (status >= 200 && status < 300) return 'done';
  // 404: the endpoint is not there (yet); 408/429/5xx: busy or failing for now
  if (status === 404 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  // 400/401/403/413/…: sending the same batch again would get the same answer
  return 'drop';
}

export interface Tally {
  sent: number;
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
  parked: number;
  /** events in batches the warehouse refused as a whole (401/403/413/400) */
  refused: number;
}

export const emptyTally = (): Tally => ({ sent: 0, accepted: 0, duplicate: 0, conflict: 0, rejected: 0, parked: 0, refused: 0 });

/** Adds a 200 answer's `summary` to the tally, reading it defensively (the endpoint is young). */
export function addSummary(tally: Tally, body: unknown, sent: number): void {
  tally.sent += sent;
  const summary = body && typeof body === 'object' ? (body as { summary?: unknown }).summary : undefined;
  if (!summary || typeof summary !== 'object') return;
  const s = summary as Record<string, unknown>;
  const n = (key: string): number => (typeof s[key] === 'number' ? (s[key] as number) : 0);
  tally.accepted += n('accepted');
  tally.duplicate += n('duplicate') + n('duplicates');
  tally.conflict += n('conflict') + n('conflicts');
  tally.rejected += n('rejected');
  tally.parked += n('parked');
}

/** One progress line: totals, the rate since the previous line, and how far the province has got. */
export function progressLine(tally: Tally, previousSent: number, elapsedMs: number, lastTime: string | undefined, now: number): string {
  const rate = elapsedMs > 0 ? ((tally.sent - previousSent) * 1000) / elapsedMs : 0;
  const behind = lastTime ? now - Date.parse(lastTime) : NaN;
  const clock = !lastTime
    ? 'nothing due yet'
    : behind > 120_000
      ? `replaying history, at ${lastTime} (${formatDuration(behind)} behind the clock)`
      : `following the clock, last event ${lastTime}`;
  const parts = [
    `accepted ${tally.accepted}`,
    `duplicate ${tally.duplicate}`,
    `conflict ${tally.conflict}`,
    `rejected ${tally.rejected}`,
    `parked ${tally.parked}`,
  ];
  if (tally.refused) parts.push(`refused ${tally.refused}`);
  return `sent ${tally.sent} events (${parts.join(', ')}) · ${rate.toFixed(1)} events/s · ${clock}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * What a school's own systems send of the simulated stream: everything but the events that
 * place a school in the organisation tree. Those are identity's (its registry import, its roster
 * publisher); the warehouse refuses them from a school system (rule org-tree-from-identity).
 */
export function* sentBySchoolSystems<E extends { readonly type: string }>(events: Iterable<E>): Generator<E> {
  for (const e of events) if (!ORG_TREE_TYPES.has(e.type)) yield e;
}

const ORG_TREE_TYPES: ReadonlySet<string> = new Set([SchoolRegisteredV1.type]);
