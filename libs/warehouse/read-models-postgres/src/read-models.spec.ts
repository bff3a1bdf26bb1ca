import { PGlite } from '@electric-sql/pglite';
import { fromPGlite } from '@educube/postgres';
import { readModelsContract } from './read-models.contract';
import { definitionSql } from './schema';

// The embedded default: the same adapter on an in-process PGlite.
readModelsContract('read models on PGlite', async () => fromPGlite(new PGlite()));

describe('definitions', () => {
  it('describe every table with its key, and the checkpoints', () => {
    const sql = definitionSql();
    expect(sql).toContain('create table read_models."devices" (');
    expect(sql).toContain('primary key ("school", "asset_id")');
    expect(sql).toContain('"state_clock" text collate "C"');
    expect(sql).toContain('read_models.checkpoints (projection text primary key');
  });
});
