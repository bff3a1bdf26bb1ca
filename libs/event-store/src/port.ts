/**
 * The event store the hub keeps its record in. Two adapters implement it (PostgreSQL on a
 * server or on PGlite; EventStoreDB/KurrentDB) and pass one contract suite.
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
  /**
   * Position in the store's global order: strictly increasing in that order, and a subscriber
   * reading forward never skips one. Not promised contiguous: PostgreSQL's are in normal
   * operation, KurrentDB's are log offsets with holes between events.
   */
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
  /**
   * Catch-up subscription to the global order: pages from `after`, then follows new appends
   * until `signal` aborts. The handler sees each position once, in order, one page at a time,
   * and the next page waits for the handler; it stores its own checkpoint (with a
   * `CheckpointStore`, ideally in the transaction of its own writes), so a restart resumes
   * from the checkpoint and nothing is applied twice or missed.
   *
   * Resolves once aborted (after the page in hand, never mid-page); rejects with the handler's
   * or the store's error, having handed no further page: the caller restarts from its checkpoint.
   */
  subscribe(options: SubscribeOptions): Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Last position already handled: 0n to start from the beginning (a rebuild). */
  readonly after: bigint;
  readonly handle: (events: readonly RecordedEvent[]) => Promise<void>;
  /** Most events per page; default 500. */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** How long to wait before looking again once caught up; default 250 ms. Adapters that are
   * told of appends (LISTEN/NOTIFY) look at once when told. */
  readonly pollIntervalMs?: number;
}

/**
 * Where a subscriber keeps the last position it handled. `Tx` is the adapter's transaction
 * handle, so a read model saves its checkpoint in the same transaction as its own writes:
 * both commit, or neither does.
 */
export interface CheckpointStore<Tx = never> {
  load(name: string): Promise<bigint | undefined>;
  /** Moves the checkpoint forward; an older position than the stored one is ignored, so a
   * late writer never rewinds it. Pass `tx` to save inside the caller's transaction. */
  save(name: string, position: bigint, tx?: Tx): Promise<void>;
  /** Forgets the checkpoint, so the next subscription rebuilds from the beginning. */
  reset(name: string, tx?: Tx): Promise<void>;
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
