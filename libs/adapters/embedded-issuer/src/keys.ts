import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A private signing key as a JWK (RSA, with `d`), its `kid` and `alg` set. */
export type SigningJwk = JWK & { kid: string; alg: 'RS256'; use: 'sig' };

/** Where the issuer's keys come from: generated in memory, given, or kept in a file. */
export type KeySource =
  /** Generated at start, lost at exit (tokens die with the process). */
  | { readonly kind: 'ephemeral' }
  /** Read from this file, generated into it on first start; restarts keep tokens valid. */
  | { readonly kind: 'file'; readonly path: string }
  /** Given by the caller; the first one signs. */
  | { readonly kind: 'static'; readonly keys: readonly SigningJwk[] };

export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** The public half of a signing key, as published in the JWKS. */
export function publicPart(key: SigningJwk): JWK {
  const { kty, n, e, kid, alg, use } = key;
  return { kty, n, e, kid, alg, use };
}

export function isSigningJwk(value: unknown): value is SigningJwk {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Record<string, unknown>;
  return k['kty'] === 'RSA' && typeof k['d'] === 'string' && typeof k['n'] === 'string' && typeof k['kid'] === 'string' && k['alg'] === 'RS256';
}

/** Parses a key file: `{ "keys": [ ...private RSA JWKs, newest first ] }`. */
export function parseKeyFile(text: string, path: string): SigningJwk[] {
  const doc = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(doc.keys) || doc.keys.length === 0 || !doc.keys.every(isSigningJwk)) {
    throw new Error(`${path} is not an issuer key file: expected {"keys":[private RS256 JWKs with kid]}`);
  }
  return doc.keys;
}

export async function loadKeys(source: KeySource): Promise<SigningJwk[]> {
  switch (source.kind) {
    case 'ephemeral':
      return [await generateSigningKey()];
    case 'static':
      if (source.keys.length === 0) throw new Error('a static key source needs at least one key');
      return [...source.keys];
    case 'file': {
      try {
        return parseKeyFile(await readFile(source.path, 'utf8'), source.path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const keys = [await generateSigningKey()];
      await saveKeys(source, keys);
      return keys;
    }
  }
}

/** Writes the key file atomically (temp file + rename), readable by its owner only. */
export async function saveKeys(source: KeySource, keys: readonly SigningJwk[]): Promise<void> {
  if (source.kind !== 'file') return;
  await mkdir(dirname(source.path), { recursive: true });
  const tmp = `${source.path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, source.path);
}
