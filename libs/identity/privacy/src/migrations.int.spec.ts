import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationContract, scratchPostgres } from '@educube/postgres/testing';
import { AUDIT_LOG_SCHEMA, PERSONAL_DATA_SCHEMA } from './migrations';

const fixture = (name: string): string => readFileSync(join(__dirname, name), 'utf8');

migrationContract('PostgreSQL', {
  owner: PERSONAL_DATA_SCHEMA,
  previousSchema: fixture('personal-data.previous-schema.sql'),
  seed: "insert into identity_pii.persons (person_id, full_name, id_card, id_card_index) values ('p-1', 'sealed-name', 'sealed-card', 'blind-1'), ('p-2', null, null, null);",
  scratch: () => scratchPostgres('identity_pii_migrate_test'),
});

migrationContract('PostgreSQL', {
  owner: AUDIT_LOG_SCHEMA,
  previousSchema: fixture('audit-log.previous-schema.sql'),
  seed: `insert into audit.entries (at, actor, actor_roles, action, target, outcome, prev_hash, hash)
    values (now(), 'officer-1', '{district_officer}', 'person.read', 'p-1', 'allowed', repeat('0', 64), repeat('a', 64));`,
  scratch: () => scratchPostgres('audit_migrate_test'),
});
