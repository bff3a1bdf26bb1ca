import { eventRegistry, fromKafkaRecord, LessonTimetabledV1, TOPICS, toKafkaRecord, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { randomUUID } from 'node:crypto';
import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer } from './kafkajs.adapter';
import type { ReceivedMessage } from './port';

// Against the real broker started by scripts/stack/kafka.sh (KRaft, from Maven Central).
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const topic = TOPICS.timetabling;

async function consumeUntil(
  groupId: string,
  wanted: (m: ReceivedMessage) => boolean,
  count: number,
): Promise<{ got: ReceivedMessage[]; consumer: KafkaJsConsumer }> {
  const consumer = new KafkaJsConsumer({ brokers, clientId: 'int-test', groupId });
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  const got: ReceivedMessage[] = [];
  const done = new Promise<void>((resolve) => {
    void consumer.run(async (batch) => {
      got.push(...batch.filter(wanted));
      if (got.length >= count) resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`only ${got.length} of ${count} messages within 60 s`)), 60_000)));
  try {
    await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return { got, consumer };
}

describe('Kafka round trip through kafkajs (real broker)', () => {
  const producer = new KafkaJsProducer({ brokers, clientId: 'int-test' });

  beforeAll(async () => {
    const admin = new KafkaJsAdmin({ brokers, clientId: 'int-test' });
    await admin.ensureTopics(Object.values(TOPICS).map((t) => ({ topic: t, partitions: 3 })));
    await admin.disconnect();
    await producer.connect();
  });
  afterAll(() => producer.disconnect());

  it('carries a contract-valid event with CloudEvents headers that the consumer validates back', async () => {
    const run = randomUUID();
    const sent: CloudEvent[] = [
      anEvent(LessonTimetabledV1, { lessonId: `L-${run}-1` }, { id: `${run}-1`, subject: '3302030001' }),
      anEvent(LessonTimetabledV1, { lessonId: `L-${run}-2`, mode: '名校网络课堂' }, { id: `${run}-2`, subject: '3302030001' }),
      anEvent(LessonTimetabledV1, { lessonId: `L-${run}-3` }, { id: `${run}-3`, subject: '3302040007' }),
    ];
    await producer.send(topic, sent.map(toKafkaRecord));

    const { got, consumer } = await consumeUntil(`it-${run}`, (m) => String(m.headers['ce_id'] ?? '').startsWith(run), 3);
    await consumer.disconnect();

    const received = got.map((m) => {
      const decoded = fromKafkaRecord(m);
      if (!decoded.ok) throw new Error(decoded.message);
      const checked = eventRegistry.validate(decoded.raw, { now: new Date('2026-09-07T00:00:00Z') });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return { event: checked.event, key: m.key, partition: m.partition };
    });
    expect(received.map((r) => r.event).sort((a, b) => a.id.localeCompare(b.id))).toEqual(sent);
    expect(received.every((r) => r.key === r.event.subject)).toBe(true);
    // one school's events share a partition, so they stay in order
    const school1 = received.filter((r) => r.key === '3302030001');
    expect(new Set(school1.map((r) => r.partition)).size).toBe(1);
    expect(school1.map((r) => r.event.id)).toEqual([`${run}-1`, `${run}-2`]);
  });

  it('delivers a malformed event intact so the consumer can reject it with the exact reason', async () => {
    const run = randomUUID();
    const bad = anEvent(LessonTimetabledV1, { period: 99 }, { id: `${run}-bad` });
    await producer.send(topic, [toKafkaRecord(bad)]);
    const { got, consumer } = await consumeUntil(`it-${run}`, (m) => m.headers['ce_id']?.toString() === `${run}-bad`, 1);
    await consumer.disconnect();
    const decoded = fromKafkaRecord(got[0]!);
    expect(decoded.ok).toBe(true);
    const checked = eventRegistry.validate(decoded.ok ? decoded.raw : null, { now: new Date('2026-09-07T00:00:00Z') });
    expect(checked).toEqual({ ok: false, problems: [expect.objectContaining({ path: '/data/period', rule: 'max', value: 99 })] });
  });

  it('commits offsets only after the handler finished: a restarted group resumes after them', async () => {
    const run = randomUUID();
    const groupId = `it-${run}`;
    await producer.send(topic, [toKafkaRecord(anEvent(LessonTimetabledV1, {}, { id: `${run}-a` }))]);
    const first = await consumeUntil(groupId, (m) => m.headers['ce_id']?.toString() === `${run}-a`, 1);
    await first.consumer.disconnect();

    await producer.send(topic, [toKafkaRecord(anEvent(LessonTimetabledV1, {}, { id: `${run}-b` }))]);
    const second = await consumeUntil(groupId, (m) => String(m.headers['ce_id'] ?? '').startsWith(run), 1);
    await second.consumer.disconnect();
    expect(second.got.map((m) => m.headers['ce_id']?.toString())).toEqual([`${run}-b`]);
  });
});
