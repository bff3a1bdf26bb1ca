import { createPool, assertTestDatabase, ping } from './pool';
import { fromPool } from './sql';
import { isTransientDatabaseError } from './transient';
import type { Pool } from 'pg';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';

describe('PostgreSQL (real server)', () => {
  let pool: Pool;

  beforeAll(() => {
    assertTestDatabase(url);
    pool = createPool({ url, applicationName: 'educube-int-test' });
  });
  afterAll(() => pool.end());

  it('answers a readiness ping', async () => {
    await expect(ping(pool)).resolves.toBeUndefined();
  });

  it('round-trips rows with UTF-8 text, jsonb and timestamps through a transaction', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('create temporary table roundtrip (id text primary key, school_name text, payload jsonb, at timestamptz) on commit drop');
      await client.query('insert into roundtrip values ($1, $2, $3, $4)', [
        'e-1',
        '宁波市海曙区中心小学',
        { stage: '小学', lessons: 3 },
        '2026-09-01T08:00:00+08:00',
      ]);
      const { rows } = await client.query('select id, school_name, payload, at from roundtrip');
      expect(rows).toEqual([{ id: 'e-1', school_name: '宁波市海曙区中心小学', payload: { stage: '小学', lessons: 3 }, at: new Date('2026-09-01T00:00:00Z') }]);
      await expect(client.query('insert into roundtrip values ($1, null, null, null)', ['e-1'])).rejects.toMatchObject({ code: '23505' });
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  it('runs PostgreSQL 15 or newer', async () => {
    const { rows } = await pool.query<{ server_version_num: string }>('show server_version_num');
    expect(Number(rows[0]!.server_version_num)).toBeGreaterThanOrEqual(150000);
  });

  it('survives the server closing an idle connection (a restart, a forced drop): the error is reported, the next query connects again', async () => {
    const seen: Error[] = [];
    const victim = createPool({ url, applicationName: 'educube-int-idle-victim', max: 1, onIdleError: (e) => seen.push(e) });
    try {
      await ping(victim);
      // the connection is idle in the pool now: end it from another session, as an administrator would
      await pool.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'educube-int-idle-victim'");
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen.map((e) => e.message)).toEqual([expect.stringContaining('terminating connection due to administrator command')]);
      await expect(ping(victim)).resolves.toBeUndefined();
    } finally {
      await victim.end();
    }
  });

  it('survives the server ending a connection inside a transaction, between two statements: the next statement fails as transient, the next transaction works', async () => {
    const victim = createPool({ url, applicationName: 'educube-int-tx-victim', max: 1 });
    const db = fromPool(victim);
    try {
      const failure = await db
        .transaction(async (tx) => {
          await tx.query('select 1');
          await pool.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'educube-int-tx-victim'");
          // the server's goodbye arrives while no statement is running: before, an unheard 'error' that ended the process
          await new Promise((r) => setTimeout(r, 300));
          await tx.query('select 2');
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(failure).toBeInstanceOf(Error);
      expect(isTransientDatabaseError(failure)).toBe(true);
      await expect(db.transaction((tx) => tx.query<{ n: number }>('select 3 as n'))).resolves.toEqual({ rows: [{ n: 3 }] });
    } finally {
      await victim.end();
    }
  });

  it('sets a bound on idling inside a transaction for every pooled session', async () => {
    const bounded = createPool({ url, applicationName: 'educube-int-bounded', max: 1, idleInTransactionTimeoutMs: 1_500 });
    try {
      const { rows } = await bounded.query<{ setting: string }>("select current_setting('idle_in_transaction_session_timeout') as setting");
      expect(rows[0]?.setting).toBe('1500ms');
    } finally {
      await bounded.end();
    }
  });
});
