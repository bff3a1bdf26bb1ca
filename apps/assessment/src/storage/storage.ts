import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPool, fromPGlite, fromPool, type SqlDatabase } from '@educube/postgres';

export const SQL_DATABASE = Symbol('ASSESSMENT_SQL_DATABASE');

export interface StorageConfig {
  /** postgres://… → a pg Pool; unset → PGlite at dataDir */
  readonly databaseUrl: string | undefined;
  /** a directory (relative to the cwd) or `memory://` (tests) */
  readonly dataDir: string;
}

/** The assessment's own database: its checkpoint on the warehouse feed and the events it applied. */
export function openDatabase(config: StorageConfig): SqlDatabase {
  if (config.databaseUrl) return fromPool(createPool({ url: config.databaseUrl, applicationName: 'assessment', max: 5 }));
  if (config.dataDir.startsWith('memory://')) return fromPGlite(new PGlite());
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true });
  return fromPGlite(new PGlite(dir));
}
