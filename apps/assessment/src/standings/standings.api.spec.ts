import { SchoolRegisteredV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { Directory } from '@educube/identity-client';
import { directoryFrom, directoryRegion, directorySchool, visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { EvidenceService } from '../evidence/evidence.service';
import { FactsProjection } from '../projection/facts-projection';
import { type AssessmentConfig } from '../service';
import { pdf } from '../testing/documents';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';

// Standings and their region roll-ups through the running service (PGlite, a test issuer's
// tokens), with identity's tree as a directory the test changes: Ningbo (330200) with Haishu
// (330203) and Jiangbei (330205). Standings appear as facts flow in, follow a review and a
// school's move between districts, and officers see only their own region.
const HAISHU = '330203';
const JIANGBEI = '330205';
const CITY = '330200';
const a = '3302030001';
const b = '3302030002';
const c = '3302050001';

const service = actors.service('educube-gateway-service', ASSESSMENT_AUD);
const haishuOfficer: TestTokenSpec = actors.districtOfficer(ASSESSMENT_AUD, HAISHU);
const jiangbeiOfficer: TestTokenSpec = actors.districtOfficer(ASSESSMENT_AUD, JIANGBEI);
const cityOfficer: TestTokenSpec = actors.cityOfficer(ASSESSMENT_AUD, CITY);

type LabelCount = { label: string; count: number };
type Region = {
  schools: number;
  distribution: LabelCount[];
  items: { itemId: string; met: number; schools: number; rate: number }[];
  trend: { month: string; semester: string; schools: number; distribution: LabelCount[] }[];
  standards: { standard: string; schools: number; distribution: LabelCount[] }[];
  ningxia: { capped: unknown[]; distributionBeforeCap: LabelCount[] };
};
type StandingOut = { school: string; standard: string; label: string; score: number | null; district: string | null };
type Problem = { status: number; problems: { path: string; rule: string }[] };

/** Where identity's tree puts each school: the test moves them. */
const placement = new Map<string, string>([
  [a, HAISHU],
  [b, HAISHU],
  [c, JIANGBEI],
]);
const tree = (): Directory => ({
  asOf: '2027-03-01',
  regions: ['330000', CITY, HAISHU, JIANGBEI].map((code) => directoryRegion(code)),
  schools: [...placement].map(([code, region]) => directorySchool(code, region)),
});
const registered = (school: string) =>
  anEvent(SchoolRegisteredV1, { name: `学校 ${school}`, regionCode: placement.get(school) ?? HAISHU }, { subject: school });

describe('standings and region roll-ups over HTTP', () => {
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;

  const call = async (method: string, path: string, actor: TestTokenSpec, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...(await issuer.bearer(actor)), ...(body === undefined ? {} : { 'content-type': contentType }) },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & Region & Problem };
  };
  const region = async (code: string, standard?: string, who: TestTokenSpec = service) =>
    (await call('GET', `/v1/regions/${code}/standings${standard ? `?standard=${standard}` : ''}`, who)).body;
  const batch = async (schools: unknown, who: TestTokenSpec = service) => call('POST', '/v1/standings', who, { schools });
  const standingOf = async (school: string, standard: string) =>
    ((await batch([school])).body['standings'] as StandingOut[]).find((s) => s.standard === standard);
  const count = (d: LabelCount[], label: string | undefined) => d.find((x) => x.label === label)?.count ?? 0;
  /** One refresh round: stored evidence, then standings and their districts' rows. */
  const refreshed = async () => {
    await running.app.get(FactsProjection).caughtUp(feed.head);
    await running.app.get(EvidenceService).refresh();
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    feed = await startStubFeed([registered(a), registered(b)], 10);
    const visibility = visibilityFrom(() => [...placement].map(([code, regionCode]) => ({ code, regionCode })));
    running = await startService(assessmentWith(visibility, directoryFrom(tree)), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: '2027-03-01',
      ASSESSMENT_EVIDENCE_REFRESH_MS: '50',
      OIDC_ISSUER: issuer.issuer,
    });
    await refreshed();
  }, 120_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  it("stores a standing per school and standard once facts flow in, equal to the sheet's verdict", async () => {
    expect((await region(CITY, 'ningbo')).schools).toBe(2);
    expect((await region(JIANGBEI, 'ningbo')).schools).toBe(0);

    feed.push(registered(c));
    await refreshed();
    const city = await region(CITY);
    expect(city.standards.map((s) => [s.standard, s.schools])).toEqual([
      ['zhejiang', 3],
      ['ningbo', 3],
      ['wenzhou', 3],
      ['ningxia', 3],
      ['jiangsu', 3],
    ]);
    expect((await region(JIANGBEI, 'ningbo')).schools).toBe(1);

    const ningbo = await region(CITY, 'ningbo');
    expect(ningbo.distribution.reduce((n, d) => n + d.count, 0)).toBe(3);
    expect(ningbo.items.every((i) => i.schools === 3)).toBe(true);
    expect(ningbo.trend).toEqual([expect.objectContaining({ month: '2027-03', semester: '2026-2027 第二学期', schools: 3 })]);

    const { status, body } = await batch([a, b, c]);
    expect(status).toBe(200);
    expect((body['standings'] as StandingOut[]).map((s) => `${s.school}/${s.standard}`)).toHaveLength(15);
    const sheet = (await call('GET', `/v1/schools/${a}/standards/ningbo/sheet`, service)).body as unknown as { verdict: { score: number } };
    expect((await standingOf(a, 'ningbo'))?.score).toBeCloseTo(sheet.verdict.score, 3);
    const ningxia = await region(CITY, 'ningxia');
    expect(ningxia.ningxia.capped).toEqual(expect.arrayContaining([expect.objectContaining({ district: HAISHU, year: 2027, cultivated: 2 })]));
  });

  it("moves a school's Ningbo standing and its district's distribution when its review is accepted", async () => {
    const before = await standingOf(a, 'ningbo');
    const haishuBefore = await region(HAISHU, 'ningbo');
    const cio = actors.cio(ASSESSMENT_AUD, a);
    const doc = (await call('POST', `/v1/schools/${a}/documents?name=featured.pdf`, cio, pdf('特色报告'), 'application/pdf')).body;
    const item = `/v1/schools/${a}/standards/ningbo/items/F1`;
    const attested = await call('POST', `${item}/attestations`, cio, { statement: '新技术在校园环境中的创新应用报告', documents: [doc] });
    expect(attested.status).toBe(201);
    const attestationId = attested.body['attestationId'];
    expect((await call('POST', `${item}/reviews`, haishuOfficer, { attestationId, level: 'district', decision: 'accepted' })).status).toBe(201);
    // the district's acceptance alone is not the sheet's last column: nothing moves yet
    await refreshed();
    expect((await standingOf(a, 'ningbo'))?.score).toBe(before?.score);
    expect((await call('POST', `${item}/reviews`, cityOfficer, { attestationId, level: 'city', decision: 'accepted' })).status).toBe(201);
    await refreshed();

    const after = await standingOf(a, 'ningbo');
    // F1 is one of three featured items, worth 50 % ÷ 3
    expect((after?.score ?? 0) - (before?.score ?? 0)).toBeCloseTo(50 / 3, 3);
    expect(after?.label).not.toBe(before?.label);
    const haishu = await region(HAISHU, 'ningbo');
    expect(count(haishu.distribution, before?.label)).toBe(count(haishuBefore.distribution, before?.label) - 1);
    expect(count(haishu.distribution, after?.label)).toBe(count(haishuBefore.distribution, after?.label) + 1);
    expect(haishu.items.find((i) => i.itemId === 'F1')).toMatchObject({ met: 1, schools: 2, rate: 0.5 });
    // this month's item snapshot says the same: the item trend's last point
    const items = await call('GET', `/v1/regions/${HAISHU}/standings/items?standard=ningbo&months=3`, cityOfficer);
    const trend = items.body['trend'] as unknown as { month: string; items: { itemId: string; met: number; schools: number }[] }[];
    expect(trend.at(-1)?.items.find((i) => i.itemId === 'F1')).toMatchObject({ met: 1, schools: 2 });
    expect((await call('GET', `/v1/regions/${HAISHU}/standings/items?standard=ningbo`, jiangbeiOfficer)).status).toBe(404);
    const labelled = await call('GET', `/v1/regions/${CITY}/standings/schools?standard=ningbo&label=${after?.label}`, cityOfficer);
    expect(labelled.body).toEqual({ schools: [a] });
  });

  it("moves a school's counts to the district identity's tree now places it in", async () => {
    const cityBefore = await region(CITY, 'zhejiang');
    placement.set(b, JIANGBEI);
    await refreshed();
    expect((await region(HAISHU, 'zhejiang')).schools).toBe(1);
    expect((await region(JIANGBEI, 'zhejiang')).schools).toBe(2);
    expect((await region(CITY, 'zhejiang')).distribution).toEqual(cityBefore.distribution);
    expect((await standingOf(b, 'zhejiang'))?.district).toBe(JIANGBEI);
    // this month's snapshot of Haishu is overwritten, not added to
    expect((await region(HAISHU, 'zhejiang')).trend).toEqual([expect.objectContaining({ month: '2027-03', schools: 1 })]);
  });

  it("answers an officer's region and those within it; any other is the same 404 as a region that does not exist", async () => {
    expect((await call('GET', `/v1/regions/${HAISHU}/standings?standard=zhejiang`, cityOfficer)).status).toBe(200);
    expect((await call('GET', `/v1/regions/${JIANGBEI}/standings`, jiangbeiOfficer)).status).toBe(200);
    const foreign = await call('GET', `/v1/regions/${HAISHU}/standings?standard=zhejiang`, jiangbeiOfficer);
    const unknown = await call('GET', '/v1/regions/330299/standings?standard=zhejiang', jiangbeiOfficer);
    const parent = await call('GET', `/v1/regions/${CITY}/standings`, haishuOfficer);
    expect(foreign.status).toBe(404);
    const masked = (body: unknown, code: string) => JSON.parse(JSON.stringify(body).replaceAll(code, '<code>')) as unknown;
    expect(masked(foreign.body, HAISHU)).toEqual(masked(unknown.body, '330299'));
    expect(masked(parent.body, CITY)).toEqual(masked(unknown.body, '330299'));
    const schools = await call('GET', `/v1/regions/${HAISHU}/standings/schools?standard=zhejiang&label=basic-unmet`, jiangbeiOfficer);
    expect(masked(schools.body, HAISHU)).toEqual(masked(unknown.body, '330299'));
    // the batch leaves out what the officer may not see, exactly as unknown schools
    const seen = (await batch([a, b, c, '3302999999'], jiangbeiOfficer)).body['standings'] as StandingOut[];
    expect([...new Set(seen.map((s) => s.school))]).toEqual([b, c]);
    const all = (await batch([a, b, c, '3302999999'])).body['standings'] as StandingOut[];
    expect([...new Set(all.map((s) => s.school))]).toEqual([a, b, c]);
    // a school's own staff do not reach region figures
    expect((await call('GET', `/v1/regions/${HAISHU}/standings`, actors.cio(ASSESSMENT_AUD, a))).status).toBe(403);
  });

  it('refuses a bad batch or query with 400 naming the field and the rule', async () => {
    const cases: [unknown, string, string][] = [
      [undefined, '/schools', 'invalid_type'],
      [[], '/schools', 'too_small'],
      [Array.from({ length: 501 }, (_, i) => `s${i}`), '/schools', 'too_big'],
      [[42], '/schools/0', 'invalid_type'],
      [[a, 'a b'], '/schools/1', 'invalid_format'],
    ];
    for (const [schools, path, rule] of cases) {
      const res = await batch(schools);
      expect({ status: res.status, problem: res.body.problems?.[0] && { path: res.body.problems[0].path, rule: res.body.problems[0].rule } }).toEqual({
        status: 400,
        problem: { path, rule },
      });
    }
    const notObject = await call('POST', '/v1/standings', service, [a]);
    expect([notObject.status, notObject.body.problems[0]?.path, notObject.body.problems[0]?.rule]).toEqual([400, '', 'invalid_type']);
    const label = await call('GET', `/v1/regions/${CITY}/standings/schools?standard=ningxia&label=gold`, service);
    expect([label.status, label.body.problems[0]?.path, label.body.problems[0]?.rule]).toEqual([400, '/label', 'standing-label']);
    const months = await call('GET', `/v1/regions/${CITY}/standings?standard=ningxia&months=0`, service);
    expect([months.status, months.body.problems[0]?.path]).toEqual([400, '/months']);
    expect((await call('GET', `/v1/regions/${CITY}/standings?standard=texas`, service)).status).toBe(404);
  });
});
