import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@educube/postgres';
import type { PostgresCheckpointStore } from './postgres/postgres-checkpoint-store';
import { WrongExpectedVersionError, type EventStore, type NewEvent, type RecordedEvent } from './port';

// One behaviour, every adapter: each adapter's spec calls this with a way to open a store on
// an empty database.

export interface ContractOptions {
  /**
   * PostgreSQL hands out positions 1, 2, 3… (a rolled-back insert can leave a hole, which no
   * test provokes); KurrentDB's are log offsets with holes between events. Only the first is
   * held to contiguity; both to strictly increasing and never skipped.
   */
  readonly contiguousPositions: boolean;
  /** Concurrent writers in the subscriber test, and appends (of one event) each makes. */
  readonly writers?: number;
  readonly appendsPerWriter?: number;
  /** The adapter is told of appends, so an idle subscriber wakes before its next poll. */
  readonly wakesOnAppend?: boolean;
}

let n = 0;
const anEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: `e-${randomUUID()}`,
  type: 'LessonTimetabled',
  data: { lessonId: `L-${++n}`, period: 1 },
  ...overrides,
});
const aStream = () => `school-${randomUUID()}`;

/** The last position in the store, read a page at a time (KurrentDB's $all may be long). */
async function lastPosition(store: EventStore): Promise<bigint> {
  let last = 0n;
  for (;;) {
    const page = await store.readAll(last, 1000);
    if (page.length === 0) return last;
    last = page.at(-1)!.position;
  }
}

