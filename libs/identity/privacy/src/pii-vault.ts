import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Minors' names and identity-card numbers are stored only by the identity service, and only
 * encrypted (AES-256-GCM, a fresh 96-bit nonce per value, the field name bound as associated
 * data so a ciphertext cannot be moved to another field). Lookups by identity-card number go
 * through a keyed blind index (HMAC-SHA-256), never through the clear value. Keys carry ids so
 * they can rotate: new values use the active key, old ones still decrypt.
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

export class PiiVault {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly active: VaultKey,
    retired: readonly VaultKey[] = [],
    private readonly indexKey: Buffer = active.key,
  ) {
    for (const k of [active, ...retired]) {
      if (k.key.length !== 32) throw new PiiVaultError('bad-key', `key ${k.id} must be 32 bytes, not ${k.key.length}`);
      if (!/^[\w-]{1,32}$/.test(k.id)) throw new PiiVaultError('bad-key', `key id "${k.id}" must be 1–32 letters, digits, _ or -`);
    }
    this.keys = new Map([active, ...retired].map((k) => [k.id, k.key]));
  }

  /** Reads keys from the environment form `id:base64,id:base64` (the first is active). */
  static fromEnv(value: string | undefined, indexKeyBase64?: string): PiiVault {
    if (!value) throw new PiiVaultError('bad-key', 'no encryption key configured (IDENTITY_PII_KEYS=id:base64-of-32-bytes[,…])');
    const keys = value.split(',').map((pair) => {
      const [id, b64] = pair.split(':');
      if (!id || !b64) throw new PiiVaultError('bad-key', `"${pair.slice(0, 8)}…" is not id:base64`);
      return { id, key: Buffer.from(b64, 'base64') };
    });
    const [active, ...retired] = keys;
    if (!active) throw new PiiVaultError('bad-key', 'no encryption key configured');
    return new PiiVault(active, retired, indexKeyBase64 ? Buffer.from(indexKeyBase64, 'base64') : undefined);
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
    return createHmac('sha256', this.indexKey).update(`${field}:${normalise(field, clear)}`).digest('base64url');
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
