import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditLog } from '@educube/identity-privacy';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { AUDIT_LOG } from './storage/storage';
import { identityService } from './service';
import { caller, IDENTITY_AUDIENCE, PEOPLE_AUDIENCE, type As, type RunningIdentity } from './testing/http';

const PROVINCE = actors.provinceOfficer(PEOPLE_AUDIENCE);

describe('personal data over the identity API (embedded storage, tokens of a test issuer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-pii-'));
  let issuer: TestIssuer;
  let running: RunningIdentity;
  let as: ReturnType<typeof caller>;
  let province: As;
  const send = (method: 'PUT' | 'POST', path: string, body: unknown, who: As = province) => (method === 'PUT' ? who.put(path, body) : who.post(path, body));

  beforeAll(async () => {
    issuer = await startTestIssuer();
    as = caller(issuer, () => running.url);
    province = as(PROVINCE);
    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: dir, OIDC_ISSUER: issuer.issuer });
    const registered = await send('POST', '/v1/people/commands', {
      commands: [
        { type: 'RegisterPerson', data: { personId: 'p-student-1', kind: 'student', effectiveOn: '2026-09-01' } },
        { type: 'RegisterPerson', data: { personId: 'p-student-2', kind: 'student', effectiveOn: '2026-09-01' } },
      ],
    });
    expect(registered.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await issuer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a name and identity-card number sealed and answers only the masked name', async () => {
    const put = await send('PUT', '/v1/people/p-student-1/personal-data', { fullName: '王小明', idCardNumber: '11010519491231002X' });
    expect(put.status).toBe(204);
    const person = await (await province.get('/v1/people/p-student-1')).json();
    expect(person).toEqual({ personId: 'p-student-1', kind: 'student', maskedName: '王*明' });
    expect(JSON.stringify(person)).not.toContain('11010519491231002X');
  });

  it('finds the person by identity-card number, case of the check digit aside', async () => {
    const res = await send('POST', '/v1/people/lookup', { idCardNumber: '11010519491231002x' });
    expect(await res.json()).toEqual({ personId: 'p-student-1' });
    expect((await send('POST', '/v1/people/lookup', { idCardNumber: '110105194912310029' })).status).toBe(404);
  });

  it.each([
    ['an invalid identity-card number', 'p-student-2', { idCardNumber: '110105194912310021' }, 400, 'invalid-id-card'],
    ["another person's identity-card number", 'p-student-2', { idCardNumber: '11010519491231002X' }, 409, 'id-card-taken'],
    ['an unknown person', 'p-nobody', { fullName: '李华' }, 404, undefined],
    ['an unknown field', 'p-student-2', { birthday: '2015-01-01' }, 400, undefined],
  ])('refuses %s with a problem that never echoes the number', async (_case, personId, body, status, rule) => {
    const res = await send('PUT', `/v1/people/${personId}/personal-data`, body);
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(text).not.toContain('11010519491231002');
    if (rule) expect(JSON.parse(text)).toMatchObject({ problems: [{ path: '/idCardNumber', rule }] });
  });

  it('audits every read of personal data: who (the province officer, with role and scope), what, which person', async () => {
    const since = new Date(Date.now() - 60_000);
    expect((await province.get('/v1/people/p-student-2')).status).toBe(200);
    const audit = running.app.get<AuditLog>(AUDIT_LOG);
    const reads = await audit.byTarget('p-student-2', since);
    expect(reads.map((e) => [e.actor, e.action, e.detail?.['action']])).toContainEqual([PROVINCE.sub, 'person.read', 'person.read']);
    expect(reads.find((e) => e.detail?.['action'] === 'person.read')).toMatchObject({ actorRoles: ['province_officer'], scope: '330000', outcome: 'allowed' });
    const searches = await audit.byActor(PROVINCE.sub!, since);
    expect(searches.map((e) => e.action)).toContain('person.search');
  });

  it('answers personal data to province officers only: anyone else is refused before the handler, and nothing is read or written', async () => {
    const since = new Date();
    const district = as(actors.districtOfficer(PEOPLE_AUDIENCE, '330203'));
    const warehouse = as(actors.service('educube-warehouse', IDENTITY_AUDIENCE));
    for (const who of [district, warehouse, as(actors.cio(PEOPLE_AUDIENCE))]) {
      const read = await who.get('/v1/people/p-student-1');
      expect(read.status).toBe(403);
      expect(await read.json()).toMatchObject({ title: 'Forbidden', problems: [{ path: '/token/realm_access/roles', rule: 'role' }] });
      expect((await who.post('/v1/people/lookup', { idCardNumber: '11010519491231002X' })).status).toBe(403);
      expect((await who.put('/v1/people/p-student-1/personal-data', { fullName: '李四' })).status).toBe(403);
    }
    const anonymous = await as(undefined).get('/v1/people/p-student-1');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
    // the name is unchanged, and the refused calls left no trace of a read
    expect(await (await province.get('/v1/people/p-student-1')).json()).toMatchObject({ maskedName: '王*明' });
    const audit = running.app.get<AuditLog>(AUDIT_LOG);
    expect((await audit.byTarget('p-student-1', since)).map((e) => e.actor)).toEqual([PROVINCE.sub]);
  });

  it.each(['constructor', '__proto__'])('answers 404 for /v1/people/%s: inherited properties are no person', async (personId) => {
    const res = await province.get(`/v1/people/${personId}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, problems: [{ path: '/personId', rule: 'exists', value: personId }] });
    expect((await send('PUT', `/v1/people/${personId}/personal-data`, { fullName: '李华' })).status).toBe(404);
  });

  it('keeps the generated key beside the database, readable by its owner only, and no clear value on disk', () => {
    const keyFile = join(dir, 'pii-keys');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^dev:[A-Za-z0-9+/=]+\n$/);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(10);
    // control: what is stored in clear (the unified id) is found on disk, so the search looks where the data is
    expect(files.filter((f) => readFileSync(f).includes(Buffer.from('p-student-1'))).length).toBeGreaterThan(0);
    const clear = [Buffer.from('王小明'), Buffer.from('11010519491231002X')];
    expect(files.filter((f) => clear.some((c) => readFileSync(f).includes(c)))).toEqual([]);
  });
});
