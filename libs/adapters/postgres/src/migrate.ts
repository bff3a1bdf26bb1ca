import { sha256Hex } from '@educube/canonical-json';
import { MigrationError, Umzug, type UmzugStorage } from 'umzug';
import type { SqlClient, SqlDatabase, SqlTransaction } from './sql';

/** One step of a schema: plain SQL, applied once, in order, never edited after it is published. */
export interface Migration {
  /** Unique within its owner; sorts in the order the steps apply (e.g. `0002-audit-entries-by-scope`). */
  readonly name: string;
  readonly sql: string;
}

/** A component that owns tables (the event store, the audit log…) and the migrations that make them. */
export interface SchemaOwner {
  /** Recorded beside each applied migration, so owners sharing a schema keep apart. */
  readonly owner: string;
  /**
   * The schema the owner's tables live in; its ledger (`schema_migrations`) lives there too, so
   * dropping the schema forgets its migrations with it. Unset: the connection's search_path
   * (tables named without a schema, e.g. `public`).
   */
  readonly schema?: string;
  readonly migrations: readonly Migration[];
}

export interface AppliedMigration {
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
}

export interface MigrationStatus {
  readonly owner: string;
  readonly applied: readonly AppliedMigration[];
  readonly pending: readonly string[];
  /** Recorded but not among the owner's migrations: a newer release migrated this database. */
  readonly unknown: readonly string[];
}

export interface MigrateOptions {
  /** Told each migration as it is applied (e.g. a logger's info); default: silent. */
  readonly log?: (message: string) => void;
}

/** An applied migration's SQL is no longer what was applied: published migrations are never edited. */
export class MigrationChecksumError extends Error {
  constructor(
    readonly owner: string,
    readonly migration: string,
    readonly recorded: string,
    readonly current: string,
  ) {
    super(
      `migration ${owner}/${migration} was applied with checksum ${recorded} but its SQL now hashes to ${current}: ` +
        'a published migration must not change; restore its SQL and add a new migration for the change',
    );
    this.name = 'MigrationChecksumError';
  }
}

/** The migrations as listed no longer fit what the database recorded (one inserted before an applied one). */
export class MigrationOrderError extends Error {
  constructor(
    readonly owner: string,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationOrderError';
  }
}

