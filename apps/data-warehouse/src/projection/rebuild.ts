import type { EventStore } from '@educube/event-store';
import type { SqlDatabase } from '@educube/postgres';
import { applyBatch, checksum, migrate, reset } from '@educube/warehouse-read-models-postgres';
import { positioned, PROJECTION } from './projector';

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
  readonly elapsedMs: number;
}

const PAGE = 5_000;

/**
 * Replays the whole store into empty read models and compares the checksum with what the
 * incremental projection had built: the proof that projections are deterministic and that
 * nothing was applied twice or missed. Run it with the service stopped: a live projector would
 * advance the checkpoint past pages the replay has not reached.
 */
export async function rebuild(db: SqlDatabase, store: EventStore, onProgress: (p: RebuildProgress) => void = () => undefined): Promise<RebuildResult> {
  const started = performance.now();
  await migrate(db);
  const before = await checksum(db);
  const { rows } = await db.query<{ n: string }>('select count(*)::text as n from event_store.events');
  const total = Number(rows[0]?.n ?? 0);
  await reset(db);
  let after = 0n;
  let done = 0;
  for (;;) {
    const page = await store.readAll(after, PAGE);
    if (page.length === 0) break;
    await applyBatch(db, PROJECTION, positioned(page));
    done += page.length;
    after = page[page.length - 1]?.position ?? after;
    onProgress({ done, total, elapsedMs: performance.now() - started });
    if (page.length < PAGE) break;
  }
  const afterSum = await checksum(db);
  return { before, after: afterSum, identical: before === afterSum, events: done, elapsedMs: performance.now() - started };
}