async function until(what: string, done: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs a subscriber from `after` that records what it is handed, page by page. */
function follow(store: EventStore, after: bigint, options: { batchSize?: number; pollIntervalMs?: number } = {}) {
  const controller = new AbortController();
  const pages: RecordedEvent[][] = [];
  const running = store.subscribe({
    after,
    batchSize: options.batchSize ?? 100,
    pollIntervalMs: options.pollIntervalMs ?? 20,
    signal: controller.signal,
    handle: async (events) => {
      pages.push([...events]);
    },
  });
  const seen = () => pages.flat();
  return {
    pages,
    seen,
    running,
    async stop() {
      controller.abort();
      await running;
    },
  };
}

export function eventStoreContract(adapter: string, open: () => Promise<EventStore>, options: ContractOptions): void {
  const { contiguousPositions, writers = 8, appendsPerWriter = 200, wakesOnAppend = false } = options;

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
      await expect(
        store.appendMany([
          { streamId: a, events: [first] },
          { streamId: b, events: [anEvent()], expected: 'no-stream' },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
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

    describe('catch-up subscription', () => {
      it('hands over the order after a position in pages, then follows new appends until aborted', async () => {
        const start = await lastPosition(store);
        const stream = aStream();
        const before = Array.from({ length: 7 }, () => anEvent());
        await store.append(stream, before, 'no-stream');
        const sub = follow(store, start, { batchSize: 3 });
        await until('the first seven', () => sub.seen().length >= 7);
        expect(sub.pages.slice(0, 3).map((p) => p.length)).toEqual([3, 3, 1]);
        const later = [anEvent(), anEvent()];
        await store.append(stream, later);
        await until('the appended two', () => sub.seen().length >= 9);
        await sub.stop();
        expect(sub.seen().map((e) => e.id)).toEqual([...before, ...later].map((e) => e.id));
        expect(sub.seen().map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
        await store.append(stream, [anEvent()]);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(sub.seen()).toHaveLength(9);
      });

      it('resumes after a checkpoint with exactly the events after it', async () => {
        const start = await lastPosition(store);
        const events = Array.from({ length: 5 }, () => anEvent());
        await store.append(aStream(), events);
        const all = await store.readAll(start, 10);
        const sub = follow(store, all[1]!.position, { batchSize: 2 });
        await until('the last three', () => sub.seen().length >= 3);
        await sub.stop();
        expect(sub.seen().map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
      });

      it("stops with the handler's error and hands over no further page", async () => {
        const start = await lastPosition(store);
        await store.append(aStream(), [anEvent(), anEvent(), anEvent()]);
        let calls = 0;
        const failing = store.subscribe({
          after: start,
          batchSize: 1,
          pollIntervalMs: 10,
          handle: async () => {
            calls++;
            throw new Error('read model is down');
          },
        });
        await expect(failing).rejects.toThrow('read model is down');
        expect(calls).toBe(1);
      });

      it('refuses a batch size that is not a positive integer', async () => {
        await expect(store.subscribe({ after: 0n, batchSize: 0, handle: async () => undefined })).rejects.toBeInstanceOf(RangeError);
      });

      if (wakesOnAppend) {
        it('wakes an idle subscriber on an append, long before its next poll', async () => {
          const start = await lastPosition(store);
          const sub = follow(store, start, { pollIntervalMs: 60_000 });
          await new Promise((resolve) => setTimeout(resolve, 200)); // let it read, find nothing, and wait
          const event = anEvent();
          await store.append(aStream(), [event]);
          await until('the woken subscriber', () => sub.seen().length > 0, 5_000);
          await sub.stop();
          expect(sub.seen().map((e) => e.id)).toEqual([event.id]);
        });
      }

      it(`hands a subscriber every position exactly once, in order, while ${writers} writers append concurrently`, async () => {
        const start = await lastPosition(store);
        const sub = follow(store, start, { batchSize: 50 });
        await Promise.all(
          Array.from({ length: writers }, async () => {
            const stream = aStream();
            for (let i = 0; i < appendsPerWriter; i++) await store.append(stream, [anEvent()]);
          }),
        );
        const total = writers * appendsPerWriter;
        await until(`${total} events at the subscriber`, () => sub.seen().length >= total, 60_000);
        await new Promise((resolve) => setTimeout(resolve, 100)); // a duplicate would arrive now
        await sub.stop();
        const seen = sub.seen().map((e) => e.position);
        expect(seen).toHaveLength(total);
        expect(new Set(seen).size).toBe(total);
        expect(seen.every((p, i) => i === 0 || p > seen[i - 1]!)).toBe(true);
        expect(seen).toEqual((await store.readAll(start, total + 1)).map((e) => e.position));
        if (contiguousPositions) expect(seen.every((p, i) => i === 0 || p === seen[i - 1]! + 1n)).toBe(true);
      });
    });

    describe('idempotency under concurrency', () => {
      it('stores an id appended concurrently to two streams once, answering the other a duplicate', async () => {
        const ids = Array.from({ length: 20 }, () => anEvent());
        const pairs = await Promise.all(ids.map((e) => Promise.all([store.append(aStream(), [e]), store.append(aStream(), [e])])));
        for (const pair of pairs) expect(pair.map((r) => r.outcomes[0]!.status).sort()).toEqual(['appended', 'duplicate']);
        const stored = (await store.readAll(0n, 1_000_000)).filter((e) => ids.some((i) => i.id === e.id));
        expect(stored.map((e) => e.id).sort()).toEqual(ids.map((e) => e.id).sort());
      });

      it('keeps the first of two concurrent appends of one id with different payloads and reports the other a conflict', async () => {
        const event = anEvent();
        const [a, b] = await Promise.all([store.append(aStream(), [event]), store.append(aStream(), [{ ...event, data: { other: true } }])]);
        expect([a.outcomes[0]!.status, b.outcomes[0]!.status].sort()).toEqual(['appended', 'conflict']);
        const winner = a.outcomes[0]!.status === 'appended' ? a : b;
        const loser = winner === a ? b : a;
        expect(loser.outcomes[0]).toMatchObject({ position: (winner.outcomes[0] as { position: bigint }).position });
      });
    });
  });
}

/**
 * Checkpoints and the read-model pattern they serve: a subscriber writes its read model and its
 * checkpoint in one transaction, is stopped, and resumes from the checkpoint. PostgreSQL only
 * (the checkpoint lives beside the read model), on PGlite and the real server.
 */
export function checkpointContract(adapter: string, open: () => Promise<{ db: SqlDatabase; store: EventStore; checkpoints: PostgresCheckpointStore }>): void {
  describe(`checkpoint store contract: ${adapter}`, () => {
    let db: SqlDatabase;
    let store: EventStore;
    let checkpoints: PostgresCheckpointStore;
    beforeAll(async () => {
      ({ db, store, checkpoints } = await open());
    });
    afterAll(async () => {
      await store?.close();
    });
    const aName = () => `projection-${randomUUID()}`;

    it('loads nothing for a subscriber that never saved, then what it saved', async () => {
      const name = aName();
      expect(await checkpoints.load(name)).toBeUndefined();
      await checkpoints.save(name, 42n);
      expect(await checkpoints.load(name)).toBe(42n);
    });

    it('only moves forward, and forgets on reset so a rebuild starts from the beginning', async () => {
      const name = aName();
      await checkpoints.save(name, 10n);
      await checkpoints.save(name, 7n);
      expect(await checkpoints.load(name)).toBe(10n);
      await checkpoints.reset(name);
      expect(await checkpoints.load(name)).toBeUndefined();
    });

    it('holds positions wider than 64 bits (KurrentDB packs two log offsets into one)', async () => {
      const name = aName();
      const wide = (2n ** 63n - 1n) * 2n ** 64n + 12_345n;
      await checkpoints.save(name, wide);
      expect(await checkpoints.load(name)).toBe(wide);
    });

    it("saves inside the caller's transaction: a rollback keeps the old checkpoint", async () => {
      const name = aName();
      await checkpoints.save(name, 5n);
      await expect(
        db.transaction(async (tx) => {
          await checkpoints.save(name, 9n, tx);
          throw new Error('the read model write failed');
        }),
      ).rejects.toThrow('the read model write failed');
      expect(await checkpoints.load(name)).toBe(5n);
      await db.transaction((tx) => checkpoints.save(name, 9n, tx));
      expect(await checkpoints.load(name)).toBe(9n);
    });

    it('lets a read model stopped mid-way resume from its checkpoint with nothing missed or applied twice', async () => {
      const name = aName();
      const table = `read_model_${name.replace(/-/g, '_')}`;
      // a primary key on the event id: applying an event twice would fail the transaction
      await db.exec(`create table ${table} (event_id text primary key, position numeric not null)`);
      const start = await (async () => {
        let last = 0n;
        for (let page = await store.readAll(0n, 1000); page.length > 0; page = await store.readAll(last, 1000)) last = page.at(-1)!.position;
        return last;
      })();
      await checkpoints.save(name, start);
      const stream = aStream();
      const first = Array.from({ length: 30 }, () => anEvent());
      await store.append(stream, first);

      const run = async (stopAfter: number) => {
        const controller = new AbortController();
        let applied = 0;
        const running = store.subscribe({
          after: (await checkpoints.load(name)) ?? 0n,
          batchSize: 7,
          pollIntervalMs: 10,
          signal: controller.signal,
          handle: (events) =>
            db.transaction(async (tx) => {
              for (const e of events) await tx.query(`insert into ${table} (event_id, position) values ($1, $2)`, [e.id, e.position.toString()]);
              await checkpoints.save(name, events.at(-1)!.position, tx);
              applied += events.length;
              if (applied >= stopAfter) controller.abort();
            }),
        });
        await running;
        return applied;
      };
      expect(await run(10)).toBe(14); // two pages of seven, then the abort is seen
      const more = Array.from({ length: 12 }, () => anEvent());
      await store.append(stream, more);
      expect(await run(28)).toBe(28);
      const { rows } = await db.query<{ event_id: string }>(`select event_id from ${table} order by position`);
      expect(rows.map((r) => r.event_id)).toEqual([...first, ...more].map((e) => e.id));
      expect(await checkpoints.load(name)).toBe((await store.readStream(stream)).at(-1)!.position);
    });
  });
}
