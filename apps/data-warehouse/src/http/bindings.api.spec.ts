import { LessonTimetabledV1, TOPICS, type CloudEvent as HubEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore } from '@educube/event-store';
import { actors } from '@educube/oidc/testing';
import type { ReceivedMessage } from '@educube/kafka';
import { CloudEvent, HTTP, Kafka } from 'cloudevents';
import { schoolStream } from '../ingest/ingestor';
import { KafkaIngestion } from '../kafka/kafka-ingestion';
import { IngestionRecords } from '../storage/dead-letters';
import { EVENT_STORE } from '../storage/storage';
import { startTestWarehouse } from '../testing/warehouse';

// The CloudEvents HTTP protocol binding as the official JavaScript SDK (`cloudevents`) speaks it:
// binary mode (its default: attributes as ce-* headers, data as the body) and structured mode
// are one event each, validated and stored alike; a body that is neither binding is refused
// saying which bindings are expected.

type Problem = { path: string; rule: string; message: string; value?: unknown };
type Answer = {
  summary: Record<string, number>;
  results: { index: number; id: string | null; status: string; problems?: Problem[] }[];
  problems?: Problem[];
  detail?: string;
  status?: number;
};

const SCHOOL = '3302030001';
/** The hub's sample event as an SDK event (the SDK writes times as UTC with milliseconds). */
const sdkEvent = (envelope: Partial<Omit<HubEvent, 'data'>> = {}, extra: Record<string, unknown> = {}): CloudEvent<unknown> => {
  const e = anEvent(LessonTimetabledV1, {}, envelope);
  return new CloudEvent({ ...e, ...extra });
};

