import { loadConfig, startService } from '@educube/service-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfigSchema, gatewayService } from '../service';
import { safeReturnTo } from './auth.module';
import { CookieSigner } from './signed-cookie';

const secret = 'unit-test-session-secret-0123456789abcdef';

describe('gateway login', () => {
  it('requires the client secret and the session secret once an issuer is set', () => {
    expect(() => loadConfig('gateway', gatewayConfigSchema, { OIDC_ISSUER: 'http://127.0.0.1:1/realms/x' })).toThrow(/OIDC_CLIENT_SECRET: is required[\s\S]*SESSION_SECRET: is required/);
    expect(() => loadConfig('gateway', gatewayConfigSchema, { OIDC_ISSUER: 'http://i', OIDC_CLIENT_SECRET: 's', SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32/);
    expect(loadConfig('gateway', gatewayConfigSchema, {}).OIDC_CLIENT_ID).toBe('educube-gateway');
  });

  it('returns only to local paths', () => {
    expect(safeReturnTo('/me')).toBe('/me');
    expect(safeReturnTo('/me?x=1')).toBe('/me?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'me', undefined, ['/me']]) expect(safeReturnTo(bad)).toBe('/me');
  });

  describe('without OIDC_ISSUER', () => {
    let running: Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;
    beforeAll(async () => {
      running = await startService(gatewayService, { PORT: '0', LOG_LEVEL: 'silent', UPSTREAM_HEALTH_URLS: 'identity=http://127.0.0.1:1' });
    });
    afterAll(() => running.close());

    it.each(['/login', '/me', '/auth/callback?code=x&state=y'])('%s says login is disabled', async (path) => {
      const res = await fetch(`${running.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('Login is disabled');
    });

    it('keeps the public pages public', async () => {
      for (const path of ['/', '/health/live', '/metrics']) expect((await fetch(`${running.url}${path}`)).status).toBe(200);
    });
  });

  describe('with an issuer', () => {
    let issuer: Server;
    let issuerUrl: string;
    let running: Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;
    beforeAll(async () => {
      // Only discovery is needed to start a login; the code exchange is covered by sso.e2e.spec.ts.
      issuer = createServer((req, res) => {
        if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: issuerUrl, authorization_endpoint: `${issuerUrl}/auth`, token_endpoint: `${issuerUrl}/token` }));
      });
      await new Promise<void>((r) => issuer.listen(0, '127.0.0.1', r));
      issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
      running = await startService(gatewayService, {
        PORT: '0',
        LOG_LEVEL: 'silent',
        OIDC_ISSUER: issuerUrl,
        OIDC_CLIENT_SECRET: 'client-secret',
        SESSION_SECRET: secret,
        PUBLIC_URL: 'http://gateway.test:3000',
      });
    });
    afterAll(async () => {
      await running.close();
      issuer.close();
    });

    it('sends an unauthenticated /me to /login?returnTo=/me', async () => {
      const res = await fetch(`${running.url}/me`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/login?returnTo=%2Fme');
    });

    it('starts the code flow with PKCE and keeps state in a signed, HttpOnly, SameSite=Lax cookie', async () => {
      const res = await fetch(`${running.url}/login?returnTo=/me`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(`${issuerUrl}/auth`);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        client_id: 'educube-gateway',
        redirect_uri: 'http://gateway.test:3000/auth/callback',
        response_type: 'code',
        code_challenge_method: 'S256',
        scope: 'openid profile email',
      });
      const cookie = res.headers.getSetCookie()[0] ?? '';
      expect(cookie).toMatch(/^educube_login=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
      const pending = new CookieSigner(secret).verify<{ state: string; returnTo: string; exp: number }>('educube_login', /^educube_login=([^;]+)/.exec(cookie)?.[1]);
      expect(pending).toMatchObject({ state: location.searchParams.get('state'), returnTo: '/me' });
    });

    it('shows /me to a valid session and refuses a tampered or expired one', async () => {
      const signer = new CookieSigner(secret);
      const claims = { sub: 'u1', preferred_username: 'officer.haishu', roles: ['district_officer'], region_code: '330203', school_codes: [] };
      const good = signer.sign('educube_session', { ...claims, exp: Math.floor(Date.now() / 1000) + 60 });
      const ok = await fetch(`${running.url}/me`, { headers: { cookie: `educube_session=${good}` }, redirect: 'manual' });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/officer\.haishu[\s\S]*district_officer[\s\S]*330203/);

      const tampered = good.replace(/^[^.]+/, Buffer.from(JSON.stringify({ ...claims, roles: ['province_officer'], exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url'));
      const expired = signer.sign('educube_session', { ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
      for (const value of [tampered, expired]) {
        const res = await fetch(`${running.url}/me`, { headers: { cookie: `educube_session=${value}` }, redirect: 'manual' });
        expect(res.status).toBe(302);
      }
    });

    it('refuses a callback whose state does not match the login cookie', async () => {
      const res = await fetch(`${running.url}/auth/callback?code=abc&state=forged`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('expired or did not start here');
    });
  });
});
