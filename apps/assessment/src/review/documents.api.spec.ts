import { createHash } from 'node:crypto';
import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import type { SqlDatabase } from '@educube/postgres';
import { startService, type RunningService } from '@educube/service-kit';
import { type AssessmentConfig } from '../service';
import { SQL_DATABASE } from '../storage/storage';
import { HTML_PAGE, pdf, PNG_1x1 } from '../testing/documents';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';

// Evidence documents: allow-listed by their bytes, stored per school and hash, downloaded only
// by the school's CIO and principal and the officers covering it, and always as an attachment
// the browser neither sniffs nor renders. Two schools (Haishu 330203, Jiangbei 330205): nothing
// one does reaches the other's documents. Every refusal stores nothing and records nothing.
const schoolA = '3302030001';
const schoolB = '3302050001';
const cioA = actors.cio(ASSESSMENT_AUD, schoolA);
const principalA = actors.principal(ASSESSMENT_AUD, schoolA);
const teacherA = actors.teacher(ASSESSMENT_AUD, schoolA);
const cioB = actors.cio(ASSESSMENT_AUD, schoolB);
const haishu = actors.districtOfficer(ASSESSMENT_AUD, '330203');
const jiangbei = actors.districtOfficer(ASSESSMENT_AUD, '330205');
const ningbo = actors.cityOfficer(ASSESSMENT_AUD, '330200');
const zhejiang = actors.provinceOfficer(ASSESSMENT_AUD);
const gateway = actors.service('educube-gateway-service', ASSESSMENT_AUD);
const item = encodeURIComponent('(一)1.(4)');

