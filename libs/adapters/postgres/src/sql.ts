import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/** The little the store needs of a PostgreSQL connection, so one adapter serves pg and PGlite. */
export interface SqlClient {
  query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A transaction's connection; `exec` runs a script of several statements (a migration) in it. */
export interface SqlTransaction extends SqlClient {
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  /** Runs a script of several statements (schema set-up), without parameters. */
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function fromPool(pool: Pool): SqlDatabase {
  return {
    query: async <R extends object>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as R[] }),
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <R extends object>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as R[] }),
          // without parameters pg sends the simple query protocol, which takes several statements
          exec: async (sql: string) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function fromPGlite(db: PGlite): SqlDatabase {
  return {
    query: async <R extends object>(sql: string, params?: unknown[]) => ({ rows: (await db.query<R>(sql, params)).rows }),
    exec: async (sql: string) => {
      await db.exec(sql);
    },
    transaction: <T>(work: (tx: SqlTransaction) => Promise<T>) =>
      db.transaction((tx) =>
        work({
          query: async <R extends object>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }),
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: () => db.close(),
  };
}
