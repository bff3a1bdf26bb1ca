import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationContract, scratchPGlite } from '@educube/postgres/testing';
import { DEAD_LETTERS_SCHEMA } from './dead-letters.migrations';

migrationContract('PGlite', {
  owner: DEAD_LETTERS_SCHEMA,
  previousSchema: readFileSync(join(__dirname, 'dead-letters.previous-schema.sql'), 'utf8'),
  seed: `insert into warehouse.dead_letters (event_id, school_code, source, type, channel, status, reasons, received_at, original, fingerprint)
    values ('e-1', '3302030001', '/schools/3302030001/sis', 'StudentEnrolled', 'http', 'rejected', '[]', now(), '\\x7b7d', 'f-1');
  insert into warehouse.parked (event_id, school_code, source, type, channel, event, unresolved, parked_at)
    values ('e-2', '3302030001', '/schools/3302030001/sis', 'StudentEnrolled', 'kafka', '{}', '[]', now());`,
  scratch: scratchPGlite,
});
