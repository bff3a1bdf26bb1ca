import { Pool, type PoolConfig } from 'pg';

export interface PostgresOptions {
  readonly url: string;
  readonly applicationName: string;
  readonly max?: number;
}

export function createPool({ url, applicationName, max = 10 }: PostgresOptions): Pool {
  const config: PoolConfig = { connectionString: url, application_name: applicationName, max, connectionTimeoutMillis: 5_000 };
  return new Pool(config);
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
