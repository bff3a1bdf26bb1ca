import { createClient } from 'graphql-ws';
import { startTestGateway, type TestGateway } from './testing/gateway';

// The cockpit in a browser has no bearer token: it has the signed session cookie of /login.
describe('GraphQL with the signed-in session (the cockpit in a browser)', () => {
  let gw: TestGateway;
  let server: { signCookie(value: string): string };
  beforeAll(async () => {
    gw = await startTestGateway();
    server = gw.running.app.getHttpAdapter().getInstance() as never;
  });
  afterAll(() => gw.close());

  const session = (claims: Record<string, unknown>) =>
    `educube_session=${server.signCookie(Buffer.from(JSON.stringify({ sub: 'p-haishu', preferred_username: 'officer.haishu', school_codes: [], exp: Math.floor(Date.now() / 1000) + 3600, ...claims })).toString('base64url'))}`;
  const post = async (cookie: string | undefined, query: string) => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
  };

  it('answers the signed-in officer within their region, as a bearer token would', async () => {
    const cookie = session({ roles: ['district_officer'], region_code: '330203' });
    const r = await post(cookie, '{ me { subject role regionCode } mine: region(code: "330203") { code } theirs: region(code: "330302") { code } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ me: { subject: 'p-haishu', role: 'district_officer', regionCode: '330203' }, mine: { code: '330203' }, theirs: null });
  });

  it('refuses a tampered, expired or unsigned session with 401, like no session', async () => {
    const good = session({ roles: ['province_officer'], region_code: '330000' });
    const [name, value] = good.split('=') as [string, string];
    const tampered = `${name}=${Buffer.from(JSON.stringify({ sub: 'x', roles: ['province_officer'], region_code: '330000', school_codes: [], exp: 9_999_999_999 })).toString('base64url')}.${value.split('.')[1]}`;
    const expired = session({ roles: ['province_officer'], region_code: '330000', exp: Math.floor(Date.now() / 1000) - 5 });
    const unsigned = `educube_session=${Buffer.from(JSON.stringify({ sub: 'x', roles: ['province_officer'], region_code: '330000', school_codes: [], exp: 9_999_999_999 })).toString('base64url')}`;
    for (const cookie of [tampered, expired, unsigned, undefined]) expect((await post(cookie, '{ me { subject } }')).status).toBe(401);
  });

  it('opens subscriptions for a session only from a page of the same origin', async () => {
    const cookie = session({ roles: ['district_officer'], region_code: '330203' });
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const client = createClient({
          url: `${gw.url.replace('http', 'ws')}/graphql`,
          retryAttempts: 0,
          webSocketImpl: class extends WebSocket {
            constructor(url: string | URL, protocols?: string | string[]) {
              // Node's WebSocket takes headers here; a browser sends its cookie and Origin by itself
              super(url, { protocols, headers: { cookie, origin } } as never);
            }
          },
        });
        const stop = client.subscribe(
          { query: 'subscription { ingestionCounters(region: "330203") { region } }' },
          {
            next: (v) => {
              stop();
              void client.dispose();
              resolve(JSON.stringify(v.data ?? v.errors));
            },
            error: (e) => {
              void client.dispose();
              resolve(`closed ${(e as { code?: number }).code}`);
            },
            complete: () => resolve('complete'),
          },
        );
      });
    expect(await attempt(gw.url)).toBe('{"ingestionCounters":{"region":"330203"}}');
    expect(await attempt('https://evil.example')).toBe('closed 4403');
  });
});
