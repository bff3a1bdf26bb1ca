import { createHash, randomBytes } from 'node:crypto';

export interface BrowserLoginOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly username: string;
  readonly scope?: string;
}

export interface BrowserLoginResult {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken?: string;
  /** The HTML of the built-in login page the "browser" was shown. */
  readonly loginPage: string;
}

/**
 * Plays a browser against the embedded issuer: authorization request with PKCE (S256), the
 * built-in login page (form post), the redirect back with the code, and the code exchange at the
 * token endpoint. Follows redirects by hand and keeps the cookies, as a browser would.
 */
export async function signInThroughBuiltInPage(options: BrowserLoginOptions): Promise<BrowserLoginResult> {
  const jar = new Map<string, string>();
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(`${options.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid profile email educube',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const request = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
    return res;
  };
  const follow = (res: Response, base: string): string => {
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`expected a redirect from ${base}, got ${res.status}`);
    return new URL(location, base).toString();
  };

  const interactionUrl = follow(await request(authorize.toString()), authorize.toString());
  const page = await request(interactionUrl);
  const loginPage = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(loginPage)?.[1];
  if (!page.ok || !action || !loginPage.includes('name="login"')) throw new Error(`no login page at ${interactionUrl} (${page.status})`);
  const submitUrl = new URL(action, interactionUrl).toString();
  const submitted = await request(submitUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login: options.username, password: 'not-checked' }).toString(),
  });
  // resume → (no consent for first-party apps) → redirect_uri?code=…
  let next = follow(submitted, submitUrl);
  for (let hops = 0; !next.startsWith(options.redirectUri); hops++) {
    if (hops > 5) throw new Error(`login of ${options.username} did not come back to ${options.redirectUri} (last: ${next})`);
    next = follow(await request(next), next);
  }
  const callback = new URL(next);
  if (callback.searchParams.get('state') !== state) throw new Error('state mismatch on the callback');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`login failed: ${callback.searchParams.get('error')} ${callback.searchParams.get('error_description') ?? ''}`);

  const tokenRes = await fetch(`${options.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri,
      code_verifier: verifier,
      client_id: options.clientId,
      client_secret: options.clientSecret,
    }),
  });
  const body = (await tokenRes.json()) as { access_token?: string; id_token?: string; refresh_token?: string; error_description?: string };
  if (!tokenRes.ok || !body.access_token || !body.id_token) throw new Error(`code exchange refused (${tokenRes.status}): ${body.error_description}`);
  return { accessToken: body.access_token, idToken: body.id_token, ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}), loginPage };
}
