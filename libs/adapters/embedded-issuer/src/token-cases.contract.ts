// Test support only (not exported from index.ts): one token table that runs unchanged against
// Keycloak and against the embedded issuer, each through the one verifier all services use.
import { createTokenVerifier, TokenError, type TokenErrorCode, type TokenVerifier } from '@educube/oidc';
import { decodeJwt, decodeProtectedHeader, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

/** What the table needs from an issuer: its URL and three ways to get a genuine token from it. */
export interface IssuerContext {
  /** `iss` of its tokens; discovery is found under it. */
  readonly issuer: string;
  /** A school system's client-credentials token (audience educube-ingest, school 3302030001). */
  schoolSystemToken(): Promise<string>;
  /** officer.haishu's token for educube-gateway (district officer, region 330203). */
  districtOfficerToken(): Promise<string>;
  /** A client-credentials token that lives 2 seconds (client educube-shortlived). */
  shortLivedToken(): Promise<string>;
}

type Outcome = TokenErrorCode | 'accepted';

async function outcome(verifier: TokenVerifier, jwt: string): Promise<Outcome> {
  try {
    await verifier.verify(jwt);
    return 'accepted';
  } catch (e) {
    if (e instanceof TokenError) return e.code;
    throw e;
  }
}

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const parts = (jwt: string): [string, string, string] => jwt.split('.') as [string, string, string];

async function publicKeyPem(issuer: string, kid: string | undefined): Promise<string> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as { keys: JWK[] };
  const jwk = keys.find((k) => k.kid === kid) ?? keys[0];
  if (!jwk) throw new Error(`${issuer} publishes no key`);
  return exportSPKI((await importJWK({ ...jwk, alg: 'RS256' }, 'RS256', { extractable: true })) as CryptoKey);
}

/**
 * Registers the token cases as tests. `context` is read when the tests run (after the caller's
 * beforeAll started or found the issuer). Prints the table case → result after the last case.
 */
export function describeTokenCases(name: string, context: () => IssuerContext): void {
  describe(`token cases: ${name}`, () => {
    const table: { case: string; expected: Outcome; result: Outcome | string }[] = [];
    let ingest: TokenVerifier;
    let gateway: TokenVerifier;

    beforeAll(async () => {
      const { issuer } = context();
      ingest = await createTokenVerifier({ issuer, audience: 'educube-ingest' });
      gateway = await createTokenVerifier({ issuer, audience: 'educube-gateway' });
    });

    afterAll(() => {
      console.log(
        `token table — ${name} (${context().issuer})\n${table.map((r) => `  ${r.case.padEnd(40)} → ${r.result}${r.result === r.expected ? '' : `   (expected ${r.expected})`}`).join('\n')}`,
      );
    });

    const check = (label: string, expected: Outcome, run: () => Promise<Outcome>) =>
      it(`${label} → ${expected}`, async () => {
        let result: Outcome | string;
        try {
          result = await run();
        } catch (e) {
          result = `error: ${(e as Error).message}`;
        }
        table.push({ case: label, expected, result });
        expect(result).toBe(expected);
      });

    check('client credentials (school system)', 'accepted', async () => {
      const jwt = await context().schoolSystemToken();
      expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
      const { claims } = await ingest.verify(jwt);
      expect(claims.iss).toBe(context().issuer);
      expect([claims.aud].flat()).toContain('educube-ingest');
      expect(claims['school_codes']).toEqual(['3302030001']);
      expect((claims['realm_access'] as { roles: string[] }).roles).toContain('school_system');
      return 'accepted';
    });

    check('user token (district officer)', 'accepted', async () => {
      const { claims } = await gateway.verify(await context().districtOfficerToken());
      expect([claims.aud].flat()).toContain('educube-gateway');
      expect(claims['region_code']).toBe('330203');
      expect(claims['preferred_username']).toBe('officer.haishu');
      expect((claims['realm_access'] as { roles: string[] }).roles).toContain('district_officer');
      return 'accepted';
    });

    check('expired (2 s token, waited out)', 'expired', async () => {
      const jwt = await context().shortLivedToken();
      const { exp = 0, iat = 0 } = decodeJwt(jwt);
      expect(exp - iat).toBe(2);
      expect(await outcome(ingest, jwt)).toBe('accepted');
      // the default 5 s clock tolerance would make the wait longer; none here
      const strict = await createTokenVerifier({ issuer: context().issuer, audience: 'educube-ingest', clockToleranceSeconds: 0 });
      await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 1_500));
      return outcome(strict, jwt);
    });

    check('wrong audience (ingest token → gateway)', 'wrong-audience', async () => outcome(gateway, await context().schoolSystemToken()));

    check('foreign issuer', 'wrong-issuer', async () => {
      const { issuer } = context();
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
      // a verifier that trusts another issuer with the same keys: only `iss` differs
      const foreign = await createTokenVerifier({ issuer: `${issuer}-foreign`, audience: 'educube-gateway', jwksUri: discovery.jwks_uri });
      return outcome(foreign, await context().districtOfficerToken());
    });

    check('alg: none', 'algorithm-not-allowed', async () => {
      const [header, payload] = parts(await context().districtOfficerToken());
      const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid?: string };
      return outcome(gateway, `${b64({ alg: 'none', typ: 'JWT', kid })}.${payload}.`);
    });

    check('HS256 signed with the public key', 'algorithm-not-allowed', async () => {
      const jwt = await context().districtOfficerToken();
      const { kid } = decodeProtectedHeader(jwt);
      const secret = new TextEncoder().encode(await publicKeyPem(context().issuer, kid));
      const forged = await new SignJWT(decodeJwt(jwt)).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) }).sign(secret);
      return outcome(gateway, forged);
    });

    check('unknown kid', 'unknown-key', async () => {
      const claims = decodeJwt(await context().districtOfficerToken());
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: `unknown-${Date.now()}` }).sign(privateKey);
      return outcome(gateway, forged);
    });

    check('tampered payload', 'bad-signature', async () => {
      const [header, payload, signature] = parts(await context().districtOfficerToken());
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      return outcome(gateway, `${header}.${b64({ ...claims, region_code: '330000' })}.${signature}`);
    });
  });
}
