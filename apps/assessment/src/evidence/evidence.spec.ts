import { STANDARD_IDS } from '@educube/assessment-catalog';
import { applyAll, CLASSIFICATIONS, emptyFacts, hasChecks, optionsFor, referenceFigures } from '@educube/assessment-engine';
import { ResourceUploadedV1, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { eventStream, simulateProvince } from '@educube/simulator';
import { FactsProjection } from '../projection/facts-projection';
import { type AssessmentConfig } from '../service';
import { openDatabase, SQL_DATABASE } from '../storage/storage';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';
import { type StoredEvidence } from './evidence-store';
import { computeEvidence } from './evidence-rules';
import { EvidenceService } from './evidence.service';
import { rebuildEvidence } from './rebuild';

// Two simulated schools' first three weeks, fed in pages of 250: the stored evidence follows
// the feed, carries its provenance, and a replay from the assessment's own table gives the
// same digests as the page-by-page evaluation.
const province = simulateProvince({ seed: 7, schools: 2, teachersPerSchool: 20, studentsPerSchool: 200 });
const events = [...eventStream(province, { seed: 7, from: new Date('2026-09-01'), days: 21 })];
const [first, second] = province.schools.map((s) => s.code);
if (!first || !second) throw new Error('the simulator made fewer than two schools');
const asOf = '2026-09-21';
// derived and derived+attested items have evidence (the latter's checks part)
const derivedCount = STANDARD_IDS.reduce((n, s) => n + Object.values(CLASSIFICATIONS[s]).filter(hasChecks).length, 0);

type Body = { asOf: string; evaluatedPosition: string; evidence: StoredEvidence[] };

describe('stored evidence with provenance', () => {
  let feed: StubFeed;
  let issuer: TestIssuer;
  let running: RunningService<AssessmentConfig>;
  // the province's officer, who covers both simulated schools by identity's tree
  let officer: { authorization: string };
  const get = (path: string) => fetch(`${running.url}${path}`, { headers: officer });
  const evidenceOf = async (query: string): Promise<{ status: number; body: Body }> => {
    const res = await get(`/v1/schools/${first}/evidence${query}`);
    return { status: res.status, body: (await res.json()) as Body };
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    officer = await issuer.bearer(actors.provinceOfficer(ASSESSMENT_AUD));
    feed = await startStubFeed(events, 250);
    running = await startService(assessmentWith(visibilityFrom(province.schools.map((s) => ({ code: s.code, regionCode: s.regionCode })))), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      OIDC_ISSUER: issuer.issuer,
      ASSESSMENT_FEED_PAGE: '250',
      ASSESSMENT_POLL_MS: '20',
      ASSESSMENT_AS_OF: asOf,
      ASSESSMENT_EVIDENCE_REFRESH_MS: '30',
    });
    await running.app.get(FactsProjection).caughtUp(feed.head);
    await running.app.get(EvidenceService).refresh();
  }, 120_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  it('stores every derived item of every standard for each school, with value, window, formula, threshold, points and sample ids', async () => {
    const { status, body } = await evidenceOf('');
    expect(status).toBe(200);
    expect(body.evidence).toHaveLength(derivedCount);
    expect(body.evaluatedPosition).toBe(feed.head.toString());
    for (const e of body.evidence) {
      expect(e).toMatchObject({
        basis: expect.stringMatching(/^derived(\+attested)?$/),
        computedAsOf: asOf,
        feedPosition: expect.stringMatching(/^\d+$/),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(typeof e.formula).toBe('string');
      expect(e.window.to <= asOf).toBe(true);
      expect(e.sampleIds.length).toBeLessThanOrEqual(Math.min(5, e.contributing));
      expect(Number.isNaN(Date.parse(e.computedAt))).toBe(false);
    }
    expect(body.evidence.filter((e) => e.contributing > 0).length).toBeGreaterThan(derivedCount / 3);
  });

  it('equals an evaluation of all events at once, and a replay from its own table finds every digest identical', async () => {
    const stored = (await evidenceOf('')).body.evidence;
    const all = [first, second].map((s) => applyAll(emptyFacts(s), events));
    const facts = all[0] ?? emptyFacts(first);
    const direct = computeEvidence(facts, optionsFor(facts, asOf, referenceFigures(all, asOf)));
    expect(new Map(stored.map((e) => [`${e.standard}|${e.itemId}`, e.digest]))).toEqual(
      new Map(direct.map((r) => [`${r.standard}|${r.evidence.itemId}`, r.digest])),
    );
    const progress: number[] = [];
    const result = await rebuildEvidence(running.app.get(SQL_DATABASE), (p) => progress.push(p.done));
    expect(result).toMatchObject({ events: events.length, schools: 2, rows: 2 * derivedCount, identical: 2 * derivedCount, different: [] });
    expect(progress).toEqual([1, 2]);
  });

  it('narrows to one standard and item, and says why an attested or unknown item has none', async () => {
    const one = await evidenceOf('?standard=ningxia&item=23');
    expect(one.status).toBe(200);
    expect(one.body.evidence).toHaveLength(1);
    expect(one.body.evidence[0]).toMatchObject({ itemId: '23', standard: 'ningxia' });
    const attestedItem = Object.entries(CLASSIFICATIONS.ningxia).find(([, c]) => c.basis === 'attested')?.[0];
    const none = await get(`/v1/schools/${first}/evidence?standard=ningxia&item=${encodeURIComponent(attestedItem ?? '')}`);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { detail: string }).detail).toContain('attested items have none');
    expect((await get(`/v1/schools/${first}/evidence?standard=texas`)).status).toBe(404);
  });

  it('rewrites only the rows a new event changes, at the new feed position; the other school is untouched', async () => {
    const before = new Map((await evidenceOf('')).body.evidence.map((e) => [`${e.standard}|${e.itemId}`, e]));
    const other = (await get(`/v1/schools/${second}/evidence`).then((r) => r.json())) as Body;
    const upload: CloudEvent = anEvent(ResourceUploadedV1, { uploadedAt: '2026-09-15T10:00:00+08:00' }, { subject: first, time: '2026-09-15T10:00:00+08:00' });
    feed.push(upload);
    await running.app.get(FactsProjection).caughtUp(feed.head);
    await running.app.get(EvidenceService).refresh();
    const after = (await evidenceOf('')).body.evidence;
    const changed = after.filter((e) => before.get(`${e.standard}|${e.itemId}`)?.digest !== e.digest);
    expect(changed.length).toBeGreaterThan(0);
    for (const e of changed) expect(e.feedPosition).toBe(feed.head.toString());
    for (const e of after.filter((x) => !changed.includes(x))) expect(e).toEqual(before.get(`${e.standard}|${e.itemId}`));
    expect((await get(`/v1/schools/${second}/evidence`).then((r) => r.json())) as Body).toMatchObject({ evidence: other.evidence });
    expect(changed.some((e) => e.sampleIds.includes(upload.id) || e.contributing > (before.get(`${e.standard}|${e.itemId}`)?.contributing ?? 0))).toBe(true);
  });
});

describe('rebuild on a database the service never ran on', () => {
  it('finds nothing to compare instead of failing on missing tables', async () => {
    const db = openDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
    try {
      expect(await rebuildEvidence(db)).toMatchObject({ events: 0, schools: 0, rows: 0, identical: 0, different: [] });
    } finally {
      await db.close();
    }
  });
});
