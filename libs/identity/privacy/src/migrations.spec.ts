import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationContract, scratchPGlite } from '@educube/postgres/testing';
import { MIN_RETENTION_DAYS } from './audit-log';
import { AUDIT_LOG_SCHEMA, PERSONAL_DATA_SCHEMA } from './migrations';

const fixture = (name: string): string => readFileSync(join(__dirname, name), 'utf8');

migrationContract('PGlite', {
  owner: PERSONAL_DATA_SCHEMA,
  previousSchema: fixture('personal-data.previous-schema.sql'),
  seed: "insert into identity_pii.persons (person_id, full_name, id_card, id_card_index) values ('p-1', 'sealed-name', 'sealed-card', 'blind-1'), ('p-2', null, null, null);",
  scratch: scratchPGlite,
});

migrationContract('PGlite', {
  owner: AUDIT_LOG_SCHEMA,
  previousSchema: fixture('audit-log.previous-schema.sql'),
  seed: `insert into audit.entries (at, actor, actor_roles, action, target, outcome, prev_hash, hash)
    values (now(), 'officer-1', '{district_officer}', 'person.read', 'p-1', 'allowed', repeat('0', 64), repeat('a', 64));`,
  scratch: scratchPGlite,
});

describe('the audit log baseline', () => {
  it('guards entries for the retention the log promises', () => {
    expect(AUDIT_LOG_SCHEMA.migrations[0]?.sql).toContain(`interval '${MIN_RETENTION_DAYS} days'`);
  });
});
