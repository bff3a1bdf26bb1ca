import type { PeopleState } from '@educube/identity-domain';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { identityService } from './service';
import { IdentityState } from './storage/identity-state';
import { caller, eventCount, IDENTITY_AUDIENCE, PEOPLE_AUDIENCE, type As, type RunningIdentity } from './testing/http';
import { aRegistry, registerRegions } from './testing/registry';

// Who may change roles and who learns which person is behind a source-system id, over real HTTP
// with real tokens. aRegistry(50): ten schools in each district; 3302030001 (a complete secondary
// school) is in 海曙区 (330203), 3302050001 (a primary school) in 江北区 (330205).
const HAISHU_SCHOOL = '3302030001';
const JIANGBEI_SCHOOL = '3302050001';
const on = { effectiveOn: '2025-09-01' };
const later = { effectiveOn: '2026-09-01' };

/** 海曙区's officer, whose token subject is their person id in identity. */
const HAISHU_OFFICER: TestTokenSpec = { ...actors.districtOfficer(PEOPLE_AUDIENCE, '330203'), sub: 'o-haishu' };
const JIANGBEI_OFFICER: TestTokenSpec = { ...actors.districtOfficer(PEOPLE_AUDIENCE, '330205'), sub: 'o-jiangbei' };
const H_REF = { system: 'timetabling', localId: 'H-001' };
const J_REF = { system: 'timetabling', localId: 'J-001' };

type Problem = { status: number; title: string; detail: string; problems: { path: string; rule: string; value: unknown }[] };

