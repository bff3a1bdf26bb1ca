import { randomBytes } from 'node:crypto';
import { createKeycloakAdmin, type DriftReport, type ProvisionReport } from '@educube/keycloak-admin';
import { startService } from '@educube/service-kit';
import { identityService, type identityConfigSchema } from '../service';
import { aRegistry, registerRegions } from '../testing/registry';

// The identity service against the real Keycloak of scripts/stack: it trusts Keycloak's tokens,
// provisions its role assignments there, and a provisioned officer then logs in and is held to
// the scope identity gave them. People are unique per run and deleted afterwards.
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const issuer = `${keycloak}/realms/educube`;
const admin = createKeycloakAdmin({ baseUrl: keycloak, realm: 'educube', adminUsername: 'admin', adminPassword: 'admin' });
const run = `sso-${randomBytes(4).toString('hex')}`;
const officer = `${run}-officer`;
const teacher = `${run}-teacher`;
const leaver = `${run}-leaver`;
const HAISHU_SCHOOL = '3302030001';
const YINZHOU_SCHOOL = '3302120001';

type Running = Awaited<ReturnType<typeof startService<typeof identityConfigSchema>>>;

async function passwordToken(username: string, password: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'educube-gateway', client_secret: 'dev-gateway-secret', username, password, scope: 'openid' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`login of ${username} failed: ${body.error_description}`);
  return body.access_token;
}

const ours = (names: readonly string[]) => names.filter((n) => n.toLowerCase().startsWith(run));

