import type { CloudEvent } from '@educube/contracts';
import type { SqlDatabase } from '@educube/postgres';
import { activityMarks, changesOf, mergeChanges, NOT_PROJECTED, UPCAST_TYPES, type ActivityMark, type RowDelta } from '@educube/warehouse-read-models';
import { applyPrepared, checksum, migrate, prepareMerged, reset, type MergedBatch } from '@educube/warehouse-read-models-postgres';
import { PROJECTION } from './projector';

export interface RebuildProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

export interface RebuildResult {
  /** checksum of the read models as the incremental projection left them */
  readonly before: string;
  /** after reset and replay from position 0 */
  readonly after: string;
  readonly identical: boolean;
  readonly events: number;
  /** the whole rebuild: migrate, both checksums, reset and replay */
  readonly elapsedMs: number;
  /** the replay alone: from the reset to the last page written */
  readonly replayMs: number;
}

export interface RebuildOptions {
  /** events per page (default PAGE); small ones let a test cross several pages */
  readonly pageSize?: number;
}

/**
 * Events per page. A page's changes are merged into one delta per row before it is written, so
 * a bigger page writes fewer rows per event (a fold from empty adds many events into one row).
 */
const PAGE = 20_000;

interface Page {
  /** the last position read (school stream or not) */
  readonly last: bigint;
  /** every row read */
  readonly read: number;
  /** the school-stream events' data as stored (jsonb as text), in position order */
  readonly data: readonly string[];
}

/**
 * Types whose changes are none whatever their data: placed in NOT_PROJECTED and read as they are
 * (no upcaster turns them into another type). Their data need not be read. Any other type is
 * read and goes through changesOf, which refuses a type nobody placed, as the live projector does.
 */
const NOTHING_TO_PROJECT: readonly string[] = Object.keys(NOT_PROJECTED).filter((type) => !UPCAST_TYPES.includes(type));

/**
 * A lean read of one page: the position of every event, and the data only of the events the
 * read models take in (school streams, as `positioned` filters them; none of the types above),
 * as text that is parsed once here. Metadata, dates and the other columns are not read.
 */
async function readPage(db: SqlDatabase, after: bigint, limit: number): Promise<Page> {
  // the stored type column is the event's type (the ingestor writes both from the event)
  const { rows } = await db.query<{ pos: string; data: string | null }>(
    `select position::text as pos, case when stream_id ~ '^school-[0-9]{10}$' and type <> all($3::text[]) then data::text end as data
     from event_store.events where position > $1 order by position limit $2`,
    [after.toString(), limit, NOTHING_TO_PROJECT],
  );
  const data: string[] = [];
  for (const r of rows) if (r.data !== null) data.push(r.data);
  const last = rows.length ? BigInt((rows[rows.length - 1] as { pos: string }).pos) : after;
  return { last, read: rows.length, data };
}

/**
 * A page's changes, merged into one delta per row as each event is projected (so an event's
 * changes die young and only the deltas stay), with the school-months they touch. Merged in slices, giving the event loop a turn between them: the write of the
 * previous page (several round trips) and the read of the next one go on meanwhile, instead of each
 * round trip waiting for a whole page's merge.
 */
async function mergeInSlices(page: Page, after: bigint): Promise<MergedBatch> {
  const merging = new Merging();
  for (let i = 0; i < page.data.length; i += SLICE) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    merging.add(page.data, i, Math.min(page.data.length, i + SLICE));
  }
  return merging.batch(page, after);
}

const SLICE = 2_000;

class Merging {
  private readonly deltas = new Map<string, RowDelta>();
  private readonly marks = new Map<string, ActivityMark>();

  add(data: readonly string[], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const changes = changesOf(JSON.parse(data[i] as string) as CloudEvent);
      if (changes.length === 0) continue;
      mergeChanges(changes, this.deltas);
      for (const m of activityMarks(changes)) this.marks.set(`${m.school}\u0000${m.month}`, m);
    }
  }

  batch(page: Page, after: bigint): MergedBatch {
    return { after, last: page.last, events: page.data.length, deltas: this.deltas.values(), marks: [...this.marks.values()] };
  }
}

/**
 * Replays the whole store into empty read models and compares the checksum with what the
 * incremental projection had built: the proof that projections are deterministic and that
 * nothing was applied twice or missed. Run it with the service stopped: a live projector would
 * advance the checkpoint past pages the replay has not reached.
 *
 * Pipelined: while one page is written (its own transaction, with the checkpoint, as the live
 * projector writes), the next is read and merged. The event store is read from `db`, where the
 * PostgreSQL store keeps it (`event_store.events`, opened by the caller), not through the port:
 * the lean read takes only what the read models need.
 */
export async function rebuild(
  db: SqlDatabase,
  onProgress: (p: RebuildProgress) => void = () => undefined,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  await migrate(db);
  const before = await checksum(db);
  const { rows } = await db.query<{ n: string }>('select count(*)::text as n from event_store.events');
  const total = Number(rows[0]?.n ?? 0);
  await reset(db);
  const replayStarted = performance.now();
  const size = options.pageSize ?? PAGE;
  let done = 0;
  let after = 0n;
  let reading: Promise<Page> | undefined = readPage(db, after, size);
  // writes go one at a time, in order (each expects the checkpoint the previous one left);
  // at most one page is merged ahead of the one being written, so memory stays bounded
  const writes: Promise<void>[] = [];
  let writing: Promise<void> = Promise.resolve();
  while (reading) {
    const page: Page = await reading;
    const from = after;
    after = page.last;
    // the next read goes out before this page is merged and written
    reading = page.read === size ? readPage(db, after, size) : undefined;
    // awaited in turn; meanwhile a failure must not count as unhandled
    reading?.catch(() => undefined);
    if (page.read === 0) break;
    const prepared = mergeInSlices(page, from).then((batch) => prepareMerged(PROJECTION, batch));
    prepared.catch(() => undefined);
    const read = page.read;
    writing = Promise.all([writing, prepared]).then(async ([, batch]) => {
      await applyPrepared(db, PROJECTION, batch);
      done += read;
      onProgress({ done, total, elapsedMs: performance.now() - started });
    });
    writing.catch(() => undefined);
    writes.push(writing);
    if (writes.length > 1) await writes.shift();
  }
  await writing;
  const replayMs = performance.now() - replayStarted;
  const afterSum = await checksum(db);
  return { before, after: afterSum, identical: before === afterSum, events: done, elapsedMs: performance.now() - started, replayMs };
}
