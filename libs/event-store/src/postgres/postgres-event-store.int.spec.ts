import { assertTestDatabase, createPool, fromPool } from '@educube/postgres';
import { eventStoreContract } from '../event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';

eventStoreContract('PostgreSQL adapter on a real server', async () => {
  assertTestDatabase(url);
  const db = fromPool(createPool({ url, applicationName: 'event-store-int', max: 12 }));
  await db.query('drop schema if exists event_store cascade');
  return PostgresEventStore.open(db);
});
