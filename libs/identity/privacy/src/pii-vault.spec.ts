import { createHmac, randomBytes } from 'node:crypto';
import { isValidIdCardNumber, maskName, PiiVault, PiiVaultError } from './pii-vault';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('PiiVault', () => {
  const k1 = key('k1');
  const vault = new PiiVault(k1);

  it('seals and opens a value, and never stores it in clear', () => {
    const sealed = vault.encrypt('fullName', '王小明');
    expect(sealed).not.toContain('王小明');
    expect(Buffer.from(sealed).toString('utf8')).not.toMatch(/王|小|明/);
    expect(vault.decrypt('fullName', sealed)).toBe('王小明');
  });

  it('gives two encryptions of one value different ciphertexts', () => {
    expect(vault.encrypt('idCardNumber', '11010519491231002X')).not.toBe(vault.encrypt('idCardNumber', '11010519491231002X'));
  });

  it.each<[string, (s: string) => string, PiiVaultError['code']]>([
    [
      'a flipped ciphertext byte',
      (s) => {
        const p = s.split('.');
        const b = Buffer.from(p[3]!, 'base64url');
        b[0] = b[0]! ^ 1;
        p[3] = b.toString('base64url');
        return p.join('.');
      },
      'tampered',
    ],
    ['a value moved to another field', (s) => s, 'tampered'],
    ['an unknown key id', (s) => s.replace('.k1.', '.k9.'), 'unknown-key'],
    ['garbage', () => 'not-sealed', 'malformed'],
  ])('refuses %s', (_case, change, code) => {
    const sealed = vault.encrypt('idCardNumber', '11010519491231002X');
    const field = _case === 'a value moved to another field' ? 'fullName' : 'idCardNumber';
    expect(() => vault.decrypt(field, change(sealed))).toThrow(expect.objectContaining({ code }));
  });

  it('rotates keys: old values still open, new ones use the active key', () => {
    const old = vault.encrypt('fullName', '李华');
    const rotated = new PiiVault(key('k2'), [k1]);
    expect(rotated.decrypt('fullName', old)).toBe('李华');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.encrypt('fullName', '李华');
    expect(fresh.split('.')[1]).toBe('k2');
    expect(rotated.needsRotation(fresh)).toBe(false);
  });

  it('indexes identity-card numbers blindly and case-insensitively, per field', () => {
    expect(vault.blindIndex('idCardNumber', '11010519491231002x')).toBe(vault.blindIndex('idCardNumber', ' 11010519491231002X'));
    expect(vault.blindIndex('idCardNumber', '11010519491231002X')).not.toContain('110105');
    expect(vault.blindIndex('fullName', 'A')).not.toBe(vault.blindIndex('phone', 'A'));
    expect(new PiiVault(key('other')).blindIndex('idCardNumber', '11010519491231002X')).not.toBe(vault.blindIndex('idCardNumber', '11010519491231002X'));
  });

  describe('the blind-index key, a secret of its own', () => {
    const blind = randomBytes(32);

    it('keeps an index across a rotation of the sealing key', () => {
      const before = new PiiVault(k1, [], blind);
      const after = new PiiVault(key('k2'), [k1], blind);
      expect(after.blindIndex('idCardNumber', '11010519491231002X')).toBe(before.blindIndex('idCardNumber', '11010519491231002X'));
      expect(after.blindIndexKeySeparate).toBe(true);
    });

    it('gives another index under another blind-index key, and under none', () => {
      const a = new PiiVault(k1, [], blind).blindIndex('idCardNumber', '11010519491231002X');
      expect(new PiiVault(k1, [], randomBytes(32)).blindIndex('idCardNumber', '11010519491231002X')).not.toBe(a);
      expect(new PiiVault(k1).blindIndex('idCardNumber', '11010519491231002X')).not.toBe(a);
      expect(new PiiVault(k1).withBlindIndexKey(blind).blindIndex('idCardNumber', '11010519491231002X')).toBe(a);
    });

    it('is not the HMAC of the secret itself: the key is derived for this one purpose', () => {
      const raw = createHmac('sha256', blind).update('idCardNumber:11010519491231002X').digest('base64url');
      expect(new PiiVault(k1, [], blind).blindIndex('idCardNumber', '11010519491231002X')).not.toBe(raw);
    });

    it('without one, indexes exactly as before the split (HMAC under the active sealing key), so stored indexes keep matching', () => {
      const legacy = new PiiVault(k1);
      expect(legacy.blindIndexKeySeparate).toBe(false);
      expect(legacy.blindIndex('idCardNumber', ' 11010519491231002x')).toBe(
        createHmac('sha256', k1.key).update('idCardNumber:11010519491231002X').digest('base64url'),
      );
    });

    it('refuses a short secret and a sealing key reused as the blind-index key', () => {
      expect(() => new PiiVault(k1, [], randomBytes(16))).toThrow(/at least 32 bytes, not 16/);
      expect(() => new PiiVault(key('k2'), [k1], Buffer.from(k1.key))).toThrow(/must not be one of the sealing keys/);
    });

    it('reads it from the environment beside the sealing keys', () => {
      const keys = `k1:${k1.key.toString('base64')}`;
      const vault = PiiVault.fromEnv(keys, blind.toString('base64'));
      expect(vault.blindIndex('idCardNumber', '11010519491231002X')).toBe(new PiiVault(k1, [], blind).blindIndex('idCardNumber', '11010519491231002X'));
      expect(PiiVault.fromEnv(keys).blindIndexKeySeparate).toBe(false);
      expect(() => PiiVault.fromEnv(keys, randomBytes(8).toString('base64'))).toThrow(/IDENTITY_BLIND_INDEX_KEY must be base64 of at least 32 bytes, not 8/);
    });
  });

  it('reads its keys from the environment and explains a bad one', () => {
    const env = `k1:${randomBytes(32).toString('base64')},k0:${randomBytes(32).toString('base64')}`;
    expect(PiiVault.fromEnv(env).decrypt('phone', PiiVault.fromEnv(env).encrypt('phone', '13800000000'))).toBe('13800000000');
    expect(() => PiiVault.fromEnv(undefined)).toThrow(/IDENTITY_PII_KEYS/);
    expect(() => PiiVault.fromEnv(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes, not 16/);
  });
});

describe('identity-card numbers and names', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['1101051949123100', false],
    ['A10105194912310021', false],
  ])('%s valid: %s', (value, valid) => {
    expect(isValidIdCardNumber(value)).toBe(valid);
  });

  it.each([
    ['王小明', '王*明'],
    ['李华', '李*'],
    ['欧阳娜娜', '欧**娜'],
    ['张', '*'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
