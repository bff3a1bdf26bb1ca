import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createTokenVerifier, TokenError, type TokenErrorCode, type TokenVerifier } from './verifier';

// Tokens come from the real Keycloak started by scripts/stack/keycloak.sh with the realm in
// scripts/stack/keycloak/realm-educube.json; nothing here stands in for the server.
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const issuer = `${keycloak}/realms/educube`;
const tokenEndpoint = `${issuer}/protocol/openid-connect/token`;

async function token(form: Record<string, string>): Promise<string> {
  const res = await fetch(tokenEndpoint, { method: 'POST', body: new URLSearchParams(form) });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused the token request (${res.status}): ${body.error_description}`);
  return body.access_token;
}

const clientCredentials = (client: string, secret: string) => token({ grant_type: 'client_credentials', client_id: client, client_secret: secret });
const password = (username: string) =>
  token({ grant_type: 'password', client_id: 'educube-gateway', client_secret: 'dev-gateway-secret', username, password: 'Passw0rd!', scope: 'openid' });

async function rejection(verifier: TokenVerifier, jwt: string): Promise<TokenErrorCode | 'accepted'> {
  try {
    await verifier.verify(jwt);
    return 'accepted';
  } catch (e) {
    if (e instanceof TokenError) return e.code;
    throw e;
  }
}

describe('Keycloak tokens verified against its JWKS (real server)', () => {
  let ingest: TokenVerifier;
  let gateway: TokenVerifier;

  beforeAll(async () => {
    ingest = await createTokenVerifier({ issuer, audience: 'educube-ingest' });
    gateway = await createTokenVerifier({ issuer, audience: 'educube-gateway' });
  });

  it('verifies a client-credentials token of a school system, with its school codes', async () => {
    const jwt = await clientCredentials('timetabling-system', 'dev-timetabling-secret');
    expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
    const { claims } = await ingest.verify(jwt);
    expect(claims.iss).toBe(issuer);
    expect(claims.aud).toContain('educube-ingest');
    expect(claims['school_codes']).toBeDefined();
    expect(claims.exp! - claims.iat!).toBeGreaterThan(0);
  });

  it('verifies a password-grant token of a district officer, with region and role', async () => {
    const { claims } = await gateway.verify(await password('officer.haishu'));
    expect(claims['region_code']).toBe('330203');
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('district_officer');
  });

  it('verifies a city officer token with the city region code', async () => {
    const { claims } = await gateway.verify(await password('officer.ningbo'));
    expect(claims['region_code']).toBe('330200');
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('city_officer');
  });

  // One login per human role of the realm, each verified and carrying its role and scope claims.
  it.each([
    ['officer.zhejiang', 'province_officer', { region_code: '330000' }],
    ['officer.ningbo', 'city_officer', { region_code: '330200' }],
    ['officer.haishu', 'district_officer', { region_code: '330203' }],
    ['principal.school1', 'principal', { school_codes: ['3302030001'] }],
    ['cio.school1', 'cio', { school_codes: ['3302030001'] }],
    ['teacher.school1', 'teacher', { school_codes: ['3302030001'] }],
    ['student.school1', 'student', { school_codes: ['3302030001'] }],
    ['parent.school1', 'parent', { school_codes: ['3302030001'] }],
  ])('logs in %s as %s with its scope claims', async (username, role, scope) => {
    const { claims } = await gateway.verify(await password(username));
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain(role);
    expect(claims).toMatchObject({ preferred_username: username, ...scope });
  });

  it('rejects a school-system token presented to the gateway (wrong audience)', async () => {
    expect(await rejection(gateway, await clientCredentials('grading-system', 'dev-grading-secret'))).toBe('wrong-audience');
  });

  it('rejects a tampered token (payload changed, signature kept)', async () => {
    const jwt = await password('officer.haishu');
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, region_code: '330000' })).toString('base64url');
    expect(await rejection(gateway, `${header}.${forged}.${signature}`)).toBe('bad-signature');
  });

  it('rejects a genuinely expired token (2-second lifespan client, then waited out)', async () => {
    const jwt = await clientCredentials('educube-shortlived', 'dev-shortlived-secret');
    const { exp, iat } = decodeJwt(jwt);
    expect(exp! - iat!).toBe(2);
    expect(await rejection(ingest, jwt)).toBe('accepted');
    // clock tolerance is 5 s by default; use none here so the wait stays short
    const strict = await createTokenVerifier({ issuer, audience: 'educube-ingest', clockToleranceSeconds: 0 });
    await new Promise((r) => setTimeout(r, exp! * 1000 - Date.now() + 1_500));
    expect(await rejection(strict, jwt)).toBe('expired');
  });

  it('rejects a token from a foreign issuer', async () => {
    const foreign = await createTokenVerifier({
      issuer: 'http://127.0.0.1:28080/realms/other',
      audience: 'educube-gateway',
      jwksUri: `${issuer}/protocol/openid-connect/certs`,
    });
    expect(await rejection(foreign, await password('officer.haishu'))).toBe('wrong-issuer');
  });

  it('refuses a wrong password at the server', async () => {
    await expect(
      token({ grant_type: 'password', client_id: 'educube-gateway', client_secret: 'dev-gateway-secret', username: 'officer.haishu', password: 'wrong' }),
    ).rejects.toThrow(/\(400\): Invalid user credentials/);
  });
});
