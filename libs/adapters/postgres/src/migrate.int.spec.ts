import { migrate, MigrationChecksumError, migrationStatus, type SchemaOwner } from './migrate';
import { createPool } from './pool';
import { fromPool, type SqlDatabase } from './sql';
import { freshDatabase, type FreshDatabase } from './testing';

// pg_sleep holds the first migration open long enough that the second replica surely arrives
// while it runs: it must wait on the lock, then find both migrations recorded.
const shop: SchemaOwner = {
  owner: 'shop',
  schema: 'shop',
  migrations: [
    {
      name: '0001-baseline',
      sql: 'create schema if not exists shop;\ncreate table if not exists shop.orders (id bigserial primary key, item text not null);\nselect pg_sleep(0.5);',
    },
    { name: '0002-orders-quantity', sql: 'alter table shop.orders add column quantity integer not null default 1;' },
  ],
};

describe('migrate on PostgreSQL', () => {
  let fresh: FreshDatabase;
  const replicas: SqlDatabase[] = [];
  const replica = (): SqlDatabase => {
    const db = fromPool(createPool({ url: fresh.url, applicationName: 'migrate-int-replica', max: 2 }));
    replicas.push(db);
    return db;
  };

  beforeEach(async () => {
    fresh = await freshDatabase('migrate_test');
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((db) => db.close()));
    await fresh.drop();
  });

  it('two replicas starting at once: one applies each migration, the other waits and finds it done', async () => {
    const [a, b] = [replica(), replica()];
    const results = await Promise.all([migrate(a, shop), migrate(b, shop)]);
    expect(results.flat().sort()).toEqual(['0001-baseline', '0002-orders-quantity']);
    const { rows } = await fresh.db.query<{ owner: string; name: string }>('select owner, name from shop.schema_migrations order by name');
    expect(rows).toEqual([
      { owner: 'shop', name: '0001-baseline' },
      { owner: 'shop', name: '0002-orders-quantity' },
    ]);
  });

  it('many owners of one database migrating at once (each service opens its stores together)', async () => {
    const owners: SchemaOwner[] = Array.from({ length: 6 }, (_, i) => ({
      owner: `owner-${i}`,
      schema: 'shared',
      migrations: [{ name: '0001-baseline', sql: `create schema if not exists shared;\ncreate table if not exists shared.t${i} (id int primary key);` }],
    }));
    await Promise.all(owners.map((o, i) => migrate(i % 2 ? replica() : fresh.db, o)));
    for (const o of owners) expect((await migrationStatus(fresh.db, o)).pending).toEqual([]);
  });

  it('a failing migration leaves nothing of itself, and the next start applies it once fixed', async () => {
    const broken: SchemaOwner = {
      ...shop,
      migrations: [...shop.migrations, { name: '0003-note', sql: 'alter table shop.orders add column note text;\nalter table shop.nowhere add column x int;' }],
    };
    // no position from PostgreSQL for this one: the migration's name and the server's reason
    await expect(migrate(fresh.db, broken)).rejects.toThrow('migration shop/0003-note failed: relation "shop.nowhere" does not exist');
    const { rows } = await fresh.db.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'shop' and table_name = 'orders' order by ordinal_position",
    );
    expect(rows.map((r) => r.column_name)).toEqual(['id', 'item', 'quantity']);
    const fixed: SchemaOwner = { ...shop, migrations: [...shop.migrations, { name: '0003-note', sql: 'alter table shop.orders add column note text;' }] };
    expect(await migrate(fresh.db, fixed)).toEqual(['0003-note']);
  });

  it('refuses an edited migration', async () => {
    await migrate(fresh.db, shop);
    const edited: SchemaOwner = {
      ...shop,
      migrations: [shop.migrations[0]!, { name: '0002-orders-quantity', sql: 'alter table shop.orders add column quantity bigint not null default 1;' }],
    };
    await expect(migrate(replica(), edited)).rejects.toBeInstanceOf(MigrationChecksumError);
  });
});
