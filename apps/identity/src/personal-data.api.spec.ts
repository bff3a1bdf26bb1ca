import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditLog } from '@educube/identity-privacy';
import { startService } from '@educube/service-kit';
import { OPEN_API_ACTOR } from './auth/access';
import { AUDIT_LOG } from './storage/storage';
import { identityService, type identityConfigSchema } from './service';

type Running = Awaited<ReturnType<typeof startService<typeof identityConfigSchema>>>;
const send = (method: string, url: string, body: unknown) => fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('personal data over the identity API (embedded default)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-pii-'));
  let running: Running;

  beforeAll(async () => {
    running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: dir });
    const registered = await send('POST', `${running.url}/v1/people/commands`, {
      commands: [
        { type: 'RegisterPerson', data: { personId: 'p-student-1', kind: 'student', effectiveOn: '2026-09-01' } },
        { type: 'RegisterPerson', data: { personId: 'p-student-2', kind: 'student', effectiveOn: '2026-09-01' } },
      ],
    });
    expect(registered.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a name and identity-card number sealed and answers only the masked name', async () => {
    const put = await send('PUT', `${running.url}/v1/people/p-student-1/personal-data`, { fullName: '王小明', idCardNumber: '11010519491231002X' });
    expect(put.status).toBe(204);
    const person = await (await fetch(`${running.url}/v1/people/p-student-1`)).json();
    expect(person).toEqual({ personId: 'p-student-1', kind: 'student', maskedName: '王*明' });
    expect(JSON.stringify(person)).not.toContain('11010519491231002X');
  });

  it('finds the person by identity-card number, case of the check digit aside', async () => {
    const res = await send('POST', `${running.url}/v1/people/lookup`, { idCardNumber: '11010519491231002x' });
    expect(await res.json()).toEqual({ personId: 'p-student-1' });
    expect((await send('POST', `${running.url}/v1/people/lookup`, { idCardNumber: '110105194912310029' })).status).toBe(404);
  });

  it.each([
    ['an invalid identity-card number', 'p-student-2', { idCardNumber: '110105194912310021' }, 400, 'invalid-id-card'],
    ["another person's identity-card number", 'p-student-2', { idCardNumber: '11010519491231002X' }, 409, 'id-card-taken'],
    ['an unknown person', 'p-nobody', { fullName: '李华' }, 404, undefined],
    ['an unknown field', 'p-student-2', { birthday: '2015-01-01' }, 400, undefined],
  ])('refuses %s with a problem that never echoes the number', async (_case, personId, body, status, rule) => {
    const res = await send('PUT', `${running.url}/v1/people/${personId}/personal-data`, body);
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(text).not.toContain('11010519491231002');
    if (rule) expect(JSON.parse(text)).toMatchObject({ problems: [{ path: 'idCardNumber', rule }] });
  });

  it('audits every read of personal data even when the API is open: who (the open API), what, which person', async () => {
    const since = new Date(Date.now() - 60_000);
    expect((await fetch(`${running.url}/v1/people/p-student-2`)).status).toBe(200);
    const audit = running.app.get<AuditLog>(AUDIT_LOG);
    const reads = await audit.byTarget('p-student-2', since);
    expect(reads.map((e) => [e.actor, e.action, e.detail?.['action']])).toContainEqual([OPEN_API_ACTOR, 'person.read', 'person.read']);
    const searches = await audit.byActor(OPEN_API_ACTOR, since);
    expect(searches.map((e) => e.action)).toContain('person.search');
  });

  it('keeps the generated key beside the database, readable by its owner only, and no clear value on disk', () => {
    const keyFile = join(dir, 'pii-keys');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^dev:[A-Za-z0-9+/=]+\n$/);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(10);
    // control: what is stored in clear (the unified id) is found on disk, so the search looks where the data is
    expect(files.filter((f) => readFileSync(f).includes(Buffer.from('p-student-1'))).length).toBeGreaterThan(0);
    const clear = [Buffer.from('王小明'), Buffer.from('11010519491231002X')];
    expect(files.filter((f) => clear.some((c) => readFileSync(f).includes(c)))).toEqual([]);
  });
});
