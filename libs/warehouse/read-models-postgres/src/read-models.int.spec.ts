import { assertTestDatabase, createPool, fromPool } from '@educube/postgres';
import { readModelsContract } from './read-models.contract';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';

// The suite drops and recreates the read_models schema before each test: only in a database
// whose name says it is for tests, and nothing else in it uses that schema.
readModelsContract('read models on a real PostgreSQL', async () => {
  assertTestDatabase(url);
  return fromPool(createPool({ url, applicationName: 'warehouse-read-models-int', max: 4 }));
});
