import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allItems, CATALOGS } from '@educube/assessment-catalog';
import { DeviceRegisteredV1, HeadcountReportedV1, ResourceUploadedV1, SchoolRegisteredV1, TeacherAssignedV1, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { type AssessmentConfig } from '../service';
import { startStubFeed, type StubFeed } from '../testing/feed';
import { ASSESSMENT_AUD, assessmentWith } from '../testing/service';
import { FactsProjection } from './facts-projection';

// identity's tree: both schools in Haishu (330203); the district officer reads the sheets, the
// gateway's service token the status
const assessment = assessmentWith(
  visibilityFrom([
    { code: '3302030001', regionCode: '330203' },
    { code: '3302030002', regionCode: '330203' },
  ]),
);

type Sheet = {
  school: string;
  facts: number;
  rows: { itemId: string; basis: string; status: string; contributing: number; met: boolean }[];
  verdict: { kind: string };
};

describe('assessment following the warehouse feed', () => {
  const school = '3302030001';
  const events = [
    anEvent(SchoolRegisteredV1, {}, { subject: school }),
    anEvent(HeadcountReportedV1, {}, { subject: school }),
    anEvent(TeacherAssignedV1, {}, { subject: school }),
    anEvent(DeviceRegisteredV1, {}, { subject: school }),
    anEvent(ResourceUploadedV1, {}, { subject: school }),
    anEvent(SchoolRegisteredV1, {}, { subject: '3302030002' }),
  ];
  let feed: StubFeed;
  let issuer: TestIssuer;
  let running: RunningService<AssessmentConfig>;
  let officer: { authorization: string };
  let service: { authorization: string };
  const get = (path: string, headers: { authorization: string } = officer) => fetch(`${running.url}${path}`, { headers });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    officer = await issuer.bearer(actors.districtOfficer(ASSESSMENT_AUD, '330203'));
    service = await issuer.bearer(actors.service('educube-gateway-service', ASSESSMENT_AUD));
    feed = await startStubFeed(events, 4);
    running = await startService(assessment, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_FEED_PAGE: '4',
      ASSESSMENT_POLL_MS: '50',
      OIDC_ISSUER: issuer.issuer,
    });
    await running.app.get(FactsProjection).caughtUp(BigInt(events.length * 2));
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
  });

  it('pages through the feed from its own checkpoint and reports it', async () => {
    expect(feed.requests.slice(0, 2)).toEqual(['?after=0&limit=4', '?after=8&limit=4']);
    const status = (await (await get('/v1/assessment/status', service)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ checkpoint: '12', eventsApplied: 6, schools: 2, error: null });
  });

  it('answers a school sheet with one row per catalog item and the derived items evaluated', async () => {
    for (const standard of ['ningxia', 'jiangsu'] as const) {
      const res = await get(`/v1/schools/${school}/standards/${standard}/sheet?asOf=2026-10-15`);
      expect(res.status).toBe(200);
      const sheet = (await res.json()) as Sheet;
      expect(sheet.facts).toBe(5);
      expect(sheet.rows.map((r) => r.itemId)).toEqual(allItems(CATALOGS[standard].groups).map((i) => i.id));
      const derived = sheet.rows.filter((r) => r.basis === 'derived');
      expect(derived.length).toBeGreaterThan(0);
      expect(derived.every((r) => r.status === 'derived as of 2026-10-15')).toBe(true);
      expect(derived.some((r) => r.contributing > 0)).toBe(true);
    }
  });

  it('exports the sheet as CSV and refuses an unknown standard or a bad date', async () => {
    const res = await get(`/v1/schools/${school}/standards/ningxia/sheet?asOf=2026-10-15&format=csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    expect(lines[0]?.startsWith('itemId,number,groups,text,')).toBe(true);
    expect(lines).toHaveLength(allItems(CATALOGS.ningxia.groups).length + 1);
    expect((await get(`/v1/schools/${school}/standards/texas/sheet`)).status).toBe(404);
    expect((await get(`/v1/schools/${school}/standards/ningxia/sheet?asOf=15.10.2026`)).status).toBe(400);
  });
});

describe('assessment restarting on its own database', () => {
  const school = '3302030001';
  const dir = mkdtempSync(join(tmpdir(), 'assessment-'));
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await issuer.close();
  });

  async function run(events: readonly CloudEvent[], check: (running: RunningService<AssessmentConfig>, feed: StubFeed) => Promise<void>): Promise<void> {
    const feed = await startStubFeed(events, 10);
    const running = await startService(assessment, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: dir,
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '50',
      OIDC_ISSUER: issuer.issuer,
    });
    try {
      await running.app.get(FactsProjection).caughtUp(BigInt(events.length * 2));
      await check(running, feed);
    } finally {
      await running.close();
      await feed.close();
    }
  }

  it('rebuilds its facts from its own table and resumes at its checkpoint, not from the start', async () => {
    const first = [anEvent(SchoolRegisteredV1, {}, { subject: school }), anEvent(TeacherAssignedV1, {}, { subject: school })];
    await run(first, async (running) => {
      expect(running.app.get(FactsProjection).factsOf(school).records.size).toBe(2);
    });
    await run([...first, anEvent(DeviceRegisteredV1, {}, { subject: school })], async (running, feed) => {
      expect(feed.requests[0]).toBe('?after=4&limit=1000');
      expect(running.app.get(FactsProjection).factsOf(school).records.size).toBe(3);
      expect(running.app.get(FactsProjection).status()).toMatchObject({ checkpoint: '6', eventsApplied: 3 });
    });
  }, 60_000);
});
