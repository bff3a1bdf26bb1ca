import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { notificationsFromPGlite, notificationsFromPool, type Notifications } from '@educube/event-store';
import { createPool, fromPGlite, fromPool, type SqlDatabase } from '@educube/postgres';

export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DATABASE = Symbol('DATABASE');

export interface StorageConfig {
  /** postgres://… → a pg Pool; unset → PGlite at dataDir */
  readonly databaseUrl: string | undefined;
  /** a directory (relative to the cwd) or `memory://` (tests) */
  readonly dataDir: string;
  readonly poolSize?: number;
}

/** The one database of the warehouse: event store, dead letters, parking lot and read models. */
export interface Database {
  readonly db: SqlDatabase;
  /** LISTEN/NOTIFY, so projections wake as soon as an append commits */
  readonly notifications: Notifications;
}

export function openDatabase(config: StorageConfig): Database {
  if (config.databaseUrl) {
    const pool = createPool({ url: config.databaseUrl, applicationName: 'data-warehouse', max: config.poolSize ?? 10 });
    return { db: fromPool(pool), notifications: notificationsFromPool(pool) };
  }
  let pglite: PGlite;
  if (config.dataDir.startsWith('memory://')) pglite = new PGlite();
  else {
    const dir = resolve(config.dataDir);
    mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir);
  }
  return { db: fromPGlite(pglite), notifications: notificationsFromPGlite(pglite) };
}
