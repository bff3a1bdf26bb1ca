import { createPool } from './pool';
import { tcpRelay } from './relay';
import { fromPool } from './sql';
import { ADMIN_DATABASE_URL } from './testing';
import { waitForDatabase } from './wait';

// A database that comes up after the service: the pool points at a port where nothing listens
// yet; 1.5 s later a TCP relay to the real server opens there, as PostgreSQL would after a restart.
describe('waiting for a database that starts after the service', () => {
  it('connects once the server is there, without the caller doing anything', async () => {
    const target = new URL(ADMIN_DATABASE_URL);
    const relay = await tcpRelay({ host: target.hostname, port: Number(target.port) }, { open: false });
    const opening = setTimeout(() => void relay.open(), 1_500);
    const db = fromPool(createPool({ url: relay.through(ADMIN_DATABASE_URL), applicationName: 'wait-int', max: 1 }));
    const retries: string[] = [];
    try {
      const attempts = await waitForDatabase(db, { maxBackoffMs: 500, onRetry: (e) => retries.push((e as Error & { code?: string }).code ?? e.message) });
      expect(attempts).toBeGreaterThan(1);
      expect(retries.every((r) => r === 'ECONNREFUSED')).toBe(true);
      expect((await db.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    } finally {
      clearTimeout(opening);
      await db.close();
      await relay.close();
    }
  });
});
