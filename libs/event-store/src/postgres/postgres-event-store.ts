import { canonicalSha256 } from '@educube/canonical-json';
import {
  WrongExpectedVersionError,
  type AppendOutcome,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
} from '../port';
import { Doorbell, followAll } from '../catch-up';
import type { Notifications } from './notifications';
import { migrate, type SqlClient, type SqlDatabase } from '@educube/postgres';
import { EVENT_STORE_SCHEMA } from './migrations';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@educube/event-store');

/**
 * Writers take one transaction-scoped advisory lock before they draw positions, so positions
 * are handed out in commit order: a reader that has seen position N can never later find a
 * committed N-1. (PostgreSQL makes a commit visible before it releases the transaction's
 * locks.) Appends are therefore serialised; batching, not parallel writers, gives throughput.
 *
 * Because every writer waits on it, how long one writer can hold it is bounded: everything that
 * costs CPU (hashes, JSON) is done before the lock; inside, the holder only sends statements, and
 * a holder that stops sending them (a paused or frozen process) is ended by the server after
 * `idleInTransactionTimeoutMs`, which releases the lock and rolls its append back; a waiter gives
 * up after `lockTimeoutMs` (55P03, transient: retried by its caller) rather than queue forever.
 */
const APPEND_LOCK = 7_242_031;

/** Every append that stores an event notifies here, so subscribers need not wait for a poll. */
export const APPENDED_CHANNEL = 'event_store_appended';

export interface PostgresEventStoreOptions {
  /** LISTEN for appends (from any process) so idle subscribers wake at once; else they poll. */
  readonly notifications?: Notifications;
  /** How long an append holding the lock may sit idle between its statements before the server ends it (default 5 s). */
  readonly idleInTransactionTimeoutMs?: number;
  /** How long an append waits for the lock before it fails as transient (default 15 s: longer than the idle bound, so a frozen holder is ended first). */
  readonly lockTimeoutMs?: number;
}

/**
 * Each stream's current version: one step down the (stream_id, stream_version) index per stream.
 * `max(stream_version) … group by stream_id` read every event of the streams instead, so an
 * append's cost grew with the streams' history (a school's stream holds a year of its events):
 * at a million events it ran parallel scans on every append.
 */
export const STREAM_VERSIONS_SQL = `select s.id as stream_id,
  (select e.stream_version from event_store.events e where e.stream_id = s.id order by e.stream_version desc limit 1) as version
  from unnest($1::text[]) as s(id)`;

/**
 * An event ready to write, everything that costs CPU done before the lock: its hash, and its row
 * as JSON text but for the two members only the lock can decide (stream and version), which are
 * appended to `row` with its closing brace.
 */
interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly hash: string;
  readonly row: string;
}

interface Row {
  pos: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
}

export class PostgresEventStore implements EventStore {
  private readonly doorbell = new Doorbell();
  private unlisten: (() => Promise<void>) | undefined;

  /** one statement: the bounds for this transaction only, then the lock */
  private readonly lockStatement: string;

