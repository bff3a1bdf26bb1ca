import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Minors' names and identity-card numbers are stored only by the identity service, and only
 * encrypted (AES-256-GCM, a fresh 96-bit nonce per value, the field name bound as associated
 * data so a ciphertext cannot be moved to another field). Lookups by identity-card number go
 * through a keyed blind index (HMAC-SHA-256), never through the clear value. Keys carry ids so
 * they can rotate: new values use the active key, old ones still decrypt.
 *
 * The blind index has a secret of its own (`blindIndexKey`, IDENTITY_BLIND_INDEX_KEY): an index
 * keyed by the sealing key changes whenever that key rotates, so every lookup would miss and a
 * second person could take a number already held; and one key serving both AES and HMAC means
 * one leak costs both. Without one the vault falls back to the active sealing key, which is what
 * indexes written before the split were built with.
 */
export interface VaultKey {
  readonly id: string;
  /** 32 bytes. */
  readonly key: Buffer;
}

export type PiiField = 'fullName' | 'idCardNumber' | 'phone';

export class PiiVaultError extends Error {
  constructor(
    readonly code: 'unknown-key' | 'tampered' | 'malformed' | 'bad-key',
    message: string,
  ) {
    super(message);
    this.name = 'PiiVaultError';
  }
}

const VERSION = 'v1';

/** The minimum for a blind-index secret: HKDF stretches nothing, so it must already be a key's worth. */
const MIN_BLIND_INDEX_KEY_BYTES = 32;

/** The blind-index HMAC key, bound to its purpose: the same secret used anywhere else gives another key. */
function deriveBlindIndexKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'educube-identity-pii', 'blind-index/v1', 32));
}

export class PiiVault {
  private readonly keys: Map<string, Buffer>;
  private readonly indexKey: Buffer;
  /** False while the index still runs on the sealing key (no IDENTITY_BLIND_INDEX_KEY yet). */
  readonly blindIndexKeySeparate: boolean;

  /** @param blindIndexKey the blind index's own secret (≥ 32 bytes); omit only for indexes built before it existed */
  constructor(
    private readonly active: VaultKey,
    private readonly retired: readonly VaultKey[] = [],
    blindIndexKey?: Buffer,
  ) {
    for (const k of [active, ...retired]) {
      if (k.key.length !== 32) throw new PiiVaultError('bad-key', `key ${k.id} must be 32 bytes, not ${k.key.length}`);
      if (!/^[\w-]{1,32}$/.test(k.id)) throw new PiiVaultError('bad-key', `key id "${k.id}" must be 1–32 letters, digits, _ or -`);
    }
    this.keys = new Map([active, ...retired].map((k) => [k.id, k.key]));
    if (blindIndexKey === undefined) {
      this.indexKey = active.key;
      this.blindIndexKeySeparate = false;
    } else {
      if (blindIndexKey.length < MIN_BLIND_INDEX_KEY_BYTES)
        throw new PiiVaultError('bad-key', `the blind-index key must be at least ${MIN_BLIND_INDEX_KEY_BYTES} bytes, not ${blindIndexKey.length}`);
      // a pasted sealing key would look separate in the configuration and be the same secret
      if ([active, ...retired].some((k) => k.key.length === blindIndexKey.length && timingSafeEqual(k.key, blindIndexKey))) {
        throw new PiiVaultError('bad-key', 'the blind-index key must not be one of the sealing keys');
      }
      this.indexKey = deriveBlindIndexKey(blindIndexKey);
      this.blindIndexKeySeparate = true;
    }
  }

  /**
   * Reads keys from the environment: `id:base64,id:base64` (the first is active) and the
   * blind-index secret, base64 of at least 32 bytes (IDENTITY_BLIND_INDEX_KEY).
   */
  static fromEnv(value: string | undefined, blindIndexKeyBase64?: string): PiiVault {
    if (!value) throw new PiiVaultError('bad-key', 'no encryption key configured (IDENTITY_PII_KEYS=id:base64-of-32-bytes[,…])');
    const keys = value.split(',').map((pair) => {
      const [id, b64] = pair.split(':');
      if (!id || !b64) throw new PiiVaultError('bad-key', `"${pair.slice(0, 8)}…" is not id:base64`);
      return { id, key: Buffer.from(b64, 'base64') };
    });
    const [active, ...retired] = keys;
    if (!active) throw new PiiVaultError('bad-key', 'no encryption key configured');
    if (!blindIndexKeyBase64) return new PiiVault(active, retired);
    const blind = Buffer.from(blindIndexKeyBase64, 'base64');
    if (blind.length < MIN_BLIND_INDEX_KEY_BYTES)
      throw new PiiVaultError('bad-key', `IDENTITY_BLIND_INDEX_KEY must be base64 of at least ${MIN_BLIND_INDEX_KEY_BYTES} bytes, not ${blind.length}`);
    return new PiiVault(active, retired, blind);
  }

  /** The same sealing keys with another blind-index secret: what re-indexing moves to. */
  withBlindIndexKey(blindIndexKey: Buffer): PiiVault {
    return new PiiVault(this.active, this.retired, blindIndexKey);
  }

  encrypt(field: PiiField, clear: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, nonce);
    cipher.setAAD(Buffer.from(`${VERSION}:${field}`));
    const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    return [VERSION, this.active.id, nonce.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  decrypt(field: PiiField, sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new PiiVaultError('malformed', 'not a sealed value of this vault');
    const [, keyId, nonce, body, tag] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new PiiVaultError('unknown-key', `sealed with key ${keyId}, which this vault does not hold`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(`${VERSION}:${field}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiVaultError('tampered', `the sealed ${field} does not authenticate (altered, or sealed for another field)`);
    }
  }

  /** Equality lookups without the clear value: the same input always gives the same index. */
  blindIndex(field: PiiField, clear: string): string {
    return createHmac('sha256', this.indexKey)
      .update(`${field}:${normalise(field, clear)}`)
      .digest('base64url');
  }

  /** Whether a sealed value should be re-encrypted under the active key. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.active.id;
  }
}

function normalise(field: PiiField, value: string): string {
  // 身份证号: the check digit X is written either case
  return field === 'idCardNumber' ? value.trim().toUpperCase() : value.trim();
}

/** 居民身份证号码 (GB 11643-1999): 18 characters, the last a mod-11 check digit. */
export function isValidIdCardNumber(value: string): boolean {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17];
}

/** What may leave the identity service in place of a name: 张*明 style. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
