import { assertTestDatabase, createPool } from '@educube/postgres';
import { Client } from 'pg';
import { notificationsFromPool } from './notifications';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';
const waitFor = async (what: string, ok: () => boolean, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

// A server that drops the LISTEN connection (a restart, an admin's pg_terminate_backend) used to
// raise an 'error' no one heard, which ends a Node process: the warehouse died 0.3 s after its
// database went away.
describe('notifications from a pool, when PostgreSQL drops the LISTEN connection', () => {
  it('survive the drop, listen again, and wake the subscriber to read what it missed', async () => {
    assertTestDatabase(url);
    const pool = createPool({ url, applicationName: 'listen-drop-int', max: 2 });
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const errors: number[] = [];
    let woken = 0;
    const stop = await notificationsFromPool(pool, { onConnectionError: (_e, attempt) => errors.push(attempt) })('listen_drop_test', () => woken++);
    try {
      await admin.query(`notify listen_drop_test`);
      await waitFor('the first notification', () => woken === 1);

      const killed = await admin.query<{ n: string }>(
        `select count(pg_terminate_backend(pid))::text as n from pg_stat_activity where application_name = 'listen-drop-int' and query ilike 'listen%'`,
      );
      expect(killed.rows[0]?.n).toBe('1');
      // heard (no crash), listening again, and one wake-up for what may have been missed
      await waitFor('listening again', () => woken === 2);
      expect(errors).toEqual([1]);

      await admin.query(`notify listen_drop_test`);
      await waitFor('a notification on the new connection', () => woken === 3);
    } finally {
      await stop();
      await admin.end();
      await pool.end();
    }
  });
});
