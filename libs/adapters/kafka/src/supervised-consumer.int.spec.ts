import { randomUUID } from 'node:crypto';
import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer, type ConsumerEvent, type KafkaJsConsumerOptions } from './kafkajs.adapter';
import type { ConsumerState, ReceivedMessage } from './port';

// Against the real broker started by scripts/stack/kafka.sh. Every test has its own topic and
// group, so runs and tests never see each other's messages or members.
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const admin = new KafkaJsAdmin({ brokers, clientId: 'int-supervised' });
const producer = new KafkaJsProducer({ brokers, clientId: 'int-supervised' });
const open: KafkaJsConsumer[] = [];

beforeAll(() => producer.connect());
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.disconnect().catch(() => undefined)));
});
afterAll(async () => {
  await producer.disconnect();
  await admin.disconnect();
});

async function freshTopic(partitions: number, messages: number): Promise<string> {
  const topic = `it-supervised-${randomUUID()}`;
  await admin.ensureTopics([{ topic, partitions }]);
  if (messages > 0) {
    await producer.send(
      topic,
      Array.from({ length: messages }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`m${i}`), headers: {} })),
    );
  }
  return topic;
}

function consumer(options: Partial<KafkaJsConsumerOptions> & { events?: ConsumerEvent[] }): KafkaJsConsumer {
  const events = options.events;
  const c = new KafkaJsConsumer({
    brokers,
    clientId: 'int-supervised',
    groupId: `it-supervised-${randomUUID()}`,
    ...options,
    onEvent: (e) => events?.push(e),
  });
  open.push(c);
  return c;
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function committedLag(groupId: string, topic: string): Promise<number> {
  return (await admin.consumerLag(groupId, [topic])).reduce((sum, p) => sum + p.lag, 0);
}

const offsets = (batch: readonly ReceivedMessage[]) => batch.map((m) => `${m.partition}@${m.offset}`);

describe('supervised kafkajs consumer (real broker)', () => {
  it('rejoins by itself after its member was evicted, and handles every message', async () => {
    const topic = await freshTopic(1, 20);
    const groupId = `it-supervised-${randomUUID()}`;
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
    console.log(`eviction: events ${JSON.stringify(events.map((e) => (e.kind === 'crashed' ? `${e.kind}: ${e.error}` : e.kind)))}`);
    expect(c.state()).toMatchObject({ status: 'consuming', rejoins: 1 });
    expect(c.state().reason).toBeUndefined();
    expect(events.filter((e) => e.kind === 'crashed')).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/not aware of this member|generation/i) }),
    ]);
    expect([...handled].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `0@${i}`).sort());
  });

  it('retries a batch in place while the handler fails with a marked error, committing only after success', async () => {
    class DatabaseAway extends Error {}
    const topic = await freshTopic(1, 5);
    const groupId = `it-supervised-${randomUUID()}`;
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
    const groupId = `it-supervised-${randomUUID()}`;
    const events: ConsumerEvent[] = [];
    // the wait before the next attempt is a minute: disconnect must not sit it out
    const c = consumer({ groupId, events, retryBackoffMs: { first: 60_000, max: 60_000 } });
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
    console.log(`disconnect while paused took ${stopped - start} ms (the retry wait, begun ${start - failedAt} ms before it, was 60000 ms)`);
    // the wait began after the failure: sitting it out would end no earlier than this
    expect(stopped).toBeLessThan(failedAt + 60_000);
    expect(attempts).toBe(1);
    expect(c.state().status).toBe('stopped');
    expect(await committedLag(groupId, topic)).toBe(2);
  });

  it('keeps its member while a batch waits longer than the session timeout', async () => {
    const topic = await freshTopic(1, 3);
    const groupId = `it-supervised-${randomUUID()}`;
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

  it('does not commit a batch whose partition was rebalanced away while it ran: it is redelivered', async () => {
    const topic = await freshTopic(1, 3);
    const groupId = `it-supervised-${randomUUID()}`;
    const eventsA: ConsumerEvent[] = [];
    const eventsB: ConsumerEvent[] = [];
    const a = consumer({ groupId, sessionTimeoutMs: 6_000, events: eventsA });
    const b = consumer({ groupId, sessionTimeoutMs: 6_000, events: eventsB });
    const calls: { by: string; offsets: string[] }[] = [];
    let slowDone = false;
    const handler = (by: string) => async (batch: readonly ReceivedMessage[]) => {
      calls.push({ by, offsets: offsets(batch) });
      // the first delivery waits on a slow database while a second member joins the group
      if (calls.length === 1) {
        await new Promise((r) => setTimeout(r, 9_000));
        slowDone = true;
      }
    };
    await a.connect();
    await a.subscribe([topic]);
    await a.run(handler('A'));
    await waitFor('A in its slow batch', () => calls.length === 1);
    await b.connect();
    await b.subscribe([topic]);
    await b.run(handler('B'));

    await waitFor('the batch committed', async () => (await committedLag(groupId, topic)) === 0);
    // and what A does once its slow batch returns: back in the group, without a crash
    await waitFor('A back in the group', () => slowDone && eventsA.filter((e) => e.kind === 'joined').length >= 2 && a.state().status === 'consuming');
    const batch = ['0@0', '0@1', '0@2'];
    expect(calls.map((c) => c.offsets)).toEqual([batch, batch]);
    expect(calls[0]?.by).toBe('A');
    // A's heartbeat saw the rebalance: it gave the batch up instead of committing into the new
    // generation (a refused commit would have crashed it and made it rebuild)
    expect([...eventsA, ...eventsB].filter((e) => e.kind === 'crashed')).toEqual([]);
    expect([a.state().rejoins, b.state().rejoins]).toEqual([0, 0]);
  });

  it('leaves its group on disconnect: the other member gets every partition before the session timeout', async () => {
    const topic = await freshTopic(4, 0);
    const groupId = `it-supervised-${randomUUID()}`;
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
    console.log(`leave: B held all 4 partitions ${elapsed} ms after A's disconnect began (session timeout 30000 ms)`);
    expect(elapsed).toBeLessThan(30_000);
    expect(a.state().status).toBe('stopped');
  });
});
