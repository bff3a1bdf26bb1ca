import { loadConfig, startService } from '@educube/service-kit';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfigSchema, gatewayService } from '../service';
import { sign, unsign } from '@fastify/cookie';
import { safeReturnTo } from './auth.module';

const secret = 'unit-test-session-secret-0123456789abcdef';
const now = () => Math.floor(Date.now() / 1000);
// A cookie value as the gateway writes it: base64url JSON, signed by @fastify/cookie (HMAC-SHA256).
const encode = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');
const signed = (payload: object, key = secret) => encodeURIComponent(sign(encode(payload), key));
const decode = (setCookie: string, key = secret): Record<string, unknown> | undefined => {
  const value = /^[^=]+=([^;]*)/.exec(setCookie)?.[1];
  const unsigned = value ? unsign(decodeURIComponent(value), key) : undefined;
  return unsigned?.valid && unsigned.value ? (JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined;
};

describe('gateway login', () => {
  it('requires the client secret and the session secret once an issuer is set', () => {
    expect(() => loadConfig('gateway', gatewayConfigSchema, { OIDC_ISSUER: 'http://127.0.0.1:1/realms/x' })).toThrow(
      /OIDC_CLIENT_SECRET: is required[\s\S]*SESSION_SECRET: is required/,
    );
    expect(() => loadConfig('gateway', gatewayConfigSchema, { OIDC_ISSUER: 'http://i', OIDC_CLIENT_SECRET: 's', SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET: must be at least 32/,
    );
    expect(loadConfig('gateway', gatewayConfigSchema, {}).OIDC_CLIENT_ID).toBe('educube-gateway');
  });

  it('returns only to local paths', () => {
    expect(safeReturnTo('/me')).toBe('/me');
    expect(safeReturnTo('/me?x=1')).toBe('/me?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'me', undefined, ['/me']]) expect(safeReturnTo(bad)).toBe('/me');
  });

  it('refuses to start without OIDC_ISSUER, naming it', async () => {
    await expect(startService(gatewayService, { PORT: '0', LOG_LEVEL: 'silent' })).rejects.toThrow(/OIDC_ISSUER: is required/);
  });

  describe('without OIDC_ISSUER, in development with ALLOW_NO_ISSUER', () => {
    let running: Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;
    beforeAll(async () => {
      running = await startService(gatewayService, {
        PORT: '0',
        LOG_LEVEL: 'silent',
        UPSTREAM_HEALTH_URLS: 'identity=http://127.0.0.1:1',
        ALLOW_NO_ISSUER: 'true',
      });
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
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ issuer: issuerUrl, authorization_endpoint: `${issuerUrl}/auth`, token_endpoint: `${issuerUrl}/token` }));
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
      const cookies = res.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      const cookie = cookies[0] ?? '';
      expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax']);
      const pending = decode(cookie);
      expect(pending).toMatchObject({ state: location.searchParams.get('state'), nonce: location.searchParams.get('nonce'), returnTo: '/me' });
      // the challenge is S256 of the verifier kept in the cookie
      expect(location.searchParams.get('code_challenge')).toBe(createHash('sha256').update(String(pending?.['verifier'])).digest('base64url'));
      expect(decode(cookie, `${secret}-other`)).toBeUndefined();
    });

    describe('the session cookie', () => {
      const claims = { sub: 'u1', preferred_username: 'officer.haishu', roles: ['district_officer'], region_code: '330203', school_codes: [] };
      const me = (cookie?: string) => fetch(`${running.url}/me`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      const expectLogin = (res: Response) => {
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe('/login?returnTo=%2Fme');
      };

      it('shows /me to a valid session', async () => {
        const ok = await me(`educube_session=${signed({ ...claims, exp: now() + 60 })}`);
        expect(ok.status).toBe(200);
        expect(await ok.text()).toMatch(/officer\.haishu[\s\S]*district_officer[\s\S]*330203/);
      });

      it('sends a tampered session to the login', async () => {
        const good = decodeURIComponent(signed({ ...claims, exp: now() + 60 }));
        const mac = good.slice(good.lastIndexOf('.') + 1);
        // other claims under the original signature, and the original claims under a broken signature
        expectLogin(await me(`educube_session=${encodeURIComponent(`${encode({ ...claims, roles: ['province_officer'], exp: now() + 60 })}.${mac}`)}`));
        expectLogin(await me(`educube_session=${encodeURIComponent(`${good.slice(0, -2)}AA`)}`));
        expectLogin(await me(`educube_session=${encode({ ...claims, exp: now() + 60 })}`));
        expectLogin(await me(`educube_session=${signed({ ...claims, exp: now() + 60 }, `${secret}-other`)}`));
      });

      it('sends an expired session to the login', async () => {
        expectLogin(await me(`educube_session=${signed({ ...claims, exp: now() - 1 })}`));
        expectLogin(await me(`educube_session=${signed({ sub: 'u1', roles: [], school_codes: [] })}`));
      });

      it('does not take a login cookie, or a malformed value, for a session', async () => {
        expectLogin(await me(`educube_session=${signed({ state: 's', nonce: 'n', verifier: 'v', returnTo: '/me', exp: now() + 60 })}`));
        expectLogin(await me(`educube_session=${encodeURIComponent(sign('not json', secret))}`));
        expectLogin(await me(`educube_session=${signed(['u1'])}`));
      });
    });

    it('logs out by clearing the session cookie', async () => {
      const res = await fetch(`${running.url}/logout`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/');
      const cookie = res.headers.getSetCookie()[0] ?? '';
      expect(cookie).toMatch(/^educube_session=;/);
      expect(cookie).toContain('Max-Age=0');
    });

    it('refuses a callback without the login cookie, or whose state does not match it', async () => {
      const res = await fetch(`${running.url}/auth/callback?code=abc&state=forged`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('expired or did not start here');

      const pending = { state: 'the-state', nonce: 'n', verifier: 'v'.repeat(43), returnTo: '/me' };
      const forged = await fetch(`${running.url}/auth/callback?code=abc&state=forged`, {
        headers: { cookie: `educube_login=${signed({ ...pending, exp: now() + 60 })}` },
        redirect: 'manual',
      });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('does not match this sign-in (state)');
      expect(forged.headers.getSetCookie()[0]).toMatch(/^educube_login=;.*Max-Age=0/);

      const expired = await fetch(`${running.url}/auth/callback?code=abc&state=the-state`, {
        headers: { cookie: `educube_login=${signed({ ...pending, exp: now() - 1 })}` },
        redirect: 'manual',
      });
      expect(expired.status).toBe(400);
      expect(await expired.text()).toContain('expired or did not start here');
    });
  });
});
