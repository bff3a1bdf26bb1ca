import { randomBytes } from 'node:crypto';
import { createKeycloakAdmin, type DriftReport, type ProvisionReport } from '@educube/keycloak-admin';
import { startService } from '@educube/service-kit';
import { identityService } from '../service';
import { SsoProvisioning } from './sso';
import type { RunningIdentity } from '../testing/http';
import { bearer, claimsOf, clientToken, KEYCLOAK_ISSUER as issuer, KEYCLOAK_URL as keycloak, passwordToken } from '../testing/keycloak';
import { aRegistry, registerRegions } from '../testing/registry';

// The identity service against the real Keycloak of scripts/stack: it trusts Keycloak's tokens,
// provisions its role assignments there, and a provisioned officer then logs in and is held to
// the scope identity gave them. People are unique per run and deleted afterwards.
const admin = createKeycloakAdmin({ baseUrl: keycloak, realm: 'educube', adminUsername: 'admin', adminPassword: 'admin' });
const run = `sso-${randomBytes(4).toString('hex')}`;
const officer = `${run}-officer`;
const teacher = `${run}-teacher`;
const leaver = `${run}-leaver`;
const clerk = `${run}-clerk`;
const HAISHU_SCHOOL = '3302030001';
const YINZHOU_SCHOOL = '3302120001';

const ours = (names: readonly string[]) => names.filter((n) => n.toLowerCase().startsWith(run));

