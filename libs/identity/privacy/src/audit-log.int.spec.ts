import { assertTestDatabase, createPool, fromPool } from '@educube/postgres';
import { auditLogContract } from './audit-log.contract';

const url = process.env['TEST_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube_test';

auditLogContract('PostgreSQL server', async () => {
  assertTestDatabase(url);
  const db = fromPool(createPool({ url, applicationName: 'audit-int' }));
  await db.exec('drop schema if exists audit cascade');
  return db;
});
