import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { ScratchDatabase } from './migrate.contract';
import { createPool } from './pool';
import { fromPGlite, fromPool, type SqlDatabase } from './sql';

export * from './migrate.contract';
export * from './relay';

/** The stack's PostgreSQL, as the `educube` admin role (it may create and drop databases). */
export const ADMIN_DATABASE_URL = process.env['DATABASE_ADMIN_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube';

export interface FreshDatabase {
  readonly name: string;
  /** for the service's DATABASE_URL */
  readonly url: string;
  /** the test's own connection, to count rows and read the read models */
  readonly db: SqlDatabase;
  /** closes the test's connection and drops the database (whoever is still connected) */
  drop(): Promise<void>;
}

/**
 * A database of its own per test file, so counts before/after a request see only that file's
 * requests and nothing else on the shared server (other suites, other people) disturbs them.
 */
export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = createPool({ url: ADMIN_DATABASE_URL, applicationName: 'educube-int-admin', max: 1 });
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = fromPool(createPool({ url: url.toString(), applicationName: `${prefix}-int-test`, max: 2 }));
  return {
    name,
    url: url.toString(),
    db,
    async drop() {
      await db.close();
      const again = createPool({ url: ADMIN_DATABASE_URL, applicationName: 'educube-int-admin', max: 1 });
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** An in-memory PGlite of its own, for the migration contract's unit tier. */
export async function scratchPGlite(): Promise<ScratchDatabase> {
  const db = fromPGlite(new PGlite());
  return { db, dispose: () => db.close() };
}

/** A database of its own on the stack's PostgreSQL, for the migration contract's integration tier. */
export async function scratchPostgres(prefix: string): Promise<ScratchDatabase> {
  const fresh = await freshDatabase(prefix);
  return { db: fresh.db, dispose: () => fresh.drop() };
}
