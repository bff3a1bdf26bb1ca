import { Pool, type PoolConfig } from 'pg';

export interface PostgresOptions {
  readonly url: string;
  readonly applicationName: string;
  readonly max?: number;
  /** An idle connection the server closed (a restart, a forced drop, an admin's terminate); default: a warning on stderr. */
  readonly onIdleError?: (error: Error) => void;
  /**
   * A session idle inside a transaction longer than this is ended by the server (default 60 s):
   * a process paused mid-transaction (SIGSTOP, a stop-the-world stall) then cannot hold its
   * locks for longer. Work that needs a tighter bound sets its own with SET LOCAL.
   */
  readonly idleInTransactionTimeoutMs?: number;
}

const warnIdleError = (applicationName: string) => (error: Error) =>
  process.emitWarning(`PostgreSQL closed an idle connection of ${applicationName}: ${error.message}; the pool opens a new one when it needs it`, {
    code: 'EDUCUBE_PG_IDLE_ERROR',
  });

export function createPool({
  url,
  applicationName,
  max = 10,
  onIdleError = warnIdleError(applicationName),
  idleInTransactionTimeoutMs = 60_000,
}: PostgresOptions): Pool {
  const config: PoolConfig = {
    connectionString: url,
    application_name: applicationName,
    max,
    connectionTimeoutMillis: 5_000,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
  };
  const pool = new Pool(config);
  // pg emits 'error' on the pool for an idle client; unheard, Node ends the process with it.
  // The pool has already dropped that client, so the next query simply connects again.
  pool.on('error', onIdleError);
  return pool;
}

/** Readiness check: one round trip. */
export async function ping(pool: Pool): Promise<void> {
  await pool.query('select 1');
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/**
 * Integration tests drop and create tables freely; refusing any database whose name does not
 * say it is for tests keeps a mistyped URL from wiping a real one.
 */
export function assertTestDatabase(url: string): void {
  const name = databaseNameOf(url);
  if (!/(^|_)test(_|$)/.test(name)) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test" as a word (e.g. educube_test)`);
  }
}
