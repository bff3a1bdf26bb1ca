import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPool, fromPGlite, fromPool, type SqlDatabase } from '@educube/postgres';

export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const AUDIT_LOG = Symbol('AUDIT_LOG');

export interface StorageConfig {
  /** postgres://… → a pg Pool; unset → PGlite at dataDir */
  readonly databaseUrl: string | undefined;
  /** a directory (relative to the cwd) or `memory://` for an in-memory PGlite (tests) */
  readonly dataDir: string;
}

/** Opens the database the service keeps its events and audit log in. */
export function openDatabase(config: StorageConfig): SqlDatabase {
  if (config.databaseUrl) return fromPool(createPool({ url: config.databaseUrl, applicationName: 'identity' }));
  if (config.dataDir.startsWith('memory://')) return fromPGlite(new PGlite());
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true });
  return fromPGlite(new PGlite(dir));
}