type Problem = { status: number; problems?: { path: string; rule: string; value?: unknown }[] };
type DocumentRef = { name: string; mediaType: string; bytes: number; sha256: string };
type StoredRow = { school: string; sha256: string; media_type: string; uploaded_by: string };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('evidence documents over HTTP', () => {
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;
  let db: SqlDatabase;

  const send = async (method: string, path: string, actor: TestTokenSpec | undefined, body?: Buffer | object, contentType = 'application/json') =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { ...(actor ? await issuer.bearer(actor) : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> & Problem });
  const upload = async (actor: TestTokenSpec, school: string, bytes: Buffer, contentType: string, name = 'evidence.pdf') =>
    json(await send('POST', `/v1/schools/${school}/documents?name=${encodeURIComponent(name)}`, actor, bytes, contentType));
  const download = (actor: TestTokenSpec | undefined, school: string, hash: string) => send('GET', `/v1/schools/${school}/documents/${hash}`, actor);
  const attest = async (actor: TestTokenSpec, school: string, documents: DocumentRef[]) =>
    json(await send('POST', `/v1/schools/${school}/standards/zhejiang/items/${item}/attestations`, actor, { statement: '已通过等保2.0三级测评', documents }));
  /** Everything the documents table holds, and every review event either school has. */
  const recorded = async () => {
    const { rows } = await db.query<StoredRow>('select school, sha256, media_type, uploaded_by from assessment_school_documents order by school, sha256');
    const history = async (school: string, reader: TestTokenSpec) =>
      ((await json(await send('GET', `/v1/schools/${school}/standards/zhejiang/reviews`, reader))).body['history'] as unknown[]).length;
    return { documents: rows, historyA: await history(schoolA, haishu), historyB: await history(schoolB, jiangbei) };
  };
  const refusal = (r: { status: number; body: Problem }) => ({ status: r.status, path: r.body.problems?.[0]?.path, rule: r.body.problems?.[0]?.rule });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    feed = await startStubFeed([], 10);
    const identity = visibilityFrom([
      { code: schoolA, regionCode: '330203' },
      { code: schoolB, regionCode: '330205' },
    ]);
    running = await startService(assessmentWith(identity), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '50',
      OIDC_ISSUER: issuer.issuer,
    });
    db = running.app.get(SQL_DATABASE);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  describe('uploads are allow-listed by their bytes', () => {
    it('refuses HTML declared as text/html (415 media-type.allowed), and stores nothing', async () => {
      const before = await recorded();
      for (const type of ['text/html', 'text/html; charset=utf-8', 'image/svg+xml', 'application/xhtml+xml']) {
        const res = await upload(cioA, schoolA, HTML_PAGE, type, 'page.html');
        expect({ type, ...refusal(res) }).toEqual({ type, status: 415, path: '/headers/content-type', rule: 'media-type.allowed' });
      }
      expect(await recorded()).toEqual(before);
    });

    it('refuses HTML bytes declared application/pdf, and an image declared as a PDF (415 media-type.matches-content), and stores nothing', async () => {
      const before = await recorded();
      const cases: [Buffer, string][] = [
        [HTML_PAGE, 'application/pdf'],
        [HTML_PAGE, 'image/png'],
        [PNG_1x1, 'application/pdf'],
        [pdf('a pdf'), 'image/png'],
      ];
      for (const [bytes, type] of cases) {
        const res = await upload(cioA, schoolA, bytes, type);
        expect({ type, ...refusal(res) }).toEqual({ type, status: 415, path: '/headers/content-type', rule: 'media-type.matches-content' });
      }
      expect(await recorded()).toEqual(before);
    });

    it('stores a real PDF and PNG with the type their bytes have', async () => {
      const report = pdf('等保2.0 测评报告');
      const up = await upload(cioA, schoolA, report, 'application/pdf', 'report.pdf');
      expect(up).toEqual({ status: 201, body: { name: 'report.pdf', mediaType: 'application/pdf', bytes: report.length, sha256: sha256(report) } });
      const photo = await upload(principalA, schoolA, PNG_1x1, 'image/png', '机房.png');
      expect(photo).toEqual({ status: 201, body: { name: '机房.png', mediaType: 'image/png', bytes: PNG_1x1.length, sha256: sha256(PNG_1x1) } });
      expect((await recorded()).documents).toEqual(
        [
          { school: schoolA, sha256: sha256(PNG_1x1), media_type: 'image/png', uploaded_by: principalA.sub },
          { school: schoolA, sha256: sha256(report), media_type: 'application/pdf', uploaded_by: cioA.sub },
        ].sort((a, b) => a.sha256.localeCompare(b.sha256)),
      );
    });
  });

  describe('downloads', () => {
    const letter = pdf('school A only: 网络安全责任书');
    let hash: string;
    beforeAll(async () => {
      const up = await upload(cioA, schoolA, letter, 'application/pdf', 'letter.pdf');
      expect(up.status).toBe(201);
      hash = up.body['sha256'] as string;
    });

    it('serves the bytes as an attachment, never sniffed nor rendered, to the school and its covering officers', async () => {
      for (const who of [cioA, principalA, haishu, ningbo, zhejiang]) {
        const res = await download(who, schoolA, hash);
        expect({ who: who.sub, status: res.status }).toEqual({ who: who.sub, status: 200 });
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('content-disposition')).toMatch(/^attachment\b/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
        expect(Buffer.from(await res.arrayBuffer()).equals(letter)).toBe(true);
      }
    });

    it("refuses the school's teachers (403), and gives them no bytes", async () => {
      const before = await recorded();
      const res = await download(teacherA, schoolA, hash);
      const text = await res.text();
      expect(res.status).toBe(403);
      expect(JSON.parse(text)).toMatchObject({ problems: [{ rule: 'role' }] });
      expect(text).not.toContain('%PDF');
      expect(await recorded()).toEqual(before);
    });

    it("refuses another district's officer, a hub service and anyone without a token, with no bytes", async () => {
      for (const [who, status, rule] of [
        [jiangbei, 403, 'scope.cover'],
        [gateway, 403, 'role'],
        [undefined, 401, 'bearer-token'],
      ] as const) {
        const res = await download(who, schoolA, hash);
        const text = await res.text();
        expect({ who: who?.sub, status: res.status, rule: (JSON.parse(text) as Problem).problems?.[0]?.rule }).toEqual({ who: who?.sub, status, rule });
        expect(text).not.toContain('%PDF');
      }
    });

    it("school B's CIO cannot download school A's document even with its hash, nor cite it (422 document.uploaded); nothing is recorded", async () => {
      const before = await recorded();
      // through A's path: A is not B's CIO's school
      const throughA = await download(cioB, schoolA, hash);
      const textA = await throughA.text();
      expect({ status: throughA.status, rule: (JSON.parse(textA) as Problem).problems?.[0]?.rule }).toEqual({ status: 403, rule: 'scope.cover' });
      expect(textA).not.toContain('%PDF');
      // through B's own path: B holds no document with that hash
      const throughB = await download(cioB, schoolB, hash);
      const textB = await throughB.text();
      expect({ status: throughB.status, rule: (JSON.parse(textB) as Problem).problems?.[0]?.rule }).toEqual({ status: 404, rule: 'document.uploaded' });
      expect(textB).not.toContain('%PDF');
      // citing it in B's attestation
      const cited = await attest(cioB, schoolB, [{ name: 'letter.pdf', mediaType: 'application/pdf', bytes: letter.length, sha256: hash }]);
      expect(refusal(cited)).toEqual({ status: 422, path: '/documents/0/sha256', rule: 'document.uploaded' });
      // nor in A's, as if it were A's CIO's
      const forA = await attest(cioB, schoolA, [{ name: 'letter.pdf', mediaType: 'application/pdf', bytes: letter.length, sha256: hash }]);
      expect(forA.status).toBe(403);
      expect(await recorded()).toEqual(before);
    });
  });

  it('two schools uploading the same bytes each get their own copy, and each may cite it', async () => {
    const shared = pdf('教育局下发的统一模板');
    const hash = sha256(shared);
    const byA = await upload(cioA, schoolA, shared, 'application/pdf', 'template-a.pdf');
    const byB = await upload(cioB, schoolB, shared, 'application/pdf', 'template-b.pdf');
    expect([byA.status, byB.status]).toEqual([201, 201]);
    expect([byA.body['sha256'], byB.body['sha256']]).toEqual([hash, hash]);
    expect((await recorded()).documents.filter((r) => r.sha256 === hash)).toEqual([
      { school: schoolA, sha256: hash, media_type: 'application/pdf', uploaded_by: cioA.sub },
      { school: schoolB, sha256: hash, media_type: 'application/pdf', uploaded_by: cioB.sub },
    ]);
    for (const [who, school] of [
      [cioA, schoolA],
      [cioB, schoolB],
    ] as const) {
      const res = await download(who, school, hash);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(shared)).toBe(true);
    }
    const citedB = await attest(cioB, schoolB, [byB.body as unknown as DocumentRef]);
    expect(citedB.status).toBe(201);
    expect((await recorded()).historyB).toBe(1);
  });
});
