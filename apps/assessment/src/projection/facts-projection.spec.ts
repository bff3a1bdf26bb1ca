import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allItems, CATALOGS } from '@educube/assessment-catalog';
import { DeviceRegisteredV1, HeadcountReportedV1, ResourceUploadedV1, SchoolRegisteredV1, TeacherAssignedV1, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { startService, type RunningService } from '@educube/service-kit';
import { assessmentService, type AssessmentConfig } from '../service';
import { FactsProjection } from './facts-projection';

// The warehouse is another app (no import across apps): a tiny server plays its feed.
function aFeed(events: readonly CloudEvent[], pageSize: number): Server & { requests: string[] } {
  const feed = events.map((event, i) => ({ position: String((i + 1) * 2), event }));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://feed');
    requests.push(url.search);
    if (url.pathname !== '/v1/feed') {
      res.writeHead(404).end();
      return;
    }
    const after = BigInt(url.searchParams.get('after') ?? '0');
    const page = feed.filter((e) => BigInt(e.position) > after).slice(0, pageSize);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ events: page, next: page.at(-1)?.position ?? after.toString() }));
  });
  return Object.assign(server, { requests });
}

type Sheet = { school: string; facts: number; rows: { itemId: string; basis: string; status: string; contributing: number; met: boolean }[]; verdict: { kind: string } };

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
  let feed: ReturnType<typeof aFeed>;
  let running: RunningService<AssessmentConfig>;

  beforeAll(async () => {
    feed = aFeed(events, 4);
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    const warehouse = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
    running = await startService(assessmentService, { PORT: '0', LOG_LEVEL: 'silent', ASSESSMENT_DATA_DIR: 'memory://', WAREHOUSE_URL: warehouse, ASSESSMENT_FEED_PAGE: '4', ASSESSMENT_POLL_MS: '50' });
    await running.app.get(FactsProjection).caughtUp(BigInt(events.length * 2));
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await new Promise((resolve) => feed.close(resolve));
  });

  it('pages through the feed from its own checkpoint and reports it', async () => {
    expect(feed.requests.slice(0, 2)).toEqual(['?after=0&limit=4', '?after=8&limit=4']);
    const status = (await (await fetch(`${running.url}/v1/assessment/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ checkpoint: '12', eventsApplied: 6, schools: 2, error: null });
  });

  it('answers a school sheet with one row per catalog item and the derived items evaluated', async () => {
    for (const standard of ['ningxia', 'jiangsu'] as const) {
      const res = await fetch(`${running.url}/v1/schools/${school}/standards/${standard}/sheet?asOf=2026-10-15`);
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
    const res = await fetch(`${running.url}/v1/schools/${school}/standards/ningxia/sheet?asOf=2026-10-15&format=csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    expect(lines[0]?.startsWith('itemId,number,groups,text,')).toBe(true);
    expect(lines).toHaveLength(allItems(CATALOGS.ningxia.groups).length + 1);
    expect((await fetch(`${running.url}/v1/schools/${school}/standards/texas/sheet`)).status).toBe(400);
    expect((await fetch(`${running.url}/v1/schools/${school}/standards/ningxia/sheet?asOf=15.10.2026`)).status).toBe(400);
  });
});

describe('assessment restarting on its own database', () => {
  const school = '3302030001';
  const dir = mkdtempSync(join(tmpdir(), 'assessment-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(events: readonly CloudEvent[], check: (running: RunningService<AssessmentConfig>, feed: ReturnType<typeof aFeed>) => Promise<void>): Promise<void> {
    const feed = aFeed(events, 10);
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    const running = await startService(assessmentService, { PORT: '0', LOG_LEVEL: 'silent', ASSESSMENT_DATA_DIR: dir, WAREHOUSE_URL: `http://127.0.0.1:${(feed.address() as AddressInfo).port}`, ASSESSMENT_POLL_MS: '50' });
    try {
      await running.app.get(FactsProjection).caughtUp(BigInt(events.length * 2));
      await check(running, feed);
    } finally {
      await running.close();
      await new Promise((resolve) => feed.close(resolve));
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
