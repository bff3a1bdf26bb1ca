import { assertTestDatabase, createPool, fromPool } from '@educube/postgres';
import { commandHandlerContract } from '../command-handler.contract';
import { PostgresEventStore } from './postgres-event-store';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';

// Separate connections, so concurrent commands really race; every test uses fresh streams, so
// the schema is not dropped (other suites may share the test database).
commandHandlerContract('PostgreSQL adapter on a real server', async () => {
  assertTestDatabase(url);
  return PostgresEventStore.open(fromPool(createPool({ url, applicationName: 'event-store-command-handler-int', max: 12 })));
});
