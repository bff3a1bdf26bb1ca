import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { familyOf, fetchIngestion, summariseIngestion } from './ingestion';

const source = (schoolCode: string, family: string, accepted: number, lastEventTime: string | null, extra: Record<string, unknown> = {}) => ({
  source: `/schools/${schoolCode}/${family}`,
  schoolCode,
  lastEventTime,
  accepted,
  rejects: 0,
  parked: 0,
  ...extra,
});

describe('the cockpit ingestion strip', () => {
  it('sums the warehouse health per family and per school and keeps the latest event time', () => {
    const summary = summariseIngestion({
      storedEvents: 12,
      totals: { accepted: 12, duplicates: 1, conflicts: 0, deadLetters: 2, parked: 1, eventsPerMinute: 3.5 },
      sources: [
        source('3301020001', 'attendance', 5, '2026-11-23T07:35:10+08:00'),
        source('3301020001', 'timetabling', 4, '2026-11-23T08:01:00+08:00', { rejects: 2 }),
        source('3302030001', 'timetabling', 3, '2026-11-23T07:59:00+08:00', { parked: 1 }),
      ],
    });
    expect(summary.totals).toEqual({ accepted: 12, duplicates: 1, conflicts: 0, deadLetters: 2, parked: 1, eventsPerMinute: 3.5 });
    expect(summary.lastEventTime).toBe('2026-11-23T08:01:00+08:00');
    expect(summary.families).toEqual([
      { family: 'timetabling', accepted: 7, rejects: 2, parked: 1 },
      { family: 'attendance', accepted: 5, rejects: 0, parked: 0 },
    ]);
    expect(summary.schools).toEqual([
      { schoolCode: '3301020001', accepted: 9, rejects: 2, parked: 0, lastEventTime: '2026-11-23T08:01:00+08:00' },
      { schoolCode: '3302030001', accepted: 3, rejects: 0, parked: 1, lastEventTime: '2026-11-23T07:59:00+08:00' },
    ]);
  });

  it('shows a missing figure as missing rather than inventing one', () => {
    const summary = summariseIngestion({ totals: { accepted: 'lots' }, sources: [null, 7, { source: 'grading-system' }] });
    expect(summary.totals.accepted).toBeNull();
    expect(summary.storedEvents).toBeNull();
    expect(summary.lastEventTime).toBeNull();
    expect(summary.families).toEqual([{ family: 'grading-system', accepted: 0, rejects: 0, parked: 0 }]);
    expect(summariseIngestion('nonsense').schools).toEqual([]);
  });

  it('names the family of a school source', () => {
    expect(familyOf('/schools/3301020001/grading')).toBe('grading');
    expect(familyOf('urn:vendor:x')).toBe('urn:vendor:x');
  });

  describe('asking the warehouse', () => {
    let server: Server;
    let url: string;
    let answer: { status: number; body: string } = { status: 200, body: '{}' };
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url !== '/v1/ingestion/health') return res.writeHead(404).end();
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    it('says the warehouse is unavailable, and why, when it is down, lacks the endpoint or answers garbage', async () => {
      answer = { status: 404, body: '' };
      expect(await fetchIngestion(url)).toEqual({ available: false, reason: 'the warehouse answered 404' });
      answer = { status: 200, body: 'not json' };
      expect(await fetchIngestion(url)).toMatchObject({ available: false });
      expect(await fetchIngestion('http://127.0.0.1:1')).toMatchObject({ available: false });
      expect(await fetchIngestion(undefined)).toEqual({ available: false, reason: 'no data-warehouse among the upstreams' });
    });

    it('summarises a healthy answer', async () => {
      answer = { status: 200, body: JSON.stringify({ totals: { accepted: 3 }, sources: [source('3301020001', 'asset', 3, '2026-11-23T01:00:00+08:00')] }) };
      expect(await fetchIngestion(url)).toMatchObject({ available: true, totals: { accepted: 3 }, lastEventTime: '2026-11-23T01:00:00+08:00' });
    });
  });
});
