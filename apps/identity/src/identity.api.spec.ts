import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { identityService } from './service';
import { caller, eventCount, IDENTITY_AUDIENCE, PEOPLE_AUDIENCE, type As, type RunningIdentity } from './testing/http';
import { aRegistry, aRow, registerRegions, registry } from './testing/registry';

interface ImportAnswer {
  dryRun: boolean;
  summary: { rows: number; created: number; unchanged: number; changed: number; rejected: number };
  eventsAppended: number;
  rows: { row: number; schoolCode: string; outcome: string; fields?: string[]; reasons?: { column: string; rule: string; value: string }[] }[];
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

const table = (s: ImportAnswer['summary'], title: string) =>
  [
    title,
    '| outcome   | rows |',
    '|-----------|------|',
    ...(['created', 'unchanged', 'changed', 'rejected', 'rows'] as const).map((k) => `| ${k.padEnd(9)} | ${String(s[k]).padStart(4)} |`),
  ].join('\n');

describe('identity API (embedded storage, tokens of a test issuer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-api-'));
  let issuer: TestIssuer;
  let env: Record<string, string>;
  let running: RunningIdentity;
  const SCHOOLS = 1_200;
  // the province officer as a person signed in through the gateway; the warehouse as a service
  let province: As;
  let warehouse: As;
  const importCsv = (csv: string, query: string) => province.post(`/v1/registry/import?${query}`, csv, 'text/csv');

  beforeAll(async () => {
    issuer = await startTestIssuer();
    env = { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: dir, OIDC_ISSUER: issuer.issuer };
    const as = caller(issuer, () => running.url);
    province = as(actors.provinceOfficer(PEOPLE_AUDIENCE));
    warehouse = as(actors.service('educube-warehouse', IDENTITY_AUDIENCE));
    running = await startService(identityService, env);
    const regions = await province.post('/v1/org/commands', registerRegions());
    expect(regions.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await issuer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans a dry run of a registry of 1,200 schools and writes nothing', async () => {
    const events = await eventCount(running);
    const res = await importCsv(aRegistry(SCHOOLS), 'dryRun=true&effectiveOn=2026-09-01');
    expect(res.status).toBe(200);
    const body = await json<ImportAnswer>(res);
    expect(body.summary).toEqual({ rows: SCHOOLS, created: SCHOOLS, unchanged: 0, changed: 0, rejected: 0 });
    expect(body.eventsAppended).toBe(0);
    console.log(table(body.summary, `registry import over HTTP (dry run), ${SCHOOLS} schools`));
    expect((await warehouse.get('/v1/schools/3302030001?asOf=2026-09-01')).status).toBe(404);
    expect(await eventCount(running)).toBe(events);
  }, 60_000);

  it('imports the registry, and re-importing the same file changes nothing', async () => {
    const csv = aRegistry(SCHOOLS);
    let started = performance.now();
    const first = await json<ImportAnswer>(await importCsv(csv, 'dryRun=false&effectiveOn=2026-09-01'));
    const firstMs = Math.round(performance.now() - started);
    expect(first.summary).toMatchObject({ created: SCHOOLS, rejected: 0 });
    expect(first.eventsAppended).toBe(SCHOOLS);
    console.log(`${table(first.summary, `registry import over HTTP, ${SCHOOLS} schools`)}\n${first.eventsAppended} events appended in ${firstMs} ms`);

    started = performance.now();
    const again = await json<ImportAnswer>(await importCsv(csv, 'dryRun=false&effectiveOn=2026-10-01'));
    expect(again.summary).toEqual({ rows: SCHOOLS, created: 0, unchanged: SCHOOLS, changed: 0, rejected: 0 });
    expect(again.eventsAppended).toBe(0);
    console.log(`${table(again.summary, 'the same file again')}\nin ${Math.round(performance.now() - started)} ms`);
  }, 120_000);

  it('gives every reason for a malformed row, and problem details for a broken file', async () => {
    const csv = registry([aRow(0), aRow(5000, { 学校标识码: '33020', 办学类型: '大学', 小学班级数: '1-4' })]);
    const body = await json<ImportAnswer>(await importCsv(csv, 'dryRun=true&effectiveOn=2026-09-01'));
    expect(body.summary).toMatchObject({ unchanged: 1, rejected: 1 });
    const rejected = body.rows.find((r) => r.outcome === 'rejected');
    expect(rejected?.row).toBe(3);
    expect(rejected?.reasons?.map((r) => [r.column, r.rule, r.value])).toEqual(
      expect.arrayContaining([
        ['学校标识码', 'ten-digits', '33020'],
        ['办学类型', 'school-type', '大学'],
        ['小学班级数', 'grade-classes', '1-4'],
      ]),
    );

    const broken = await importCsv('学校标识码,学校名称\n3302030001,x\n', 'dryRun=true&effectiveOn=2026-09-01');
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    const problem = await json<{ type: string; title: string; status: number; detail: string; problems: { path: string; rule: string }[] }>(broken);
    expect(problem).toMatchObject({ status: 400, title: 'Invalid registry file' });
    expect(problem.problems.map((p) => [p.path, p.rule])).toEqual(
      expect.arrayContaining([
        ['/columns/行政区划代码', 'required-column'],
        ['/columns/办学类型', 'required-column'],
      ]),
    );

    const badDate = await json<{ status: number; problems: { path: string; rule: string }[] }>(await importCsv(csv, 'effectiveOn=2026-02-30'));
    expect(badDate).toMatchObject({ status: 400, problems: [{ path: '/effectiveOn', rule: 'iso-date' }] });
  });

  it('answers as of a date across a move between districts', async () => {
    // school 0 is in 海曙区 (330203); the registry of 2027-03-01 puts it in 江北区 (330205)
    const code = '3302030001';
    const moved = await json<ImportAnswer>(await importCsv(registry([aRow(2, { 行政区划代码: '330205' })]), 'dryRun=false&effectiveOn=2027-03-01'));
    expect(moved.rows[0]).toMatchObject({ schoolCode: code, outcome: 'changed', fields: ['行政区划代码'] });

    const before = await json<{ regionCode: string; since: string }>(await province.get(`/v1/schools/${code}?asOf=2027-02-28`));
    const after = await json<{ regionCode: string; since: string }>(await province.get(`/v1/schools/${code}?asOf=2027-03-01`));
    expect([before.regionCode, after.regionCode]).toEqual(['330203', '330205']);

    const haishu = (asOf: string) =>
      province.get(`/v1/regions/330203/schools?asOf=${asOf}`).then((r) => json<{ count: number; schools: { code: string }[] }>(r));
    const jiangbei = (asOf: string) =>
      province.get(`/v1/regions/330205/schools?asOf=${asOf}`).then((r) => json<{ count: number; schools: { code: string }[] }>(r));
    expect((await haishu('2027-02-28')).schools.map((s) => s.code)).toContain(code);
    expect((await haishu('2027-03-01')).schools.map((s) => s.code)).not.toContain(code);
    expect((await jiangbei('2027-03-01')).schools.map((s) => s.code)).toContain(code);
    expect((await province.get('/v1/regions/330200/schools?asOf=2027-03-01').then((r) => json<{ count: number }>(r))).count).toBe((SCHOOLS / 5) * 3);

    // a service (which sees every school) learns that no such school exists on the date
    const unknown = await warehouse.get('/v1/schools/3302039999?asOf=2027-03-01');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ title: 'Not found', problems: [{ path: '/code', rule: 'exists-on', value: '3302039999' }] });
    // a person is told only that it is not in their scope: the same answer as for a school of another region
    const asPerson = await province.get('/v1/schools/3302039999?asOf=2027-03-01');
    expect(asPerson.status).toBe(403);
    expect(await asPerson.json()).toMatchObject({
      detail: 'school 3302039999 is not in your scope on 2027-03-01',
      problems: [{ path: '/schoolCode', rule: 'in-scope', value: '3302039999' }],
    });
  });

  it('resolves id links in batches, and counts heads as of a date', async () => {
    const refs = [{ system: 'timetabling', localId: 'T-001' }, { system: 'attendance-card', localId: 'C-404' }, { system: '' }];
    const people = await province.post('/v1/people/commands', {
      commands: [
        { type: 'RegisterPerson', data: { personId: 'p-teacher-1', kind: 'teacher', effectiveOn: '2026-09-01' } },
        {
          type: 'AssignStaff',
          data: { personId: 'p-teacher-1', placement: { schoolCode: '3302050001', post: '专任教师', stages: ['小学'] }, effectiveOn: '2026-09-01' },
        },
        { type: 'LinkId', data: { personId: 'p-teacher-1', ref: refs[0], effectiveOn: '2026-09-01' } },
      ],
    });
    expect(people.status).toBe(200);
    // the warehouse (a hub service) and the province officer (the teacher is placed in their province today) alike
    for (const asker of [warehouse, province]) {
      const { results } = await json<{ results: unknown[] }>(await asker.post('/v1/id-links/resolve', { refs }));
      expect(results).toEqual([
        { ref: refs[0], personId: 'p-teacher-1' },
        expect.objectContaining({ ref: refs[1], unresolved: 'no-link' }),
        expect.objectContaining({ ref: refs[2], unresolved: 'invalid-ref' }),
      ]);
    }

    const count = await json<{ totals: { teachers: number } }>(await province.get('/v1/headcounts/3302050001?asOf=2026-10-01'));
    expect(count.totals.teachers).toBe(1);
    // before the registry had the school: a service gets the empty count; to an officer it is in no one's scope yet
    expect((await json<{ totals: { teachers: number } }>(await warehouse.get('/v1/headcounts/3302050001?asOf=2026-08-31'))).totals.teachers).toBe(0);
    expect((await province.get('/v1/headcounts/3302050001?asOf=2026-08-31')).status).toBe(403);

    const conflict = await province.post('/v1/people/commands', {
      commands: [
        { type: 'RegisterPerson', data: { personId: 'p-2', kind: 'teacher', effectiveOn: '2026-09-01' } },
        { type: 'LinkId', data: { personId: 'p-2', ref: refs[0], effectiveOn: '2026-09-01' } },
      ],
    });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ type: expect.stringContaining('id-link-conflict'), status: 409 });
  });

  it('rebuilds the same tree and people from the event store after a restart', async () => {
    await running.close();
    running = await startService(identityService, env);
    const school = await json<{ regionCode: string }>(await province.get('/v1/schools/3302030001?asOf=2027-03-01'));
    expect(school.regionCode).toBe('330205');
    const again = await json<ImportAnswer>(await importCsv(aRegistry(SCHOOLS), 'dryRun=true&effectiveOn=2027-03-01'));
    expect(again.summary).toMatchObject({ unchanged: SCHOOLS - 1, changed: 1 }); // the moved school, moved back by the file
    const { results } = await json<{ results: unknown[] }>(
      await warehouse.post('/v1/id-links/resolve', { refs: [{ system: 'timetabling', localId: 'T-001' }] }),
    );
    expect(results).toEqual([{ ref: { system: 'timetabling', localId: 'T-001' }, personId: 'p-teacher-1' }]);
  }, 60_000);
});
