import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs `npm start`'s launcher for real, on spare ports, and checks what a newcomer would see.
const root = join(__dirname, '..', '..', '..');
const basePort = 43100 + Math.floor(Math.random() * 500);
const gateway = `http://127.0.0.1:${basePort}`;
const issuer = `http://127.0.0.1:${basePort + 9}`;
const keyDir = mkdtempSync(join(tmpdir(), 'educube-issuer-'));

describe('npm start (embedded default)', () => {
  let hub: ChildProcess;
  let output = '';

  beforeAll(async () => {
    hub = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'launch.ts')], {
      cwd: root,
      env: {
        ...process.env,
        EDUCUBE_BASE_PORT: String(basePort),
        EDUCUBE_OPEN_BROWSER: '0',
        DATABASE_URL: '',
        KAFKA_BROKERS: '',
        ISSUER_KEY_FILE: join(keyDir, 'keys.json'),
        IDENTITY_DATA_DIR: join(keyDir, 'identity'),
        WAREHOUSE_DATA_DIR: join(keyDir, 'warehouse'),
        ASSESSMENT_DATA_DIR: join(keyDir, 'assessment'),
        // a small province, so identity is seeded within the test's time; progress every second
        EDUCUBE_SIM: 'on',
        EDUCUBE_SIM_SCHOOLS: '3',
        EDUCUBE_SIM_STUDENTS: '60',
        EDUCUBE_SIM_TEACHERS: '8',
        EDUCUBE_SIM_PROGRESS_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    hub.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (!output.includes('EduCube Hub is running')) {
      if (hub.exitCode !== null) throw new Error(`launcher exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`not running after 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    if (hub.exitCode === null) {
      const exited = new Promise((r) => hub.once('exit', r));
      hub.kill('SIGINT');
      await exited;
    }
    rmSync(keyDir, { recursive: true, force: true });
  });

  it.each([
    ['gateway', 0],
    ['identity', 1],
    ['data-warehouse', 2],
    ['assessment', 3],
  ])('%s answers liveness and readiness', async (name, offset) => {
    const live = await fetch(`http://127.0.0.1:${basePort + offset}/health/live`);
    expect(await live.json()).toMatchObject({ status: 'live', service: name });
    const ready = await fetch(`http://127.0.0.1:${basePort + offset}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('serves the cockpit page and sees every service ready through the gateway', async () => {
    const page = await fetch(`http://127.0.0.1:${basePort}/`);
    expect(await page.text()).toContain('数据驾驶舱');
    const status = (await (await fetch(`http://127.0.0.1:${basePort}/api/status`)).json()) as { services: { name: string; ready: boolean }[] };
    expect(status.services.map((s) => [s.name, s.ready])).toEqual([
      ['identity', true],
      ['data-warehouse', true],
      ['assessment', true],
    ]);
  });

  it('prints the addresses a newcomer needs', () => {
    expect(output).toContain(`cockpit         http://127.0.0.1:${basePort}/`);
    expect(output).toContain(`issuer          ${issuer}`);
    expect(output).toContain(`sign in         ${gateway}/me`);
  });

  it('sends /me to the embedded issuer to sign in', async () => {
    const me = await fetch(`${gateway}/me`, { redirect: 'manual' });
    expect(me.status).toBe(302);
    expect(me.headers.get('location')).toBe('/login?returnTo=%2Fme');
    const login = await fetch(`${gateway}/login?returnTo=%2Fme`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/auth`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${gateway}/auth/callback`);
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);
  });

  it('signs a person in on the built-in page and shows them /me', async () => {
    // A browser in miniature: follows redirects by hand and keeps cookies per origin.
    const jars = new Map<string, Map<string, string>>();
    const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
      const origin = new URL(url).origin;
      const jar = jars.get(origin) ?? new Map<string, string>();
      jars.set(origin, jar);
      const res = await fetch(url, {
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
    let url = `${gateway}/me`;
    let res = await go(url);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++)
      res = await go((url = new URL(res.headers.get('location') ?? '', url).toString()));
    const loginPage = await res.text();
    expect(url.startsWith(issuer)).toBe(true);
    const action = /<form[^>]*action="([^"]+)"/.exec(loginPage)?.[1];
    expect(action).toBeDefined();
    url = new URL(action ?? '', url).toString();
    res = await go(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: 'officer.haishu', password: 'x' }).toString(),
    });
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++)
      res = await go((url = new URL(res.headers.get('location') ?? '', url).toString()));
    expect(url).toBe(`${gateway}/me`);
    const me = await res.text();
    expect(me).toContain('officer.haishu');
    expect(me).toContain('330203');
    expect(me).toContain('district_officer');
  });

  const waitFor = async (pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pattern.exec(output);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('seeds identity with the simulated province', async () => {
    expect(output).toContain('Simulated province: 3 schools');
    await waitFor(/feeder\s+info\s+identity seeded in/, 150_000);
    const cities = ['330100', '330200', '330300', '330600', '330700'];
    // no open mode: identity answers no one without a token, in the embedded default too
    expect((await fetch(`http://127.0.0.1:${basePort + 1}/v1/regions/330200/schools`)).status).toBe(401);
    // the gateway's own client (a hub service) reads the tree, as it will for the dashboards
    const grant = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'educube-gateway-service',
        client_secret: 'dev-gateway-service-secret',
        resource: 'urn:educube:educube-identity',
      }).toString(),
    });
    const authorization = `Bearer ${((await grant.json()) as { access_token: string }).access_token}`;
    let schools = 0;
    for (const city of cities) {
      const res = await fetch(`http://127.0.0.1:${basePort + 1}/v1/regions/${city}/schools`, { headers: { authorization } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as unknown;
      schools += Array.isArray(body) ? body.length : ((body as { schools?: unknown[] }).schools?.length ?? 0);
    }
    expect(schools).toBe(3);
  });

  it('streams the province towards the warehouse and logs its progress', async () => {
    // acceptance counts are the warehouse's to assert once its endpoint has landed
    // every school system sends with its own token and the warehouse checks each school with identity using its own
    // the first progress line may come before the first answer: wait for one that counts an accepted event
    const line = await waitFor(/feeder\s+info\s+sent (\d+) events \(accepted ([1-9]\d*)/, 90_000);
    expect(Number(line[2])).toBeGreaterThan(0);
    const status = (await (await fetch(`${gateway}/api/status`)).json()) as {
      ingestion?: { available: boolean; totals?: { accepted: number }; schools?: unknown[] };
    };
    expect(status.ingestion).toMatchObject({ available: true, schools: [] });
    expect(status.ingestion?.totals?.accepted).toBeGreaterThan(0);
  });

  it('stops every service on Ctrl+C', async () => {
    const exited = new Promise<number | null>((r) => hub.once('exit', (code) => r(code)));
    hub.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${basePort + 2}/health/live`)).rejects.toThrow();
    await expect(fetch(`${issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
