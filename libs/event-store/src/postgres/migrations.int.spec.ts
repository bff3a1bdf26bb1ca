import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationContract, scratchPostgres } from '@educube/postgres/testing';
import { CHECKPOINTS_SCHEMA, EVENT_STORE_SCHEMA } from './migrations';

const fixture = (name: string): string => readFileSync(join(__dirname, name), 'utf8');

migrationContract('PostgreSQL', {
  owner: EVENT_STORE_SCHEMA,
  previousSchema: fixture('event-store.previous-schema.sql'),
  seed: `insert into event_store.events (event_id, stream_id, stream_version, type, data, payload_hash)
    values ('e-1', 'school-1', 0, 'SchoolOpened', '{"a":1}', 'h1'), ('e-2', 'school-1', 1, 'SchoolRenamed', '{"b":2}', 'h2');`,
  scratch: () => scratchPostgres('event_store_migrate_test'),
});

migrationContract('PostgreSQL', {
  owner: CHECKPOINTS_SCHEMA,
  previousSchema: fixture('checkpoints.previous-schema.sql'),
  seed: "insert into event_store_checkpoints (name, position) values ('warehouse', 42), ('kurrent', 340282366920938463463374607431768211455);",
  scratch: () => scratchPostgres('event_store_migrate_test'),
});
