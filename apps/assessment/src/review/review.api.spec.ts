import { createHash } from 'node:crypto';
import { SchoolRegisteredV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import type { SqlDatabase } from '@educube/postgres';
import { startService, type RunningService } from '@educube/service-kit';
import { FactsProjection } from '../projection/facts-projection';
import { type AssessmentConfig } from '../service';
import { SQL_DATABASE } from '../storage/storage';
import { pdf } from '../testing/documents';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';

// The review workflow over HTTP with real bearer tokens (a test issuer's discovery and keys) and
// identity's tree (Xingqing 640104, Xixia 640105): upload, attest, review level by level,
// override, and the sheet's and the 认定表's columns. Refusals name the field and the rule, and
// change nothing.
const school = '6401040001';
const other = '6401050001';
const cio = actors.cio(ASSESSMENT_AUD, school);
const teacher = actors.teacher(ASSESSMENT_AUD, school);
const district: TestTokenSpec = { ...actors.districtOfficer(ASSESSMENT_AUD, '640104'), sub: 'officer.xingqing' };
const otherDistrict: TestTokenSpec = { ...actors.districtOfficer(ASSESSMENT_AUD, '640105'), sub: 'officer.xixia' };
const region: TestTokenSpec = { ...actors.provinceOfficer(ASSESSMENT_AUD), sub: 'officer.ningxia', regionCode: '640000' };
const plan = pdf('共建和审核制度 (a test document)');

type Problem = { status: number; problems: { path: string; rule: string; message: string }[] };
type Row = { itemId: string; met: boolean; points: number | undefined; status: string; override: string };

describe('attestations and review over HTTP', () => {
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;
  const call = async (method: string, path: string, actor: TestTokenSpec | undefined, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...(actor ? await issuer.bearer(actor) : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Record<string, unknown> & Problem,
    };
  };
  const item = (n: string) => `/v1/schools/${school}/standards/ningxia/items/${n}`;
  const sheetRow = async (column: string, itemId: string): Promise<Row> => {
    const { body } = await call('GET', `/v1/schools/${school}/standards/ningxia/sheet?asOf=2027-03-01&column=${column}`, district);
    return (body['rows'] as Row[]).find((r) => r.itemId === itemId) as Row;
  };
  const storedDocuments = async () =>
    (
      await running.app
        .get<symbol, SqlDatabase>(SQL_DATABASE)
        .query<{ school: string; sha256: string; uploaded_by: string }>(
          'select school, sha256, uploaded_by from assessment_school_documents order by school, sha256',
        )
    ).rows;
  const historyLength = async () => ((await call('GET', `/v1/schools/${school}/standards/ningxia/reviews`, district)).body['history'] as unknown[]).length;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    feed = await startStubFeed(
      [
        anEvent(SchoolRegisteredV1, { name: '银川市兴庆区第一小学', regionCode: '640104' }, { subject: school }),
        anEvent(SchoolRegisteredV1, { name: '银川市西夏区第一小学', regionCode: '640105' }, { subject: other }),
      ],
      10,
    );
    const identity = visibilityFrom([
      { code: school, regionCode: '640104' },
      { code: other, regionCode: '640105' },
    ]);
    running = await startService(assessmentWith(identity), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: '2027-03-01',
      OIDC_ISSUER: issuer.issuer,
    });
    await running.app.get(FactsProjection).caughtUp(feed.head);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  let document: { name: string; mediaType: string; bytes: number; sha256: string };
  let attestationId: string;

  it('stores an uploaded document by its content hash, once', async () => {
    const up = await call('POST', `/v1/schools/${school}/documents?name=${encodeURIComponent('共建和审核制度.pdf')}`, cio, plan, 'application/pdf');
    expect(up.status).toBe(201);
    document = up.body as unknown as typeof document;
    expect(document).toEqual({
      name: '共建和审核制度.pdf',
      mediaType: 'application/pdf',
      bytes: plan.length,
      sha256: createHash('sha256').update(plan).digest('hex'),
    });
    expect((await call('POST', `/v1/schools/${school}/documents?name=again.pdf`, cio, plan, 'application/pdf')).body['sha256']).toBe(document.sha256);
    const down = await fetch(`${running.url}/v1/schools/${school}/documents/${document.sha256}`, { headers: await issuer.bearer(district) });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(plan)).toBe(true);
    expect((await call('GET', `/v1/schools/${school}/documents/${document.sha256}`, otherDistrict)).status).toBe(403);
    expect((await call('POST', `/v1/schools/${school}/documents?name=x.pdf`, teacher, plan, 'application/pdf')).status).toBe(403);
    const empty = await call('POST', `/v1/schools/${school}/documents?name=x.pdf`, cio, Buffer.alloc(0), 'application/pdf');
    // an empty body says so, before any check of what kind of file it would be
    expect({ status: empty.status, problem: empty.body.problems?.[0]?.rule }).toEqual({ status: 400, problem: 'non-empty' });
    expect(await storedDocuments()).toEqual([{ school, sha256: document.sha256, uploaded_by: cio.sub }]);
  });

  it('refuses bad attestations with the field and rule, and records nothing', async () => {
    const cases: [TestTokenSpec, object, number, string, string][] = [
      // a teacher is not among the route's roles: refused before the body is read
      [teacher, { statement: 's', documents: [document] }, 403, '/token/realm_access/roles', 'role'],
      // another district's officer may not attest (nor see the school)
      [otherDistrict, { statement: 's', documents: [document] }, 403, '/token/realm_access/roles', 'role'],
      // another school's CIO attests only for their own school
      [actors.cio(ASSESSMENT_AUD, other), { statement: 's', documents: [document] }, 403, '/school', 'scope.cover'],
      [cio, { statement: '   ', documents: [document] }, 422, '/data/statement', 'custom'],
      [cio, { statement: 's', documents: [] }, 422, '/data/documents', 'too_small'],
      [cio, { statement: 's', documents: [{ ...document, sha256: 'b'.repeat(64) }] }, 422, '/documents/0/sha256', 'document.uploaded'],
      [cio, { statement: 's', documents: [{ ...document, bytes: 3 }] }, 422, '/documents/0/bytes', 'document.bytes'],
    ];
    for (const [actor, body, status, path, rule] of cases) {
      const res = await call('POST', `${item('18')}/attestations`, actor, body);
      expect({ status: res.status, problem: res.body.problems?.[0] && { path: res.body.problems[0].path, rule: res.body.problems[0].rule } }).toEqual({
        status,
        problem: { path, rule },
      });
    }
    const derived = await call('POST', `${item('4')}/attestations`, cio, { statement: 's', documents: [document] });
    expect(derived.status).toBe(422);
    expect(derived.body.problems[0]).toMatchObject({ path: '/data/itemId', rule: 'item.derived' });
    expect((await call('POST', `/v1/schools/${school}/standards/texas/items/1/attestations`, cio, { statement: 's', documents: [document] })).status).toBe(404);
    expect(await historyLength()).toBe(0);
    expect(await storedDocuments()).toEqual([{ school, sha256: document.sha256, uploaded_by: cio.sub }]);
  });

  it('runs the chain: the school attests, the district accepts with points, the region has not acted', async () => {
    const attested = await call('POST', `${item('18')}/attestations`, cio, {
      statement: '学校建立了教育云资源共建和审核制度，附激励考核结果。',
      documents: [document],
    });
    expect(attested.status).toBe(201);
    attestationId = attested.body['attestationId'] as string;
    expect(attested.body['status']).toMatch(/^submitted, awaiting district/);
    expect(await sheetRow('self', '18')).toMatchObject({ met: true, points: 2 });
    expect(await sheetRow('district', '18')).toMatchObject({ met: false, points: 0 });

    const early = await call('POST', `${item('18')}/reviews`, region, { attestationId, level: 'region', decision: 'accepted' });
    expect(early.status).toBe(422);
    expect(early.body.problems[0]).toMatchObject({ path: '/data/level', rule: 'level.outOfOrder' });
    const foreign = await call('POST', `${item('18')}/reviews`, otherDistrict, { attestationId, level: 'district', decision: 'accepted' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.problems[0]).toMatchObject({ rule: 'scope.cover' });
    const silent = await call('POST', `${item('18')}/reviews`, district, { attestationId, level: 'district', decision: 'rejected', comment: ' ' });
    expect(silent.status).toBe(422);
    expect(silent.body.problems[0]).toMatchObject({ path: '/data/comment', rule: 'comment.requiredOnRejection' });
    const tooMany = await call('POST', `${item('18')}/reviews`, district, { attestationId, level: 'district', decision: 'accepted', points: 3 });
    expect(tooMany.body.problems[0]).toMatchObject({ path: '/data/points', rule: 'points.aboveItem' });

    const accepted = await call('POST', `${item('18')}/reviews`, district, {
      attestationId,
      level: 'district',
      decision: 'accepted',
      comment: '制度齐全',
      points: 1.5,
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body['status']).toMatch(/^accepted by district .* with 1.5 points, awaiting region/);
    expect(await sheetRow('district', '18')).toMatchObject({ met: true, points: 1.5 });
    expect(await sheetRow('region', '18')).toMatchObject({ met: false, points: 0 });
    expect(await historyLength()).toBe(2);
  });

  it('overrides a derived value only with a reason, and the sheet shows who and why', async () => {
    const bare = await call('POST', `${item('4')}/overrides`, district, { level: 'district', met: true, reason: '' });
    expect(bare.status).toBe(422);
    expect(bare.body.problems[0]).toMatchObject({ path: '/data/reason' });
    expect((await sheetRow('district', '4')).met).toBe(false);
    const done = await call('POST', `${item('4')}/overrides`, district, { level: 'district', met: true, reason: '互动终端在区平台登记，校方系统未上报' });
    expect(done.status).toBe(201);
    const row = await sheetRow('district', '4');
    expect(row.met).toBe(true);
    expect(row.override).toContain('互动终端在区平台登记');
    expect(row.override).toContain('officer.xingqing');
    expect((await sheetRow('self', '4')).met).toBe(false);
  });

  it('fills the 认定表: school and 教育局 columns scored, 教育厅 blank until the region acts', async () => {
    const res = await fetch(`${running.url}/v1/schools/${school}/standards/ningxia/form?format=csv&asOf=2027-03-01`, {
      headers: await issuer.bearer(district),
    });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const grid = (await res.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .map((l) => l.split(','));
    expect(grid.some((r) => r.includes('银川市兴庆区第一小学'))).toBe(true);
    const total = grid.find((r) => r.includes('合计')) ?? [];
    const [self, bureau, department] = total.slice(-3);
    expect(Number(self)).toBeGreaterThan(0);
    expect(Number(bureau)).toBeGreaterThan(0);
    expect(department).toBe('');
  });
});
