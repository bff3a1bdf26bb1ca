import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PiiVault } from '@educube/identity-privacy';
import { PGlite } from '@electric-sql/pglite';
import { createPool, fromPGlite, fromPool, type SqlDatabase } from '@educube/postgres';

export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const AUDIT_LOG = Symbol('AUDIT_LOG');
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');

/**
 * The vault's keys: IDENTITY_PII_KEYS in production (refused without). Elsewhere a key is made
 * once and kept beside the embedded database (or only in memory for memory://), so the
 * embedded default runs with nothing to configure and still never stores a name in clear.
 */
export function openVault(
  keys: string | undefined,
  dataDir: string,
  production: boolean,
  blindIndexKey?: string,
): { vault: PiiVault; generated: string | undefined } {
  if (keys) return { vault: PiiVault.fromEnv(keys, blindIndexKey), generated: undefined };
  if (production) throw new Error('IDENTITY_PII_KEYS is required in production: names and identity-card numbers are stored only encrypted');
  if (dataDir.startsWith('memory://')) return { vault: new PiiVault({ id: 'ephemeral', key: randomBytes(32) }), generated: 'memory' };
  const file = join(resolve(dataDir), 'pii-keys');
  mkdirSync(resolve(dataDir), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, `dev:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return { vault: PiiVault.fromEnv(readFileSync(file, 'utf8').trim()), generated: file };
}

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
