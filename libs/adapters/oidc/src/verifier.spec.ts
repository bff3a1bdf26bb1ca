import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { TokenError, verifierWithKeys, type TokenErrorCode } from './verifier';

const issuer = 'https://issuer.test/realms/educube';
const audience = 'educube-gateway';
const now = new Date('2026-11-23T08:00:00Z');
const epoch = Math.floor(now.getTime() / 1000);

let privateKey: CryptoKey;
let publicJwk: JWK;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  otherKey = (await generateKeyPair('RS256')).privateKey;
});

const verifier = () => verifierWithKeys({ issuer, audience, now: () => now }, createLocalJWKSet({ keys: [publicJwk] }));

function aToken(overrides: { iss?: string; aud?: string; exp?: number; kid?: string; key?: CryptoKey } = {}) {
  return new SignJWT({ region_code: '330203' })
    .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? 'k1' })
    .setIssuer(overrides.iss ?? issuer)
    .setAudience(overrides.aud ?? audience)
    .setSubject('user-1')
    .setIssuedAt(epoch - 60)
    .setExpirationTime(overrides.exp ?? epoch + 300)
    .sign(overrides.key ?? privateKey);
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function codeOf(token: string): Promise<TokenErrorCode | 'accepted'> {
  try {
    await verifier().verify(token);
    return 'accepted';
  } catch (e) {
    if (e instanceof TokenError) return e.code;
    throw e;
  }
}

describe('token verifier', () => {
  it('accepts a well-formed token and returns its claims', async () => {
    const { claims, subject } = await verifier().verify(await aToken());
    expect(subject).toBe('user-1');
    expect(claims['region_code']).toBe('330203');
  });

  it.each<[string, () => Promise<string>, TokenErrorCode]>([
    ['expired', () => aToken({ exp: epoch - 10 }), 'expired'],
    ['wrong audience', () => aToken({ aud: 'someone-else' }), 'wrong-audience'],
    ['foreign issuer', () => aToken({ iss: 'https://evil.test/realms/educube' }), 'wrong-issuer'],
    ['unknown kid', () => aToken({ kid: 'k-unknown' }), 'unknown-key'],
    ['signed by another key', () => aToken({ key: otherKey }), 'bad-signature'],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await aToken()).split('.');
        return `${h}.${b64({ iss: issuer, aud: audience, sub: 'admin', iat: epoch, exp: epoch + 300, region_code: '330000' })}.${s}`;
      },
      'bad-signature',
    ],
    [
      'alg none',
      async () => `${b64({ alg: 'none', kid: 'k1' })}.${b64({ iss: issuer, aud: audience, sub: 'x', iat: epoch, exp: epoch + 300 })}.`,
      'algorithm-not-allowed',
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
        return new SignJWT({})
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience(audience)
          .setSubject('x')
          .setIssuedAt(epoch)
          .setExpirationTime(epoch + 300)
          .sign(secret);
      },
      'algorithm-not-allowed',
    ],
    ['not a JWT', async () => 'definitely-not-a-token', 'malformed'],
  ])('rejects a token that is %s', async (_case, make, code) => {
    expect(await codeOf(await make())).toBe(code);
  });
});
