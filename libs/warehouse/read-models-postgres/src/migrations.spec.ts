import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '@educube/postgres';
import { migrationContract, schemaCatalog, scratchPGlite } from '@educube/postgres/testing';
import { READ_MODELS_SCHEMA } from './migrations';
import { definitionSql } from './schema';

const SEED = `insert into read_models.checkpoints (projection, position) values ('read-models', 12);
insert into read_models.devices (school, asset_id, device_type, status) values ('3302030001', 'A-1', 'projector', '在用');
insert into read_models.activity_school_regions (school, region_code) values ('3302030001', '330203');`;

migrationContract('PGlite', {
  owner: READ_MODELS_SCHEMA,
  previousSchema: readFileSync(join(__dirname, 'read-models.previous-schema.sql'), 'utf8'),
  seed: SEED,
  scratch: scratchPGlite,
});

describe('the read models migrations and their table definitions', () => {
  it('end in the schema the definitions describe (a changed definition needs its migration)', async () => {
    const [migrated, defined] = [await scratchPGlite(), await scratchPGlite()];
    try {
      await migrate(migrated.db, READ_MODELS_SCHEMA);
      await defined.db.exec(definitionSql());
      expect(await schemaCatalog(migrated.db, ['read_models'])).toEqual(await schemaCatalog(defined.db, ['read_models']));
    } finally {
      await Promise.all([migrated.dispose(), defined.dispose()]);
    }
  }, 30_000);
});
