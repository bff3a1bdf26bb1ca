import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { AuditLog } from '@educube/identity-privacy';
import { startService } from '@educube/service-kit';
import { identityService, type identityConfigSchema } from '../service';
import { AUDIT_LOG } from '../storage/storage';
import { aRegistry, registerRegions } from '../testing/registry';
import { principalOf } from './access';

type Running = Awaited<ReturnType<typeof startService<typeof identityConfigSchema>>>;

describe('principalOf (token claims → Principal)', () => {
  it('maps officers to their region and other roles to their schools, the widest role first', () => {
    expect(principalOf('u1', { realm_access: { roles: ['offline_access', 'teacher', 'district_officer'] }, region_code: '330203' })).toEqual({
      principal: { subject: 'u1', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } },
      roles: ['offline_access', 'teacher', 'district_officer'],
    });
    expect(principalOf('sys', { realm_access: { roles: ['school_system'] }, school_codes: ['3302030001'] })).toMatchObject({ principal: { role: 'school_system', scope: { kind: 'schools', schoolCodes: ['3302030001'] } } });
    expect(principalOf('u2', { realm_access: { roles: ['offline_access'] } })).toMatch(/none of the roles/);
    expect(principalOf('u3', { realm_access: { roles: ['city_officer'] } })).toMatch(/region_code/);
  });
});

describe('identity API with an issuer configured', () => {
  let issuerServer: Server;
  let issuer: string;
  let key: CryptoKey;
  let foreignKey: CryptoKey;
  let running: Running;

  const token = (claims: Record<string, unknown>, options: { iss?: string; sub?: string; signWith?: CryptoKey } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.iss ?? issuer)
      .setAudience('educube-gateway')
      .setSubject(options.sub ?? 'someone')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(options.signWith ?? key);
  const as = async (claims: Record<string, unknown>, sub: string) => ({ authorization: `Bearer ${await token(claims, { sub })}` });
  const province = () => as({ realm_access: { roles: ['province_officer'] }, region_code: '330000' }, 'officer-province');
  const haishuOfficer = () => as({ realm_access: { roles: ['district_officer'] }, region_code: '330203' }, 'officer-haishu');

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    foreignKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    issuerServer = createServer((req, res) => {
      const body = req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks` } : req.url === '/jwks' ? { keys: [jwk] } : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;

    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer });
    const headers = { ...(await province()), 'content-type': 'application/json' };
    expect((await fetch(`${running.url}/v1/org/commands`, { method: 'POST', headers, body: JSON.stringify(registerRegions()) })).status).toBe(200);
    const imported = await fetch(`${running.url}/v1/registry/import?dryRun=false&effectiveOn=2026-09-01`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: aRegistry(50) });
    expect(imported.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    issuerServer.close();
  });

  it('refuses a request without a token, or with a foreign one, as 401 problem details', async () => {
    const none = await fetch(`${running.url}/v1/schools/3302030001`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ title: 'Unauthenticated', status: 401, problems: [{ path: 'authorization', rule: 'bearer-token' }] });
    const foreign = await fetch(`${running.url}/v1/schools/3302030001`, { headers: { authorization: `Bearer ${await token({ realm_access: { roles: ['province_officer'] }, region_code: '330000' }, { signWith: foreignKey })}` } });
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({ problems: [{ rule: 'bad-signature' }] });
    const noRole = await fetch(`${running.url}/v1/schools/3302030001`, { headers: await as({ realm_access: { roles: ['offline_access'] } }, 'nobody') });
    expect(noRole.status).toBe(403);
  });

  it("gives a district officer their own district's school, 403 for the neighbouring district's, and audits both", async () => {
    const since = new Date(Date.now() - 1_000);
    const own = await fetch(`${running.url}/v1/schools/3302030001?asOf=2026-10-01`, { headers: await haishuOfficer() });
    expect(own.status).toBe(200);
    const neighbour = await fetch(`${running.url}/v1/schools/3302050001?asOf=2026-10-01`, { headers: await haishuOfficer() });
    expect(neighbour.status).toBe(403);
    expect(neighbour.headers.get('content-type')).toContain('application/problem+json');
    expect(await neighbour.json()).toMatchObject({ title: 'Forbidden', status: 403, problems: [{ path: 'schoolCode', rule: 'in-scope', value: '3302050001' }] });
    const headcount = await fetch(`${running.url}/v1/headcounts/3302050001?asOf=2026-10-01`, { headers: await haishuOfficer() });
    expect(headcount.status).toBe(403);

    const audit = running.app.get<AuditLog>(AUDIT_LOG);
    const entries = await audit.byActor('officer-haishu', since);
    expect(entries.map((e) => [e.target, e.outcome, e.detail?.['action']])).toEqual([
      ['3302030001', 'allowed', 'school.read'],
      ['3302050001', 'denied', 'school.read'],
      ['3302050001', 'denied', 'headcount.read'],
    ]);
    expect(entries[1]).toMatchObject({ actorRoles: ['district_officer'], scope: '330203', action: 'query' });
  });

  it("lists only the officer's own schools of a wider region, and refuses a neighbour region outright", async () => {
    const city = await (await fetch(`${running.url}/v1/regions/330200/schools?asOf=2026-10-01`, { headers: await haishuOfficer() })).json() as { schools: { regionCode: string }[] };
    expect(city.schools.length).toBe(10);
    expect(new Set(city.schools.map((s) => s.regionCode))).toEqual(new Set(['330203']));
    expect((await fetch(`${running.url}/v1/regions/330205/schools?asOf=2026-10-01`, { headers: await haishuOfficer() })).status).toBe(403);
    const asProvince = await (await fetch(`${running.url}/v1/regions/330000/schools?asOf=2026-10-01`, { headers: await province() })).json() as { count: number };
    expect(asProvince.count).toBe(50);
  });

  it('lets only a province officer import the registry', async () => {
    const res = await fetch(`${running.url}/v1/registry/import?dryRun=true&effectiveOn=2026-09-01`, { method: 'POST', headers: { ...(await haishuOfficer()), 'content-type': 'text/csv' }, body: aRegistry(5) });
    expect(res.status).toBe(403);
  });
});
