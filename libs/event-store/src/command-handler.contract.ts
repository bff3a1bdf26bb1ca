import { randomUUID } from 'node:crypto';
import { accepted, handleCommand, refused, type Decision, type StreamDecider } from './command-handler';
import { WrongExpectedVersionError, type EventStore } from './port';

// The command handler on a real store: every conflict below comes from a real append by
// another writer between the handler's load and its append, never from a mock throwing. Each
// adapter's spec runs it with a way to open a store (streams are fresh per test, so a shared
// test database is fine).

type Counted = { readonly type: 'Counted'; readonly data: { readonly to: number; readonly by: string } };
type Counter = { readonly count: number; readonly by: readonly string[] };

const counter: StreamDecider<Counter, Counted> = {
  initialState: () => ({ count: 0, by: [] }),
  evolve: (s, e) => ({ count: e.data.to, by: [...s.by, e.data.by] }),
  read: (r) => r.data as Counted,
};

/** Counts one up; refuses past `limit`; `by` who counted. */
const countUp =
  (by: string, limit = Number.POSITIVE_INFINITY) =>
  (s: Counter): Decision<Counted, string> =>
    s.count >= limit ? refused(`the count is already ${s.count}`) : accepted([{ type: 'Counted', data: { to: s.count + 1, by } }]);

const aStream = () => `counter-${randomUUID()}`;

/** The store, except that after the first `times` loads another writer counts up on the stream before the load answers. */
function withInterloper(store: EventStore, times: number): Pick<EventStore, 'readStream' | 'append'> & { interloped: number } {
  const proxy = {
    interloped: 0,
    async readStream(streamId: string, fromVersion?: number) {
      const loaded = await store.readStream(streamId, fromVersion);
      if (proxy.interloped < times) {
        proxy.interloped += 1;
        const last = loaded[loaded.length - 1];
        const count = last ? (last.data as Counted).data.to : 0;
        await store.append(
          streamId,
          [{ id: randomUUID(), type: 'Counted', data: { type: 'Counted', data: { to: count + 1, by: 'interloper' } } }],
          last ? last.streamVersion : 'no-stream',
        );
      }
      return loaded;
    },
    append: store.append.bind(store),
  };
  return proxy;
}

export function commandHandlerContract(name: string, open: () => Promise<EventStore>): void {
  describe(`handleCommand on ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const counts = async (stream: string) => (await store.readStream(stream)).map((r) => (r.data as Counted).data);

    it('loads the stream, decides against it and appends at its version', async () => {
      const stream = aStream();
      const first = await handleCommand(store, stream, counter, countUp('a'));
      expect(first).toMatchObject({ kind: 'recorded', version: 0, attempts: 1, state: { count: 1, by: ['a'] } });
      const second = await handleCommand(store, stream, counter, countUp('b'));
      expect(second).toMatchObject({ kind: 'recorded', version: 1, attempts: 1, state: { count: 2, by: ['a', 'b'] } });
      expect(await counts(stream)).toEqual([
        { to: 1, by: 'a' },
        { to: 2, by: 'b' },
      ]);
    });

    it('hands a refusal back untouched and appends nothing', async () => {
      const stream = aStream();
      await handleCommand(store, stream, counter, countUp('a'));
      const outcome = await handleCommand(store, stream, counter, countUp('b', 1));
      expect(outcome).toMatchObject({ kind: 'refused', refusal: 'the count is already 1', version: 0, attempts: 1 });
      expect(await counts(stream)).toHaveLength(1);
    });

    it('appends nothing when the decision has no event', async () => {
      const stream = aStream();
      expect(await handleCommand(store, stream, counter, () => accepted([]))).toMatchObject({ kind: 'unchanged', version: -1, attempts: 1 });
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('lets a throwing decider throw, with nothing appended', async () => {
      const stream = aStream();
      await expect(
        handleCommand(store, stream, counter, () => {
          throw new Error('no such counter');
        }),
      ).rejects.toThrow('no such counter');
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('after another writer appends between its load and its append, loads again and decides against what that writer wrote', async () => {
      const stream = aStream();
      await handleCommand(store, stream, counter, countUp('a'));
      const racing = withInterloper(store, 1);
      const seen: number[] = [];
      const outcome = await handleCommand(racing, stream, counter, (s, attempt) => {
        seen.push(attempt);
        return countUp('b')(s);
      });
      expect(racing.interloped).toBe(1);
      expect(seen).toEqual([1, 2]);
      expect(outcome).toMatchObject({ kind: 'recorded', attempts: 2, version: 2, state: { count: 3, by: ['a', 'interloper', 'b'] } });
      // without the retry the first decision (count 2) would have been lost or, worse, written over the interloper's
      expect(await counts(stream)).toEqual([
        { to: 1, by: 'a' },
        { to: 2, by: 'interloper' },
        { to: 3, by: 'b' },
      ]);
    });

    it('gives up after maxAttempts conflicts with a conflict outcome, having appended none of its own', async () => {
      const stream = aStream();
      const racing = withInterloper(store, 99);
      const outcome = await handleCommand(racing, stream, counter, countUp('b'), { maxAttempts: 3 });
      expect(outcome.kind).toBe('conflict');
      expect(outcome.attempts).toBe(3);
      if (outcome.kind === 'conflict') expect(outcome.error).toBeInstanceOf(WrongExpectedVersionError);
      expect((await counts(stream)).map((c) => c.by)).toEqual(['interloper', 'interloper', 'interloper']);
    });

    it('serialises concurrent commands on one stream: every one recorded once, each against the one before', async () => {
      const stream = aStream();
      const writers = 8;
      const outcomes = await Promise.all(
        Array.from({ length: writers }, (_, i) => handleCommand(store, stream, counter, countUp(`w${i}`), { maxAttempts: writers + 2 })),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(Array(writers).fill('recorded'));
      // they raced: some had to load again
      expect(outcomes.reduce((n, o) => n + o.attempts, 0)).toBeGreaterThan(writers);
      const stored = await counts(stream);
      expect(stored.map((c) => c.to)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
      expect(new Set(stored.map((c) => c.by)).size).toBe(writers);
    });

    it('refuses a maxAttempts below 1', async () => {
      await expect(handleCommand(store, aStream(), counter, countUp('a'), { maxAttempts: 0 })).rejects.toThrow('maxAttempts');
    });
  });
}
