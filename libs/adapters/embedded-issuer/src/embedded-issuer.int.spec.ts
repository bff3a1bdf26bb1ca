import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier, TokenError } from '@educube/oidc';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { devRealm } from './dev-realm';
import { startEmbeddedIssuer, type EmbeddedIssuer } from './issuer';
import { signInThroughBuiltInPage } from './login-flow';
import { describeTokenCases, type IssuerContext } from './token-cases.contract';

// The embedded issuer runs in this process on a free port; everything else goes over HTTP, as
// it would from another service.
const redirectUri = 'http://127.0.0.1:3000/auth/callback';
let issuer: EmbeddedIssuer;
let keyDir: string;

async function clientCredentials(clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(issuer.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`token request refused (${res.status}): ${body.error_description}`);
  return body.access_token;
}

const login = (username: string) =>
  signInThroughBuiltInPage({ issuer: issuer.issuer, clientId: 'educube-gateway', clientSecret: 'dev-gateway-secret', redirectUri, username });

beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), 'educube-issuer-'));
  issuer = await startEmbeddedIssuer({ port: 0, ...devRealm({ redirectUris: [redirectUri] }), keys: { kind: 'file', path: join(keyDir, 'keys.json') } });
});

afterAll(async () => {
  await issuer?.close();
  await rm(keyDir, { recursive: true, force: true });
});

const context = (): IssuerContext => ({
  issuer: issuer.issuer,
  schoolSystemToken: () => clientCredentials('timetabling-system', 'dev-timetabling-secret'),
  districtOfficerToken: async () => (await login('officer.haishu')).accessToken,
  shortLivedToken: () => clientCredentials('educube-shortlived', 'dev-shortlived-secret'),
});

describeTokenCases('embedded issuer', context);

describe('embedded issuer (in-process, over HTTP)', () => {
  it('publishes discovery with its JWKS, code flow with PKCE S256 and client credentials', async () => {
    const doc = (await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc['issuer']).toBe(issuer.issuer);
    expect(doc['jwks_uri']).toBe(issuer.jwksUri);
    expect(doc['grant_types_supported']).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
    expect(doc['code_challenge_methods_supported']).toContain('S256');
    const jwks = (await (await fetch(issuer.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((k) => k['kid'])).toEqual(issuer.kids());
    expect(jwks.keys.every((k) => k['d'] === undefined)).toBe(true);
  });

  it('shows the built-in login page, and the ID token carries region and schools like the realm', async () => {
    const { loginPage, idToken } = await login('cio.school1');
    expect(loginPage).toContain('<form');
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: issuer.issuer, aud: 'educube-gateway', region_code: '330203', school_codes: ['3302030001'] });
  });

  it('refuses a code request without PKCE', async () => {
    const url = `${issuer.issuer}/auth?${new URLSearchParams({ client_id: 'educube-gateway', redirect_uri: redirectUri, response_type: 'code', scope: 'openid' })}`;
    const res = await fetch(url, { redirect: 'manual' });
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('signs no token for a person it does not know', async () => {
    await expect(login('nobody.at.all')).rejects.toThrow();
  });

  it('refuses a wrong client secret', async () => {
    await expect(clientCredentials('grading-system', 'wrong')).rejects.toThrow(/\(401\)/);
  });

  it('rotates keys: new tokens carry the new kid, old ones stay valid, and the verifier picks the new key up after refetch', async () => {
    const verifier = await createTokenVerifier({ issuer: issuer.issuer, audience: 'educube-ingest' });
    const before = await clientCredentials('grading-system', 'dev-grading-secret');
    await verifier.verify(before); // the verifier has fetched the JWKS now
    const oldKid = decodeProtectedHeader(before).kid;

    const newKid = await issuer.rotateKey();
    expect(issuer.kids()).toEqual([newKid, oldKid]);
    const after = await clientCredentials('grading-system', 'dev-grading-secret');
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    // the key file holds both keys, so a restart keeps both kinds of token valid
    expect((JSON.parse(await readFile(join(keyDir, 'keys.json'), 'utf8')) as { keys: { kid: string }[] }).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);

    // jose refetches the JWKS on an unknown kid, at most once per 30 s cooldown
    const early = await verifier.verify(after).then(
      () => 'accepted',
      (e: TokenError) => e.code,
    );
    if (early !== 'accepted') {
      expect(early).toBe('unknown-key');
      await new Promise((r) => setTimeout(r, 31_000));
    }
    await expect(verifier.verify(after)).resolves.toMatchObject({ subject: 'grading-system' });
    await expect(verifier.verify(before)).resolves.toBeDefined();
    console.log(`key rotation: ${oldKid} → ${newKid}; first verify of a new-kid token right after rotation: ${early}; after refetch: accepted`);
  }, 60_000);

  it('keeps tokens valid across a restart with the same key file', async () => {
    const jwt = await clientCredentials('asset-system', 'dev-asset-secret');
    const again = await startEmbeddedIssuer({
      port: 0,
      issuerUrl: issuer.issuer,
      ...devRealm({ redirectUris: [redirectUri] }),
      keys: { kind: 'file', path: join(keyDir, 'keys.json') },
    });
    try {
      expect(again.kids()).toEqual(issuer.kids());
      const verifier = await createTokenVerifier({ issuer: issuer.issuer, audience: 'educube-ingest', jwksUri: again.jwksUri });
      await expect(verifier.verify(jwt)).resolves.toBeDefined();
    } finally {
      await again.close();
    }
  });

  it('retires an old key: a verifier that fetches the JWKS afresh no longer accepts its tokens', async () => {
    const [signing, old] = issuer.kids();
    await expect(issuer.retireKey(signing!)).rejects.toThrow(/signing key/);
    const verifier = await createTokenVerifier({ issuer: issuer.issuer, audience: 'educube-ingest' });
    const current = await clientCredentials('asset-system', 'dev-asset-secret');
    await issuer.retireKey(old!);
    expect(issuer.kids()).toEqual([signing]);
    await expect(verifier.verify(current)).resolves.toBeDefined();
    const { privateKey } = await generateKeyPair('RS256');
    const signedWithOldKid = await new SignJWT(decodeJwt(current)).setProtectedHeader({ alg: 'RS256', kid: old! }).sign(privateKey);
    await expect(verifier.verify(signedWithOldKid)).rejects.toMatchObject({ code: 'unknown-key' });
  });

  it('refuses a token for an audience the client is not registered for', async () => {
    const res = await fetch(issuer.tokenEndpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'grading-system',
        client_secret: 'dev-grading-secret',
        resource: 'urn:educube:educube-gateway',
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_target');
  });
});
