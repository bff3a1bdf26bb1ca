import { devRealm, startEmbeddedIssuer, type EmbeddedIssuer } from '@educube/embedded-issuer';
import { startService } from '@educube/service-kit';
import { gatewayConfigSchema, gatewayService } from '../service';

// The whole code flow in one process: the embedded issuer (oidc-provider) on a free port, the
// gateway with openid-client and @fastify/cookie, and a browser in miniature between them that
// follows redirects by hand and keeps cookies per origin. The gateway calls itself
// http://gateway.test:3000 (PUBLIC_URL), so the redirect URI is fixed before its port is known;
// the "browser" takes that origin to the gateway's real address.
const publicUrl = 'http://gateway.test:3000';

describe('sign-in through the embedded issuer', () => {
  let issuer: EmbeddedIssuer;
  let gateway: Awaited<ReturnType<typeof startService<typeof gatewayConfigSchema>>>;

  beforeAll(async () => {
    // oidc-provider warns on start that its store and login page are for development: they are, here
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      issuer = await startEmbeddedIssuer({ port: 0, host: '127.0.0.1', ...devRealm({ redirectUris: [`${publicUrl}/auth/callback`] }) });
    } finally {
      warn.mockRestore();
    }
    gateway = await startService(gatewayService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      UPSTREAM_HEALTH_URLS: 'identity=http://127.0.0.1:1',
      OIDC_ISSUER: issuer.issuer,
      OIDC_CLIENT_SECRET: 'dev-gateway-secret',
      SESSION_SECRET: 'login-flow-spec-session-secret-0123456789',
      PUBLIC_URL: publicUrl,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
  });

  function browser() {
    const jars = new Map<string, Map<string, string>>();
    const visited: string[] = [];
    const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
      const target = url.startsWith(publicUrl) ? `${gateway.url}${url.slice(publicUrl.length)}` : url;
      visited.push(url);
      const origin = new URL(target).origin;
      const jar = jars.get(origin) ?? new Map<string, string>();
      jars.set(origin, jar);
      const res = await fetch(target, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';', 1);
        const eq = pair.indexOf('=');
        if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
      }
      return res;
    };
    /** Follows redirects from `res` (at `url`); the last response and its URL. */
    const follow = async (res: Response, url: string): Promise<{ res: Response; url: string }> => {
      for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++)
        res = await go((url = new URL(res.headers.get('location') ?? '', url).toString()));
      return { res, url };
    };
    const gatewayJar = () => jars.get(new URL(gateway.url).origin) ?? new Map<string, string>();
    return { go, follow, visited, gatewayJar };
  }

  async function signIn(username: string) {
    const b = browser();
    const start = `${publicUrl}/me`;
    let { res, url } = await b.follow(await b.go(start), start);
    expect(url.startsWith(issuer.issuer)).toBe(true);
    const action = /<form[^>]*action="([^"]+)"/.exec(await res.text())?.[1];
    expect(action).toBeDefined();
    url = new URL(action ?? '', url).toString();
    ({ res, url } = await b.follow(
      await b.go(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login: username, password: 'x' }).toString(),
      }),
      url,
    ));
    return { ...b, res, url };
  }

  it('signs a person in and shows /me with the roles, region and schools of the verified access token', async () => {
    const { res, url, visited, gatewayJar } = await signIn('cio.school1');
    expect(url).toBe(`${publicUrl}/me`);
    expect(res.status).toBe(200);
    const me = await res.text();
    expect(me).toContain('<td id="username">cio.school1</td>');
    expect(me).toContain('<td id="roles">cio</td>');
    expect(me).toContain('<td id="region">330203</td>');
    expect(me).toContain('<td id="schools">3302030001</td>');
    // the authorization request carried PKCE and the educube scope the embedded issuer offers
    const authorize = new URL(visited.find((u) => u.startsWith(`${issuer.issuer}/auth?`)) ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('openid profile email educube');
    // the login cookie was spent; the session cookie holds nothing but the minimal claims
    expect(gatewayJar().get('educube_login')).toBe('');
    const session = decodeURIComponent(gatewayJar().get('educube_session') ?? '');
    const claims = JSON.parse(Buffer.from(session.slice(0, session.lastIndexOf('.')), 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['exp', 'preferred_username', 'region_code', 'roles', 'school_codes', 'sub']);
  });

  it('refuses a replayed callback: the login cookie is gone, and the code is spent', async () => {
    const { visited, go } = await signIn('officer.haishu');
    const callback = visited.find((u) => u.startsWith(`${publicUrl}/auth/callback?`)) ?? '';
    expect(callback).toContain('code=');
    const again = await go(callback);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('expired or did not start here');
  });

  it('refuses an answer with another state, and an answer with an error, naming it', async () => {
    const b = browser();
    const login = await b.go(`${publicUrl}/login?returnTo=%2Fme`);
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const forged = await b.go(`${publicUrl}/auth/callback?code=x&state=${state}x`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not match this sign-in (state)');

    await b.go(`${publicUrl}/login?returnTo=%2Fme`).then(async (res) => {
      const s = new URL(res.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const denied = await b.go(`${publicUrl}/auth/callback?error=access_denied&error_description=no&state=${s}`);
      expect(denied.status).toBe(401);
      expect(await denied.text()).toContain('The identity provider said: access_denied no');
    });
  });

  it('refuses a code the issuer did not issue, with the issuer’s reason', async () => {
    const b = browser();
    const login = await b.go(`${publicUrl}/login?returnTo=%2Fme`);
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const res = await b.go(`${publicUrl}/auth/callback?code=not-a-code&state=${state}&iss=${encodeURIComponent(issuer.issuer)}`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('the issuer refused the code (400 invalid_grant');
  });

  it('logs out locally and at the issuer', async () => {
    const { go, gatewayJar } = await signIn('officer.haishu');
    const res = await go(`${publicUrl}/logout`);
    expect(res.status).toBe(302);
    const endSession = new URL(res.headers.get('location') ?? '');
    expect(endSession.href.startsWith(`${issuer.issuer}/`)).toBe(true);
    expect(endSession.searchParams.get('client_id')).toBe('educube-gateway');
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/`);
    expect(gatewayJar().get('educube_session')).toBe('');
    const me = await go(`${publicUrl}/me`);
    expect(me.status).toBe(302);
    expect(me.headers.get('location')).toBe('/login?returnTo=%2Fme');
  });
});
