import { randomBytes } from 'node:crypto';
import { LessonTimetabledV1, toKafkaRecord, TOPICS } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore } from '@educube/event-store';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { installTracing, type InstalledTracing } from '@educube/service-kit';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { schoolStream } from '../ingest/ingestor';
import { EVENT_STORE } from '../storage/storage';
import { BROKERS, groupAtTopicEnds } from '../testing/kafka';
import { startTestWarehouse } from '../testing/warehouse';

// Over a real broker and PostgreSQL: a record's ce_traceparent continues into the ingest and
// append spans, and /metrics (on a port of its own here) shows the consumer lag per partition,
// the events accepted from Kafka and the projection's lag.
const SCHOOL = '3302030001';
const TRACE = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the Kafka channel, traced and measured', () => {
  const groupId = `warehouse-observability-${randomBytes(4).toString('hex')}`;
  const exporter = new InMemorySpanExporter();
  let tracing: InstalledTracing;
  let database: FreshDatabase;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let producer: Producer;

  beforeAll(async () => {
    tracing = installTracing({ serviceName: 'data-warehouse', exporter, simple: true });
    await groupAtTopicEnds(groupId, 'observability-test');
    database = await freshDatabase('educube_kafka_observability');
    running = await startTestWarehouse({ DATABASE_URL: database.url, KAFKA_BROKERS: BROKERS.join(','), KAFKA_GROUP_ID: groupId, METRICS_PORT: '0' });
    producer = new Kafka({ brokers: BROKERS, clientId: 'observability-test', logLevel: logLevel.WARN }).producer();
    await producer.connect();
  }, 120_000);
  afterAll(async () => {
    await producer?.disconnect();
    await running?.close();
    await database?.drop();
    await tracing?.shutdown();
  });

  it('continues ce_traceparent, and reports consumer lag, accepted events and projection lag', async () => {
    const event = anEvent(LessonTimetabledV1, {}, { subject: SCHOOL, traceparent: `00-${TRACE}-ffffffffffffff01-01` });
    const record = toKafkaRecord(event);
    await producer.send({ topic: TOPICS.timetabling, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    const store = running.app.get<EventStore>(EVENT_STORE);
    for (let i = 0; !(await store.readStream(schoolStream(SCHOOL))).some((e) => e.id === event.id); i++) {
      if (i > 240) throw new Error('the record was not ingested within 60 s');
      await sleep(250);
    }
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === TRACE);
    const ingest = spans.find((s) => s.name === `ingest ${LessonTimetabledV1.type}`);
    expect(ingest?.parentSpanContext?.spanId).toBe('ffffffffffffff01');
    expect(ingest?.attributes['educube.channel']).toBe('kafka');
    expect(spans.find((s) => s.name === 'eventstore.append')?.parentSpanContext?.spanId).toBe(ingest?.spanContext().spanId);

    expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
    // the offset is committed after the batch: the lag drops to 0 on the partition that carried it
    let text = '';
    for (let i = 0; i < 40; i++) {
      text = await (await fetch(running.metricsUrl as string)).text();
      if (/educube_kafka_consumer_lag\{[^}]*topic="educube\.timetabling\.v1"[^}]*\} 0/.test(text)) break;
      await sleep(500);
    }
    const lagLines = text.split('\n').filter((l) => l.startsWith('educube_kafka_consumer_lag{'));
    expect(lagLines.length).toBeGreaterThanOrEqual(Object.keys(TOPICS).length);
    expect(lagLines.every((l) => /partition="\d+"/.test(l) && /\} \d+$/.test(l))).toBe(true);
    expect(text).toMatch(/educube_events_accepted_total\{family="timetabling",source="kafka",service="data-warehouse"\} 1/);
    expect(text).toMatch(/educube_projection_lag_events\{projection="warehouse-facts",service="data-warehouse"\} \d+/);
  }, 90_000);
});
