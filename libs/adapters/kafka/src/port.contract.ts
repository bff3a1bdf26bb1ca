import { eventRegistry, fromKafkaRecord, LessonTimetabledV1, toKafkaRecord, type CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { randomUUID } from 'node:crypto';
import type { ConsumerEvent } from './consumer-state';
import type { ConsumerState, MessageConsumer, MessageProducer, ReceivedMessage, TopicAdmin } from './port';
import { brokerFixture, brokers, offsets, waitFor } from './testing';

/** What a contract test may ask of an adapter's consumer; the rest is the adapter's default. */
export interface ContractConsumerOptions {
  readonly groupId: string;
  readonly sessionTimeoutMs?: number;
  readonly retryBackoffMs?: { readonly first: number; readonly max: number };
  /** every event the consumer reports, in order */
  readonly events?: ConsumerEvent[];
}

/** One adapter's clients, all against the same broker. */
export interface MessagingFactory {
  producer(): MessageProducer;
  admin(): TopicAdmin;
  consumer(options: ContractConsumerOptions): MessageConsumer;
}

type ClientOptions = { readonly brokers: readonly string[]; readonly clientId: string };

/** One adapter's classes, each taking the broker list and a client id beside its own defaults. */
export interface AdapterClasses {
  readonly Producer: new (options: ClientOptions) => MessageProducer;
  readonly Admin: new (options: ClientOptions) => TopicAdmin;
  readonly Consumer: new (options: ClientOptions & Omit<ContractConsumerOptions, 'events'> & { onEvent: (event: ConsumerEvent) => void }) => MessageConsumer;
}

/** An adapter's clients against the stack's broker, under one client id. */
export function clientsOf(clientId: string, classes: AdapterClasses): MessagingFactory {
  return {
    producer: () => new classes.Producer({ brokers, clientId }),
    admin: () => new classes.Admin({ brokers, clientId }),
    consumer: ({ events, ...options }) => new classes.Consumer({ brokers, clientId, ...options, onEvent: (e) => events?.push(e) }),
  };
}

const text = (value: Buffer | string | undefined) => value?.toString();

/**
 * The behaviour every MessageProducer / MessageConsumer / TopicAdmin must show against the real
 * broker (scripts/stack/kafka.sh), whatever client is behind it. Every test has its own topic and
 * group, so runs, adapters and tests never see each other's messages or members.
 */
export function messagingContract(name: string, factory: MessagingFactory): void {
  describe(`messaging port contract: ${name} (real broker)`, () => {
    const broker = brokerFixture('it-contract', factory);
    const { freshTopic, committedLag } = broker;

    const consumer = (options: Omit<ContractConsumerOptions, 'groupId'> & { groupId?: string } = {}) =>
      broker.track(factory.consumer({ groupId: broker.name(), ...options }));

    /** runs a consumer of a fresh group until `count` messages were handled */
    async function consumeAll(topic: string, count: number, groupId = broker.name()) {
      const c = consumer({ groupId });
      const got: ReceivedMessage[] = [];
      const batches: ReceivedMessage[][] = [];
      await c.connect();
      await c.subscribe([topic], { fromBeginning: true });
      await c.run(async (batch) => {
        batches.push([...batch]);
        got.push(...batch);
      });
      await waitFor(`${count} messages`, () => got.length >= count, 60_000);
      return { c, got, batches, groupId };
    }

    it('ensureTopics is idempotent: a second call, and one mixing old and new topics, change nothing', async () => {
      const topic = broker.name();
      const other = broker.name();
      await broker.admin.ensureTopics([{ topic, partitions: 3 }]);
      await broker.admin.ensureTopics([{ topic, partitions: 3 }]);
      // an existing topic is left as it is, even when asked with another partition count
      await broker.admin.ensureTopics([
        { topic, partitions: 5 },
        { topic: other, partitions: 2 },
      ]);
      const lag = await broker.admin.consumerLag(broker.name(), [topic, other]);
      expect(lag.map((p) => `${p.topic === topic ? 'a' : 'b'}${p.partition}:${p.lag}`).sort()).toEqual(['a0:0', 'a1:0', 'a2:0', 'b0:0', 'b1:0']);
    });

    it('carries keys, headers and values, keeping one key on one partition and in order', async () => {
      const topic = await freshTopic(3, 0);
      const keys = ['3302030001', '3302040007', '3302050003', 'K-ü-名校'];
      const records = Array.from({ length: 40 }, (_, i) => ({
        key: keys[i % keys.length]!,
        value: Buffer.from(JSON.stringify({ n: i })),
        headers: { ce_id: `id-${i}`, ce_type: 'edu.test.v1', note: '名校网络课堂' },
      }));
      // in several sends, as a service produces them
      for (let i = 0; i < records.length; i += 7) await broker.producer.send(topic, records.slice(i, i + 7));

      const { got, batches } = await consumeAll(topic, 40);
      expect(got).toHaveLength(40);
      // batches are per partition
      for (const b of batches) expect(new Set(b.map((m) => m.partition)).size).toBe(1);
      for (const m of got) {
        expect(m.topic).toBe(topic);
        const n = (JSON.parse(m.value!.toString()) as { n: number }).n;
        expect(m.key).toBe(records[n]!.key);
        expect([text(m.headers['ce_id']), text(m.headers['ce_type']), text(m.headers['note'])]).toEqual([`id-${n}`, 'edu.test.v1', '名校网络课堂']);
      }
      for (const key of keys) {
        const mine = got.filter((m) => m.key === key);
        expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
        const ns = mine.map((m) => (JSON.parse(m.value!.toString()) as { n: number }).n);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
        const os = mine.map((m) => BigInt(m.offset));
        expect(os.every((o, i) => i === 0 || o > os[i - 1]!)).toBe(true);
      }
    });

    it('carries a contract-valid event with CloudEvents headers that the consumer validates back, and a malformed one intact', async () => {
      const topic = await freshTopic(3, 0);
      const run = randomUUID();
      const sent: CloudEvent[] = [
        anEvent(LessonTimetabledV1, { lessonId: `L-${run}-1` }, { id: `${run}-1`, subject: '3302030001' }),
        anEvent(LessonTimetabledV1, { lessonId: `L-${run}-2`, mode: '名校网络课堂' }, { id: `${run}-2`, subject: '3302030001' }),
        anEvent(LessonTimetabledV1, { lessonId: `L-${run}-3` }, { id: `${run}-3`, subject: '3302040007' }),
      ];
      const bad = anEvent(LessonTimetabledV1, { period: 99 }, { id: `${run}-bad` });
      await broker.producer.send(topic, [...sent, bad].map(toKafkaRecord));

      const { got } = await consumeAll(topic, 4);
      const now = { now: new Date('2026-09-07T00:00:00Z') };
      const decoded = got.map((m) => {
        const d = fromKafkaRecord(m);
        if (!d.ok) throw new Error(d.message);
        return { checked: eventRegistry.validate(d.raw, now), key: m.key, partition: m.partition, id: text(m.headers['ce_id']) };
      });
      const good = decoded.filter((d) => d.id !== `${run}-bad`);
      expect(good.map((d) => (d.checked.ok ? d.checked.event : d.checked.problems)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
        [...sent].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
      expect(good.every((d) => d.checked.ok && d.key === d.checked.event.subject)).toBe(true);
      const school1 = good.filter((d) => d.key === '3302030001');
      expect(new Set(school1.map((d) => d.partition)).size).toBe(1);
      expect(school1.map((d) => d.id)).toEqual([`${run}-1`, `${run}-2`]);
      expect(decoded.find((d) => d.id === `${run}-bad`)?.checked).toEqual({
        ok: false,
        problems: [expect.objectContaining({ path: '/data/period', rule: 'max', value: 99 })],
      });
    });

    it('moves from starting to consuming once in its group, and to stopped on disconnect', async () => {
      const topic = await freshTopic(2, 0);
      const c = consumer();
      const seen: ConsumerState['status'][] = [c.state().status];
      await c.connect();
      await c.subscribe([topic]);
      seen.push(c.state().status);
      await c.run(async () => undefined);
      await waitFor('consuming', () => c.state().status === 'consuming', 30_000);
      seen.push(c.state().status);
      expect(c.state()).toEqual({ status: 'consuming', since: expect.any(Date), rejoins: 0 });
      await c.disconnect();
      seen.push(c.state().status);
      expect(seen).toEqual(['starting', 'starting', 'consuming', 'stopped']);
    });

    it('commits only after the handler resolved: a handler that throws gets the batch again, and a restarted group resumes after the commit', async () => {
      const topic = await freshTopic(1, 3);
      const groupId = broker.name();
      const events: ConsumerEvent[] = [];
      const c = consumer({ groupId, events });
      const attempts: string[][] = [];
      const lagInRetry: number[] = [];
      await c.connect();
      await c.subscribe([topic]);
      await c.run(async (batch) => {
        attempts.push(offsets(batch));
        if (attempts.length === 1) throw new Error('handler failed once');
        if (attempts.length === 2) lagInRetry.push(await committedLag(groupId, topic));
      });
      await waitFor('the batch committed after the redelivery', async () => attempts.length >= 2 && (await committedLag(groupId, topic)) === 0);
      await waitFor('consuming again', () => c.state().status === 'consuming');
      expect(attempts.slice(0, 2)).toEqual([
        ['0@0', '0@1', '0@2'],
        ['0@0', '0@1', '0@2'],
      ]);
      // nothing was committed for the failed attempt
      expect(lagInRetry).toEqual([3]);
      // how the redelivery happens is the client's (kafkajs retries the fetch in place, a crash
      // rebuilds the consumer): a crash, if any, names the handler's error
      console.log(`${name}: handler error: events ${JSON.stringify(events.map((e) => (e.kind === 'crashed' ? `${e.kind}: ${e.error}` : e.kind)))}`);
      for (const e of events) if (e.kind === 'crashed') expect(e.error).toContain('handler failed once');
      expect(c.state().status).toBe('consuming');
      await c.disconnect();

      // the same group, later: only what came after the commit
      await broker.producer.send(topic, [{ key: 'k3', value: Buffer.from('m3'), headers: {} }]);
      const again = await consumeAll(topic, 1, groupId);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(again.got.map((m) => m.offset)).toEqual(['3']);
    });

    it('retries a batch in place while the handler fails with a marked error, paused and committing only after success', async () => {
      class DatabaseAway extends Error {}
      const topic = await freshTopic(1, 5);
      const groupId = broker.name();
      const events: ConsumerEvent[] = [];
      const c = consumer({ groupId, events });
      const attempts: string[][] = [];
      const seen: ConsumerState[] = [];
      const lagWhilePaused: number[] = [];
      await c.connect();
      await c.subscribe([topic]);
      await c.run(
        async (batch) => {
          attempts.push(offsets(batch));
          if (attempts.length > 1) {
            seen.push(c.state());
            lagWhilePaused.push(await committedLag(groupId, topic));
          }
          if (attempts.length <= 3) throw new DatabaseAway(`database away (attempt ${attempts.length})`);
        },
        { retryInPlace: (e) => e instanceof DatabaseAway },
      );

      await waitFor('the batch committed after the fourth attempt', async () => attempts.length >= 4 && (await committedLag(groupId, topic)) === 0);
      const batch = ['0@0', '0@1', '0@2', '0@3', '0@4'];
      expect(attempts).toEqual([batch, batch, batch, batch]);
      // sampled inside attempts 2, 3 and 4: paused, with the last failure as reason, nothing committed
      expect(seen.map((s) => [s.status, s.reason])).toEqual([
        ['paused', 'database away (attempt 1)'],
        ['paused', 'database away (attempt 2)'],
        ['paused', 'database away (attempt 3)'],
      ]);
      expect(lagWhilePaused).toEqual([5, 5, 5]);
      expect(c.state()).toMatchObject({ status: 'consuming', rejoins: 0 });
      expect(events.filter((e) => e.kind !== 'joined')).toEqual([{ kind: 'paused', error: 'database away (attempt 1)' }, { kind: 'resumed' }]);
    });

    it('stops at once when disconnected while a batch waits to be retried in place', async () => {
      class DatabaseAway extends Error {}
      const topic = await freshTopic(1, 2);
      const groupId = broker.name();
      // the wait before the next attempt is a minute: disconnect must not sit it out
      const c = consumer({ groupId, retryBackoffMs: { first: 60_000, max: 60_000 } });
      let attempts = 0;
      let failedAt = 0;
      await c.connect();
      await c.subscribe([topic]);
      await c.run(
        async () => {
          attempts += 1;
          failedAt = Date.now();
          throw new DatabaseAway('database away');
        },
        { retryInPlace: (e) => e instanceof DatabaseAway },
      );
      await waitFor('the batch paused', () => c.state().status === 'paused');

      const start = Date.now();
      await c.disconnect();
      const stopped = Date.now();
      console.log(`${name}: disconnect while paused took ${stopped - start} ms (the retry wait, begun ${start - failedAt} ms before it, was 60000 ms)`);
      expect(stopped).toBeLessThan(failedAt + 60_000);
      expect(attempts).toBe(1);
      expect(c.state().status).toBe('stopped');
      expect(await committedLag(groupId, topic)).toBe(2);
    });

    it('keeps its member while a batch waits longer than the session timeout (heartbeats go on)', async () => {
      const topic = await freshTopic(1, 3);
      const groupId = broker.name();
      const events: ConsumerEvent[] = [];
      const c = consumer({ groupId, sessionTimeoutMs: 6_000, events });
      let calls = 0;
      await c.connect();
      await c.subscribe([topic]);
      await c.run(async () => {
        calls += 1;
        // a slow database: the event loop is free, only this batch waits
        await new Promise((r) => setTimeout(r, 9_000));
      });

      await waitFor('the slow batch committed', async () => calls >= 1 && (await committedLag(groupId, topic)) === 0);
      expect(calls).toBe(1);
      expect(events.map((e) => e.kind)).toEqual(['joined']);
      expect(c.state()).toMatchObject({ status: 'consuming', rejoins: 0 });
    });

    it('rejoins by itself after its member was evicted (event loop frozen past the session timeout), and handles every message', async () => {
      const topic = await freshTopic(1, 20);
      const groupId = broker.name();
      const events: ConsumerEvent[] = [];
      const c = consumer({ groupId, sessionTimeoutMs: 6_000, events });
      const handled = new Set<string>();
      let blocked = false;
      await c.connect();
      await c.subscribe([topic]);
      await c.run(async (batch) => {
        if (!blocked) {
          blocked = true;
          // A frozen process (SIGSTOP, a stop-the-world pause): nothing runs, no heartbeat either,
          // for longer than the session timeout; the coordinator evicts the member meanwhile.
          const until = Date.now() + 9_000;
          while (Date.now() < until) {
            /* busy */
          }
        }
        for (const o of offsets(batch)) handled.add(o);
      });

      await waitFor(
        'every message handled and committed after the rejoin',
        async () => c.state().status === 'consuming' && handled.size === 20 && (await committedLag(groupId, topic)) === 0,
      );
      console.log(`${name}: eviction: events ${JSON.stringify(events.map((e) => (e.kind === 'crashed' ? `${e.kind}: ${e.error}` : e.kind)))}`);
      expect(c.state()).toMatchObject({ status: 'consuming', rejoins: 1 });
      expect(c.state().reason).toBeUndefined();
      expect(events.filter((e) => e.kind === 'crashed')).toEqual([
        expect.objectContaining({ error: expect.stringMatching(/not aware of this member|generation/i) }),
      ]);
      expect([...handled].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `0@${i}`).sort());
    });

    it('leaves its group on disconnect: the other member gets every partition well before the session timeout', async () => {
      const topic = await freshTopic(4, 0);
      const groupId = broker.name();
      const eventsA: ConsumerEvent[] = [];
      const eventsB: ConsumerEvent[] = [];
      const a = consumer({ groupId, sessionTimeoutMs: 30_000, events: eventsA });
      const b = consumer({ groupId, sessionTimeoutMs: 30_000, events: eventsB });
      const assigned = (events: ConsumerEvent[]) => {
        const last = events.filter((e) => e.kind === 'joined').at(-1);
        return last?.kind === 'joined' ? (last.assignment[topic] ?? []).length : 0;
      };
      for (const c of [a, b]) {
        await c.connect();
        await c.subscribe([topic]);
        await c.run(async () => undefined);
      }
      await waitFor('both members sharing the partitions', () => assigned(eventsA) > 0 && assigned(eventsB) > 0 && assigned(eventsA) + assigned(eventsB) === 4);

      const start = Date.now();
      await a.disconnect();
      await waitFor('B holding every partition', () => assigned(eventsB) === 4, 60_000);
      const elapsed = Date.now() - start;
      console.log(`${name}: leave: B held all 4 partitions ${elapsed} ms after A's disconnect began (session timeout 30000 ms)`);
      // B learns of the rebalance at its next heartbeat (session timeout / 3 apart) and a disconnect
      // may wait out a fetch in flight; a member that did not leave would hold them the full 30 s
      expect(elapsed).toBeLessThan(25_000);
      expect(a.state().status).toBe('stopped');
    });

    it('delivers every record while records keep arriving during slow batches handled several partitions at once', async () => {
      const topic = await freshTopic(6, 0);
      const groupId = broker.name();
      const total = 3_000;
      // an option every adapter's consumer takes beside the contract's own (a variable: not an excess property)
      const options = { groupId, partitionsConsumedConcurrently: 6 };
      const c = consumer(options);
      const handled = new Set<string>();
      let batches = 0;
      await c.connect();
      await c.subscribe([topic], { fromBeginning: true });
      await c.run(async (batch) => {
        batches += 1;
        // a pipeline run that takes its time: the fetches answered meanwhile must not be lost
        await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 200)));
        for (const m of batch) handled.add(`${m.partition}@${m.offset}`);
      });
      // the producer keeps sending while the consumer handles what came before
      for (let sent = 0; sent < total; sent += 100) {
        await broker.producer.send(
          topic,
          Array.from({ length: 100 }, (_, i) => ({ key: `k${sent + i}`, value: Buffer.from(`m${sent + i}`), headers: {} })),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitFor(`${total} records handled and committed`, async () => handled.size === total && (await committedLag(groupId, topic)) === 0, 45_000).catch(
        (error: unknown) => {
          throw new Error(`${error instanceof Error ? error.message : String(error)}: ${handled.size} handled in ${batches} batches`);
        },
      );
      console.log(`${name}: ${total} records over 6 partitions in ${batches} slow batches`);
      expect(c.state().status).toBe('consuming');
    });

    it('reports the lag of a group per partition: everything retained before its first commit, none once it caught up', async () => {
      const topic = await freshTopic(2, 0);
      await broker.producer.send(topic, [
        ...Array.from({ length: 3 }, (_, i) => ({ key: 'a', value: Buffer.from(`a${i}`), headers: {} })),
        ...Array.from({ length: 2 }, (_, i) => ({ key: 'b', value: Buffer.from(`b${i}`), headers: {} })),
      ]);
      const groupId = broker.name();
      const before = await broker.admin.consumerLag(groupId, [topic]);
      expect(before.map((p) => p.partition).sort()).toEqual([0, 1]);
      expect(before.every((p) => p.topic === topic)).toBe(true);
      // keys a and b land on one partition each, possibly the same
      expect([
        [0, 5],
        [2, 3],
      ]).toContainEqual(before.map((p) => p.lag).sort((x, y) => x - y));

      const { c } = await consumeAll(topic, 5, groupId);
      await waitFor('caught up', async () => (await committedLag(groupId, topic)) === 0, 30_000);
      await c.disconnect();
      await broker.producer.send(topic, [{ key: 'a', value: Buffer.from('late'), headers: {} }]);
      expect(await committedLag(groupId, topic)).toBe(1);
    });
  });
}
