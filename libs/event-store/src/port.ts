/**
 * The event store the hub keeps its record in. Two adapters implement it (PostgreSQL on a
 * server or on PGlite; EventStoreDB/KurrentDB later) and pass one contract suite.
 */

export interface NewEvent {
  /** Idempotency key across the whole store: the CloudEvent id for ingested events. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
}

export interface RecordedEvent extends Required<NewEvent> {
  readonly streamId: string;
  /** 0-based position of the event within its stream. */
  readonly streamVersion: number;
  /** Position in the store's global order; a subscriber reading forward never skips one. */
  readonly position: bigint;
  readonly recordedAt: Date;
}

/** What the appender expects the stream to hold: optimistic concurrency per stream. */
export type ExpectedVersion = 'any' | 'no-stream' | number;

export type AppendOutcome =
  | { readonly id: string; readonly status: 'appended'; readonly position: bigint; readonly streamVersion: number }
  /** The same id with the same payload was stored before: stored once, reported as such. */
  | { readonly id: string; readonly status: 'duplicate'; readonly position: bigint; readonly streamId: string }
  /** The same id with a different payload: never overwritten, never silently dropped. */
  | { readonly id: string; readonly status: 'conflict'; readonly position: bigint; readonly streamId: string };

export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected?: ExpectedVersion;
}

export interface AppendResult {
  readonly outcomes: readonly AppendOutcome[];
  /** The stream's version after the append (-1 for a stream that still has no event). */
  readonly streamVersion: number;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, the append expected ${String(expected)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export interface EventStore {
  /**
   * Appends in one transaction. Events whose id is already stored are reported as duplicate
   * or conflict and not appended again; the expected version is checked against the stream
   * before the new ones.
   */
  append(streamId: string, events: readonly NewEvent[], expected?: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several streams in one transaction: all or nothing. A wrong expected version on
   * any stream writes nothing to any of them. Results come back in the order of `appends`.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;
  /** Events after a global position, in global order, at most `limit`. */
  readAll(after: bigint, limit: number): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/**
 * Stream ids are `<category>-<id>`. The category holds no "-", so the first one always splits
 * them; an id may contain "-" (UUIDs do) but must not be empty or contain whitespace.
 */
export function streamId(category: string, id: string): string {
  if (!/^[a-z][a-z0-9]*$/.test(category)) throw new Error(`stream category "${category}" must be lower-case letters and digits`);
  if (!/^\S+$/.test(id)) throw new Error(`stream id "${id}" must be non-empty and contain no whitespace`);
  return `${category}-${id}`;
}
