import { randomUUID } from 'node:crypto';
import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer, type ConsumerEvent, type KafkaJsConsumerOptions } from './kafkajs.adapter';
import type { ReceivedMessage } from './port';

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

// The adapter-agnostic behaviour (at-least-once, retry in place, heartbeats, leaving, rejoining
// after an eviction) is in port.contract.ts, run for every adapter. What stays here is kafkajs's own.
describe('supervised kafkajs consumer (real broker)', () => {
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
});
