import type { CloudEvent } from '@educube/contracts';
import type { SqlClient, SqlDatabase } from '@educube/postgres';
import {
  activityMarks,
  canonicalValue,
  changesOf,
  checksumOf,
  clockColumn,
  columnsOf,
  mergeChanges,
  TABLES,
  TABLES_BY_NAME,
  type ActivityMark,
  type FactChange,
  type Row,
  type RowDelta,
  type TableDef,
  type Value,
} from '@educube/warehouse-read-models';
import { ACTIVITY_TABLES } from './activity';
import { ident, qualified, SCHEMA, sqlTypeOf } from './schema';

export interface PositionedEvent {
  /** The event's position in the store's global order. */
  readonly position: bigint;
  /** A validated event (defaults applied). */
  readonly event: CloudEvent;
}

export interface BatchResult {
  readonly applied: number;
  /** Events at or below the stored checkpoint: already applied by an earlier delivery. */
  readonly skipped: number;
  readonly checkpoint: bigint;
}

/**
 * Applies a batch and moves the checkpoint in one transaction of four round trips, whatever
 * the batch size: lock-and-read the checkpoint, one statement that upserts every touched
 * table (one INSERT … SELECT FROM unnest(…) ON CONFLICT per table, as writable CTEs) and sets
 * the new checkpoint, commit. Events at or below the stored checkpoint are skipped, so a
 * batch redelivered after a crash, or by a second consumer, changes nothing. The checkpoint
 * row is locked from the first statement on, so two appliers of one projection take turns.
 */
export async function applyBatch(db: SqlDatabase, projection: string, events: readonly PositionedEvent[]): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    const stored = await lockCheckpoint(tx, projection);
    const fresh = events.filter((e) => e.position > stored);
    if (fresh.length === 0) return { applied: 0, skipped: events.length, checkpoint: stored };

    const changes: FactChange[] = [];
    let last = stored;
    for (const { position, event } of fresh) {
      changes.push(...changesOf(event));
      if (position > last) last = position;
    }
    await writeChanges(tx, changes, { projection, position: last });
    return { applied: fresh.length, skipped: events.length - fresh.length, checkpoint: last };
  });
}

/**
 * A batch whose changes were computed and merged before its transaction (a rebuild does that
 * for the next page while the previous one is written): the merged row deltas and activity marks
 * of every event in the positions (after, last].
 */
export interface MergedBatch {
  /** the checkpoint the batch follows: it applies only on exactly that checkpoint */
  readonly after: bigint;
  /** the position of its last event */
  readonly last: bigint;
  readonly events: number;
  readonly deltas: Iterable<RowDelta>;
  readonly marks: readonly ActivityMark[];
}

/**
 * A merged batch turned into its one statement (rows and the checkpoint's move), ready to send:
 * built before the transaction, so the transaction holds the checkpoint's lock only to send it.
 */
export interface PreparedBatch {
  readonly after: bigint;
  readonly last: bigint;
  readonly events: number;
  readonly sql: string;
  readonly params: unknown[];
}

/** The one statement that writes a merged batch and moves the checkpoint (no database involved). */
export function prepareMerged(projection: string, batch: MergedBatch): PreparedBatch {
  const { sql, params } = statementOf(batch.deltas, batch.marks, { projection, position: batch.last });
  return { after: batch.after, last: batch.last, events: batch.events, sql, params };
}

/**
 * applyBatch for a batch merged and prepared beforehand (prepareMerged, with the same
 * projection): one transaction, the checkpoint locked, read and moved to `last` with the rows.
 * Idempotent as applyBatch: a batch at or below the stored checkpoint changes nothing. Since the
 * events are merged already, it cannot apply part of one, so a checkpoint inside (after, last)
 * is an error.
 */
export async function applyPrepared(db: SqlDatabase, projection: string, batch: PreparedBatch): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    const stored = await lockCheckpoint(tx, projection);
    if (stored >= batch.last) return { applied: 0, skipped: batch.events, checkpoint: stored };
    if (stored !== batch.after)
      throw new Error(`${projection}: checkpoint ${stored} is not ${batch.after}, where the merged batch (${batch.after}, ${batch.last}] starts`);
    await tx.query(batch.sql, batch.params);
    return { applied: batch.events, skipped: 0, checkpoint: batch.last };
  });
}

/**
 * Locks the projection's checkpoint row for the transaction (creating it at 0 the first time)
 * and reads it: on conflict do update takes the row lock in the same round trip, so two
 * appliers of one projection take turns from here on.
 */
async function lockCheckpoint(tx: SqlClient, projection: string): Promise<bigint> {
  const { rows } = await tx.query<{ position: string }>(
    `insert into ${SCHEMA}.checkpoints as c (projection, position) values ($1, 0)
     on conflict (projection) do update set position = c.position returning position::text as position`,
    [projection],
  );
  return BigInt(rows[0]?.position ?? '0');
}

/** The position the projection has applied up to; 0 before its first batch. */
export async function checkpoint(db: SqlClient, projection: string): Promise<bigint> {
  const { rows } = await db.query<{ position: string }>(`select position::text as position from ${SCHEMA}.checkpoints where projection = $1`, [projection]);
  return BigInt(rows[0]?.position ?? '0');
}

/** Empties every read-model table and forgets every checkpoint, for a rebuild from position 0. */
export async function reset(db: SqlDatabase): Promise<void> {
  // the monthly roll-up is derived from the tables: the replay marks every school-month again
  await db.exec(`truncate ${[...TABLES.map((t) => qualified(t.name)), ...ACTIVITY_TABLES, `${SCHEMA}.checkpoints`].join(', ')};`);
}

