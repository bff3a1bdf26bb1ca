import { randomBytes } from 'node:crypto';
import { LessonTimetabledV1, TOPIC_PARTITIONS, TOPICS, toKafkaRecord, type CloudEvent, type KafkaRecord } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore, StreamAppend } from '@educube/event-store';
import { KafkaJsProducer } from '@educube/kafka';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MAX_JSON_DEPTH } from '../http/json-depth';
import { schoolStream } from '../ingest/ingestor';
import { EVENT_STORE } from '../storage/storage';
import { startTestWarehouse } from '../testing/warehouse';

// A record the pipeline refuses must not hold its partition back: on real Kafka and real
// PostgreSQL, records nested too deep, holding NUL, or refused by the database at append are
// kept as dead letters, and the good records behind them on the same partition are stored.

const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const TOPIC = TOPICS.timetabling;
const SCHOOL = '3302030001';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function retry<T>(work: () => Promise<T>, attempts = 40): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await sleep(250);
    }
  }
}

describe('refused Kafka records (real Kafka and PostgreSQL)', () => {
  const groupId = `warehouse-refusals-${randomBytes(4).toString('hex')}`;
  let database: FreshDatabase;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let producer: KafkaJsProducer;

  beforeAll(async () => {
    // the new group starts at the end of every topic, not at what other suites left there
    const admin = new Kafka({ brokers: BROKERS, clientId: 'refusals-test', logLevel: logLevel.WARN }).admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const topics = Object.values(TOPICS);
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length)
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })) });
      for (const topic of topics) {
        // a topic created a moment ago may not have its leaders yet
        const ends = await retry(() => admin.fetchTopicOffsets(topic));
        await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
      }
    } finally {
      await admin.disconnect();
    }
    database = await freshDatabase('educube_kafka_refusals');
    running = await startTestWarehouse({ DATABASE_URL: database.url, KAFKA_BROKERS: BROKERS.join(','), KAFKA_GROUP_ID: groupId });
    producer = new KafkaJsProducer({ brokers: BROKERS, clientId: 'refusals-test' });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await running?.close();
    await database?.drop();
  });

  it('dead-letters a record nested 10,000 deep, one holding NUL and one the database refuses, and stores the records behind them', async () => {
    const store = running.app.get<EventStore>(EVENT_STORE);
    const [deep, nul, refused, after1, after2] = Array.from({ length: 5 }, () =>
      anEvent(LessonTimetabledV1, {}, { subject: SCHOOL, time: '2026-09-07T08:00:00+08:00' }),
    ) as [CloudEvent, CloudEvent, CloudEvent, CloudEvent, CloudEvent];
    const deepRecord: KafkaRecord = { ...toKafkaRecord(deep), value: Buffer.from(`{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`) };
    const nulRecord: KafkaRecord = {
      ...toKafkaRecord(nul),
      value: Buffer.from(JSON.stringify(nul.data).replace(/"lessonId":"[^"]*"/, '"lessonId":"L\\u0000"')),
    };
    // no input reaches the store with a value jsonb refuses any more, so this one gets a NUL
    // from a wrapper around the real store, after the screen; real PostgreSQL refuses it
    const real = store.appendMany.bind(store);
    store.appendMany = (appends: readonly StreamAppend[]) =>
      real(
        appends.map((a) => ({
          ...a,
          events: a.events.map((e) => (e.id === refused.id ? { ...e, data: { ...(e.data as CloudEvent), data: { lessonId: 'L\u0000' } } } : e)),
        })),
      );
    try {
      // one key, so one partition, in this order
      await producer.send(TOPIC, [deepRecord, nulRecord, toKafkaRecord(refused), toKafkaRecord(after1), toKafkaRecord(after2)]);
      const deadline = Date.now() + 60_000;
      while (!(await store.readStream(schoolStream(SCHOOL))).some((e) => e.id === after2.id)) {
        if (Date.now() > deadline) throw new Error('the records behind the refused ones were not stored within 60 s: the partition is held back');
        await sleep(250);
      }
    } finally {
      store.appendMany = real;
    }
    expect((await store.readStream(schoolStream(SCHOOL))).map((e) => e.id)).toEqual([after1.id, after2.id]);
    const { rows } = await database.db.query<{
      event_id: string | null;
      school_code: string | null;
      source: string | null;
      reasons: { path: string; rule: string; message: string; value: unknown }[];
    }>('select event_id, school_code, source, reasons from warehouse.dead_letters order by id');
    expect(rows).toHaveLength(3);
    const [deepLetter, nulLetter, refusedLetter] = rows;
    expect(deepLetter).toMatchObject({
      event_id: null,
      school_code: SCHOOL,
      source: expect.stringMatching(new RegExp(`^kafka:${TOPIC.replace(/\./g, '\\.')}/\\d+@\\d+$`)),
      reasons: [{ path: '', rule: 'max-depth', value: MAX_JSON_DEPTH + 1 }],
    });
    expect(nulLetter).toMatchObject({ event_id: nul.id, school_code: SCHOOL, reasons: [{ path: '/data/lessonId', rule: 'no-nul-character' }] });
    expect(refusedLetter).toMatchObject({
      event_id: refused.id,
      school_code: SCHOOL,
      reasons: [{ path: '', rule: 'append-failed', value: '22P05', message: expect.stringContaining('unsupported Unicode escape sequence') }],
    });
  });
});
