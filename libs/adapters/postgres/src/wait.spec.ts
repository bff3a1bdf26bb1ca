import type { SqlClient } from './sql';
import { isUnreachable, waitForDatabase } from './wait';

const failing = (errors: Error[]): SqlClient & { calls: number } => {
  const db = {
    calls: 0,
    async query() {
      db.calls++;
      const next = errors.shift();
      if (next) throw next;
      return { rows: [], rowCount: 1 };
    },
  };
  return db as unknown as SqlClient & { calls: number };
};
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('waiting for the database', () => {
  it('waits out a server that is not there yet, with growing pauses, and says so each time', async () => {
    const db = failing([coded('ECONNREFUSED'), coded('57P03', 'the database system is starting up'), new Error('timeout exceeded when trying to connect')]);
    const retries: [string, number, number][] = [];
    const attempts = await waitForDatabase(db, { maxBackoffMs: 40, onRetry: (e, attempt, delay) => retries.push([e.message, attempt, delay]) });
    expect(attempts).toBe(4);
    expect(retries).toEqual([
      ['ECONNREFUSED', 1, 40],
      ['the database system is starting up', 2, 40],
      ['timeout exceeded when trying to connect', 3, 40],
    ]);
  });

  it('throws at once what waiting cannot mend: a wrong password, a missing database', async () => {
    await expect(waitForDatabase(failing([coded('28P01', 'password authentication failed for user "educube"')]))).rejects.toThrow(
      'password authentication failed',
    );
    await expect(waitForDatabase(failing([coded('3D000', 'database "nope" does not exist')]))).rejects.toThrow('does not exist');
  });

  it('reads an AggregateError of refused addresses (localhost as ::1 and 127.0.0.1) as unreachable', () => {
    expect(isUnreachable(Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]), { code: undefined }))).toBe(true);
    expect(isUnreachable(new AggregateError([coded('ECONNREFUSED'), coded('28P01')]))).toBe(false);
  });

  it('stops when aborted, without another attempt', async () => {
    const controller = new AbortController();
    const db = failing(Array.from({ length: 100 }, () => coded('ECONNREFUSED')));
    const waiting = waitForDatabase(db, { maxBackoffMs: 10_000, signal: controller.signal, onRetry: () => controller.abort() });
    await expect(waiting).rejects.toThrow('ECONNREFUSED');
    expect(db.calls).toBe(1);
  });
});