describe('SSO provisioning from identity into the real Keycloak', () => {
  let running: RunningIdentity;
  let headers: Record<string, string>;
  let provinceToken: string;
  const call = (method: string, path: string, body?: unknown, auth = headers) =>
    fetch(
      `${running.url}${path}`,
      body === undefined ? { method, headers: auth } : { method, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );

  beforeAll(async () => {
    running = await startService(identityService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_DATA_DIR: 'memory://',
      OIDC_ISSUER: issuer,
      KEYCLOAK_URL: keycloak,
      KEYCLOAK_ADMIN_USER: 'admin',
      KEYCLOAK_ADMIN_PASSWORD: 'admin',
    });
    provinceToken = await passwordToken('officer.zhejiang', 'Passw0rd!');
    headers = bearer(provinceToken);
    expect((await call('POST', '/v1/org/commands', registerRegions())).status).toBe(200);
    const imported = await fetch(`${running.url}/v1/registry/import?effectiveOn=2026-09-01`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: aRegistry(10),
    });
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const on = { effectiveOn: '2026-09-01' };
    const people = await call('POST', '/v1/people/commands', {
      commands: [
        { type: 'RegisterPerson', data: { personId: officer, kind: 'officer', ...on } },
        { type: 'GrantRole', data: { personId: officer, role: 'district_officer', scope: { kind: 'region', regionCode: '330203' }, ...on } },
        { type: 'RegisterPerson', data: { personId: teacher, kind: 'teacher', ...on } },
        {
          type: 'AssignStaff',
          data: { personId: teacher, placement: { schoolCode: HAISHU_SCHOOL, post: '专任教师', stages: ['初中'], subjects: ['数学'] }, ...on },
        },
        { type: 'GrantRole', data: { personId: teacher, role: 'teacher', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...on } },
        { type: 'RegisterPerson', data: { personId: leaver, kind: 'teacher', ...on } },
        { type: 'GrantRole', data: { personId: leaver, role: 'cio', scope: { kind: 'schools', schoolCodes: [YINZHOU_SCHOOL] }, ...on } },
        // placed in 海曙区 but holding no role: never provisioned unless the district officer grants one
        { type: 'RegisterPerson', data: { personId: clerk, kind: 'staff', ...on } },
        { type: 'AssignStaff', data: { personId: clerk, placement: { schoolCode: HAISHU_SCHOOL, post: '管理人员', stages: ['初中'] }, ...on } },
      ],
    });
    if (people.status !== 200) throw new Error(`people commands: ${people.status} ${await people.text()}`);
  }, 120_000);

  afterAll(async () => {
    await admin.deleteManagedUsers([officer, teacher, leaver, clerk]);
    await running?.close();
  });

  it("accepts a Keycloak person's token for the people audience, and refuses a school system's (audience educube-ingest)", async () => {
    // what Keycloak issues through the gateway's client: an access token for educube-gateway
    expect(claimsOf(provinceToken)).toMatchObject({
      typ: 'Bearer',
      azp: 'educube-gateway',
      realm_access: { roles: expect.arrayContaining(['province_officer']) },
      region_code: '330000',
    });
    expect([claimsOf(provinceToken)['aud']].flat()).toContain('educube-gateway');
    expect((await call('GET', `/v1/schools/${HAISHU_SCHOOL}?asOf=2026-10-01`)).status).toBe(200);
    // a school system's client-credentials token is for the ingestion endpoint, not for identity
    const system = await clientToken('timetabling-system', 'dev-timetabling-secret');
    expect(claimsOf(system)).toMatchObject({ aud: 'educube-ingest', realm_access: { roles: ['school_system'] } });
    const refused = await call('GET', `/v1/schools/${HAISHU_SCHOOL}?asOf=2026-10-01`, undefined, bearer(system));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ problems: [{ path: '/headers/authorization', rule: 'wrong-audience' }] });
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

  it('the provisioned district officer grants and revokes roles in their district only', async () => {
    const [user] = (await (await admin.call('GET', `/users?username=${officer}&exact=true`)).json()) as { id: string }[];
    const password = `Pw-${randomBytes(8).toString('hex')}`;
    expect((await admin.call('PUT', `/users/${user!.id}/reset-password`, { type: 'password', value: password, temporary: false })).status).toBe(204);
    const auth = bearer(await passwordToken(officer, password));
    const on = { effectiveOn: '2026-09-15' };
    const grant = await call(
      'POST',
      '/v1/people/commands',
      { commands: [{ type: 'GrantRole', data: { personId: clerk, role: 'cio', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...on } }] },
      auth,
    );
    expect(grant.status).toBe(200);
    expect(((await grant.json()) as { events: unknown[] }).events).toHaveLength(1);
    // 鄞州区 is not theirs: neither its school for a grant, nor the role held there
    const outside = await call(
      'POST',
      '/v1/people/commands',
      { commands: [{ type: 'GrantRole', data: { personId: clerk, role: 'cio', scope: { kind: 'schools', schoolCodes: [YINZHOU_SCHOOL] }, ...on } }] },
      auth,
    );
    expect(outside.status).toBe(403);
    expect(
      (await call('POST', '/v1/people/commands', { commands: [{ type: 'RevokeRole', data: { personId: leaver, role: 'cio', ...on } }] }, auth)).status,
    ).toBe(403);
    // nor any command but grants and revocations
    expect(
      (await call('POST', '/v1/people/commands', { commands: [{ type: 'RecordLeaving', data: { personId: clerk, reason: '调出', ...on } }] }, auth)).status,
    ).toBe(403);
    // what identity would provision: the grant inside the district, nothing of the refused ones
    const desired = running.app.get(SsoProvisioning).desired().users;
    expect(desired.find((u) => u.username === clerk)).toMatchObject({ realmRoles: ['cio'], attributes: { school_codes: [HAISHU_SCHOOL] } });
    expect(desired.find((u) => u.username === leaver)).toMatchObject({ realmRoles: ['cio'], attributes: { school_codes: [YINZHOU_SCHOOL] } });
    // and revoked again, so the clerk is never provisioned
    expect(
      (await call('POST', '/v1/people/commands', { commands: [{ type: 'RevokeRole', data: { personId: clerk, role: 'cio', ...on } }] }, auth)).status,
    ).toBe(200);
    expect(
      running.app
        .get(SsoProvisioning)
        .desired()
        .users.find((u) => u.username === clerk),
    ).toBeUndefined();
  });

  it('reports drift made by hand in Keycloak and by changes in identity; provisioning repairs what it manages', async () => {
    const [rep] = (await (await admin.call('GET', `/users?username=${teacher}&exact=true`)).json()) as { id: string }[];
    const principal = await (await admin.call('GET', '/roles/principal')).json();
    expect((await admin.call('POST', `/users/${rep!.id}/role-mappings/realm`, [principal])).status).toBe(204);
    const on = { effectiveOn: '2026-10-08' };
    expect(
      (
        await call('POST', '/v1/people/commands', {
          commands: [
            { type: 'RecordLeaving', data: { personId: leaver, reason: '调出', ...on } },
            { type: 'GrantRole', data: { personId: officer, role: 'district_officer', scope: { kind: 'region', regionCode: '330212' }, ...on } },
          ],
        })
      ).status,
    ).toBe(200);

    const drift = (await (await call('GET', '/v1/sso/drift')).json()) as DriftReport;
    expect(drift.inSync).toBe(false);
    expect(drift.roleDifferences.filter((d) => ours([d.username]).length)).toEqual([{ username: teacher, missing: [], extra: ['principal'] }]);
    expect(drift.attributeDifferences.filter((d) => ours([d.username]).length)).toEqual([
      { username: officer, attribute: 'region_code', desired: ['330212'], actual: ['330203'] },
    ]);
    expect(ours(drift.extra)).toEqual([leaver]);
    console.log(
      `drift for ${run}: ${JSON.stringify({ roleDifferences: drift.roleDifferences.filter((d) => ours([d.username]).length), attributeDifferences: drift.attributeDifferences.filter((d) => ours([d.username]).length), extra: ours(drift.extra) })}`,
    );

    const repaired = (await (await call('POST', '/v1/sso/provision')).json()) as ProvisionReport;
    expect(ours(repaired.changed).sort()).toEqual([officer, teacher].sort());
    expect(ours(repaired.extra)).toEqual([leaver]); // reported, never deleted by provisioning
    const after = (await (await call('GET', '/v1/sso/drift')).json()) as DriftReport;
    expect(after.roleDifferences.filter((d) => ours([d.username]).length)).toEqual([]);
    expect(after.attributeDifferences.filter((d) => ours([d.username]).length)).toEqual([]);
  });
});
