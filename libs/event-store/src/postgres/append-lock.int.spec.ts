import { createPool, fromPool, isTransientDatabaseError, type SqlDatabase, type SqlTransaction } from '@educube/postgres';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import type { NewEvent } from '../port';
import { PostgresEventStore } from './postgres-event-store';

// Issue 18: a writer frozen inside its append (SIGSTOP, a long stall) held the store's global lock,
// so every other writer, in every process, stopped with it. Here the freeze is a transaction that
// stops sending statements once it holds the lock, exactly what a paused process looks like to
// the server; the other writer must get through without the frozen one ever resuming.

const event = (id: string): NewEvent => ({ id, type: 'cn.educube.test.Happened.v1', data: { id } });

/** `db`, whose transactions stop after taking the append lock until `resume` is called. */
function freezingAfterLock(db: SqlDatabase): { db: SqlDatabase; holding: Promise<void>; resume: () => void } {
  let held!: () => void;
  let resume!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const resumed = new Promise<void>((r) => (resume = r));
  return {
    holding,
    resume,
    db: {
      ...db,
      transaction: <T>(work: (tx: SqlTransaction) => Promise<T>) =>
        db.transaction((tx) =>
          work({
            ...tx,
            query: async <R extends object>(sql: string, params?: unknown[]) => {
              const result = await tx.query<R>(sql, params);
              if (sql.includes('pg_advisory_xact_lock(7242031)')) {
                held();
                await resumed;
              }
              return result;
            },
          }),
        ),
    },
  };
}

describe('the append lock of the PostgreSQL event store (real server)', () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase('educube_test_append_lock');
  });
  afterAll(() => fresh?.drop());

  it('a writer frozen while it holds the lock is ended by the server; the others go on; what it held back is not stored', async () => {
    const frozenPool = createPool({ url: fresh.url, applicationName: 'append-lock-frozen', max: 1 });
    const livePool = createPool({ url: fresh.url, applicationName: 'append-lock-live', max: 2 });
    const frozen = freezingAfterLock(fromPool(frozenPool));
    const frozenStore = await PostgresEventStore.open(frozen.db, { idleInTransactionTimeoutMs: 1_000 });
    const liveStore = await PostgresEventStore.open(fromPool(livePool), { idleInTransactionTimeoutMs: 1_000 });
    try {
      const stuck = frozenStore.append('school-frozen', [event('frozen-1')]).then(
        () => undefined,
        (e: unknown) => e,
      );
      await frozen.holding;
      const started = performance.now();
      // without the bound this waits for the frozen writer for ever (the test's timeout fails it)
      const [live] = (await liveStore.append('school-live', [event('live-1')])).outcomes;
      const waitedMs = Math.round(performance.now() - started);
      process.stderr.write(`[append-lock] the live writer waited ${waitedMs} ms for a frozen holder (idle bound 1000 ms)\n`);
      expect(live).toMatchObject({ status: 'appended' });

      frozen.resume();
      const failure = await stuck;
      expect(isTransientDatabaseError(failure)).toBe(true);
      const all = await liveStore.readAll(0n, 10);
      expect(all.map((e) => e.id)).toEqual(['live-1']);

      // the frozen writer's process goes on as if nothing happened: its retry is stored once
      const [again] = (await frozenStore.append('school-frozen', [event('frozen-1')])).outcomes;
      expect(again).toMatchObject({ status: 'appended' });
    } finally {
      frozen.resume();
      await frozenStore.close();
      await liveStore.close();
    }
  });

  it('a writer waits for the lock no longer than its bound, and fails as transient (55P03) rather than queue for ever', async () => {
    const holderPool = createPool({ url: fresh.url, applicationName: 'append-lock-holder', max: 1 });
    const waiterPool = createPool({ url: fresh.url, applicationName: 'append-lock-waiter', max: 1 });
    const holder = freezingAfterLock(fromPool(holderPool));
    // the holder's idle bound is long, the waiter's lock bound short: the waiter gives up first
    const holderStore = await PostgresEventStore.open(holder.db, { idleInTransactionTimeoutMs: 60_000 });
    const waiterStore = await PostgresEventStore.open(fromPool(waiterPool), { lockTimeoutMs: 500 });
    try {
      const held = holderStore.append('school-holder', [event('holder-1')]);
      await holder.holding;
      const failure = await waiterStore.append('school-waiter', [event('waiter-1')]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toMatchObject({ code: '55P03' });
      expect(isTransientDatabaseError(failure)).toBe(true);
      holder.resume();
      await expect(held).resolves.toMatchObject({ outcomes: [{ status: 'appended' }] });
      // the waiter's retry goes through once the lock is free
      await expect(waiterStore.append('school-waiter', [event('waiter-1')])).resolves.toMatchObject({ outcomes: [{ status: 'appended' }] });
    } finally {
      holder.resume();
      await holderStore.close();
      await waiterStore.close();
    }
  });

  it('sets the bounds for the append transaction only: the pooled session keeps its own settings afterwards', async () => {
    const pool = createPool({ url: fresh.url, applicationName: 'append-lock-settings', max: 1 });
    const store = await PostgresEventStore.open(fromPool(pool), { idleInTransactionTimeoutMs: 1_234, lockTimeoutMs: 4_321 });
    try {
      await store.append('school-settings', [event('settings-1')]);
      const { rows } = await pool.query<{ idle: string; lock: string }>(
        "select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('lock_timeout') as lock",
      );
      expect(rows[0]).toEqual({ idle: '1min', lock: '0' });
    } finally {
      await store.close();
    }
  });
});
