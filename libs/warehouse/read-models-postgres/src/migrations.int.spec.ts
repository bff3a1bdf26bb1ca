import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationContract, scratchPostgres } from '@educube/postgres/testing';
import { READ_MODELS_SCHEMA } from './migrations';

migrationContract('PostgreSQL', {
  owner: READ_MODELS_SCHEMA,
  previousSchema: readFileSync(join(__dirname, 'read-models.previous-schema.sql'), 'utf8'),
  seed: `insert into read_models.checkpoints (projection, position) values ('read-models', 12);
insert into read_models.devices (school, asset_id, device_type, status) values ('3302030001', 'A-1', 'projector', '在用');
insert into read_models.activity_school_regions (school, region_code) values ('3302030001', '330203');`,
  scratch: () => scratchPostgres('read_models_migrate_test'),
});
