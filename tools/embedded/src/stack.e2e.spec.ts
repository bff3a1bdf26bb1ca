/**
 * The stack with tokens on: identity, the warehouse and the assessment as their own processes on
 * real PostgreSQL, every token from the stack's Keycloak. The registry loader seeds identity with
 * its client; a school system sends its school's events with its own token; the warehouse checks
 * the school with identity using its own token; the assessment follows the feed with its own.
 * Nothing is open: the same calls without a token are refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SchoolCalendarPublishedV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';

const root = join(__dirname, '..', '..', '..');
const keycloak = `http://127.0.0.1:${process.env['EDUCUBE_KEYCLOAK_PORT'] ?? 28080}`;
const issuer = `${keycloak}/realms/educube`;
const school = '3302030001';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** An officer's access token from Keycloak (the gateway client's password grant, enabled in the dev realm for tests). */
async function personToken(username: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'educube-gateway',
      client_secret: 'dev-gateway-secret',
      username,
      password: 'Passw0rd!',
      scope: 'openid',
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keycloak refused ${username}: ${body.error_description}`);
  return body.access_token;
}

async function clientToken(clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keycloak refused ${clientId}: ${body.error_description}`);
  return body.access_token;
}

describe('the stack with tokens on (real PostgreSQL and Keycloak)', () => {
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  let databases: FreshDatabase[] = [];
  const url: Record<string, string> = {};

  const start = async (name: string, app: string, env: Record<string, string>) => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, 'apps', app, 'src', 'main.ts')], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', OIDC_ISSUER: issuer, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => logs.push(`[${name}] ${chunk.toString()}`));
    children.push(child);
    url[name] = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 240; i++) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${logs.join('')}`);
      const ready = await fetch(`${url[name]}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${name} was not ready within 60 s:\n${logs.join('')}`);
  };

  beforeAll(async () => {
    databases = await Promise.all([freshDatabase('stack_identity'), freshDatabase('stack_warehouse'), freshDatabase('stack_assessment')]);
    const [identityDb, warehouseDb, assessmentDb] = databases as [FreshDatabase, FreshDatabase, FreshDatabase];
    await start('identity', 'identity', { DATABASE_URL: identityDb.url });
    await start('warehouse', 'data-warehouse', {
      DATABASE_URL: warehouseDb.url,
      IDENTITY_URL: url['identity'] as string,
      SERVICE_CLIENT_SECRET: 'dev-warehouse-service-secret',
      PARKED_RETRY_MS: '0',
    });
    await start('assessment', 'assessment', {
      DATABASE_URL: assessmentDb.url,
      WAREHOUSE_URL: url['warehouse'] as string,
      IDENTITY_URL: url['identity'] as string,
      SERVICE_CLIENT_SECRET: 'dev-assessment-service-secret',
      ASSESSMENT_POLL_MS: '200',
    });
    await start('gateway', 'gateway', {
      IDENTITY_URL: url['identity'] as string,
      WAREHOUSE_URL: url['warehouse'] as string,
      ASSESSMENT_URL: url['assessment'] as string,
      OIDC_CLIENT_SECRET: 'dev-gateway-secret',
      SERVICE_CLIENT_SECRET: 'dev-gateway-service-secret',
      SESSION_SECRET: 'stack-e2e-session-secret-0123456789abcdef',
      UPSTREAM_HEALTH_URLS: `identity=${url['identity']},assessment=${url['assessment']}`,
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))))));
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('seeds identity as the registry loader, and refuses the same without a token', async () => {
    const registry = await clientToken('educube-registry', 'dev-registry-secret');
    const regions = {
      commands: [
        ['330000', '浙江省'],
        ['330200', '宁波市'],
        ['330203', '海曙区'],
      ].map(([code, name]) => ({ type: 'RegisterRegion', data: { code, name, effectiveOn: '2000-01-01' } })),
    };
    const anonymous = await fetch(`${url['identity']}/v1/org/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(regions),
    });
    expect(anonymous.status).toBe(401);
    const seeded = await fetch(`${url['identity']}/v1/org/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${registry}` },
      body: JSON.stringify(regions),
    });
    expect([seeded.status, await seeded.text()]).toEqual([200, expect.any(String)]);
    const csv = `学校标识码,学校名称,行政区划代码,办学类型,学段,小学班级数,初中班级数,高中班级数,中职班级数,状态\r\n${school},海曙区第0001小学,330203,小学,,1:2;2:2;3:2;4:2;5:2;6:2,,,,办学\r\n`;
    const imported = await fetch(`${url['identity']}/v1/registry/import?dryRun=false&effectiveOn=2026-09-01`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${registry}` },
      body: csv,
    });
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { eventsAppended: number }).eventsAppended).toBeGreaterThan(0);
    const link = {
      commands: [
        { type: 'RegisterPerson', data: { personId: 'p-t1', kind: 'teacher', effectiveOn: '2026-09-01' } },
        { type: 'LinkId', data: { personId: 'p-t1', ref: { system: 'timetabling', localId: 'T0001' }, effectiveOn: '2026-09-01' } },
      ],
    };
    const linked = await fetch(`${url['identity']}/v1/people/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${registry}` },
      body: JSON.stringify(link),
    });
    expect(linked.status).toBe(200);
  });

  it("ingests a school system's events with its Keycloak token; the warehouse asks identity with its own", async () => {
    const system = await clientToken('timetabling-system', 'dev-timetabling-secret');
    const events = [anEvent(SchoolCalendarPublishedV1, {}, { subject: school }), anEvent(TeacherAssignedV1, {}, { subject: school })];
    const anonymous = await fetch(`${url['warehouse']}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(anonymous.status).toBe(401);
    const res = await fetch(`${url['warehouse']}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system}` },
      body: JSON.stringify(events),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { summary: unknown }).summary).toEqual({ accepted: 2, duplicate: 0, conflict: 0, rejected: 0, parked: 0 });
    // the same token opens nothing but ingestion
    expect((await fetch(`${url['identity']}/v1/schools/${school}`, { headers: { authorization: `Bearer ${system}` } })).status).toBe(401);
    expect((await fetch(`${url['warehouse']}/v1/feed`, { headers: { authorization: `Bearer ${system}` } })).status).toBe(403);
  });

  it('lets the assessment follow the feed with its own token, which the gateway reads with its', async () => {
    expect((await fetch(`${url['warehouse']}/v1/feed`)).status).toBe(401);
    const gateway = await clientToken('educube-gateway-service', 'dev-gateway-service-secret');
    let status: { eventsApplied?: number; error?: string | null } = {};
    for (let i = 0; i < 100 && (status.eventsApplied ?? 0) < 2; i++) {
      await new Promise((r) => setTimeout(r, 300));
      status = (await (await fetch(`${url['assessment']}/v1/assessment/status`, { headers: { authorization: `Bearer ${gateway}` } })).json()) as typeof status;
    }
    expect(status).toMatchObject({ eventsApplied: 2, error: null });
  });

  it('answers officers on GraphQL with their Keycloak tokens, inside their region only, and audits it in identity', async () => {
    const graphql = async (token: string | undefined, query: string) => {
      const res = await fetch(`${url['gateway']}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as { data?: Record<string, unknown>; errors?: unknown[] } };
    };
    expect((await graphql(undefined, '{ me { subject } }')).status).toBe(401);
    expect((await graphql(await clientToken('timetabling-system', 'dev-timetabling-secret'), '{ me { subject } }')).status).toBe(401);
    const haishu = await personToken('officer.haishu');
    const query = `query StackOverview { me { role regionCode } region(code: "330203") { code name schoolCount alerts(status: ALL) { id kind status } schools { edges { node { code name standings { standard label } } } } }
      city: region(code: "330200") { code } school(code: "${school}") { code sheet(standard: ningbo) { rows { itemId } } } }`;
    let answer = await graphql(haishu, query);
    // the assessment scores the school once its evidence refresh has run
    const scored = (a: typeof answer) =>
      ((a.body.data?.['region'] as { schools?: { edges: { node: { standings: unknown[] } }[] } } | undefined)?.schools?.edges[0]?.node.standings.length ?? 0) >=
      5;
    for (let i = 0; i < 60 && !scored(answer); i++) {
      await new Promise((r) => setTimeout(r, 500));
      answer = await graphql(haishu, query);
    }
    expect(answer.body.errors).toBeUndefined();
    const data = answer.body.data as {
      me: unknown;
      region: { schoolCount: number; alerts: unknown[]; schools: { edges: { node: { code: string; standings: { standard: string }[] } }[] } };
      city: unknown;
      school: { sheet: { rows: unknown[] } };
    };
    expect(data.me).toEqual({ role: 'district_officer', regionCode: '330203' });
    expect(data.city).toBeNull();
    expect(data.region.schoolCount).toBe(1);
    // both alert owners answered the gateway's service tokens (the list itself depends on the clock)
    expect(Array.isArray(data.region.alerts)).toBe(true);
    expect(data.region.schools.edges[0]?.node.code).toBe(school);
    expect(data.region.schools.edges[0]?.node.standings.map((s) => s.standard).sort()).toEqual(['jiangsu', 'ningbo', 'ningxia', 'wenzhou', 'zhejiang']);
    expect(data.school.sheet.rows.length).toBeGreaterThan(0);
    // the operation is in identity's audit log, read by a province officer
    const zhejiang = await personToken('officer.zhejiang');
    const subject = (JSON.parse(Buffer.from(haishu.split('.')[1] as string, 'base64url').toString()) as { sub: string }).sub;
    let entries: { target: string; detail?: { regions?: string[] } }[] = [];
    for (let i = 0; i < 20 && !entries.some((e) => e.target === 'query StackOverview'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      entries = (
        (await (
          await fetch(`${url['identity']}/v1/audit/entries?actor=${encodeURIComponent(subject)}`, { headers: { authorization: `Bearer ${zhejiang}` } })
        ).json()) as { entries: typeof entries }
      ).entries;
    }
    const entry = entries.find((e) => e.target === 'query StackOverview');
    if (process.env['PRINT_AUDIT'] === '1') process.stdout.write(`audit entry: ${JSON.stringify(entry)}\n`);
    expect(entry?.detail?.regions).toEqual(['330203', school]);
  });
});
