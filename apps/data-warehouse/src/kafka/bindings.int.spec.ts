import { randomBytes } from 'node:crypto';
import { LessonTimetabledV1, TOPICS } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore } from '@educube/event-store';
import { actors } from '@educube/oidc/testing';
import { freshDatabase, type FreshDatabase } from '@educube/postgres/testing';
import { CloudEvent, HTTP, Kafka as SdkKafka } from 'cloudevents';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { schoolStream } from '../ingest/ingestor';
import { EVENT_STORE } from '../storage/storage';
import { BROKERS, groupAtTopicEnds } from '../testing/kafka';
import { startTestWarehouse } from '../testing/warehouse';

// The official CloudEvents SDK for JavaScript (`cloudevents`) over a real Kafka broker and a real
// PostgreSQL, as a vendor's producer would send: Kafka binary mode (ce_ headers, the school as the
// partitionkey and the record key) and structured mode each store the event once, and the same
// event resent over HTTP afterwards is a duplicate.

const SCHOOL = '3302030001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CloudEvents SDK over real Kafka: binary and structured, then HTTP', () => {
  const groupId = `warehouse-sdk-bindings-${randomBytes(4).toString('hex')}`;
  let database: FreshDatabase;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let producer: Producer;
  let store: EventStore;

  beforeAll(async () => {
    await groupAtTopicEnds(groupId, 'sdk-bindings-test');
    const kafka = new Kafka({ brokers: BROKERS, clientId: 'sdk-bindings-test', logLevel: logLevel.WARN });
    database = await freshDatabase('educube_kafka_sdk_bindings');
    running = await startTestWarehouse({ DATABASE_URL: database.url, KAFKA_BROKERS: BROKERS.join(','), KAFKA_GROUP_ID: groupId });
    store = running.app.get<EventStore>(EVENT_STORE);
    producer = kafka.producer();
    await producer.connect();
  }, 120_000);
  afterAll(async () => {
    await producer?.disconnect();
    await running?.close();
    await database?.drop();
  });

  const sdkEvent = (): CloudEvent<unknown> =>
    new CloudEvent({ ...anEvent(LessonTimetabledV1, {}, { subject: SCHOOL, time: '2026-09-07T08:00:00+08:00' }), partitionkey: SCHOOL });
  /** An SDK Kafka message as a producer sends it: the key, the value as bytes (binary mode's value is the data), the headers as strings. */
  const send = (message: ReturnType<typeof SdkKafka.binary>) =>
    producer.send({
      topic: TOPICS.timetabling,
      messages: [
        {
          key: message.key as string,
          value: typeof message.value === 'string' ? message.value : JSON.stringify(message.value),
          headers: Object.fromEntries(
            Object.entries(message.headers)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          ),
        },
      ],
    });
  const storedCopies = async (id: string) => (await store.readStream(schoolStream(SCHOOL))).filter((e) => e.id === id);
  async function eventually(id: string): Promise<number> {
    for (let i = 0; i < 240; i++) {
      const n = (await storedCopies(id)).length;
      if (n > 0) return n;
      await sleep(250);
    }
    return 0;
  }
  const overHttp = async (message: { headers: Record<string, unknown>; body: unknown }) => {
    const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)]));
    const res = await running.call('/v1/events', { method: 'POST', headers, body: message.body as string }, actors.schoolSystem(SCHOOL));
    return ((await res.json()) as { results: { status: string }[] }).results[0]?.status;
  };

  it('stores a Kafka binary-mode event once; the HTTP resends (binary and structured) are duplicates', async () => {
    const event = sdkEvent();
    const message = SdkKafka.binary(event);
    expect(message.headers['ce_partitionkey']).toBe(SCHOOL);
    await send(message);
    expect(await eventually(event.id)).toBe(1);
    expect(await overHttp(HTTP.binary(event))).toBe('duplicate');
    expect(await overHttp(HTTP.structured(event))).toBe('duplicate');
    expect(await storedCopies(event.id)).toHaveLength(1);
  });

  it('stores a Kafka structured-mode event once; the HTTP binary resend is a duplicate', async () => {
    const event = sdkEvent();
    await send(SdkKafka.structured(event));
    expect(await eventually(event.id)).toBe(1);
    expect(await overHttp(HTTP.binary(event))).toBe('duplicate');
    expect(await storedCopies(event.id)).toHaveLength(1);
  });
});