/** A statement of a migration failed; the migration's transaction rolled back, nothing of it is left. */
export class MigrationFailedError extends Error {
  constructor(
    readonly owner: string,
    readonly migration: string,
    readonly statement: string | undefined,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`migration ${owner}/${migration} failed${statement ? ` at \`${statement}\`` : ''}: ${reason}`);
    this.name = 'MigrationFailedError';
  }
}

/**
 * One key for every owner: migrations of a database run one at a time, across replicas (the
 * lock is the server's) and across owners (two `create schema` of the same name at once fail
 * in PostgreSQL even with `if not exists`). PGlite has one connection: the lock never waits.
 */
const MIGRATION_LOCK = "select pg_advisory_xact_lock(hashtextextended('educube.schema_migrations', 0))";

export const checksumOf = (sql: string): string => sha256Hex(sql);

const IDENT = /^[a-z_][a-z0-9_]*$/;

function ledgerOf(owner: SchemaOwner): string {
  if (owner.schema !== undefined && !IDENT.test(owner.schema)) throw new Error(`schema owner ${owner.owner}: not a plain schema name: ${owner.schema}`);
  return owner.schema === undefined ? 'schema_migrations' : `${owner.schema}.schema_migrations`;
}

function checkList(owner: SchemaOwner): void {
  const seen = new Set<string>();
  for (const m of owner.migrations) {
    if (!m.name.trim()) throw new Error(`schema owner ${owner.owner}: a migration has no name`);
    if (seen.has(m.name)) throw new Error(`schema owner ${owner.owner}: two migrations are named ${m.name}`);
    seen.add(m.name);
  }
}

async function ensureLedger(tx: SqlClient, owner: SchemaOwner): Promise<void> {
  // the usual start: nothing to create, so no DDL (and no CREATE privilege) needed
  const { rows } = await tx.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [ledgerOf(owner)]);
  if (rows[0]?.exists) return;
  await tx.query(MIGRATION_LOCK);
  // the migrator's own bookkeeping: it must exist before the first migration can be recorded
  if (owner.schema !== undefined) await tx.query(`create schema if not exists ${owner.schema}`);
  await tx.query(`create table if not exists ${ledgerOf(owner)} (
    owner      text not null,
    name       text not null,
    checksum   text not null,
    applied_at timestamptz not null default now(),
    primary key (owner, name)
  )`);
}

async function recorded(db: SqlClient, owner: SchemaOwner): Promise<AppliedMigration[]> {
  const { rows } = await db.query<{ name: string; checksum: string; applied_at: Date | string }>(
    `select name, checksum, applied_at from ${ledgerOf(owner)} where owner = $1 order by applied_at, name`,
    [owner.owner],
  );
  return rows.map((r) => ({ name: r.name, checksum: r.checksum, appliedAt: new Date(r.applied_at) }));
}

/** Refuses an edited migration, and a new one listed before one already applied. */
function verify(owner: SchemaOwner, applied: readonly AppliedMigration[]): void {
  const byName = new Map(applied.map((a) => [a.name, a]));
  let lastApplied = -1;
  for (const [i, m] of owner.migrations.entries()) {
    const done = byName.get(m.name);
    if (!done) continue;
    const current = checksumOf(m.sql);
    if (done.checksum !== current) throw new MigrationChecksumError(owner.owner, m.name, done.checksum, current);
    lastApplied = i;
  }
  const gap = lastApplied < 0 ? undefined : owner.migrations.slice(0, lastApplied).find((m) => !byName.has(m.name));
  if (gap) {
    throw new MigrationOrderError(
      owner.owner,
      `migration ${owner.owner}/${gap.name} is pending but ${owner.owner}/${owner.migrations[lastApplied]?.name} after it is already applied: add new migrations at the end of the list`,
    );
  }
}

/** The line of the script a PostgreSQL error points at (its 1-based `position`), to name the statement. */
function statementAt(sql: string, error: unknown): string | undefined {
  const position = Number((error as { position?: unknown }).position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  const start = sql.lastIndexOf('\n', position - 1) + 1;
  const end = sql.indexOf('\n', position - 1);
  const line = sql.slice(start, end === -1 ? undefined : end).trim();
  return `line ${sql.slice(0, start).split('\n').length}: ${line}`;
}

async function applyOne(tx: SqlTransaction, owner: SchemaOwner, migration: Migration): Promise<boolean> {
  await tx.query(MIGRATION_LOCK);
  const checksum = checksumOf(migration.sql);
  // another replica may have applied it while this one waited for the lock
  const { rows } = await tx.query<{ checksum: string }>(`select checksum from ${ledgerOf(owner)} where owner = $1 and name = $2`, [
    owner.owner,
    migration.name,
  ]);
  if (rows[0]) {
    if (rows[0].checksum !== checksum) throw new MigrationChecksumError(owner.owner, migration.name, rows[0].checksum, checksum);
    return false;
  }
  try {
    await tx.exec(migration.sql);
  } catch (error) {
    throw new MigrationFailedError(owner.owner, migration.name, statementAt(migration.sql, error), error);
  }
  await tx.query(`insert into ${ledgerOf(owner)} (owner, name, checksum) values ($1, $2, $3)`, [owner.owner, migration.name, checksum]);
  return true;
}

/** Owners of one database object migrate one after another in this process (PGlite shares one connection). */
const running = new WeakMap<SqlDatabase, Promise<unknown>>();

function serialised<T>(db: SqlDatabase, work: () => Promise<T>): Promise<T> {
  const before = running.get(db) ?? Promise.resolve();
  const next = before.then(work, work);
  running.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Applies the owner's pending migrations in order, each in its own transaction with its ledger
 * row, so a crash leaves every migration either applied and recorded or neither. Refuses
 * (before applying anything) when an applied migration's SQL changed. Returns the names applied.
 */
export function migrate(db: SqlDatabase, owner: SchemaOwner, { log }: MigrateOptions = {}): Promise<string[]> {
  checkList(owner);
  return serialised(db, async () => {
    await db.transaction((tx) => ensureLedger(tx, owner));
    verify(owner, await recorded(db, owner));
    const applied: string[] = [];
    // umzug keeps the order and the pending list; the ledger row is written by `up` itself, in the
    // migration's transaction, so the storage's logMigration has nothing left to do
    const storage: UmzugStorage = {
      executed: async () => (await recorded(db, owner)).map((a) => a.name),
      logMigration: async () => undefined,
      unlogMigration: async () => {
        throw new Error(`migrations of ${owner.owner} are never reverted: add a new migration instead`);
      },
    };
    const umzug = new Umzug({
      migrations: owner.migrations.map((m) => ({
        name: m.name,
        up: async () => {
          if (await db.transaction((tx) => applyOne(tx, owner, m))) {
            applied.push(m.name);
            log?.(`migration ${owner.owner}/${m.name} applied`);
          }
        },
      })),
      storage,
      logger: undefined,
    });
    try {
      await umzug.up();
    } catch (error) {
      throw error instanceof MigrationError ? error.cause : error;
    }
    return applied;
  });
}

/** What is applied and what is pending, without creating or changing anything. */
export async function migrationStatus(db: SqlClient, owner: SchemaOwner): Promise<MigrationStatus> {
  const { rows } = await db.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [ledgerOf(owner)]);
  const applied = rows[0]?.exists ? await recorded(db, owner) : [];
  const names = new Set(applied.map((a) => a.name));
  const known = new Set(owner.migrations.map((m) => m.name));
  return {
    owner: owner.owner,
    applied,
    pending: owner.migrations.filter((m) => !names.has(m.name)).map((m) => m.name),
    unknown: applied.filter((a) => !known.has(a.name)).map((a) => a.name),
  };
}
