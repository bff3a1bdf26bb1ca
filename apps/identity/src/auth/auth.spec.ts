import type { Actor } from '@educube/oidc';
import type { AuditLog } from '@educube/identity-privacy';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { identityService } from '../service';
import { AUDIT_LOG } from '../storage/storage';
import { caller, eventCount, IDENTITY_AUDIENCE, PEOPLE_AUDIENCE, type RunningIdentity } from '../testing/http';
import { aRegistry, registerRegions } from '../testing/registry';
import { callerOf } from './access';

describe("callerOf (the guard's actor → Caller)", () => {
  it('keeps a service a service, maps a person to their Principal, and refuses a request without an actor (401)', () => {
    expect(callerOf({ kind: 'service', subject: 'sa', clientId: 'educube-warehouse', role: 'hub_service', roles: ['hub_service'] })).toEqual({
      kind: 'service',
      clientId: 'educube-warehouse',
    });
    const person: Actor = {
      kind: 'person',
      subject: 'o1',
      role: 'district_officer',
      roles: ['district_officer'],
      scope: { kind: 'region', regionCode: '330203' },
    };
    expect(callerOf(person)).toEqual({
      kind: 'principal',
      principal: { subject: 'o1', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } },
      roles: ['district_officer'],
      ids: ['o1'],
    });
    // Keycloak's subject is a UUID; the person id the hub knows is the username, and both are the person
    expect(callerOf({ ...person, subject: '5f0c-uuid', username: 'p-haishu-officer' })).toMatchObject({ ids: ['5f0c-uuid', 'p-haishu-officer'] });
    expect(() => callerOf(undefined)).toThrow(expect.objectContaining({ status: 401 }));
  });
});