/**
 * The checksum of the read models, defined by @educube/warehouse-read-models over every table
 * in canonical order (the in-memory reference computes the same one). It reads every row:
 * a verification tool for rebuilds and tests, not something to run on every batch.
 */
export async function checksum(db: SqlClient): Promise<string> {
  const tables = new Map<string, Row[]>();
  for (const def of TABLES_BY_NAME.values()) {
    const columns = columnsOf(def);
    const { rows } = await db.query<Record<string, string | null>>(
      `select ${columns.map((c) => `${ident(c.name)}::text as ${ident(c.name)}`).join(', ')} from ${qualified(def.name)}`,
    );
    tables.set(
      def.name,
      rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, canonicalValue(c.type, r[c.name])]))),
    );
  }
  return checksumOf(tables);
}

/** The rows of one table as the domain sees them (numbers as numbers), for tests and tools. */
export async function tableRows(db: SqlClient, table: string): Promise<Row[]> {
  const def = TABLES_BY_NAME.get(table);
  if (!def) throw new Error(`no read-model table ${table}`);
  const columns = columnsOf(def);
  const { rows } = await db.query<Record<string, string | null>>(
    `select ${columns.map((c) => `${ident(c.name)}::text as ${ident(c.name)}`).join(', ')} from ${qualified(def.name)}`,
  );
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, canonicalValue(c.type, r[c.name])])));
}

/**
 * Writes merged changes: one INSERT … ON CONFLICT per touched table, all in one statement
 * (writable CTEs), with each column passed as one array parameter — the parameter count
 * depends on the tables touched, never on the number of rows.
 */
async function writeChanges(tx: SqlClient, changes: readonly FactChange[], moveTo: { projection: string; position: bigint }): Promise<void> {
  const { sql, params } = statementOf(mergeChanges(changes).values(), activityMarks(changes), moveTo);
  await tx.query(sql, params);
}

function statementOf(
  deltas: Iterable<RowDelta>,
  marks: readonly ActivityMark[],
  moveTo: { projection: string; position: bigint },
): { sql: string; params: unknown[] } {
  const byTable = new Map<string, RowDelta[]>();
  for (const delta of deltas) {
    const list = byTable.get(delta.table);
    if (list) list.push(delta);
    else byTable.set(delta.table, [delta]);
  }
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const ctes = [...byTable].map(([name, deltas], i) => `w${i} as (${upsertSql(TABLES_BY_NAME.get(name) as TableDef, deltas, param)})`);
  // the school-months the monthly roll-up must recompute, in the same transaction as the rows
  if (marks.length) {
    ctes.push(`marks as (insert into ${SCHEMA}.activity_dirty (school, month, seq)
      select s, m, nextval('${SCHEMA}.activity_dirty_seq') from unnest(${param(marks.map((m) => m.school))}::text[], ${param(marks.map((m) => m.month))}::text[]) as u(s, m)
      on conflict (school, month) do update set seq = excluded.seq)`);
  }
  const sql = `${ctes.length ? `with ${ctes.join(',\n')}\n` : ''}update ${SCHEMA}.checkpoints set position = ${param(moveTo.position.toString())}::bigint where projection = ${param(moveTo.projection)}`;
  return { sql, params };
}

/**
 * Counters add; each group of latest columns takes the incoming values only when its clock is
 * newer (an absent incoming group has a null clock and keeps what is stored). The rows go as one
 * JSON text parameter (json_to_recordset, parsed by PostgreSQL in C; one JSON.stringify here),
 * not one array per column that pg would escape element by element in JavaScript.
 */
function upsertSql(def: TableDef, deltas: readonly RowDelta[], param: (value: unknown) => string): string {
  const columns = columnsOf(def);
  const keyNames = def.keys.map((k) => k.name);
  const counterNames = def.counters.map((c) => c.name);
  const groups = def.latest.map((g) => ({ name: g.name, columns: g.columns.map((c) => c.name) }));
  // short member names c0, c1, … in the canonical column order
  const rows: Record<string, Value>[] = new Array(deltas.length);
  for (let r = 0; r < deltas.length; r++) {
    const d = deltas[r] as RowDelta;
    const row: Record<string, Value> = {};
    let i = 0;
    for (let k = 0; k < keyNames.length; k++) row[`c${i++}`] = d.key[k] ?? null;
    for (const name of counterNames) row[`c${i++}`] = d.counters[name] ?? 0;
    for (const g of groups) {
      const set = d.groups[g.name];
      for (const name of g.columns) row[`c${i++}`] = set ? (set.values[name] ?? null) : null;
      row[`c${i++}`] = set ? set.clock : null;
    }
    rows[r] = row;
  }
  const newer = (group: string): string => {
    const clock = ident(clockColumn(group));
    return `excluded.${clock} is not null and (cur.${clock} is null or excluded.${clock} > cur.${clock})`;
  };
  const updates = [
    ...def.counters.map((c) => `${ident(c.name)} = cur.${ident(c.name)} + excluded.${ident(c.name)}`),
    ...def.latest.flatMap((g) =>
      [...g.columns.map((c) => c.name), clockColumn(g)].map(
        (name) => `${ident(name)} = case when ${newer(g.name)} then excluded.${ident(name)} else cur.${ident(name)} end`,
      ),
    ),
  ];
  const names = columns.map((c) => ident(c.name)).join(', ');
  const record = columns.map((c, i) => `c${i} ${sqlTypeOf(c)}`).join(', ');
  return `insert into ${qualified(def.name)} as cur (${names}) select * from json_to_recordset(${param(JSON.stringify(rows))}::json) as r(${record})
    on conflict (${def.keys.map((k) => ident(k.name)).join(', ')}) do update set ${updates.join(', ')}`;
}
