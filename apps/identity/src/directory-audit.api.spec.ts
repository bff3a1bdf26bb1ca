import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { identityService } from './service';
import { caller, IDENTITY_AUDIENCE, PEOPLE_AUDIENCE, type As, type RunningIdentity } from './testing/http';
import { aRegistry, registerRegions } from './testing/registry';

// What identity serves the hub's other services for their roll-ups and dashboards: the whole tree
// as of a date, and the one audit log for operations people run elsewhere (the gateway's GraphQL).
describe('identity: the tree for services, and audit entries from them', () => {
  let issuer: TestIssuer;
  let running: RunningIdentity;
  let gateway: As;
  let province: As;
  let as: ReturnType<typeof caller>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    as = caller(issuer, () => running.url);
    province = as(actors.provinceOfficer(PEOPLE_AUDIENCE));
    gateway = as(actors.service('educube-gateway-service', IDENTITY_AUDIENCE));
    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer.issuer });
    expect((await province.post('/v1/org/commands', registerRegions())).status).toBe(200);
    expect((await province.post('/v1/registry/import?effectiveOn=2025-09-01', aRegistry(20), 'text/csv')).status).toBe(200);
    // an embedded database and an issuer: more than jest's 5 s default on a loaded machine
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await issuer.close();
  });

  it('serves the whole tree as of a date to services, each school in its district', async () => {
    const res = await gateway.get('/v1/directory?asOf=2026-01-01');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      asOf: string;
      regions: { code: string; level: string; parentCode: string | null }[];
      schools: { code: string; regionCode: string; name: string }[];
    };
    expect(body.asOf).toBe('2026-01-01');
    expect(body.regions.find((r) => r.code === '330203')).toMatchObject({ level: 'district', parentCode: '330200' });
    expect(body.schools).toHaveLength(20);
    expect(body.schools.every((s) => body.regions.some((r) => r.code === s.regionCode && r.level === 'district'))).toBe(true);
    // before the registry took effect there were no schools
    expect(((await (await gateway.get('/v1/directory?asOf=2025-08-31')).json()) as { schools: unknown[] }).schools).toEqual([]);
  });

  it('refuses the tree to people, and a bad date with the field and rule', async () => {
    expect((await province.get('/v1/directory')).status).toBe(403);
    expect((await as(undefined).get('/v1/directory')).status).toBe(401);
    const bad = await gateway.get('/v1/directory?asOf=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('asOf');
  });

  it('records a service’s audit entries in the hash chain, readable by province officers only', async () => {
    const entry = {
      at: '2026-12-06T08:00:00.000Z',
      actor: 'officer.330203',
      actorRoles: ['district_officer'],
      operation: 'query DistrictOverview',
      variablesDigest: 'a'.repeat(64),
      regions: ['330203', '3302030001'],
      outcome: 'allowed',
    };
    const res = await gateway.post('/v1/audit/entries', { entries: [entry] });
    expect([res.status, await res.json()]).toEqual([202, { recorded: 1 }]);
    const trail = (await (await province.get('/v1/audit/entries?actor=officer.330203&since=2026-12-01')).json()) as {
      entries: { target: string; scope: string; action: string; detail: Record<string, unknown> }[];
    };
    expect(trail.entries).toEqual([
      expect.objectContaining({
        action: 'query',
        target: 'query DistrictOverview',
        scope: '330203,3302030001',
        detail: { service: 'educube-gateway-service', variablesDigest: 'a'.repeat(64), regions: ['330203', '3302030001'] },
      }),
    ]);
    expect((await as(actors.districtOfficer(PEOPLE_AUDIENCE, '330203')).get('/v1/audit/entries?actor=officer.330203')).status).toBe(403);
    expect((await province.post('/v1/audit/entries', { entries: [entry] })).status).toBe(403);
  });

  it('refuses malformed audit entries, naming the field and rule, and records none of the batch', async () => {
    const good = {
      at: '2026-12-06T09:00:00.000Z',
      actor: 'officer.x',
      actorRoles: [],
      operation: 'query Q',
      variablesDigest: 'b'.repeat(64),
      regions: [],
      outcome: 'allowed',
    };
    const res = await gateway.post('/v1/audit/entries', { entries: [good, { ...good, variablesDigest: 'not-a-digest', regions: ['33'] }] });
    expect(res.status).toBe(400);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('/entries/1/variablesDigest');
    expect(body).toContain('/entries/1/regions/0');
    const trail = (await (await province.get('/v1/audit/entries?actor=officer.x&since=2026-12-01')).json()) as { entries: unknown[] };
    expect(trail.entries).toEqual([]);
  });
});
