import { assertTestDatabase, createPool, fromPool } from '@educube/postgres';
import { checkpointContract, eventStoreContract } from '../event-store.contract';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { notificationsFromPool } from './notifications';
import { PostgresEventStore } from './postgres-event-store';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';

// More connections than writers, so the concurrency tests really run on separate connections
// (and one more is held by LISTEN).
eventStoreContract(
  'PostgreSQL adapter on a real server',
  async () => {
    assertTestDatabase(url);
    const pool = createPool({ url, applicationName: 'event-store-int', max: 16 });
    const db = fromPool(pool);
    await db.query('drop schema if exists event_store cascade');
    return PostgresEventStore.open(db, { notifications: notificationsFromPool(pool) });
  },
  { contiguousPositions: true, wakesOnAppend: true },
);

checkpointContract('PostgreSQL adapter on a real server', async () => {
  assertTestDatabase(url);
  const db = fromPool(createPool({ url, applicationName: 'event-store-checkpoints-int', max: 4 }));
  return { db, store: await PostgresEventStore.open(db), checkpoints: await PostgresCheckpointStore.open(db) };
});
