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
      // A checked-out client has no listener of the pool's: a connection the server ends between
      // two statements (a restart, idle_in_transaction_session_timeout after a long pause) would
      // emit an unheard 'error' and end the process. Heard here, it fails the next statement
      // instead, and the broken client is destroyed on release rather than pooled again.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken ??= error);
      client.on('error', onError);
      const query = async <R extends object>(sql: string, params?: unknown[]) => {
        if (broken) throw broken;
        return { rows: (await client.query(sql, params)).rows as R[] };
      };
      try {
        await query('begin');
        const result = await work({
          query,
          // without parameters pg sends the simple query protocol, which takes several statements
          exec: async (sql: string) => {
            await query(sql);
          },
        });
        await query('commit');
        return result;
      } catch (error) {
        if (!broken) await client.query('rollback').catch((e: Error) => (broken = e));
        throw error;
      } finally {
        client.removeListener('error', onError);
        // a destroyed connection may still report its end: nobody needs to hear it
        if (broken) client.on('error', () => undefined);
        // release(error) destroys the connection: one that broke, or could not even roll back, is not reused
        client.release(broken);
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
