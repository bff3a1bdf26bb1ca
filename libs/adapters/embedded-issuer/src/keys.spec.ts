import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, loadKeys, parseKeyFile, publicPart, saveKeys } from './keys';

describe('issuer keys', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'educube-keys-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('generates an RS256 signing key with a kid, and publishes only its public half', async () => {
    const key = await generateSigningKey();
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) as string });
    expect(key.d).toBeDefined();
    expect(publicPart(key)).toEqual({ kty: 'RSA', n: key.n, e: key.e, kid: key.kid, alg: 'RS256', use: 'sig' });
  });

  it('creates the key file on first start (owner-only) and reads the same keys afterwards', async () => {
    const source = { kind: 'file', path: join(dir, 'nested', 'keys.json') } as const;
    const first = await loadKeys(source);
    expect((await stat(source.path)).mode & 0o777).toBe(0o600);
    expect((await loadKeys(source)).map((k) => k.kid)).toEqual(first.map((k) => k.kid));
    const rotated = [await generateSigningKey(), ...first];
    await saveKeys(source, rotated);
    expect((await loadKeys(source)).map((k) => k.kid)).toEqual(rotated.map((k) => k.kid));
    expect(JSON.parse(await readFile(source.path, 'utf8'))).toEqual({ keys: rotated });
  });

  it('refuses a file that is not a key file rather than silently replacing the keys', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }));
    await expect(loadKeys({ kind: 'file', path })).rejects.toThrow(/not an issuer key file/);
    expect(() => parseKeyFile('{"keys":[]}', 'k.json')).toThrow(/not an issuer key file/);
  });

  it('generates a fresh key each start when ephemeral', async () => {
    const [a] = await loadKeys({ kind: 'ephemeral' });
    const [b] = await loadKeys({ kind: 'ephemeral' });
    expect(a!.kid).not.toBe(b!.kid);
  });
});
