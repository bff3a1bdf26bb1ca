import { healthOf, isSilent, type KeptCounts, type SourceCounters } from './health';

const NOW = new Date('2026-09-07T10:00:00Z');
const counters = (over: Partial<SourceCounters>): SourceCounters => ({
  source: 'urn:educube:timetabling',
  schoolCode: '3302030001',
  lastEventTime: '2026-09-07T17:00:00+08:00',
  lastReceivedAt: '2026-09-07T09:50:00.000Z',
  eventsPerMinute: 1.2,
  accepted: 10,
  duplicates: 1,
  conflicts: 0,
  rejects: 2,
  parked: 0,
  ...over,
});

describe('silence', () => {
  it.each([
    [null, false],
    ['2026-09-07T09:01:00.000Z', false],
    ['2026-09-07T09:00:00.000Z', true],
    ['2026-09-06T10:00:00.000Z', true],
  ])('last received %s → silent after 60 min: %s', (last, silent) => expect(isSilent(last, NOW, 60)).toBe(silent));
});

describe('health of a set of schools', () => {
  const all: SourceCounters[] = [
    counters({}),
    counters({
      source: 'urn:educube:attendance',
      lastEventTime: '2026-09-07T01:00:00Z',
      lastReceivedAt: '2026-09-07T08:00:00.000Z',
      eventsPerMinute: 0,
      accepted: 5,
    }),
    counters({ schoolCode: '3302050001', accepted: 99 }),
  ];
  const kept: KeptCounts[] = [
    { schoolCode: '3302030001', source: 'urn:educube:timetabling', rejects: 3, parked: 1 },
    { schoolCode: '3302030002', source: 'urn:educube:asset', rejects: 1, parked: 0 },
    { schoolCode: '3302050001', source: 'urn:educube:asset', rejects: 7, parked: 7 },
    { schoolCode: null, source: null, rejects: 4, parked: 0 },
  ];

  it('joins counters to the durable counts of those schools only, with totals, the latest event and the silent sources', () => {
    const h = healthOf(new Set(['3302030001', '3302030002', '3302030003']), all, kept, NOW, 60);
    expect(h.totals).toEqual({ accepted: 15, duplicates: 2, conflicts: 0, deadLetters: 4, parked: 1, eventsPerMinute: 1.2 });
    expect(h.lastEventAt).toBe('2026-09-07T17:00:00+08:00');
    expect(h.lastReceivedAt).toBe('2026-09-07T09:50:00.000Z');
    expect(h.silentSources).toEqual([
      { school: '3302030001', source: 'urn:educube:attendance', lastEventAt: '2026-09-07T01:00:00Z', lastReceivedAt: '2026-09-07T08:00:00.000Z' },
    ]);
    expect(h.sources.map((s) => [s.school, s.source, s.deadLetters, s.silent])).toEqual([
      ['3302030001', 'urn:educube:attendance', 0, true],
      ['3302030001', 'urn:educube:timetabling', 3, false],
      ['3302030002', 'urn:educube:asset', 1, false],
    ]);
    // 3302030002 only has dead letters from before the start; 3302030003 nothing at all
    expect(h.schoolsWithoutEvents).toBe(2);
  });

  it('is empty for schools nothing came from', () => {
    expect(healthOf(new Set(['3302039999']), all, kept, NOW, 60)).toMatchObject({
      totals: { accepted: 0, deadLetters: 0 },
      lastEventAt: null,
      silentSources: [],
      sources: [],
      schoolsWithoutEvents: 1,
    });
  });
});
