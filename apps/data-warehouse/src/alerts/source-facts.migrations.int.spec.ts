import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationContract, scratchPostgres } from '@educube/postgres/testing';
import { SOURCE_FACTS_SCHEMA } from './source-facts.migrations';

migrationContract('PostgreSQL', {
  owner: SOURCE_FACTS_SCHEMA,
  previousSchema: readFileSync(join(__dirname, 'source-facts.previous-schema.sql'), 'utf8'),
  seed: `insert into warehouse.source_receipts (school_code, source, last_received_at) values ('3302030001', '/schools/3302030001/sis', now());
  insert into warehouse.source_counts (school_code, source, bucket_start, accepted, rejected) values ('3302030001', '/schools/3302030001/sis', now(), 3, 1);`,
  scratch: () => scratchPostgres('source_facts_migrate_test'),
});
