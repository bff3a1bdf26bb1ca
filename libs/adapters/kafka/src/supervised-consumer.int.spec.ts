import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer, type ConsumerEvent, type KafkaJsConsumerOptions } from './kafkajs.adapter';
import type { ReceivedMessage } from './port';
import { brokerFixture, brokers, offsets, startConsuming, waitFor } from './testing';

const clientId = 'int-supervised';
const broker = brokerFixture('it-supervised', {
  admin: () => new KafkaJsAdmin({ brokers, clientId }),
  producer: () => new KafkaJsProducer({ brokers, clientId }),
});

function consumer(options: Partial<KafkaJsConsumerOptions> & { events?: ConsumerEvent[] }): KafkaJsConsumer {
  const events = options.events;
  return broker.track(new KafkaJsConsumer({ brokers, clientId, groupId: broker.name(), ...options, onEvent: (e) => events?.push(e) }));
}

// The adapter-agnostic behaviour (at-least-once, retry in place, heartbeats, leaving, rejoining
// after an eviction) is in port.contract.ts, run for every adapter. What stays here is kafkajs's own.
describe('supervised kafkajs consumer (real broker)', () => {
  it('does not commit a batch whose partition was rebalanced away while it ran: it is redelivered', async () => {
    const topic = await broker.freshTopic(1, 3);
    const groupId = broker.name();
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
    await startConsuming(a, topic, handler('A'));
    await waitFor('A in its slow batch', () => calls.length === 1);
    await startConsuming(b, topic, handler('B'));

    await waitFor('the batch committed', async () => (await broker.committedLag(groupId, topic)) === 0);
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
