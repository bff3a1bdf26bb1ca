import { SchoolRegisteredV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { Directory } from '@educube/identity-client';
import { directoryFrom, directoryRegion, directorySchool, visibilityFrom } from '@educube/identity-client/testing';
import type { SqlDatabase } from '@educube/postgres';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { EvidenceService } from '../evidence/evidence.service';
import { FactsProjection } from '../projection/facts-projection';
import type { AssessmentConfig } from '../service';
import { SQL_DATABASE } from '../storage/storage';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';

// Ningxia's region rulings through the running service: Yinchuan (640100) with Xingqing (640104)
// and Jinfeng (640106). Ten Xingqing schools stand as the refresh stores them; four of them are
// then given the standings a three-star sheet would (the test writes them as the refresh
// would), so the district's 30 % cap has something to hold back, and granted ratings of earlier
// years make 第十四条 lower one school.
const CITY = '640100';
const XINGQING = '640104';
const JINFENG = '640106';
const schools = Array.from({ length: 10 }, (_, i) => `64010400${String(i).padStart(2, '0')}`);
const elsewhere = '6401060001';
const placement = new Map<string, string>([...schools.map((s) => [s, XINGQING] as const), [elsewhere, JINFENG]]);
const tree = (): Directory => ({
  asOf: '2027-03-01',
  regions: ['640000', CITY, XINGQING, JINFENG].map((code) => directoryRegion(code)),
  schools: [...placement].map(([code, region]) => directorySchool(code, region)),
});

const service = actors.service('educube-gateway-service', ASSESSMENT_AUD);
const xingqing: TestTokenSpec = actors.districtOfficer(ASSESSMENT_AUD, XINGQING);
const jinfeng: TestTokenSpec = actors.districtOfficer(ASSESSMENT_AUD, JINFENG);

type SchoolRuling = {
  school: string;
  total: number;
  stars: number;
  starsAfterCap: number;
  capped: boolean;
  finalStars: number;
  downgraded: boolean;
  history: { year: number; stars: number }[];
  reasons: string[];
};
type Rulings = {
  year: number;
  districts: {
    district: string;
    name: string | null;
    cultivated: number;
    places: number;
    threeStarByScore: number;
    threeStarAfterCap: number;
    heldBack: string[];
    downgraded: string[];
    schools: SchoolRuling[];
  }[];
};
type Problem = { status: number; detail: string; problems: { path: string; rule: string; message: string }[] };

describe('Ningxia region rulings over HTTP', () => {
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;

  const call = async <T>(method: string, path: string, actor: TestTokenSpec, body?: unknown) => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...(await issuer.bearer(actor)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    feed = await startStubFeed(
      [...placement].map(([school, regionCode]) => anEvent(SchoolRegisteredV1, { name: `学校 ${school}`, regionCode }, { subject: school })),
      50,
    );
    const visibility = visibilityFrom(() => [...placement].map(([code, regionCode]) => ({ code, regionCode })));
    running = await startService(assessmentWith(visibility, directoryFrom(tree)), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: '2027-03-01',
      ASSESSMENT_EVIDENCE_REFRESH_MS: '600000',
      OIDC_ISSUER: issuer.issuer,
    });
    await running.app.get(FactsProjection).caughtUp(feed.head);
    await running.app.get(EvidenceService).refresh();
    // Four schools with three-star sheets (88, 86, 84, 82 points); the others keep the refresh's standing.
    const db = running.app.get<SqlDatabase>(SQL_DATABASE);
    for (const [i, total] of [88, 86, 84, 82].entries()) {
      await db.query("update assessment_standing set score = $2, stars = 3, stars_by_score = 3, label = '3-star' where school = $1 and standard = 'ningxia'", [
        schools[i],
        total,
      ]);
    }
  }, 120_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  it('applies the 30 % cap per district with its reasons, and 第十四条 from the granted ratings', async () => {
    // The fourth three-star school (82) was granted two stars in 2025 and 2026.
    for (const year of [2025, 2026]) {
      const put = await call<{ school: string; year: number; stars: number; recordedBy: string }>(
        'PUT',
        `/v1/schools/${schools[3]}/ningxia/ratings/${year}`,
        xingqing,
        { stars: 2, note: '自治区教育厅认定' },
      );
      expect(put).toMatchObject({ status: 200, body: { school: schools[3], year, stars: 2, recordedBy: `officer.${XINGQING}` } });
    }
    const { status, body } = await call<Rulings>('GET', `/v1/regions/${CITY}/ningxia/rulings`, service);
    expect(status).toBe(200);
    expect(body.year).toBe(2027);
    expect(body.districts.map((d) => d.district)).toEqual([XINGQING, JINFENG]);
    const d = body.districts[0];
    expect(d).toMatchObject({ cultivated: 10, places: 3, threeStarByScore: 4, threeStarAfterCap: 3, heldBack: [schools[3]], downgraded: [schools[3]] });
    const held = d?.schools.find((s) => s.school === schools[3]);
    expect(held).toMatchObject({
      total: 82,
      stars: 3,
      starsAfterCap: 2,
      capped: true,
      finalStars: 0,
      downgraded: true,
      history: [
        { year: 2025, stars: 2 },
        { year: 2026, stars: 2 },
      ],
    });
    expect(held?.reasons.join(' | ')).toMatch(/4th by score: beyond the cap.*\| 2 stars held 3 consecutive years 2025–2027.*cancelled/);
    expect(d?.schools.find((s) => s.school === schools[0])).toMatchObject({ starsAfterCap: 3, finalStars: 3, downgraded: false });
  });

  it('refuses a rating 第十条 does not have, a year out of range, and a year it does not rule on, naming the field', async () => {
    const one = await call<Problem>('PUT', `/v1/schools/${schools[1]}/ningxia/ratings/2026`, xingqing, { stars: 1 });
    expect(one.status).toBe(400);
    expect(one.body.problems[0]).toMatchObject({ path: '/stars' });
    expect(one.body.problems[0]?.message).toMatch(/no 一星级/);
    const future = await call<Problem>('PUT', `/v1/schools/${schools[1]}/ningxia/ratings/2999`, xingqing, { stars: 2 });
    expect(future).toMatchObject({ status: 400, body: { problems: [{ path: '/year', rule: 'rating-year' }] } });
    // the years run to the one the hub rates (its as-of date, 2027 here), whatever the wall clock says
    expect((await call<Problem>('PUT', `/v1/schools/${schools[2]}/ningxia/ratings/2028`, xingqing, { stars: 2 })).status).toBe(400);
    expect((await call<{ year: number }>('PUT', `/v1/schools/${schools[2]}/ningxia/ratings/2027`, xingqing, { stars: 3 })).body).toMatchObject({
      year: 2027,
      stars: 3,
    });
    const unknown = await call<Problem>('PUT', `/v1/schools/${schools[1]}/ningxia/ratings/2026`, xingqing, { stars: 2, by: 'someone' });
    expect(unknown.status).toBe(400);
    const other = await call<Problem>('GET', `/v1/regions/${CITY}/ningxia/rulings?year=2026`, service);
    expect(other).toMatchObject({ status: 422, body: { problems: [{ path: '/year', rule: 'rating-year' }] } });
    // nothing refused was recorded
    const kept = await call<{ ratings: unknown[] }>('GET', `/v1/schools/${schools[1]}/ningxia/ratings`, xingqing);
    expect(kept).toMatchObject({ status: 200, body: { ratings: [] } });
  });

  it('keeps each officer to their own region: another district neither reads its rulings nor records its ratings', async () => {
    expect((await call<Problem>('GET', `/v1/regions/${XINGQING}/ningxia/rulings`, jinfeng)).status).toBe(404);
    expect((await call<Problem>('PUT', `/v1/schools/${schools[1]}/ningxia/ratings/2026`, jinfeng, { stars: 2 })).status).toBe(403);
    const own = await call<Rulings>('GET', `/v1/regions/${JINFENG}/ningxia/rulings`, jinfeng);
    expect(own.body.districts.map((d) => d.district)).toEqual([JINFENG]);
  });
});
