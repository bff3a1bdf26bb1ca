import { PGlite } from '@electric-sql/pglite';
import { checkpointContract, eventStoreContract } from '../event-store.contract';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { notificationsFromPGlite } from './notifications';
import { payloadHash, PostgresEventStore } from './postgres-event-store';
import { fromPGlite } from '@educube/postgres';

// The embedded default: the same adapter on an in-process PGlite. One connection, so the
// concurrency tests interleave transactions rather than run them side by side; the real
// server's suite (postgres-event-store.int.spec.ts) runs them on separate connections.
eventStoreContract(
  'PostgreSQL adapter on PGlite',
  async () => {
    const pglite = new PGlite();
    return PostgresEventStore.open(fromPGlite(pglite), { notifications: notificationsFromPGlite(pglite) });
  },
  { contiguousPositions: true, wakesOnAppend: true },
);

checkpointContract('PostgreSQL adapter on PGlite', async () => {
  const db = fromPGlite(new PGlite());
  return { db, store: await PostgresEventStore.open(db), checkpoints: await PostgresCheckpointStore.open(db) };
});

describe('payloadHash', () => {
  it('ignores key order and sees every value', () => {
    expect(payloadHash({ type: 'T', data: { a: 1, b: [1, { c: 2, d: 3 }] } })).toBe(payloadHash({ type: 'T', data: { b: [1, { d: 3, c: 2 }], a: 1 } }));
    expect(payloadHash({ type: 'T', data: { a: 1 } })).not.toBe(payloadHash({ type: 'T', data: { a: 2 } }));
    expect(payloadHash({ type: 'T', data: { a: 1 } })).not.toBe(payloadHash({ type: 'U', data: { a: 1 } }));
  });
});
