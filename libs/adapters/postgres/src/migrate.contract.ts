import { checksumOf, migrate, migrationStatus, MigrationChecksumError, type SchemaOwner } from './migrate';
import type { SqlClient, SqlDatabase } from './sql';

/** A database of its own for one test, PGlite or PostgreSQL. */
export interface ScratchDatabase {
  readonly db: SqlDatabase;
  dispose(): Promise<void>;
}

const LEDGER = 'schema_migrations';
// two PGlite instances booting WebAssembly on a loaded machine take seconds
const TIMEOUT = 30_000;

/**
 * What a schema is made of, as the catalogs describe it: columns, constraints, indexes, views,
 * sequences, functions, triggers and comments. The migrator's ledger is left out, so a migrated
 * database and one made by the old `create … if not exists` code compare equal.
 */
export async function schemaCatalog(db: SqlClient, schemas: readonly string[]): Promise<Record<string, string[]>> {
  const q = async (sql: string): Promise<string[]> => (await db.query<{ r: string }>(sql, [schemas, LEDGER])).rows.map((row) => row.r).sort();
  return {
    tables: await q(
      `select table_schema || '.' || table_name || ' ' || table_type as r from information_schema.tables where table_schema = any($1) and table_name <> $2`,
    ),
    columns: await q(
      `select concat_ws(' ', table_schema || '.' || table_name, ordinal_position, column_name, data_type, udt_name, is_nullable, column_default,
         collation_name, character_maximum_length, numeric_precision, numeric_scale) as r
       from information_schema.columns where table_schema = any($1) and table_name <> $2`,
    ),
    constraints: await q(
      `select concat_ws(' ', c.conrelid::regclass::text, c.conname, c.contype::text, c.convalidated, pg_get_constraintdef(c.oid)) as r
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = any($1) and c.conrelid::regclass::text not like '%' || $2`,
    ),
    indexes: await q(`select schemaname || ' ' || indexdef as r from pg_indexes where schemaname = any($1) and tablename <> $2`),
    views: await q(`select schemaname || '.' || viewname || ' ' || definition as r from pg_views where schemaname = any($1) and viewname <> $2`),
    sequences: await q(
      `select concat_ws(' ', sequence_schema || '.' || sequence_name, data_type, increment) as r from information_schema.sequences where sequence_schema = any($1) and sequence_name <> $2`,
    ),
    functions: await q(
      `select pg_get_functiondef(p.oid) as r from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = any($1) and p.proname <> $2`,
    ),
    triggers: await q(
      `select pg_get_triggerdef(t.oid) as r from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = any($1) and not t.tgisinternal and c.relname <> $2`,
    ),
    comments: await q(
      `select c.relname || ' ' || d.description as r from pg_description d join pg_class c on c.oid = d.objoid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any($1) and d.classoid = 'pg_class'::regclass and c.relname <> $2`,
    ),
  };
}

/** Every row of every table in the schemas, as JSON: to show a migration lost or changed nothing. */
export async function schemaRows(db: SqlClient, schemas: readonly string[]): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ t: string }>(
    `select quote_ident(table_schema) || '.' || quote_ident(table_name) as t from information_schema.tables
     where table_schema = any($1) and table_name <> $2 and table_type = 'BASE TABLE' order by 1`,
    [schemas, LEDGER],
  );
  const out: Record<string, string[]> = {};
  for (const { t } of tables) out[t] = (await db.query<{ r: string }>(`select to_jsonb(x)::text as r from ${t} x`)).rows.map((row) => row.r).sort();
  return out;
}

export interface MigrationContractOptions {
  /** the owner under test, with its migrations as published */
  readonly owner: SchemaOwner;
  /** the DDL the code before the migrator ran at start (the `previous-schema.sql` fixture) */
  readonly previousSchema: string;
  /** rows written through the previous schema, which a migration must keep */
  readonly seed: string;
  /** a database of its own per call */
  readonly scratch: () => Promise<ScratchDatabase>;
}

/**
 * The checks every schema owner passes, on PGlite (unit) and PostgreSQL (integration): from an
 * empty database, from the schema the old code left (rows and all), again (nothing to do), and
 * with a published migration edited (refused).
 */
export function migrationContract(label: string, { owner, previousSchema, seed, scratch }: MigrationContractOptions): void {
  const schemas = [owner.schema ?? 'public'];
  const all = owner.migrations.map((m) => m.name);

  describe(`${label}: migrations of ${owner.owner}`, () => {
    // two databases per owner, emptied before each test: booting PGlite is most of the cost
    const opened: ScratchDatabase[] = [];
    let used = 0;
    const wipe = schemas
      .map((name) => (name === 'public' ? 'drop schema public cascade; create schema public;' : `drop schema if exists ${name} cascade;`))
      .join('\n');
    const fresh = async (): Promise<SqlDatabase> => {
      const s = opened[used] ?? (await scratch());
      if (opened[used] === undefined) opened.push(s);
      used += 1;
      await s.db.exec(wipe);
      return s.db;
    };
    beforeEach(() => {
      used = 0;
    });
    afterAll(async () => {
      await Promise.all(opened.splice(0).map((s) => s.dispose()));
    });

    it(
      'from an empty database: applies every migration and ends with the schema the previous code made',
      async () => {
        const [migrated, previous] = [await fresh(), await fresh()];
        expect(await migrate(migrated, owner)).toEqual(all);
        await previous.exec(previousSchema);
        const catalog = await schemaCatalog(migrated, schemas);
        expect(catalog['tables']?.length).toBeGreaterThan(0);
        expect(catalog).toEqual(await schemaCatalog(previous, schemas));
      },
      TIMEOUT,
    );

    it(
      'from the previous schema with rows in it: keeps every row and records the migrations',
      async () => {
        const db = await fresh();
        await db.exec(previousSchema);
        await db.exec(seed);
        const before = await schemaRows(db, schemas);
        expect(Object.values(before).some((rows) => rows.length > 0)).toBe(true);
        expect(await migrate(db, owner)).toEqual(all);
        expect(await schemaRows(db, schemas)).toEqual(before);
        const status = await migrationStatus(db, owner);
        expect(status.applied.map((a) => [a.name, a.checksum])).toEqual(owner.migrations.map((m) => [m.name, checksumOf(m.sql)]));
        expect(status.pending).toEqual([]);
      },
      TIMEOUT,
    );

    it(
      'again: nothing to apply, nothing changes',
      async () => {
        const db = await fresh();
        await migrate(db, owner);
        const catalog = await schemaCatalog(db, schemas);
        expect(await migrate(db, owner)).toEqual([]);
        expect(await schemaCatalog(db, schemas)).toEqual(catalog);
      },
      TIMEOUT,
    );

    it(
      'refuses to start when an applied migration was edited, naming it',
      async () => {
        const db = await fresh();
        await migrate(db, owner);
        const [first, ...rest] = owner.migrations;
        if (!first) throw new Error(`${owner.owner} has no migrations`);
        const edited = { ...owner, migrations: [{ ...first, sql: `${first.sql}\n-- edited` }, ...rest] };
        const refusal = migrate(db, edited);
        await expect(refusal).rejects.toBeInstanceOf(MigrationChecksumError);
        await expect(refusal).rejects.toThrow(`migration ${owner.owner}/${first.name} was applied with checksum ${checksumOf(first.sql)}`);
      },
      TIMEOUT,
    );
  });
}
