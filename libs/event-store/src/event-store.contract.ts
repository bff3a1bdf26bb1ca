import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError, type EventStore, type NewEvent } from './port';

// One behaviour, every adapter: each adapter's spec calls this with a way to open a store on
// an empty database.

let n = 0;
const anEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({ id: `e-${randomUUID()}`, type: 'LessonTimetabled', data: { lessonId: `L-${++n}`, period: 1 }, ...overrides });
const aStream = () => `school-${randomUUID()}`;

export function eventStoreContract(adapter: string, open: () => Promise<EventStore>): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('appends to a stream and reads it back in order, with versions and positions', async () => {
      const stream = aStream();
      const events = [anEvent(), anEvent(), anEvent()];
      const result = await store.append(stream, events, 'no-stream');
      expect(result.streamVersion).toBe(2);
      expect(result.outcomes.map((o) => o.status)).toEqual(['appended', 'appended', 'appended']);
      const read = await store.readStream(stream);
      expect(read.map((e) => [e.id, e.streamVersion, e.data])).toEqual(events.map((e, i) => [e.id, i, e.data]));
      expect(read[1]!.position > read[0]!.position).toBe(true);
    });

    it('stores an id once across all streams: the same payload again is a duplicate', async () => {
      const event = anEvent();
      await store.append(aStream(), [event]);
      const again = await store.append(aStream(), [{ ...event, data: { period: 1, lessonId: (event.data as { lessonId: string }).lessonId } }]);
      expect(again.outcomes).toEqual([expect.objectContaining({ id: event.id, status: 'duplicate' })]);
      expect((await store.readAll(0n, 1_000_000)).filter((e) => e.id === event.id)).toHaveLength(1);
    });

    it('reports the same id with a different payload as a conflict and keeps the original', async () => {
      const stream = aStream();
      const event = anEvent();
      await store.append(stream, [event]);
      const clash = await store.append(stream, [{ ...event, data: { lessonId: 'changed' } }]);
      expect(clash.outcomes).toEqual([expect.objectContaining({ id: event.id, status: 'conflict', streamId: stream })]);
      expect((await store.readStream(stream)).map((e) => e.data)).toEqual([event.data]);
    });

    it('answers a repeated id inside one batch without storing it twice', async () => {
      const stream = aStream();
      const event = anEvent();
      const result = await store.append(stream, [event, event, { ...event, data: { other: true } }]);
      expect(result.outcomes.map((o) => o.status)).toEqual(['appended', 'duplicate', 'conflict']);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it.each([
      ['no-stream on an existing stream', 'no-stream' as const, 1],
      ['a stale version', 0, 1],
      ['a version from the future', 5, 1],
    ])('refuses %s and writes nothing', async (_case, expected, actual) => {
      const stream = aStream();
      await store.append(stream, [anEvent(), anEvent()]);
      const rejected = anEvent();
      await expect(store.append(stream, [rejected], expected)).rejects.toEqual(new WrongExpectedVersionError(stream, expected, actual));
      expect((await store.readStream(stream)).map((e) => e.id)).not.toContain(rejected.id);
    });

    it('answers a retried append that already committed, even though its expected version is now stale', async () => {
      const stream = aStream();
      const batch = [anEvent(), anEvent()];
      await store.append(stream, batch, 'no-stream');
      const retry = await store.append(stream, batch, 'no-stream');
      expect(retry.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
    });

    it('lets exactly one of 50 concurrent appends at the same expected version win', async () => {
      const stream = aStream();
      await store.append(stream, [anEvent()], 'no-stream');
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => store.append(stream, [anEvent()], 0)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof WrongExpectedVersionError)).toHaveLength(49);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('never lets a reader tailing the global order skip an event while writers append concurrently', async () => {
      const start = (await store.readAll(0n, 1_000_000)).at(-1)?.position ?? 0n;
      let writing = true;
      const seen: bigint[] = [];
      const reader = (async () => {
        let checkpoint = start;
        for (;;) {
          const done = !writing;
          const page = await store.readAll(checkpoint, 100);
          for (const e of page) seen.push(e.position);
          if (page.length > 0) checkpoint = page.at(-1)!.position;
          else if (done) return;
        }
      })();
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const stream = aStream();
          for (let i = 0; i < 20; i++) await store.append(stream, [anEvent(), anEvent()]);
        }),
      );
      writing = false;
      await reader;
      const all = (await store.readAll(start, 1_000_000)).map((e) => e.position);
      expect(all).toHaveLength(400);
      expect(seen).toEqual(all);
    });

    it('appends to several streams in one transaction, with one answer per stream', async () => {
      const [a, b] = [aStream(), aStream()];
      const shared = anEvent();
      const results = await store.appendMany([
        { streamId: a, events: [anEvent(), shared], expected: 'no-stream' },
        { streamId: b, events: [anEvent(), shared] },
      ]);
      expect(results.map((r) => [r.streamVersion, r.outcomes.map((o) => o.status)])).toEqual([
        [1, ['appended', 'appended']],
        [0, ['appended', 'duplicate']],
      ]);
      expect(results[1]!.outcomes[1]).toMatchObject({ streamId: a });
    });

    it('writes nothing to any stream when one stream of a multi-stream append has the wrong version', async () => {
      const [a, b] = [aStream(), aStream()];
      await store.append(b, [anEvent()]);
      const first = anEvent();
      await expect(store.appendMany([{ streamId: a, events: [first] }, { streamId: b, events: [anEvent()], expected: 'no-stream' }])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(a)).toEqual([]);
      expect(await store.readStream(b)).toHaveLength(1);
    });

    it('reads the global order after a checkpoint, a page at a time', async () => {
      const before = (await store.readAll(0n, 1_000_000)).at(-1)?.position ?? 0n;
      const stream = aStream();
      await store.append(stream, [anEvent(), anEvent(), anEvent()]);
      const page = await store.readAll(before, 2);
      expect(page.map((e) => e.streamVersion)).toEqual([0, 1]);
      expect((await store.readAll(page[1]!.position, 10)).map((e) => e.streamVersion)).toEqual([2]);
    });
  });
}
