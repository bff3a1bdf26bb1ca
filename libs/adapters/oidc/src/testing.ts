import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { SERVICE_ROLE } from './authenticator';

/** What a test token says; every field has the value a real access token of the realm would carry. */
export interface TestTokenSpec {
  readonly sub?: string;
  readonly roles?: readonly string[];
  readonly regionCode?: string;
  readonly schoolCodes?: readonly string[];
  readonly aud: string | readonly string[];
  readonly azp?: string;
  /** at+jwt (RFC 9068, default), bearer (Keycloak's claim typ), id (an ID token), none (no mark) */
  readonly kind?: 'at+jwt' | 'bearer' | 'id' | 'none';
  /** seconds from now; negative for an expired token */
  readonly expiresIn?: number;
  readonly iss?: string;
  /** sign with a key the issuer never published */
  readonly forged?: boolean;
  readonly extra?: Record<string, unknown>;
}

export interface TestIssuer {
  readonly issuer: string;
  /** `clientId→audience` of every client-credentials token the token endpoint handed out */
  readonly issued: readonly string[];
  token(spec: TestTokenSpec): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for fetch */
  bearer(spec: TestTokenSpec): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

/**
 * A real OIDC discovery document and JWKS on a loopback port, with a key only this test holds:
 * services verify its tokens through exactly the path they use against Keycloak. For tests that
 * need tokens of many roles and scopes without a login per role.
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const foreign: CryptoKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const issued: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/token' && req.method === 'POST') {
      // client credentials for the hub's services: any client id, a token for the resource asked
      let form = '';
      req.on('data', (c: Buffer) => (form += c.toString()));
      req.on('end', () => {
        const params = new URLSearchParams(form);
        const clientId = params.get('client_id') ?? 'unknown';
        const aud = (params.get('resource') ?? '').replace(/^urn:educube:/, '') || clientId;
        issued.push(`${clientId}→${aud}`);
        void token(actors.service(clientId, aud)).then((t) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: t, token_type: 'Bearer', expires_in: 300 })),
        );
      });
      return;
    }
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` }
        : req.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = async (spec: TestTokenSpec): Promise<string> => {
    const kind = spec.kind ?? 'at+jwt';
    const claims: Record<string, unknown> = {
      realm_access: { roles: [...(spec.roles ?? [])] },
      ...(spec.regionCode ? { region_code: spec.regionCode } : {}),
      ...(spec.schoolCodes ? { school_codes: [...spec.schoolCodes] } : {}),
      ...(spec.azp ? { azp: spec.azp } : {}),
      ...(kind === 'bearer' ? { typ: 'Bearer' } : kind === 'id' ? { typ: 'ID', nonce: 'n' } : {}),
      ...spec.extra,
    };
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-1', ...(kind === 'at+jwt' ? { typ: 'at+jwt' } : { typ: 'JWT' }) })
      .setIssuer(spec.iss ?? issuer)
      .setAudience(typeof spec.aud === 'string' ? spec.aud : [...spec.aud])
      .setSubject(spec.sub ?? 'test-subject')
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (spec.expiresIn ?? 300))
      .sign(spec.forged ? foreign : pair.privateKey);
  };
  return {
    issuer,
    issued,
    token,
    bearer: async (spec) => ({ authorization: `Bearer ${await token(spec)}` }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The realm's people and clients as token specs, so tests read as who is acting. */
export const actors = {
  provinceOfficer: (aud: string): TestTokenSpec => ({ sub: 'officer.zhejiang', roles: ['province_officer'], regionCode: '330000', aud }),
  cityOfficer: (aud: string, regionCode = '330200'): TestTokenSpec => ({ sub: `officer.${regionCode}`, roles: ['city_officer'], regionCode, aud }),
  districtOfficer: (aud: string, regionCode = '330203'): TestTokenSpec => ({ sub: `officer.${regionCode}`, roles: ['district_officer'], regionCode, aud }),
  cio: (aud: string, schoolCode = '3302030001'): TestTokenSpec => ({ sub: `cio.${schoolCode}`, roles: ['cio'], schoolCodes: [schoolCode], aud }),
  principal: (aud: string, schoolCode = '3302030001'): TestTokenSpec => ({
    sub: `principal.${schoolCode}`,
    roles: ['principal'],
    schoolCodes: [schoolCode],
    aud,
  }),
  teacher: (aud: string, schoolCode = '3302030001'): TestTokenSpec => ({ sub: `teacher.${schoolCode}`, roles: ['teacher'], schoolCodes: [schoolCode], aud }),
  schoolSystem: (schoolCode = '3302030001', clientId = 'timetabling-system'): TestTokenSpec => ({
    sub: `service-account-${clientId}`,
    azp: clientId,
    roles: ['school_system'],
    schoolCodes: [schoolCode],
    aud: 'educube-ingest',
  }),
  service: (clientId: string, aud: string | readonly string[]): TestTokenSpec => ({
    sub: `service-account-${clientId}`,
    azp: clientId,
    roles: [SERVICE_ROLE],
    aud,
  }),
};
