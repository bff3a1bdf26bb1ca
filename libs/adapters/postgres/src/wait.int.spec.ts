import { createServer, connect, type Server, type Socket } from 'node:net';
import { createPool } from './pool';
import { fromPool } from './sql';
import { ADMIN_DATABASE_URL } from './testing';
import { waitForDatabase } from './wait';

// A database that comes up after the service: the pool points at a port where nothing listens
// yet; 1.5 s later a TCP relay to the real server opens there, as PostgreSQL would after a restart.
describe('waiting for a database that starts after the service', () => {
  it('connects once the server is there, without the caller doing anything', async () => {
    const target = new URL(ADMIN_DATABASE_URL);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const sockets = new Set<Socket>();
    let relay: Server | undefined;
    const opening = setTimeout(() => {
      relay = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      }).listen(port, '127.0.0.1');
    }, 1_500);

    const url = new URL(ADMIN_DATABASE_URL);
    url.port = String(port);
    const db = fromPool(createPool({ url: url.toString(), applicationName: 'wait-int', max: 1 }));
    const retries: string[] = [];
    try {
      const attempts = await waitForDatabase(db, { maxBackoffMs: 500, onRetry: (e) => retries.push((e as Error & { code?: string }).code ?? e.message) });
      expect(attempts).toBeGreaterThan(1);
      expect(retries.every((r) => r === 'ECONNREFUSED')).toBe(true);
      expect((await db.query<{ one: number }>('select 1 as one')).rows[0]?.one).toBe(1);
    } finally {
      clearTimeout(opening);
      await db.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
    }
  });
});
