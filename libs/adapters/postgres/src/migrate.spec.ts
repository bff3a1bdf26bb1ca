import { PGlite } from '@electric-sql/pglite';
import { migrate, MigrationChecksumError, MigrationFailedError, MigrationOrderError, migrationStatus, type SchemaOwner } from './migrate';
import { migrationCommand } from './migration-command';
import { fromPGlite, type SqlDatabase } from './sql';

// A made-up owner: its baseline adopts what an older `if not exists` start-up made, its second
// migration changes the table the way later ones will.
const BASELINE = `
create schema if not exists shop;
create table if not exists shop.orders (id bigserial primary key, item text not null);`;
const shop: SchemaOwner = {
  owner: 'shop',
  schema: 'shop',
  migrations: [
    { name: '0001-baseline', sql: BASELINE },
    { name: '0002-orders-quantity', sql: 'alter table shop.orders add column quantity integer not null default 1;' },
  ],
};

// PGlite boots WebAssembly per test: seconds on a loaded machine
jest.setTimeout(30_000);

describe('migrate on PGlite', () => {
  let db: SqlDatabase;
  beforeEach(() => {
    db = fromPGlite(new PGlite());
  });
  afterEach(() => db.close());

  const columns = async () =>
    (
      await db.query<{ column_name: string }>(
        "select column_name from information_schema.columns where table_schema = 'shop' and table_name = 'orders' order by ordinal_position",
      )
    ).rows.map((r) => r.column_name);

  it('applies the migrations in order, each recorded with its checksum, and reports the status', async () => {
    expect(await migrationStatus(db, shop)).toEqual({ owner: 'shop', applied: [], pending: ['0001-baseline', '0002-orders-quantity'], unknown: [] });
    const told: string[] = [];
    expect(await migrate(db, shop, { log: (m) => told.push(m) })).toEqual(['0001-baseline', '0002-orders-quantity']);
    expect(told).toEqual(['migration shop/0001-baseline applied', 'migration shop/0002-orders-quantity applied']);
    expect(await columns()).toEqual(['id', 'item', 'quantity']);
    const status = await migrationStatus(db, shop);
    expect(status.pending).toEqual([]);
    expect(status.applied.map((a) => a.checksum)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(await migrate(db, shop)).toEqual([]);
  });

  it('adopts a database the old start-up code made: the baseline finds its tables, the rows stay, later migrations apply', async () => {
    await db.exec(BASELINE);
    await db.query("insert into shop.orders (item) values ('chalk'), ('ink')");
    expect(await migrate(db, shop)).toEqual(['0001-baseline', '0002-orders-quantity']);
    expect((await db.query('select id::int, item, quantity from shop.orders order by id')).rows).toEqual([
      { id: 1, item: 'chalk', quantity: 1 },
      { id: 2, item: 'ink', quantity: 1 },
    ]);
  });

  it('applies only what a newer release added', async () => {
    await migrate(db, { ...shop, migrations: shop.migrations.slice(0, 1) });
    expect(await migrate(db, shop)).toEqual(['0002-orders-quantity']);
  });

  it('refuses an edited migration before applying anything', async () => {
    await migrate(db, { ...shop, migrations: shop.migrations.slice(0, 1) });
    const edited: SchemaOwner = { ...shop, migrations: [{ name: '0001-baseline', sql: `${BASELINE} -- tidied` }, ...shop.migrations.slice(1)] };
    const refusal = migrate(db, edited);
    await expect(refusal).rejects.toBeInstanceOf(MigrationChecksumError);
    await expect(refusal).rejects.toThrow(
      /^migration shop\/0001-baseline was applied with checksum [0-9a-f]{64} but its SQL now hashes to [0-9a-f]{64}: a published migration must not change/,
    );
    expect(await columns()).toEqual(['id', 'item']);
  });

  it('refuses a migration slipped in before one already applied', async () => {
    await migrate(db, shop);
    const slipped: SchemaOwner = { ...shop, migrations: [shop.migrations[0]!, { name: '0001b-late', sql: 'select 1;' }, shop.migrations[1]!] };
    await expect(migrate(db, slipped)).rejects.toThrow(
      new MigrationOrderError(
        'shop',
        'migration shop/0001b-late is pending but shop/0002-orders-quantity after it is already applied: add new migrations at the end of the list',
      ),
    );
  });

  it('rolls a failing migration back whole and names the migration and the statement', async () => {
    const broken: SchemaOwner = {
      ...shop,
      migrations: [
        ...shop.migrations,
        { name: '0003-broken', sql: 'alter table shop.orders add column note text;\nalter table shop.orders add column quantity integer;' },
      ],
    };
    const failure = migrate(db, broken);
    await expect(failure).rejects.toBeInstanceOf(MigrationFailedError);
    await expect(failure).rejects.toThrow('migration shop/0003-broken failed');
    expect(await columns()).toEqual(['id', 'item', 'quantity']);
    expect((await migrationStatus(db, broken)).pending).toEqual(['0003-broken']);
  });

  it('names the line of the failing statement when PostgreSQL gives its position', async () => {
    const broken: SchemaOwner = { owner: 'typo', migrations: [{ name: '0001-typo', sql: 'create table t (id int);\ncreate tabel u (id int);' }] };
    await expect(migrate(db, broken)).rejects.toThrow(
      /^migration typo\/0001-typo failed at `line 2: create tabel u \(id int\);`: syntax error at or near "tabel"$/,
    );
  });

  it('keeps owners sharing a schema apart, and owners without one in the search_path', async () => {
    const other: SchemaOwner = {
      owner: 'shop-returns',
      schema: 'shop',
      migrations: [{ name: '0001-baseline', sql: 'create table shop.returns (id int primary key);' }],
    };
    const plain: SchemaOwner = { owner: 'plain', migrations: [{ name: '0001-baseline', sql: 'create table plain_things (id int primary key);' }] };
    await Promise.all([migrate(db, shop), migrate(db, other), migrate(db, plain)]);
    expect((await db.query('select owner, name from shop.schema_migrations order by owner, name')).rows).toEqual([
      { owner: 'shop', name: '0001-baseline' },
      { owner: 'shop', name: '0002-orders-quantity' },
      { owner: 'shop-returns', name: '0001-baseline' },
    ]);
    expect((await db.query('select owner, name from public.schema_migrations')).rows).toEqual([{ owner: 'plain', name: '0001-baseline' }]);
  });

  it('two migrators of one owner started at once: one applies, the other finds it done', async () => {
    const results = await Promise.all([migrate(db, shop), migrate(db, shop)]);
    expect(results.flat().sort()).toEqual(['0001-baseline', '0002-orders-quantity']);
    expect((await migrationStatus(db, shop)).applied).toHaveLength(2);
  });

  it('forgets its migrations with its schema (a test dropping the schema starts over)', async () => {
    await migrate(db, shop);
    await db.exec('drop schema shop cascade');
    expect(await migrate(db, shop)).toEqual(['0001-baseline', '0002-orders-quantity']);
  });

  it('refuses a list naming one migration twice', () => {
    expect(() =>
      migrate(db, {
        owner: 'twice',
        migrations: [
          { name: 'a', sql: '' },
          { name: 'a', sql: '' },
        ],
      }),
    ).toThrow('schema owner twice: two migrations are named a');
  });
});

describe('the migrate command', () => {
  let db: SqlDatabase;
  beforeEach(() => {
    db = fromPGlite(new PGlite());
  });
  afterEach(() => db.close());

  it('lists applied and pending migrations without changing anything, then applies them', async () => {
    const other: SchemaOwner = { owner: 'plain', migrations: [{ name: '0001-baseline', sql: 'create table plain_things (id int primary key);' }] };
    await migrate(db, { ...shop, migrations: shop.migrations.slice(0, 1) });
    const lines: string[] = [];
    await migrationCommand(db, [shop, other], { status: true }, (l) => lines.push(l));
    expect(lines).toEqual([
      expect.stringMatching(/^shop {3}applied {2}0001-baseline {2}\d{4}-\d\d-\d\dT/),
      'shop   pending  0002-orders-quantity',
      'plain  pending  0001-baseline',
    ]);
    expect((await db.query("select to_regclass('plain_things') as t")).rows).toEqual([{ t: null }]);

    lines.length = 0;
    await migrationCommand(db, [shop, other], { status: false }, (l) => lines.push(l));
    expect(lines).toEqual(['shop: applied 0002-orders-quantity', 'plain: applied 0001-baseline']);
    lines.length = 0;
    await migrationCommand(db, [shop, other], { status: false }, (l) => lines.push(l));
    expect(lines).toEqual(['shop: up to date', 'plain: up to date']);
  });
});
