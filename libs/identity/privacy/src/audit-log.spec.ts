import { PGlite } from '@electric-sql/pglite';
import { fromPGlite } from '@educube/postgres';
import { auditLogContract } from './audit-log.contract';

auditLogContract('PGlite', async () => fromPGlite(new PGlite()));