describe('SSO provisioning from identity into the real Keycloak', () => {
  let running: Running;
  let headers: Record<string, string>;
  const call = (method: string, path: string, body?: unknown, auth = headers) =>
    fetch(`${running.url}${path}`, body === undefined ? { method, headers: auth } : { method, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    running = await startService(identityService, {
      PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer,
      KEYCLOAK_URL: keycloak, KEYCLOAK_ADMIN_USER: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'admin',
    });
    headers = { authorization: `Bearer ${await passwordToken('officer.zhejiang', 'Passw0rd!')}` };
    expect((await call('POST', '/v1/org/commands', registerRegions())).status).toBe(200);
    const imported = await fetch(`${running.url}/v1/registry/import?effectiveOn=2026-09-01`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: aRegistry(10) });
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const on = { effectiveOn: '2026-09-01' };
    const people = await call('POST', '/v1/people/commands', {
      commands: [
        { type: 'RegisterPerson', data: { personId: officer, kind: 'officer', ...on } },
        { type: 'GrantRole', data: { personId: officer, role: 'district_officer', scope: { kind: 'region', regionCode: '330203' }, ...on } },
        { type: 'RegisterPerson', data: { personId: teacher, kind: 'teacher', ...on } },
        { type: 'AssignStaff', data: { personId: teacher, placement: { schoolCode: HAISHU_SCHOOL, post: '专任教师', stages: ['初中'], subjects: ['数学'] }, ...on } },
        { type: 'GrantRole', data: { personId: teacher, role: 'teacher', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...on } },
        { type: 'RegisterPerson', data: { personId: leaver, kind: 'teacher', ...on } },
        { type: 'GrantRole', data: { personId: leaver, role: 'cio', scope: { kind: 'schools', schoolCodes: [YINZHOU_SCHOOL] }, ...on } },
      ],
    });
    if (people.status !== 200) throw new Error(`people commands: ${people.status} ${await people.text()}`);
  }, 120_000);

  afterAll(async () => {
    await admin.deleteManagedUsers([officer, teacher, leaver]);
    await running?.close();
  });

  it('provisions every role holder the first time and creates or changes nothing the second time', async () => {
    const first = (await (await call('POST', '/v1/sso/provision')).json()) as ProvisionReport;
    expect(ours(first.created).sort()).toEqual([leaver, officer, teacher].sort());
    const second = (await (await call('POST', '/v1/sso/provision')).json()) as ProvisionReport;
    expect(ours(second.created)).toEqual([]);
    expect(ours(second.changed)).toEqual([]);
    expect(ours(second.unchanged).sort()).toEqual([leaver, officer, teacher].sort());
    console.log(`provisioning ${run}: first ${JSON.stringify(first.counts)}, second ${JSON.stringify(second.counts)}`);
  });

  it('the provisioned district officer logs in, and identity holds them to their district', async () => {
    const [user] = (await (await admin.call('GET', `/users?username=${officer}&exact=true`)).json()) as { id: string }[];
    const password = `Pw-${randomBytes(8).toString('hex')}`;
    expect((await admin.call('PUT', `/users/${user!.id}/reset-password`, { type: 'password', value: password, temporary: false })).status).toBe(204);
    const auth = { authorization: `Bearer ${await passwordToken(officer, password)}` };
    expect((await call('GET', `/v1/schools/${HAISHU_SCHOOL}?asOf=2026-10-01`, undefined, auth)).status).toBe(200);
    expect((await call('GET', '/v1/regions/330203/schools?asOf=2026-10-01', undefined, auth)).status).toBe(200);
    // the neighbouring district 鄞州区, its school and its region list
    expect((await call('GET', `/v1/schools/${YINZHOU_SCHOOL}?asOf=2026-10-01`, undefined, auth)).status).toBe(403);
    expect((await call('GET', '/v1/regions/330212/schools?asOf=2026-10-01', undefined, auth)).status).toBe(403);
    // and a district officer may not provision
    expect((await call('POST', '/v1/sso/provision', undefined, auth)).status).toBe(403);
  });

  it('reports drift made by hand in Keycloak and by changes in identity; provisioning repairs what it manages', async () => {
    const [rep] = (await (await admin.call('GET', `/users?username=${teacher}&exact=true`)).json()) as { id: string }[];
    const principal = await (await admin.call('GET', '/roles/principal')).json();
    expect((await admin.call('POST', `/users/${rep!.id}/role-mappings/realm`, [principal])).status).toBe(204);
    const on = { effectiveOn: '2026-10-08' };
    expect((await call('POST', '/v1/people/commands', { commands: [{ type: 'RecordLeaving', data: { personId: leaver, reason: '调出', ...on } }, { type: 'GrantRole', data: { personId: officer, role: 'district_officer', scope: { kind: 'region', regionCode: '330212' }, ...on } }] })).status).toBe(200);

    const drift = (await (await call('GET', '/v1/sso/drift')).json()) as DriftReport;
    expect(drift.inSync).toBe(false);
    expect(drift.roleDifferences.filter((d) => ours([d.username]).length)).toEqual([{ username: teacher, missing: [], extra: ['principal'] }]);
    expect(drift.attributeDifferences.filter((d) => ours([d.username]).length)).toEqual([{ username: officer, attribute: 'region_code', desired: ['330212'], actual: ['330203'] }]);
    expect(ours(drift.extra)).toEqual([leaver]);
    console.log(`drift for ${run}: ${JSON.stringify({ roleDifferences: drift.roleDifferences.filter((d) => ours([d.username]).length), attributeDifferences: drift.attributeDifferences.filter((d) => ours([d.username]).length), extra: ours(drift.extra) })}`);

    const repaired = (await (await call('POST', '/v1/sso/provision')).json()) as ProvisionReport;
    expect(ours(repaired.changed).sort()).toEqual([officer, teacher].sort());
    expect(ours(repaired.extra)).toEqual([leaver]); // reported, never deleted by provisioning
    const after = (await (await call('GET', '/v1/sso/drift')).json()) as DriftReport;
    expect(after.roleDifferences.filter((d) => ours([d.username]).length)).toEqual([]);
    expect(after.attributeDifferences.filter((d) => ours([d.username]).length)).toEqual([]);
  });
});
