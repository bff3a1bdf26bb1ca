import { PGlite } from '@electric-sql/pglite';
import { fromPGlite } from '@educube/postgres';
import { readModelsContract } from './read-models.contract';
import { migrationSql } from './schema';

// The embedded default: the same adapter on an in-process PGlite.
readModelsContract('read models on PGlite', async () => fromPGlite(new PGlite()));

describe('migration', () => {
  it('creates every table with its key, and the checkpoints', () => {
    const sql = migrationSql();
    expect(sql).toContain('create table if not exists read_models."devices" (');
    expect(sql).toContain('primary key ("school", "asset_id")');
    expect(sql).toContain('"state_clock" text collate "C"');
    expect(sql).toContain('read_models.checkpoints (projection text primary key');
  });
});
