import { LessonTimetabledV1, SchoolCalendarPublishedV1, toKafkaRecord, TOPICS, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import type { EventStore, StreamAppend } from '@educube/event-store';
import type { ReceivedMessage } from '@educube/kafka';
import type { Channel, Sender } from '@educube/warehouse-ingestion';
import { MAX_JSON_DEPTH } from '../http/json-depth';
import { KafkaIngestion } from '../kafka/kafka-ingestion';
import { IngestionRecords } from '../storage/dead-letters';
import { EVENT_STORE } from '../storage/storage';
import { startTestWarehouse } from '../testing/warehouse';
import { Ingestor, schoolStream } from './ingestor';

// Input that passes the contract but not the database, input too deep to walk, a store that
// refuses one event, a sender naming another school, an id another school already took: each
// is refused alone, kept as a dead letter where it can be, and never turns a batch into a 500.
// Batches sent over HTTP hold events of one school (3302030001, the factories' default);
// several schools at once go through the pipeline directly, as a Kafka batch does.

type Problem = { path: string; rule: string; message: string; value?: unknown };
type Result = { index: number; id: string | null; status: string; position?: string; reason?: string; problems?: Problem[] };
type Answer = { summary: Record<string, number>; results: Result[] };

const SCHOOL = '3302030001';
const lesson = (envelope: Partial<Omit<CloudEvent, 'data'>> = {}) => anEvent(LessonTimetabledV1, {}, { time: '2026-09-07T08:00:00+08:00', ...envelope });
/** An event's JSON text with a piece of it replaced, as a school system would spell it. */
const spelled = (event: CloudEvent, from: string, to: string): string => {
  const text = JSON.stringify(event);
  if (!text.includes(from)) throw new Error(`${from} is not in the event`);
  return text.replace(from, to);
};

describe('refusals that used to fail a whole batch (embedded store)', () => {
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;
  let store: EventStore;
  const post = async (body: string | Buffer): Promise<{ status: number; json: Answer & { problems?: Problem[]; detail?: string } }> => {
    const res = await running.post(body);
    return { status: res.status, json: (await res.json()) as Answer & { problems?: Problem[]; detail?: string } };
  };
  const ingest = (raws: readonly unknown[], channel: Channel, sender?: Sender) =>
    running.app.get(Ingestor).ingest(
      raws.map((raw) => ({ raw, original: Buffer.from(JSON.stringify(raw)) })),
      { channel, ...(sender ? { sender } : {}) },
    );
  const letters = async (filter: { schoolCode?: string } = {}) =>
    (await running.app.get(IngestionRecords).deadLetters({ ...filter, limit: 1_000 })).map((l) => ({ ...l, originalText: l.original.toString('utf8') }));
  const letterOf = async (eventId: string) => (await letters()).find((l) => l.eventId === eventId);
  /** This test's events in a stream, in stream order (other tests append to the same school's stream). */
  const streamOf = async (school: string, ours: readonly CloudEvent[]) => {
    const ids = new Set(ours.map((e) => e.id));
    return (await store.readStream(schoolStream(school))).filter((e) => ids.has(e.id));
  };

  beforeAll(async () => {
    running = await startTestWarehouse({});
    store = running.app.get<EventStore>(EVENT_STORE);
  }, 60_000);
  afterAll(() => running.close());

  describe('NUL and unpaired surrogates', () => {
    it('rejects the events holding them, naming the path, keeps them as dead letters, and accepts the rest of the batch', async () => {
      const before = lesson();
      const nul = lesson();
      const lone = lesson();
      const inKey = lesson();
      const after = anEvent(SchoolCalendarPublishedV1);
      const nulText = spelled(nul, `"lessonId":"${nul.data.lessonId}"`, '"lessonId":"L\\u0000-1"');
      const loneText = spelled(lone, `"source":"${lone.source}"`, `"source":"${lone.source}\\ud800"`);
      const inKeyText = spelled(inKey, '"data":{', '"data":{"\\udc00\\u0000":"x",');
      const reply = await post(`[${JSON.stringify(before)},${nulText},${loneText},${inKeyText},${JSON.stringify(after)}]`);
      expect(reply.status).toBe(200);
      expect(reply.json.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'accepted']);
      expect(reply.json.results[1]?.problems).toEqual([
        { path: '/data/lessonId', rule: 'no-nul-character', message: expect.stringContaining('U+0000'), value: 'L\ufffd-1' },
      ]);
      expect(reply.json.results[2]?.problems).toEqual([
        {
          path: '/source',
          rule: 'well-formed-unicode',
          message: expect.stringContaining('unpaired UTF-16 surrogate (\\uD800)'),
          value: `${lone.source}\ufffd`,
        },
      ]);
      expect(reply.json.results[3]?.problems?.map((p) => [p.path, p.rule])).toEqual([
        ['/data/\ufffd\ufffd', 'unknown-field'],
        ['/data/\ufffd\ufffd', 'no-nul-character'],
        ['/data/\ufffd\ufffd', 'well-formed-unicode'],
      ]);
      // kept, each with the bytes it was sent as (the escapes included) and its reasons
      expect(await letterOf(nul.id)).toMatchObject({
        status: 'rejected',
        schoolCode: SCHOOL,
        originalText: nulText,
        reasons: [{ path: '/data/lessonId', rule: 'no-nul-character' }],
      });
      expect(await letterOf(lone.id)).toMatchObject({ status: 'rejected', originalText: loneText, reasons: [{ rule: 'well-formed-unicode' }] });
      expect(await letterOf(inKey.id)).toMatchObject({ status: 'rejected', originalText: inKeyText });
      expect((await streamOf(SCHOOL, [before, after])).map((e) => e.id)).toEqual([before.id, after.id]);
    });

    it('keeps a dead letter whose own id, school, source and type hold NUL or half a surrogate (stored with U+FFFD, the bytes as sent)', async () => {
      const event = lesson();
      const text = JSON.stringify(event)
        .replace(`"id":"${event.id}"`, `"id":"${event.id}\\u0000"`)
        .replace(`"subject":"${event.subject}"`, `"subject":"\\u0000${event.subject}"`)
        .replace(`"source":"${event.source}"`, `"source":"\\u0000${event.source}"`)
        .replace(`"type":"${event.type}"`, `"type":"${event.type}\\ud800"`);
      const { results } = await running.app.get(Ingestor).ingest([{ raw: JSON.parse(text), original: Buffer.from(text) }], { channel: 'kafka' });
      expect(results[0]?.status).toBe('rejected');
      expect(await letterOf(`${event.id}\ufffd`)).toMatchObject({
        schoolCode: `\ufffd${event.subject}`,
        source: `\ufffd${event.source}`,
        type: `${event.type}\ufffd`,
        originalText: text,
      });
    });
  });

  describe('nesting depth', () => {
    it('refuses a body nested 10,000 deep with 400 max-depth, keeping the body as a dead letter', async () => {
      const event = lesson();
      const body = `[${spelled(event, '"data":{', `"data":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)},`)}]`;
      const before = (await letters()).length;
      const reply = await post(body);
      expect(reply.status).toBe(400);
      expect(reply.json.problems).toEqual([{ path: '', rule: 'max-depth', message: expect.stringContaining('levels deep'), value: MAX_JSON_DEPTH + 1 }]);
      expect(reply.json.detail).toContain(`more than ${MAX_JSON_DEPTH} levels deep`);
      const kept = await letters();
      expect(kept).toHaveLength(before + 1);
      expect(kept[0]).toMatchObject({ eventId: null, status: 'rejected', originalText: body, reasons: [{ rule: 'max-depth', value: MAX_JSON_DEPTH + 1 }] });
      expect(await streamOf(SCHOOL, [event])).toEqual([]);
    });

    it('lets a body within the limit through to the contract, which answers per event', async () => {
      const event = lesson();
      const body = `[${spelled(event, '"data":{', `"data":{"x":${'['.repeat(MAX_JSON_DEPTH - 3)}${']'.repeat(MAX_JSON_DEPTH - 3)},`)}]`;
      const reply = await post(body);
      expect(reply.status).toBe(200);
      expect(reply.json.results[0]?.problems?.map((p) => [p.path, p.rule])).toEqual([['/data/x', 'unknown-field']]);
    });
  });

  describe('a store that refuses one event', () => {
    /** Wraps the real store's appendMany: any append carrying `refused` throws, as PostgreSQL would. */
    const refuse = (
      refused: string,
      error: Error = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05', detail: '\\u0000 cannot be converted to text.' }),
    ) => {
      const real = store.appendMany.bind(store);
      const calls: string[][] = [];
      store.appendMany = async (appends: readonly StreamAppend[]) => {
        calls.push(appends.flatMap((a) => a.events.map((e) => e.id)));
        if (appends.some((a) => a.events.some((e) => e.id === refused))) throw error;
        return real(appends);
      };
      return { calls, restore: () => void (store.appendMany = real) };
    };

    it('dead-letters that event with append-failed and the database message, appends every other one in order, and changes nothing stored', async () => {
      const stored = lesson();
      const first = await post(JSON.stringify([stored]));
      const storedPosition = first.json.results[0]?.position;
      expect(storedPosition).toEqual(expect.any(String));

      const batch = Array.from({ length: 7 }, () => lesson());
      const bad = batch[4] as CloudEvent;
      const wrapper = refuse(bad.id);
      let reply: Awaited<ReturnType<typeof post>>;
      try {
        reply = await post(JSON.stringify([...batch.slice(0, 2), stored, ...batch.slice(2)]));
      } finally {
        wrapper.restore();
      }
      expect(reply.status).toBe(200);
      expect(reply.json.results.map((r) => r.status)).toEqual([
        'accepted',
        'accepted',
        'duplicate',
        'accepted',
        'accepted',
        'rejected',
        'accepted',
        'accepted',
      ]);
      expect(reply.json.summary).toEqual({ accepted: 6, duplicate: 1, conflict: 0, rejected: 1, parked: 0 });
      expect(reply.json.results[5]).toEqual({
        index: 5,
        id: bad.id,
        status: 'rejected',
        problems: [
          {
            path: '',
            rule: 'append-failed',
            message: 'the event store refused this event: unsupported Unicode escape sequence (\\u0000 cannot be converted to text.)',
            value: '22P05',
          },
        ],
      });
      // the one transaction, then halves of it until the refused event stands alone: log2, not one per event
      expect(wrapper.calls[0]).toHaveLength(8);
      expect(wrapper.calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(8)));
      expect(wrapper.calls.at(-2)).toEqual([bad.id]);

      const stream = await streamOf(SCHOOL, [stored, ...batch]);
      expect(stream.map((e) => e.id)).toEqual([stored.id, ...batch.filter((e) => e !== bad).map((e) => e.id)]);
      expect(stream[0]?.position.toString()).toBe(storedPosition);
      expect(stream[0]?.data).toEqual(stored);
      const versions = (await store.readStream(schoolStream(SCHOOL))).map((e) => e.streamVersion);
      expect(versions).toEqual(versions.map((_, i) => i));
      expect(await letterOf(bad.id)).toMatchObject({ status: 'rejected', schoolCode: SCHOOL, reasons: [{ rule: 'append-failed', value: '22P05' }] });
      expect(JSON.parse((await letterOf(bad.id))?.originalText ?? '{}')).toEqual(bad);

      // once the store takes it, the same event is appended, after the others
      expect((await post(JSON.stringify([bad]))).json.results[0]?.status).toBe('accepted');
    });

    it('in a batch of several schools (a Kafka partition), leaves out only that event: the other streams are appended whole', async () => {
      const a = [lesson({ subject: '3302030003' }), lesson({ subject: '3302030003' }), lesson({ subject: '3302030003' })];
      const b = [anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030004' }), anEvent(SchoolCalendarPublishedV1, {}, { subject: '3302030004' })];
      const bad = a[1] as CloudEvent;
      const wrapper = refuse(bad.id);
      let results: Awaited<ReturnType<typeof ingest>>['results'];
      try {
        ({ results } = await ingest([a[0], b[0], a[1], b[1], a[2]], 'kafka'));
      } finally {
        wrapper.restore();
      }
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'accepted', 'accepted']);
      // all at once, then each stream, then the failing stream in halves
      expect(wrapper.calls.slice(0, 3)).toEqual([
        [a[0]?.id, a[1]?.id, a[2]?.id, b[0]?.id, b[1]?.id],
        [a[0]?.id, a[1]?.id, a[2]?.id],
        [a[0]?.id, a[1]?.id],
      ]);
      expect(wrapper.calls).toContainEqual([b[0]?.id, b[1]?.id]);
      expect((await streamOf('3302030003', a)).map((e) => e.id)).toEqual([a[0]?.id, a[2]?.id]);
      expect((await streamOf('3302030004', b)).map((e) => e.id)).toEqual(b.map((e) => e.id));
      expect(await letterOf(bad.id)).toMatchObject({ channel: 'kafka', status: 'rejected', schoolCode: '3302030003', reasons: [{ rule: 'append-failed' }] });
    });

    it('fails the whole batch, storing and dead-lettering nothing, when the database is unavailable', async () => {
      const events = [lesson(), lesson()];
      const lettersBefore = (await letters()).length;
      const headBefore = (await store.readAll(0n, 100_000)).length;
      const wrapper = refuse(events[1]?.id ?? '', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
      try {
        const reply = await post(JSON.stringify(events));
        // "not now", not a failure: the sender is told to send the same batch again (issue 18)
        expect(reply.status).toBe(503);
      } finally {
        wrapper.restore();
      }
      expect(wrapper.calls).toHaveLength(1);
      expect((await store.readAll(0n, 100_000)).length).toBe(headBefore);
      expect(await letters()).toHaveLength(lettersBefore);
    });
  });

  describe('Kafka records', () => {
    const message = (event: CloudEvent, offset: number, value?: Buffer): ReceivedMessage => {
      const record = toKafkaRecord(event);
      return { topic: TOPICS.timetabling, partition: 0, offset: String(offset), key: record.key, value: value ?? record.value, headers: record.headers };
    };

    it('dead-letters a record nested too deep and one holding NUL, and ingests the rest of the partition batch', async () => {
      const deep = lesson();
      const nul = lesson();
      const ok = lesson();
      const deepValue = Buffer.from(`{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
      const nulValue = Buffer.from(JSON.stringify(nul.data).replace(`"lessonId":"${nul.data.lessonId}"`, '"lessonId":"L\\u0000"'));
      await running.app.get(KafkaIngestion).handle([message(deep, 100, deepValue), message(nul, 101, nulValue), message(ok, 102)]);
      const kept = await letters();
      expect(kept.find((l) => l.source === `kafka:${TOPICS.timetabling}/0@100`)).toMatchObject({
        schoolCode: SCHOOL,
        status: 'rejected',
        originalText: deepValue.toString(),
        reasons: [{ path: '', rule: 'max-depth', value: MAX_JSON_DEPTH + 1 }],
      });
      expect(kept.find((l) => l.eventId === nul.id)).toMatchObject({ schoolCode: SCHOOL, reasons: [{ path: '/data/lessonId', rule: 'no-nul-character' }] });
      expect((await streamOf(SCHOOL, [deep, nul, ok])).map((e) => e.id)).toEqual([ok.id]);
    });
  });

  describe('an authenticated sender', () => {
    const sender: Sender = { clientId: 'timetabling-system', schoolCodes: ['3302030005'] };

    it("files a reject under the sender's school, not the school the event claims, keeping the claim in the reasons", async () => {
      const victim = '3302030006';
      const claimed = lesson({ subject: victim });
      const { results } = await ingest([claimed], 'http', sender);
      expect(results[0]).toMatchObject({ status: 'rejected', problems: [{ path: '/subject', rule: 'own-school', value: victim }] });
      expect(await letters({ schoolCode: victim })).toEqual([]);
      expect(await letterOf(claimed.id)).toMatchObject({ schoolCode: '3302030005', reasons: [{ path: '/subject', rule: 'own-school', value: victim }] });

      // a sender for several schools: the claimed school if it is one of them, else none
      const several: Sender = { clientId: 'district-system', schoolCodes: ['3302030005', '3302030007'] };
      const own = { ...lesson({ subject: '3302030007' }), time: 'soon' };
      const foreign = lesson({ subject: victim });
      await ingest([own, foreign], 'http', several);
      expect(await letterOf(own.id)).toMatchObject({ schoolCode: '3302030007' });
      expect(await letterOf(foreign.id)).toMatchObject({ schoolCode: null });

      // no sender (Kafka): the event's school, as before
      const kafka = { ...lesson({ subject: '3302030008' }), time: 'soon' };
      await ingest([kafka], 'kafka');
      expect(await letterOf(kafka.id)).toMatchObject({ schoolCode: '3302030008' });
    });

    it("answers a conflict with another school's event by saying only that the id is taken", async () => {
      const theirs = lesson({ subject: '3302030006' });
      expect((await ingest([theirs], 'http', { clientId: 'other-system', schoolCodes: ['3302030006'] })).results[0]?.status).toBe('accepted');
      const mine = { ...lesson({ subject: '3302030005' }), id: theirs.id };
      const { results } = await ingest([mine], 'http', sender);
      expect(results[0]).toEqual({
        index: 0,
        id: theirs.id,
        status: 'conflict',
        reason: `the event id ${theirs.id} is already taken; send this event under an id of its own`,
      });
      const letter = await letterOf(theirs.id);
      expect(letter).toMatchObject({ status: 'conflict', schoolCode: '3302030005' });
      expect(JSON.stringify(letter?.reasons)).not.toMatch(/3302030006|position|school-/);
    });

    it('keeps the position in a conflict with its own earlier event, but names no stream', async () => {
      const first = lesson({ subject: '3302030005' });
      const accepted = (await ingest([first], 'http', sender)).results[0];
      const changed = { ...first, data: { ...first.data, period: 2 } };
      const { results } = await ingest([changed], 'http', sender);
      expect(results[0]).toEqual({
        index: 0,
        id: first.id,
        status: 'conflict',
        reason: `event ${first.id} was stored before (position ${accepted?.status === 'accepted' ? accepted.position : '?'}) with other content; the stored one stands`,
      });
    });
  });
});
