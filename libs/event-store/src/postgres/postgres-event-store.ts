import { createHash } from 'node:crypto';
import { WrongExpectedVersionError, type AppendOutcome, type AppendResult, type EventStore, type ExpectedVersion, type NewEvent, type RecordedEvent } from '../port';
import type { SqlClient, SqlDatabase } from '@educube/postgres';

const SCHEMA = `
create schema if not exists event_store;
create table if not exists event_store.events (
  position       bigserial primary key,
  event_id       text not null,
  stream_id      text not null,
  stream_version integer not null,
  type           text not null,
  data           jsonb not null,
  metadata       jsonb not null default '{}',
  payload_hash   text not null,
  recorded_at    timestamptz not null default now(),
  constraint events_event_id_unique unique (event_id),
  constraint events_stream_version_unique unique (stream_id, stream_version)
);`;

/**
 * Writers take one transaction-scoped advisory lock before they draw positions, so positions
 * are handed out in commit order: a reader that has seen position N can never later find a
 * committed N-1. (PostgreSQL makes a commit visible before it releases the transaction's
 * locks.) Appends are therefore serialised; batching, not parallel writers, gives throughput.
 */
const APPEND_LOCK = 7_242_031;

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
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<PostgresEventStore> {
    await db.exec(SCHEMA);
    return new PostgresEventStore(db);
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion = 'any'): Promise<AppendResult> {
    return this.db.transaction((tx) => this.appendIn(tx, streamId, events, expected));
  }

  private async appendIn(tx: SqlClient, streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    await tx.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    const hashed = events.map((e) => ({ ...e, hash: payloadHash(e) }));
    const { rows: stored } = await tx.query<{ event_id: string; payload_hash: string; position: string; stream_id: string }>(
      'select event_id, payload_hash, position::text, stream_id from event_store.events where event_id = any($1::text[])',
      [hashed.map((e) => e.id)],
    );
    const known = new Map(stored.map((r) => [r.event_id, { hash: r.payload_hash, position: BigInt(r.position), streamId: r.stream_id }]));
    const { rows: versionRows } = await tx.query<{ version: number }>('select coalesce(max(stream_version), -1)::int as version from event_store.events where stream_id = $1', [streamId]);
    const current = versionRows[0]?.version ?? -1;

    const fresh: (NewEvent & { hash: string })[] = [];
    const seenInBatch = new Map<string, string>();
    for (const e of hashed) {
      if (known.has(e.id) || seenInBatch.has(e.id)) continue;
      seenInBatch.set(e.id, e.hash);
      fresh.push(e);
    }
    // A retry of an append that already committed is answered, not refused for its stale version.
    if (fresh.length > 0 && !versionMatches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);

    type Inserted = { event_id: string; position: string; stream_version: number };
    let inserted: Inserted[] = [];
    if (fresh.length > 0) {
      ({ rows: inserted } = await tx.query<Inserted>(
        `insert into event_store.events (event_id, stream_id, stream_version, type, data, metadata, payload_hash)
         select e.id, $1, $2 + e.n, e.type, e.data::jsonb, e.metadata::jsonb, e.hash
         from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) with ordinality as e(id, type, data, metadata, hash, n)
         order by e.n
         returning event_id, position::text, stream_version`,
        [streamId, current, fresh.map((e) => e.id), fresh.map((e) => e.type), fresh.map((e) => JSON.stringify(e.data)), fresh.map((e) => JSON.stringify(e.metadata ?? {})), fresh.map((e) => e.hash)],
      ));
    }
    const appended = new Map(inserted.map((r) => [r.event_id, r]));

    const outcomes: AppendOutcome[] = [];
    const answered = new Set<string>();
    for (const e of hashed) {
      const first = appended.get(e.id);
      if (first && !answered.has(e.id)) {
        answered.add(e.id);
        outcomes.push({ id: e.id, status: 'appended', position: BigInt(first.position), streamVersion: first.stream_version });
        continue;
      }
      // stored before this append, or a repeat of an id earlier in this same batch
      const original = known.get(e.id) ?? (first && { hash: seenInBatch.get(e.id), position: BigInt(first.position), streamId });
      if (!original) throw new Error(`event ${e.id} was neither stored before nor appended now`);
      outcomes.push({ id: e.id, status: original.hash === e.hash ? 'duplicate' : 'conflict', position: original.position, streamId: original.streamId });
    }
    return { outcomes, streamVersion: current + inserted.length };
  }

  async readStream(streamId: string, fromVersion = 0): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<Row>(`${SELECT} where stream_id = $1 and stream_version >= $2 order by stream_version`, [streamId, fromVersion]);
    return rows.map(toRecorded);
  }

  async readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<Row>(`${SELECT} where position > $1 order by position limit $2`, [after.toString(), limit]);
    return rows.map(toRecorded);
  }

  close(): Promise<void> {
    return this.db.close();
  }
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

/** Canonical JSON (sorted keys) so the same payload hashes the same whatever its key order. */
export function payloadHash(event: Pick<NewEvent, 'type' | 'data'>): string {
  return createHash('sha256').update(canonical({ type: event.type, data: event.data })).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