  private constructor(
    private readonly db: SqlDatabase,
    { idleInTransactionTimeoutMs = 5_000, lockTimeoutMs = 15_000 }: PostgresEventStoreOptions,
  ) {
    const ms = (n: number) => {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`event store timeouts must be positive whole milliseconds, not ${n}`);
      return `${n}ms`;
    };
    // set_config(…, true) is SET LOCAL: the pool's sessions keep their own settings afterwards
    this.lockStatement =
      `select set_config('idle_in_transaction_session_timeout', '${ms(idleInTransactionTimeoutMs)}', true), ` +
      `set_config('lock_timeout', '${ms(lockTimeoutMs)}', true), pg_advisory_xact_lock(${APPEND_LOCK})`;
  }

  static async open(db: SqlDatabase, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    await migrate(db, EVENT_STORE_SCHEMA);
    const store = new PostgresEventStore(db, options);
    if (options.notifications) store.unlisten = await options.notifications(APPENDED_CHANNEL, () => store.doorbell.ring());
    return store;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion = 'any'): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamId, events, expected }]);
    if (!result) throw new Error('appendMany answered no result for one append');
    return result;
  }

  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    // a child of whatever span is active (the ingest of an event); the API's no-op span when tracing is off
    return tracer.startActiveSpan(
      'eventstore.append',
      {
        kind: SpanKind.INTERNAL,
        attributes: { 'db.system.name': 'postgresql', 'educube.streams': appends.length, 'educube.events': appends.reduce((n, a) => n + a.events.length, 0) },
      },
      async (span) => {
        try {
          const prepared = appends.map((a) => ({ ...a, events: a.events.map(prepare) }));
          const results = await this.db.transaction((tx) => this.appendIn(tx, prepared));
          if (span.isRecording()) {
            const positions = results.flatMap((r) => r.outcomes.filter((o) => o.status === 'appended').map((o) => o.position));
            span.setAttribute('educube.appended', positions.length);
            const [first, last] = [positions.at(0), positions.at(-1)];
            if (first !== undefined && last !== undefined)
              span.setAttributes({ 'educube.position.first': first.toString(), 'educube.position.last': last.toString() });
          }
          return results;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Set-based whatever the batch size: one query for known ids, one for versions, one insert. */
  private async appendIn(tx: SqlClient, batches: readonly (Omit<StreamAppend, 'events'> & { events: readonly PreparedEvent[] })[]): Promise<AppendResult[]> {
    await tx.query(this.lockStatement);
    const { rows: stored } = await tx.query<{ event_id: string; payload_hash: string; position: string; stream_id: string }>(
      'select event_id, payload_hash, position::text, stream_id from event_store.events where event_id = any($1::text[])',
      [batches.flatMap((b) => b.events.map((e) => e.id))],
    );
    const known = new Map(stored.map((r) => [r.event_id, { hash: r.payload_hash, position: BigInt(r.position), streamId: r.stream_id }]));
    const { rows: versionRows } = await tx.query<{ stream_id: string; version: number | null }>(STREAM_VERSIONS_SQL, [batches.map((b) => b.streamId)]);
    const versions = new Map(versionRows.filter((r) => r.version !== null).map((r) => [r.stream_id, r.version as number]));

    // Decide every stream before writing any: ids new to the store and to this call.
    const firstHash = new Map<string, string>();
    const rows: string[] = [];
    for (const b of batches) {
      const current = versions.get(b.streamId) ?? -1;
      const fresh = [];
      for (const e of b.events) {
        if (known.has(e.id) || firstHash.has(e.id)) continue;
        firstHash.set(e.id, e.hash);
        fresh.push(e);
      }
      // A retry of an append that already committed is answered, not refused for its stale version.
      if (fresh.length > 0 && !versionMatches(b.expected ?? 'any', current)) throw new WrongExpectedVersionError(b.streamId, b.expected ?? 'any', current);
      const stream = JSON.stringify(b.streamId);
      fresh.forEach((e, i) => rows.push(`${e.row},"stream_id":${stream},"version":${current + 1 + i}}`));
      versions.set(b.streamId, current + fresh.length);
    }

    type Inserted = { event_id: string; stream_id: string; position: string; stream_version: number };
    let inserted: Inserted[] = [];
    if (rows.length > 0) {
      // One JSON text for the whole batch, its rows written before the lock: PostgreSQL parses it
      // in C, where seven text[] parameters cost pg's per-element escaping in JavaScript.
      ({ rows: inserted } = await tx.query<Inserted>(
        `insert into event_store.events (event_id, stream_id, stream_version, type, data, metadata, payload_hash)
         select e.id, e.stream_id, e.version, e.type, e.data, e.metadata, e.hash
         from rows from (json_to_recordset($1::json) as (id text, stream_id text, version int, type text, data jsonb, metadata jsonb, hash text))
           with ordinality as e(id, stream_id, version, type, data, metadata, hash, n)
         order by e.n
         returning event_id, stream_id, position::text, stream_version`,
        [`[${rows.join(',')}]`],
      ));
    }
    // Delivered at commit, so a woken subscriber finds the rows; one per transaction.
    if (inserted.length > 0) await tx.query("select pg_notify($1, '')", [APPENDED_CHANNEL]);
    const appended = new Map(inserted.map((r) => [r.event_id, r]));

    const answered = new Set<string>();
    return batches.map((b) => {
      const outcomes = b.events.map((e): AppendOutcome => {
        const first = appended.get(e.id);
        if (first && !answered.has(e.id)) {
          answered.add(e.id);
          return { id: e.id, status: 'appended', position: BigInt(first.position), streamVersion: first.stream_version };
        }
        // stored before this call, or a repeat of an id met earlier in this same call
        const original = known.get(e.id) ?? (first && { hash: firstHash.get(e.id), position: BigInt(first.position), streamId: first.stream_id });
        if (!original) throw new Error(`event ${e.id} was neither stored before nor appended now`);
        return { id: e.id, status: original.hash === e.hash ? 'duplicate' : 'conflict', position: original.position, streamId: original.streamId };
      });
      return { outcomes, streamVersion: versions.get(b.streamId) ?? -1 };
    });
  }

  async readStream(streamId: string, fromVersion = 0): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<Row>(`${SELECT} where stream_id = $1 and stream_version >= $2 order by stream_version`, [streamId, fromVersion]);
    return rows.map(toRecorded);
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<Row>(`${SELECT} where position > $1 order by position limit $2`, [after.toString(), limit]);
    return rows.map(toRecorded);
  }

  subscribe(options: SubscribeOptions): Promise<void> {
    return followAll((after, limit) => this.readAll(after, limit), options, this.doorbell);
  }

  async close(): Promise<void> {
    await this.unlisten?.();
    await this.db.close();
  }
}

function prepare(e: NewEvent): PreparedEvent {
  const hash = payloadHash(e);
  const row = `{"id":${JSON.stringify(e.id)},"type":${JSON.stringify(e.type)},"hash":"${hash}","data":${JSON.stringify(e.data) ?? 'null'},"metadata":${JSON.stringify(e.metadata ?? {})}`;
  return { id: e.id, type: e.type, hash, row };
}

// `pos`, not `position`: ORDER BY would otherwise sort by the text output column, not the bigint.
const SELECT = 'select position::text as pos, event_id, stream_id, stream_version, type, data, metadata, recorded_at from event_store.events';

function versionMatches(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === -1;
  return expected === current;
}

function toRecorded(r: Row): RecordedEvent {
  return {
    id: r.event_id,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    position: BigInt(r.pos),
    type: r.type,
    data: r.data,
    metadata: r.metadata,
    recordedAt: new Date(r.recorded_at),
  };
}

/**
 * Canonical JSON (sorted keys) so the same payload hashes the same whatever its key order. A
 * member set to undefined counts as null, as in every hash already stored (payload_hash, and
 * KurrentDB's payloadHash metadata), so a retried append still matches its first copy.
 */
export function payloadHash(event: Pick<NewEvent, 'type' | 'data'>): string {
  return canonicalSha256({ type: event.type, data: event.data }, { undefinedAsNull: true });
}
