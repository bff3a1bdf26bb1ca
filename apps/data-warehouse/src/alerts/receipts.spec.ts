import type { EventResult } from '@educube/warehouse-ingestion';
import { receiptsOf, systemOf } from './receipts';
import { bucketStart, rejectSpikeWindow } from './source-facts';

const result = (status: EventResult['status']): EventResult => ({ index: 0, id: null, status }) as EventResult;
const event = (subject: unknown, source: unknown) => ({ subject, source });
const asClaimed = (claimed: string | null) => claimed;

describe('what a batch tells the alert rules', () => {
  it('names the system of `/schools/<code>/<system>` or a bare name, and nothing for what an alert id cannot carry', () => {
    expect(systemOf('/schools/3302030001/timetabling')).toBe('timetabling');
    expect(systemOf('attendance-card')).toBe('attendance-card');
    expect(['https://vendor.example/feed', 'urn:vendor:feed', 'a b', '', '/schools/3302030001/', 42, undefined].map(systemOf)).toEqual(
      Array(7).fill(undefined),
    );
  });

  it('counts per (school, system): accepted and parked as taken, rejected and conflicting as refused, duplicates as neither', () => {
    const raws = [
      event('3302030001', '/schools/3302030001/grading'),
      event('3302030001', '/schools/3302030001/grading'),
      event('3302030001', '/schools/3302030001/grading'),
      event('3302030001', '/schools/3302030001/grading'),
      event('3302030001', '/schools/3302030001/grading'),
      event('3302030002', 'grading'),
    ];
    const results = (['accepted', 'parked', 'rejected', 'conflict', 'duplicate', 'duplicate'] as const).map(result);
    expect(receiptsOf(results, raws, asClaimed)).toEqual([
      { school: '3302030001', source: 'grading', accepted: 2, rejected: 2 },
      // heard from, nothing to count
      { school: '3302030002', source: 'grading', accepted: 0, rejected: 0 },
    ]);
  });

  it('counts a refusal under the school it is filed under, and nowhere without a usable school or system', () => {
    const raws = ['not an event', event('not-a-school', 'grading'), event('3302030001', 'has space'), event('3302039999', 'grading')];
    const results = raws.map(() => result('rejected'));
    expect(receiptsOf(results, raws, asClaimed)).toEqual([{ school: '3302039999', source: 'grading', accepted: 0, rejected: 1 }]);
    // a sender's token names its school: the claimed one does not matter
    expect(receiptsOf(results, raws, () => '3302030001')).toEqual([{ school: '3302030001', source: 'grading', accepted: 0, rejected: 2 }]);
  });

  it('keeps 15-minute buckets; the window starts at the bucket holding now − windowMinutes, the baseline baselineDays before it', () => {
    expect(bucketStart(new Date('2026-11-09T00:44:59.999Z')).toISOString()).toBe('2026-11-09T00:30:00.000Z');
    const { windowStart, baselineStart } = rejectSpikeWindow(new Date('2026-11-09T00:45:00Z'), 60, 7);
    expect([windowStart.toISOString(), baselineStart.toISOString()]).toEqual(['2026-11-08T23:45:00.000Z', '2026-11-01T23:45:00.000Z']);
    // 20 minutes: at least 20, in whole buckets
    expect(rejectSpikeWindow(new Date('2026-11-09T00:44:00Z'), 20, 7).windowStart.toISOString()).toBe('2026-11-09T00:15:00.000Z');
  });
});