describe('HTTP bindings: binary, structured, batch (embedded store, the official cloudevents SDK)', () => {
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let store: EventStore;
  const send = async (message: { headers: Record<string, unknown>; body: unknown }, school = SCHOOL): Promise<{ status: number; json: Answer }> => {
    const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)]));
    const res = await running.call('/v1/events', { method: 'POST', headers, body: message.body as string }, actors.schoolSystem(school));
    return { status: res.status, json: (await res.json()) as Answer };
  };
  const stored = async (id: string) => (await store.readStream(schoolStream(SCHOOL))).filter((e) => e.id === id);
  const letterOf = async (id: string) => (await running.app.get(IngestionRecords).deadLetters({ limit: 1_000 })).filter((l) => l.eventId === id);

  beforeAll(async () => {
    running = await startTestWarehouse({});
    store = running.app.get<EventStore>(EVENT_STORE);
  }, 60_000);
  afterAll(() => running.close());

  it('stores an SDK binary-mode event once, like the same event sent structured; the structured resend is a duplicate', async () => {
    const event = sdkEvent();
    const binary = HTTP.binary(event);
    expect(binary.headers['ce-id']).toBe(event.id);
    const first = await send(binary);
    expect(first).toMatchObject({ status: 200, json: { summary: { accepted: 1 }, results: [{ id: event.id, status: 'accepted' }] } });
    const again = await send(HTTP.structured(event));
    expect(again.json.results).toEqual([{ index: 0, id: event.id, status: 'duplicate' }]);
    const copies = await stored(event.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]?.data).toEqual(JSON.parse(HTTP.structured(event).body as string));
  });

  it('answers a binary resend of a structured event as a duplicate', async () => {
    const event = sdkEvent();
    expect((await send(HTTP.structured(event))).json.results[0]?.status).toBe('accepted');
    expect((await send(HTTP.binary(event))).json.results[0]?.status).toBe('duplicate');
    expect(await stored(event.id)).toHaveLength(1);
  });

  it('judges a binary-mode event by its headers: every problem named, the dead letter filed under the sender, resubmittable', async () => {
    const event = sdkEvent();
    const message = HTTP.binary(event);
    const headers = { ...message.headers, 'ce-subject': '330203001', 'ce-time': 'yesterday' };
    const reply = await send({ headers, body: message.body });
    expect(reply.status).toBe(200);
    expect(reply.json.results[0]).toMatchObject({ id: event.id, status: 'rejected' });
    expect(reply.json.results[0]?.problems?.map((p) => p.path).sort()).toEqual(['/subject', '/time']);
    const [letter] = await letterOf(event.id);
    expect(letter).toMatchObject({ schoolCode: SCHOOL, status: 'rejected', type: LessonTimetabledV1.type });
    // kept in the structured form, attributes and data together
    expect(JSON.parse(letter?.original.toString('utf8') ?? '{}')).toMatchObject({
      id: event.id,
      subject: '330203001',
      time: 'yesterday',
      data: JSON.parse(message.body as string),
    });
    // the resubmission reads it back as the same event (still refused: nothing was fixed)
    const resubmitted = await running.call(`/v1/dead-letters/${letter?.id}/resubmit`, { method: 'POST' }, actors.schoolSystem(SCHOOL));
    expect(resubmitted.status).toBe(200);
    expect(await resubmitted.json()).toMatchObject({ results: [{ id: event.id, status: 'rejected' }] });
  });

  it('refuses an unknown ce-* extension as an unknown field of the event', async () => {
    const event = sdkEvent();
    const message = HTTP.binary(event);
    const reply = await send({ headers: { ...message.headers, 'ce-colour': 'blue' }, body: message.body });
    expect(reply.json.results[0]?.problems).toEqual([{ path: '/colour', rule: 'unknown-field', message: 'is not a field of this event', value: 'blue' }]);
  });

  it('percent-decodes header values (§3.1.3.2) and refuses a broken percent-encoding naming the header', async () => {
    const event = sdkEvent();
    const message = HTTP.binary(event);
    const ok = await send({ headers: { ...message.headers, 'ce-source': '/schools/3302030001/%E6%8E%92%E8%AF%BE' }, body: message.body });
    expect(ok.json.results[0]?.status).toBe('accepted');
    expect((await stored(event.id))[0]?.data).toMatchObject({ source: '/schools/3302030001/排课' });

    const broken = await send({ headers: { ...HTTP.binary(sdkEvent()).headers, 'ce-source': '/schools/%E6%8E' }, body: message.body });
    expect(broken.status).toBe(400);
    expect(broken.json.problems).toEqual([{ path: '', rule: 'percent-encoding', message: expect.stringContaining('ce-source'), value: 'ce-source' }]);
  });

  it('takes a binary-mode event sent without a content-type (the Python SDK leaves it out when the event has no datacontenttype): JSON data', async () => {
    const event = sdkEvent();
    const { 'content-type': _dropped, ...headers } = HTTP.binary(event).headers as Record<string, unknown>;
    expect(_dropped).toBeDefined();
    // bytes, so fetch adds no content-type of its own (a string body would get text/plain)
    const reply = await send({ headers, body: new TextEncoder().encode(HTTP.binary(event).body as string) });
    expect(reply).toMatchObject({ status: 200, json: { results: [{ id: event.id, status: 'accepted' }] } });
    expect(await stored(event.id)).toHaveLength(1);
  });

  it('refuses a binary-mode event whose data is not JSON by its content type, naming datacontenttype; a body with neither binding nor JSON type is 415', async () => {
    const event = sdkEvent();
    const reply = await send({ headers: { ...HTTP.binary(event).headers, 'content-type': 'text/plain' }, body: '"a lesson"' });
    expect(reply.status).toBe(200);
    expect(reply.json.results[0]).toMatchObject({ id: event.id, status: 'rejected' });
    expect(reply.json.results[0]?.problems?.map((p) => p.path)).toContain('/datacontenttype');
    const plain = await send({ headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(plain).toMatchObject({ status: 415, json: { problems: [{ path: '/headers/content-type', rule: 'json' }] } });
  });

  it('refuses a binary-mode body that is not JSON as a whole', async () => {
    const message = HTTP.binary(sdkEvent());
    const reply = await send({ headers: message.headers, body: '{"lessonId":' });
    expect(reply.status).toBe(400);
    expect(reply.json.problems).toEqual([{ path: '', rule: 'json', message: expect.stringContaining('not JSON'), value: null }]);
  });

  it('refuses a JSON object that is neither binding, saying which bindings are expected (not "/id required")', async () => {
    const event = sdkEvent();
    // a binary-mode body whose ce-* headers a proxy dropped
    const reply = await send({ headers: { 'content-type': 'application/json' }, body: HTTP.binary(event).body });
    expect(reply.status).toBe(400);
    expect(reply.json.problems).toEqual([
      { path: '', rule: 'cloudevents-binding', message: expect.stringContaining('neither CloudEvents binding'), value: 'application/json' },
    ]);
    expect(reply.json.detail).toEqual(expect.stringContaining('binary mode (ce-specversion, ce-id'));
    expect(reply.json.detail).toEqual(expect.stringContaining('application/cloudevents+json'));
    expect(reply.json.detail).toEqual(expect.stringContaining('application/cloudevents-batch+json'));
    expect(await stored(event.id)).toHaveLength(0);
  });

  it('still takes a batch as application/cloudevents-batch+json and as application/json', async () => {
    const [a, b] = [anEvent(LessonTimetabledV1), anEvent(LessonTimetabledV1)];
    expect((await send({ headers: { 'content-type': 'application/cloudevents-batch+json' }, body: JSON.stringify([a]) })).json.results[0]?.status).toBe(
      'accepted',
    );
    expect((await send({ headers: { 'content-type': 'application/json' }, body: JSON.stringify([b]) })).json.results[0]?.status).toBe('accepted');
  });

  describe('one event is one event whichever binding it came by (media type parameters, partitionkey, Kafka)', () => {
    let offset = 0;
    /** The SDK's Kafka message as the consumer receives it (the SDK leaves the value to serialise, and unset headers undefined). */
    const received = (message: { key?: unknown; value?: unknown; headers: Record<string, unknown> }): ReceivedMessage => ({
      topic: TOPICS.timetabling,
      partition: 0,
      offset: String((offset += 1)),
      key: typeof message.key === 'string' ? message.key : null,
      value: Buffer.from(typeof message.value === 'string' ? message.value : JSON.stringify(message.value)),
      headers: Object.fromEntries(
        Object.entries(message.headers)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ),
    });
    const overKafka = (message: Parameters<typeof received>[0]) => running.app.get(KafkaIngestion).handle([received(message)]);
    const statusOf = async (message: { headers: Record<string, unknown>; body: unknown }) => (await send(message)).json.results[0]?.status;

    it('accepts a structured event whose datacontenttype has a charset, stores it without one; the binary resend is a duplicate', async () => {
      const event = sdkEvent({}, { datacontenttype: 'application/json; charset=utf-8' });
      expect(await statusOf(HTTP.structured(event))).toBe('accepted');
      expect(await statusOf(HTTP.binary(event))).toBe('duplicate');
      expect(await statusOf(HTTP.structured(sdkEvent({ id: event.id })))).toBe('duplicate');
      const [copy] = await stored(event.id);
      expect(copy?.data).not.toHaveProperty('datacontenttype');
    });

    it('takes the partitionkey extension when it is the school, stores it without it; a resend without it is a duplicate', async () => {
      const event = sdkEvent({}, { partitionkey: SCHOOL });
      expect(HTTP.binary(event).headers['ce-partitionkey']).toBe(SCHOOL);
      expect(await statusOf(HTTP.binary(event))).toBe('accepted');
      expect(await statusOf(HTTP.structured(sdkEvent({ id: event.id })))).toBe('duplicate');
      expect((await stored(event.id))[0]?.data).not.toHaveProperty('partitionkey');
    });

    it('refuses a partitionkey other than the school, naming the attribute', async () => {
      const event = sdkEvent({}, { partitionkey: '3302030002' });
      const reply = await send(HTTP.binary(event));
      expect(reply.json.results[0]).toMatchObject({
        status: 'rejected',
        problems: [{ path: '/partitionkey', rule: 'partitionkey-is-school', value: '3302030002' }],
      });
    });

    it('answers the same event over Kafka (the SDK, binary and structured, key = partitionkey) as a duplicate of the HTTP one', async () => {
      // the SDK spells the time as given over Kafka binary and in UTC with milliseconds elsewhere:
      // one instant, one event
      const binary = sdkEvent({}, { partitionkey: SCHOOL });
      expect(Kafka.binary(binary).headers.ce_time).not.toBe(HTTP.binary(binary).headers['ce-time']);
      expect(await statusOf(HTTP.binary(binary))).toBe('accepted');
      await overKafka({ ...Kafka.binary(binary), headers: { ...Kafka.binary(binary).headers, 'content-type': 'application/json; charset=utf-8' } });
      await overKafka(Kafka.structured(binary));
      expect(await stored(binary.id)).toHaveLength(1);
      expect(await letterOf(binary.id)).toEqual([]);

      const kafkaFirst = sdkEvent({}, { partitionkey: SCHOOL });
      await overKafka(Kafka.binary(kafkaFirst));
      expect(await stored(kafkaFirst.id)).toHaveLength(1);
      expect(await statusOf(HTTP.structured(sdkEvent({ id: kafkaFirst.id })))).toBe('duplicate');
      expect(await statusOf(HTTP.structured(sdkEvent({ id: kafkaFirst.id, time: '2026-09-07T00:00:01Z' })))).toBe('conflict');
    });

    it('answers a resend of an event stored before the envelope was normalised as a duplicate, and a real change still as a conflict', async () => {
      const event = anEvent(LessonTimetabledV1);
      // as the hub stored it before: datacontenttype kept as sent
      await store.append(schoolStream(SCHOOL), [
        { id: event.id, type: event.type, data: { ...event, datacontenttype: 'application/json' }, metadata: { channel: 'http' } },
      ]);
      const resend = (body: unknown) => send({ headers: { 'content-type': 'application/cloudevents-batch+json' }, body: JSON.stringify([body]) });
      expect((await resend({ ...event, datacontenttype: 'application/json' })).json.results[0]?.status).toBe('duplicate');
      expect((await resend(event)).json.results[0]?.status).toBe('duplicate');
      expect((await resend({ ...event, data: { ...event.data, periods: 2 } })).json.results[0]).toMatchObject({ status: 'conflict' });
    });
  });
});