describe('identity access rules (people commands, id links, visible schools)', () => {
  let issuer: TestIssuer;
  let running: RunningIdentity;
  let as: ReturnType<typeof caller>;
  let province: As;
  let haishu: As;
  let jiangbei: As;
  const people = (): PeopleState => running.app.get(IdentityState).people;
  const rolesOf = (personId: string) => people().persons[personId]?.roles.map((r) => ({ role: r.role, scope: r.scope }));

  /** Sends the commands as `who`, expects a refusal and that nothing was appended or changed. */
  async function expectRefused(who: As, commands: unknown[], status: number): Promise<Problem> {
    const events = await eventCount(running);
    const before = JSON.stringify(people());
    const res = await who.post('/v1/people/commands', { commands });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await eventCount(running)).toBe(events);
    expect(JSON.stringify(people())).toBe(before);
    return (await res.json()) as Problem;
  }

  beforeAll(async () => {
    issuer = await startTestIssuer();
    as = caller(issuer, () => running.url);
    province = as(actors.provinceOfficer(PEOPLE_AUDIENCE));
    haishu = as(HAISHU_OFFICER);
    jiangbei = as(JIANGBEI_OFFICER);
    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer.issuer });
    expect((await province.post('/v1/org/commands', registerRegions())).status).toBe(200);
    expect((await province.post('/v1/registry/import?effectiveOn=2025-09-01', aRegistry(50), 'text/csv')).status).toBe(200);
    const staff = (personId: string, schoolCode: string, stage: string, ref: { system: string; localId: string }) => [
      { type: 'RegisterPerson', data: { personId, kind: 'teacher', ...on } },
      { type: 'AssignStaff', data: { personId, placement: { schoolCode, post: '专任教师', stages: [stage] }, ...on } },
      { type: 'GrantRole', data: { personId, role: 'teacher', scope: { kind: 'schools', schoolCodes: [schoolCode] }, ...on } },
      { type: 'LinkId', data: { personId, ref, ...on } },
    ];
    const res = await province.post('/v1/people/commands', {
      commands: [
        { type: 'RegisterPerson', data: { personId: 'o-haishu', kind: 'officer', ...on } },
        { type: 'GrantRole', data: { personId: 'o-haishu', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' }, ...on } },
        { type: 'RegisterPerson', data: { personId: 'o-clerk', kind: 'officer', ...on } },
        ...staff('p-haishu', HAISHU_SCHOOL, '初中', H_REF),
        ...staff('p-jiangbei', JIANGBEI_SCHOOL, '小学', J_REF),
      ],
    });
    if (res.status !== 200) throw new Error(`setup: ${res.status} ${await res.text()}`);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await issuer?.close();
  });

  describe('POST /v1/people/commands by officers below the province', () => {
    it('lets a district officer grant and revoke a role inside their district', async () => {
      const events = await eventCount(running);
      const grant = await haishu.post('/v1/people/commands', {
        commands: [{ type: 'GrantRole', data: { personId: 'p-haishu', role: 'cio', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...later } }],
      });
      expect(grant.status).toBe(200);
      expect(await grant.json()).toEqual({
        events: [{ type: 'RoleGranted', data: { personId: 'p-haishu', role: 'cio', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...later } }],
      });
      expect(rolesOf('p-haishu')).toContainEqual({ role: 'cio', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] } });
      // an officer role of their own rank, over their own district
      const peer = await haishu.post('/v1/people/commands', {
        commands: [{ type: 'GrantRole', data: { personId: 'o-clerk', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' }, ...later } }],
      });
      expect(peer.status).toBe(200);
      const revoke = await haishu.post('/v1/people/commands', { commands: [{ type: 'RevokeRole', data: { personId: 'p-haishu', role: 'cio', ...later } }] });
      expect(revoke.status).toBe(200);
      expect(rolesOf('p-haishu')?.map((r) => r.role)).toEqual(['teacher']);
      expect(await eventCount(running)).toBe(events + 3);
    });

    it("refuses a grant over another district's school, and changes nothing", async () => {
      const problem = await expectRefused(
        haishu,
        [{ type: 'GrantRole', data: { personId: 'p-jiangbei', role: 'cio', scope: { kind: 'schools', schoolCodes: [JIANGBEI_SCHOOL] }, ...later } }],
        403,
      );
      expect(problem).toMatchObject({ title: 'Forbidden', problems: [{ path: '/commands/0/data', rule: 'grant-scope', value: 'p-jiangbei' }] });
      expect(problem.detail).toBe(`command 0 (GrantRole): school ${JIANGBEI_SCHOOL} is outside 330203 on 2026-09-01`);
      // nor a region outside their own, nor revoking a role held in another district
      await expectRefused(
        haishu,
        [{ type: 'GrantRole', data: { personId: 'o-clerk', role: 'district_officer', scope: { kind: 'region', regionCode: '330205' }, ...later } }],
        403,
      );
      const revoke = await expectRefused(haishu, [{ type: 'RevokeRole', data: { personId: 'p-jiangbei', role: 'teacher', ...later } }], 403);
      expect(revoke.detail).toMatch(/outside 330203/);
      expect(rolesOf('p-jiangbei')).toEqual([{ role: 'teacher', scope: { kind: 'schools', schoolCodes: [JIANGBEI_SCHOOL] } }]);
    });

    it('refuses to move a role held in another district into their own (a re-grant replaces the held scope), and changes nothing', async () => {
      const events = await eventCount(running);
      const problem = await expectRefused(
        haishu,
        [{ type: 'GrantRole', data: { personId: 'p-jiangbei', role: 'teacher', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...later } }],
        403,
      );
      expect(problem.detail).toMatch(/held now with a scope outside yours/);
      expect(rolesOf('p-jiangbei')).toEqual([{ role: 'teacher', scope: { kind: 'schools', schoolCodes: [JIANGBEI_SCHOOL] } }]);
      expect(await eventCount(running)).toBe(events);
    });

    it("knows the officer by their username too: Keycloak's subject is a UUID, the person id is the username", async () => {
      const keycloakLike = as({ ...HAISHU_OFFICER, sub: '0b6f3c1e-uuid-of-keycloak', extra: { preferred_username: HAISHU_OFFICER.sub } });
      const revoke = await expectRefused(
        keycloakLike,
        [{ type: 'RevokeRole', data: { personId: HAISHU_OFFICER.sub, role: 'district_officer', ...later } }],
        403,
      );
      expect(revoke.detail).toBe('command 0 (RevokeRole): no one may grant or revoke a role of their own');
      expect(rolesOf('o-haishu')).toEqual([{ role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } }]);
    });

    it('refuses the whole batch when one command is out of scope: the allowed one is not applied either', async () => {
      await expectRefused(
        haishu,
        [
          { type: 'GrantRole', data: { personId: 'p-haishu', role: 'principal', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...later } },
          { type: 'GrantRole', data: { personId: 'p-jiangbei', role: 'principal', scope: { kind: 'schools', schoolCodes: [JIANGBEI_SCHOOL] }, ...later } },
        ],
        403,
      );
      expect(rolesOf('p-haishu')?.map((r) => r.role)).toEqual(['teacher']);
    });

    it('refuses a grant or revocation of their own role (person id = token subject), and changes nothing', async () => {
      const revoke = await expectRefused(haishu, [{ type: 'RevokeRole', data: { personId: HAISHU_OFFICER.sub, role: 'district_officer', ...later } }], 403);
      expect(revoke.detail).toBe('command 0 (RevokeRole): no one may grant or revoke a role of their own');
      await expectRefused(
        haishu,
        [{ type: 'GrantRole', data: { personId: HAISHU_OFFICER.sub, role: 'district_officer', scope: { kind: 'region', regionCode: '330203' }, ...later } }],
        403,
      );
      expect(rolesOf('o-haishu')).toEqual([{ role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } }]);
    });

    it('refuses granting a city_officer role, wider than their own, even over their own city, and changes nothing', async () => {
      const problem = await expectRefused(
        haishu,
        [{ type: 'GrantRole', data: { personId: 'o-clerk', role: 'city_officer', scope: { kind: 'region', regionCode: '330200' }, ...later } }],
        403,
      );
      expect(problem.detail).toBe('command 0 (GrantRole): a district_officer may not grant city_officer, a wider role than their own');
      await expectRefused(
        haishu,
        [{ type: 'GrantRole', data: { personId: 'o-clerk', role: 'province_officer', scope: { kind: 'region', regionCode: '330000' }, ...later } }],
        403,
      );
    });

    it('refuses any other people command from an officer below the province, and changes nothing', async () => {
      const problem = await expectRefused(haishu, [{ type: 'RegisterPerson', data: { personId: 'p-new', kind: 'teacher', ...later } }], 403);
      expect(problem).toMatchObject({
        detail: 'command 0 (RegisterPerson) needs a province officer',
        problems: [{ path: '/commands/0/type', rule: 'province_officer' }],
      });
      await expectRefused(
        as(actors.cityOfficer(PEOPLE_AUDIENCE, '330200')),
        [{ type: 'LinkId', data: { personId: 'p-haishu', ref: { system: 'timetabling', localId: 'X-1' }, ...later } }],
        403,
      );
      expect(people().persons['p-new']).toBeUndefined();
    });

    it('is closed by declaration to a teacher, a hub service and a caller without a token, and changes nothing', async () => {
      const grant = [{ type: 'GrantRole', data: { personId: 'p-haishu', role: 'cio', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] }, ...later } }];
      const teacher = await expectRefused(as(actors.teacher(PEOPLE_AUDIENCE, HAISHU_SCHOOL)), grant, 403);
      expect(teacher).toMatchObject({ title: 'Forbidden', problems: [{ path: '/token/realm_access/roles', rule: 'role' }] });
      expect(teacher.detail).toMatch(/^a teacher may not call this route/);
      await expectRefused(as(actors.principal(PEOPLE_AUDIENCE, HAISHU_SCHOOL)), grant, 403);
      await expectRefused(as(actors.service('educube-warehouse', IDENTITY_AUDIENCE)), grant, 403);
      await expectRefused(as(undefined), grant, 401);
    });

    it('still lets the province officer send every command', async () => {
      const res = await province.post('/v1/people/commands', {
        commands: [{ type: 'RegisterPerson', data: { personId: 'p-new', kind: 'teacher', ...later } }],
      });
      expect(res.status).toBe(200);
      expect(people().persons['p-new']).toBeDefined();
    });
  });

  describe('POST /v1/id-links/resolve', () => {
    const resolve = async (who: As, refs: unknown[]) => {
      const res = await who.post('/v1/id-links/resolve', { refs });
      expect(res.status).toBe(200);
      return ((await res.json()) as { results: Record<string, unknown>[] }).results;
    };

    it("tells an officer only the people placed today in their region's schools; anyone else reads as no-link", async () => {
      expect(await resolve(haishu, [H_REF, J_REF])).toEqual([
        { ref: H_REF, personId: 'p-haishu' },
        expect.objectContaining({ ref: J_REF, unresolved: 'no-link' }),
      ]);
      // the officer of the neighbouring district learns nothing of 海曙区's teacher
      const [other, nowhere] = await resolve(jiangbei, [H_REF, { system: 'timetabling', localId: 'NEVER-LINKED' }]);
      expect(other).toMatchObject({ ref: H_REF, unresolved: 'no-link' });
      // linked elsewhere and linked nowhere read the same, so an officer cannot probe for ids
      expect(nowhere).toEqual({ ...other, ref: { system: 'timetabling', localId: 'NEVER-LINKED' } });
      expect(other).not.toHaveProperty('personId');
      expect(JSON.stringify(other)).not.toContain('p-haishu');
      // the city covers both districts, the province and the hub's services everything
      for (const who of [as(actors.cityOfficer(PEOPLE_AUDIENCE, '330200')), province, as(actors.service('educube-warehouse', IDENTITY_AUDIENCE))]) {
        expect(await resolve(who, [H_REF, J_REF])).toEqual([
          { ref: H_REF, personId: 'p-haishu' },
          { ref: J_REF, personId: 'p-jiangbei' },
        ]);
      }
    });

    it('is not for school staff or school systems', async () => {
      expect((await as(actors.teacher(PEOPLE_AUDIENCE, HAISHU_SCHOOL)).post('/v1/id-links/resolve', { refs: [H_REF] })).status).toBe(403);
      expect((await as(actors.cio(PEOPLE_AUDIENCE, HAISHU_SCHOOL)).post('/v1/id-links/resolve', { refs: [H_REF] })).status).toBe(403);
      expect((await as(actors.schoolSystem(HAISHU_SCHOOL)).post('/v1/id-links/resolve', { refs: [H_REF] })).status).toBe(401);
    });
  });

  describe('POST /v1/access/visible-schools', () => {
    const service = () => as(actors.service('educube-assessment', [IDENTITY_AUDIENCE, 'educube-warehouse']));
    const haishuSchools = Array.from({ length: 10 }, (_, i) => `330203${String(i + 1).padStart(4, '0')}`);

    it("answers a hub service with the schools of the principal's district on the date", async () => {
      const res = await service().post('/v1/access/visible-schools', {
        principal: { subject: 'o-haishu', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } },
        asOf: '2026-10-01',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ asOf: '2026-10-01', schools: haishuSchools });
      // before the registry had them, none
      const before = await service().post('/v1/access/visible-schools', {
        principal: { subject: 'o-haishu', role: 'district_officer', scope: { kind: 'region', regionCode: '330203' } },
        asOf: '2025-08-31',
      });
      expect(await before.json()).toEqual({ asOf: '2025-08-31', schools: [] });
      // a teacher sees their own school; an unsound scope sees nothing and says why
      const teacher = await service().post('/v1/access/visible-schools', {
        principal: { subject: 'p-haishu', role: 'teacher', scope: { kind: 'schools', schoolCodes: [HAISHU_SCHOOL] } },
        asOf: '2026-10-01',
      });
      expect(await teacher.json()).toEqual({ asOf: '2026-10-01', schools: [HAISHU_SCHOOL] });
      const unsound = await service().post('/v1/access/visible-schools', {
        principal: { subject: 'x', role: 'district_officer', scope: { kind: 'region', regionCode: '330200' } },
        asOf: '2026-10-01',
      });
      expect(await unsound.json()).toMatchObject({ schools: [], problem: expect.stringContaining('330200') });
    });

    it('refuses a malformed question with 400', async () => {
      const res = await service().post('/v1/access/visible-schools', {
        principal: { subject: 'x', role: 'overlord', scope: { kind: 'region', regionCode: '330000' } },
      });
      expect(res.status).toBe(400);
    });

    it('refuses officers and everyone else who is not a hub service', async () => {
      const body = { principal: { subject: 'o-haishu', role: 'province_officer', scope: { kind: 'region', regionCode: '330000' } } };
      for (const spec of [actors.provinceOfficer(PEOPLE_AUDIENCE), HAISHU_OFFICER, actors.cio(PEOPLE_AUDIENCE, HAISHU_SCHOOL)]) {
        const res = await as(spec).post('/v1/access/visible-schools', body);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ title: 'Forbidden', problems: [{ path: '/token/realm_access/roles', rule: 'role' }] });
      }
      expect((await as(undefined).post('/v1/access/visible-schools', body)).status).toBe(401);
    });
  });
});
