import { randomBytes } from 'node:crypto';
import { createTokenVerifier } from '@educube/oidc';
import type { DesiredState } from './drift';
import { createKeycloakAdmin } from './keycloak-admin';

// Against the real Keycloak (scripts/stack/keycloak.sh); users are unique per run and deleted after.
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const issuer = `${keycloak}/realms/educube`;
const admin = createKeycloakAdmin({ baseUrl: keycloak, realm: 'educube', adminUsername: 'admin', adminPassword: 'admin' });
const run = `it-${randomBytes(4).toString('hex')}`;
const password = `Pw-${randomBytes(8).toString('hex')}`;

const desired: DesiredState = {
  users: [
    {
      username: `${run}-officer`,
      email: `${run}-officer@educube.test`,
      firstName: '海曙',
      lastName: '测试',
      attributes: { region_code: '330203' },
      realmRoles: ['district_officer'],
      initialPassword: password,
    },
    {
      username: `${run}-principal`,
      email: `${run}-principal@educube.test`,
      firstName: '一校',
      lastName: '校长',
      attributes: { region_code: '330203', school_codes: ['3302030001'] },
      realmRoles: ['principal'],
    },
    {
      username: `${run}-teacher`,
      email: `${run}-teacher@educube.test`,
      firstName: '一校',
      lastName: '教师',
      attributes: { region_code: '330203', school_codes: ['3302030001', '3302030002'] },
      realmRoles: ['teacher'],
    },
  ],
};
const mine = (names: string[]) => names.filter((n) => n.startsWith(run));

afterAll(async () => {
  await admin.deleteManagedUsers([...desired.users.map((u) => u.username), `${run}-leaver`]);
  // nothing of this run may remain
  const left = (await (await admin.call('GET', `/users?search=${run}`)).json()) as unknown[];
  expect(left).toHaveLength(0);
});

describe('provisioning into the real Keycloak', () => {
  it('creates the people the first time and nothing the second time', async () => {
    const first = await admin.provision(desired);
    expect(mine(first.created)).toEqual(desired.users.map((u) => u.username));
    const second = await admin.provision(desired);
    console.log(`provisioning ${run}: first run ${JSON.stringify(first.counts)}, second run ${JSON.stringify(second.counts)}`);
    expect(second.counts).toEqual({ created: 0, changed: 0, unchanged: 3 });
    expect(mine(second.unchanged)).toHaveLength(3);
    expect(mine((await admin.reconcile(desired)).extra)).toEqual([]);
  });

  it('a provisioned district officer logs in with a password and the token carries region_code', async () => {
    const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'educube-gateway',
        client_secret: 'dev-gateway-secret',
        username: `${run}-officer`,
        password,
        scope: 'openid',
      }),
    });
    const body = (await res.json()) as { access_token?: string; error_description?: string };
    expect(body.error_description).toBeUndefined();
    const verifier = await createTokenVerifier({ issuer, audience: 'educube-gateway' });
    const { claims } = await verifier.verify(body.access_token!);
    expect(claims['region_code']).toBe('330203');
    expect(claims['preferred_username']).toBe(`${run}-officer`);
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('district_officer');
  });

  it('reports drift after a manual change through the admin API, and provisioning repairs it', async () => {
    const teacher = `${run}-teacher`;
    const [rep] = (await (await admin.call('GET', `/users?username=${teacher}&exact=true&briefRepresentation=false`)).json()) as {
      id: string;
      attributes: Record<string, string[]>;
    }[];
    // someone moves the teacher to another district and makes them a principal by hand
    expect((await admin.call('PUT', `/users/${rep!.id}`, { ...rep, attributes: { ...rep!.attributes, region_code: ['330204'] } })).status).toBe(204);
    const principal = (await (await admin.call('GET', '/roles/principal')).json()) as { id: string; name: string };
    expect((await admin.call('POST', `/users/${rep!.id}/role-mappings/realm`, [principal])).status).toBe(204);
    // and an extra managed user appears that the desired state does not name
    await admin.provision({ users: [{ username: `${run}-leaver`, attributes: {}, realmRoles: ['teacher'] }] });

    const drift = await admin.reconcile(desired);
    console.log(`drift for ${run}: ${JSON.stringify({ ...drift, extra: mine(drift.extra) })}`);
    expect(drift.inSync).toBe(false);
    expect(drift.missing).toEqual([]);
    expect(mine(drift.extra)).toEqual([`${run}-leaver`]);
    expect(drift.attributeDifferences).toEqual([{ username: teacher, attribute: 'region_code', desired: ['330203'], actual: ['330204'] }]);
    expect(drift.roleDifferences).toEqual([{ username: teacher, missing: [], extra: ['principal'] }]);

    const repair = await admin.provision(desired);
    expect(repair.counts).toMatchObject({ created: 0, changed: 1 });
    expect(repair.changed).toEqual([teacher]);
    const after = await admin.reconcile(desired);
    expect(after.attributeDifferences).toEqual([]);
    expect(after.roleDifferences).toEqual([]);
  });

  it('never touches an unmanaged user holding a desired username', async () => {
    const report = await admin.reconcile({ users: [{ username: 'officer.haishu', attributes: { region_code: '330000' }, realmRoles: ['province_officer'] }] });
    expect(report.unmanagedConflicts).toEqual(['officer.haishu']);
    const prov = await admin.provision({ users: [{ username: 'officer.haishu', attributes: { region_code: '330000' }, realmRoles: ['province_officer'] }] });
    expect(prov.skippedUnmanaged).toEqual(['officer.haishu']);
    const [rep] = (await (await admin.call('GET', '/users?username=officer.haishu&exact=true&briefRepresentation=false')).json()) as {
      attributes: Record<string, string[]>;
    }[];
    expect(rep!.attributes['region_code']).toEqual(['330203']);
  });
});