describe('identity API with an issuer configured', () => {
  let issuer: TestIssuer;
  let running: RunningIdentity;
  let as: ReturnType<typeof caller>;
  const PROVINCE = actors.provinceOfficer(IDENTITY_AUDIENCE);
  const HAISHU = actors.districtOfficer(PEOPLE_AUDIENCE, '330203');
  const haishu = () => as(HAISHU);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    as = caller(issuer, () => running.url);
    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer.issuer });
    expect((await as(PROVINCE).post('/v1/org/commands', registerRegions())).status).toBe(200);
    const imported = await as(PROVINCE).post('/v1/registry/import?dryRun=false&effectiveOn=2026-09-01', aRegistry(50), 'text/csv');
    expect(imported.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await issuer?.close();
  });

  it('refuses a request without a token, or with a foreign one, as 401 problem details', async () => {
    const none = await as(undefined).get('/v1/schools/3302030001');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(await none.json()).toMatchObject({ title: 'Unauthenticated', status: 401, problems: [{ path: '/headers/authorization', rule: 'bearer-token' }] });
    const foreign = await as({ ...PROVINCE, forged: true }).get('/v1/schools/3302030001');
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({ problems: [{ rule: 'bad-signature' }] });
    const noRole = await as({ sub: 'nobody', roles: ['offline_access'], aud: PEOPLE_AUDIENCE }).get('/v1/schools/3302030001');
    expect(noRole.status).toBe(403);
    expect(await noRole.json()).toMatchObject({ problems: [{ path: '/token/realm_access/roles', rule: 'known-role' }] });
  });

  it('accepts both its audiences: its own (services) and the people audience (the gateway sign-in)', async () => {
    expect((await as(actors.provinceOfficer(IDENTITY_AUDIENCE)).get('/v1/schools/3302030001?asOf=2026-10-01')).status).toBe(200);
    expect((await as(actors.provinceOfficer(PEOPLE_AUDIENCE)).get('/v1/schools/3302030001?asOf=2026-10-01')).status).toBe(200);
    expect(
      (await as(actors.service('educube-assessment', [IDENTITY_AUDIENCE, 'educube-warehouse'])).get('/v1/schools/3302030001?asOf=2026-10-01')).status,
    ).toBe(200);
    // a token issued for another service is not a key to this one
    const other = await as(actors.provinceOfficer('educube-warehouse')).get('/v1/schools/3302030001?asOf=2026-10-01');
    expect(other.status).toBe(401);
    expect(await other.json()).toMatchObject({ problems: [{ path: '/headers/authorization', rule: 'wrong-audience' }] });
  });

  // every refusal is checked on a write (a province officer's RegisterPerson): refused means nothing appended
  const register = (personId: string) => ({ commands: [{ type: 'RegisterPerson', data: { personId, kind: 'teacher', effectiveOn: '2026-09-01' } }] });
  it.each<[string, TestTokenSpec, string]>([
    ["a school system's token (audience educube-ingest)", actors.schoolSystem('3302030001'), 'wrong-audience'],
    ["the province officer's ID token", { ...actors.provinceOfficer(PEOPLE_AUDIENCE), kind: 'id' }, 'access-token'],
    ['an expired token', { ...actors.provinceOfficer(PEOPLE_AUDIENCE), expiresIn: -60 }, 'expired'],
    ['a token signed with a key the issuer never published', { ...actors.provinceOfficer(PEOPLE_AUDIENCE), forged: true }, 'bad-signature'],
    ['a token of another issuer', { ...actors.provinceOfficer(PEOPLE_AUDIENCE), iss: 'http://127.0.0.1:1/realms/other' }, 'wrong-issuer'],
  ])('refuses %s with 401, and changes nothing', async (_case, spec, rule) => {
    const before = await eventCount(running);
    const res = await as(spec).post('/v1/people/commands', register('p-refused'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await res.json()).toMatchObject({ title: 'Unauthenticated', status: 401, problems: [{ path: '/headers/authorization', rule }] });
    // the school system is refused on a read as well: identity is no endpoint of the ingestion audience
    expect((await as(spec).get('/v1/schools/3302030001?asOf=2026-10-01')).status).toBe(401);
    expect(await eventCount(running)).toBe(before);
    expect((await as(PROVINCE).get('/v1/people/p-refused')).status).toBe(404);
  });

  it("control: the same person's access token makes the same write", async () => {
    const res = await as(actors.provinceOfficer(PEOPLE_AUDIENCE)).post('/v1/people/commands', register('p-accepted'));
    expect(res.status).toBe(200);
    expect((await as(PROVINCE).get('/v1/people/p-accepted')).status).toBe(200);
  });

  it("gives a district officer their own district's school, 403 for the neighbouring district's, and audits both", async () => {
    const since = new Date(Date.now() - 1_000);
    const own = await haishu().get('/v1/schools/3302030001?asOf=2026-10-01');
    expect(own.status).toBe(200);
    const neighbour = await haishu().get('/v1/schools/3302050001?asOf=2026-10-01');
    expect(neighbour.status).toBe(403);
    expect(neighbour.headers.get('content-type')).toContain('application/problem+json');
    expect(await neighbour.json()).toMatchObject({
      title: 'Forbidden',
      status: 403,
      detail: 'school 3302050001 is not in your scope on 2026-10-01',
      problems: [{ path: '/schoolCode', rule: 'in-scope', value: '3302050001' }],
    });
    const headcount = await haishu().get('/v1/headcounts/3302050001?asOf=2026-10-01');
    expect(headcount.status).toBe(403);

    const audit = running.app.get<AuditLog>(AUDIT_LOG);
    const entries = await audit.byActor(HAISHU.sub!, since);
    expect(entries.map((e) => [e.target, e.outcome, e.detail?.['action']])).toEqual([
      ['3302030001', 'allowed', 'school.read'],
      ['3302050001', 'denied', 'school.read'],
      ['3302050001', 'denied', 'headcount.read'],
    ]);
    expect(entries[1]).toMatchObject({ actorRoles: ['district_officer'], scope: '330203', action: 'query' });
  });

  it('refuses a school outside the scope and a school that does not exist with the same words, so a refusal confirms no code', async () => {
    const elsewhere = (await (await haishu().get('/v1/schools/3302050001?asOf=2026-10-01')).json()) as { detail: string; problems: unknown[] };
    const nowhere = (await (await haishu().get('/v1/schools/3302059999?asOf=2026-10-01')).json()) as { detail: string; problems: unknown[] };
    expect(elsewhere.detail).toBe('school 3302050001 is not in your scope on 2026-10-01');
    expect(nowhere.detail).toBe('school 3302059999 is not in your scope on 2026-10-01');
    expect(JSON.stringify(elsewhere)).not.toMatch(/330205\b|outside/);
  });

  it("lists only the officer's own schools of a wider region, and refuses a neighbour region outright", async () => {
    const city = (await (await haishu().get('/v1/regions/330200/schools?asOf=2026-10-01')).json()) as { schools: { regionCode: string }[] };
    expect(city.schools.length).toBe(10);
    expect(new Set(city.schools.map((s) => s.regionCode))).toEqual(new Set(['330203']));
    expect((await haishu().get('/v1/regions/330205/schools?asOf=2026-10-01')).status).toBe(403);
    const asProvince = (await (await as(PROVINCE).get('/v1/regions/330000/schools?asOf=2026-10-01')).json()) as { count: number };
    expect(asProvince.count).toBe(50);
  });

  it("lets only a province officer import the registry: a district officer's import appends nothing", async () => {
    const before = await eventCount(running);
    const res = await haishu().post('/v1/registry/import?dryRun=false&effectiveOn=2026-09-01', aRegistry(60), 'text/csv');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ problems: [{ path: '/token/realm_access/roles', rule: 'role' }] });
    expect(await eventCount(running)).toBe(before);
  });
});
