import { createPool, fromPool } from '@educube/postgres';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import type { NewEvent } from '../port';
import { PostgresEventStore, STREAM_VERSIONS_SQL } from './postgres-event-store';

// Issue 15: every append asked each stream's version with max(stream_version) … group by, which
// reads all of the streams' events. At a million events (20 schools' streams) each append ran a
// parallel scan, and Kafka ingestion fell from 7,500 to 2,600 events/s. The plan is the check here,
// not a time: how many index entries the lookup touches for a long stream.

const events = (stream: string, n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${stream}-${i}`, type: 'cn.educube.test.Happened.v1', data: { i } }));

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** Rows that scans of event_store.events returned, over all their loops. */
function rowsReadFromEvents(node: PlanNode): number {
  const own = node['Relation Name'] === 'events' && /Scan/.test(node['Node Type']) ? node['Actual Rows'] * node['Actual Loops'] : 0;
  return own + (node.Plans ?? []).reduce((n, p) => n + rowsReadFromEvents(p), 0);
}

describe("the event store's stream-version lookup (real server)", () => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase('educube_test_stream_versions');
  });
  afterAll(() => fresh?.drop());

  it('reads one index entry per stream, however long the stream, and appends at the right version', async () => {
    const pool = createPool({ url: fresh.url, applicationName: 'stream-versions', max: 2 });
    const db = fromPool(pool);
    const store = await PostgresEventStore.open(db);
    try {
      const long = events('school-long', 6_000);
      for (let i = 0; i < long.length; i += 1_000) await store.append('school-long', long.slice(i, i + 1_000));
      await store.append('school-short', events('school-short', 3));
      await db.exec('analyze event_store.events');

      const streams = ['school-long', 'school-short', 'school-none'];
      const { rows } = await db.query<{ stream_id: string; version: number | null }>(STREAM_VERSIONS_SQL, [streams]);
      expect(rows).toEqual([
        { stream_id: 'school-long', version: 5_999 },
        { stream_id: 'school-short', version: 2 },
        { stream_id: 'school-none', version: null },
      ]);

      const { rows: plan } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${STREAM_VERSIONS_SQL}`, [streams]);
      const read = rowsReadFromEvents((plan[0]?.['QUERY PLAN'][0] as { Plan: PlanNode }).Plan);
      process.stderr.write(`[stream-versions] the lookup of 3 streams (one of 6,000 events) read ${read} rows of event_store.events\n`);
      // max(stream_version) … group by read 6,003 here
      expect(read).toBeLessThanOrEqual(streams.length);

      const [next] = (await store.append('school-long', events('school-long-more', 1))).outcomes;
      expect(next).toMatchObject({ status: 'appended' });
      const tail = await store.readStream('school-long');
      expect(tail[tail.length - 1]).toMatchObject({ id: 'school-long-more-0', streamVersion: 6_000 });
    } finally {
      await store.close();
    }
  });
});
