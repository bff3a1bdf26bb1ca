import { Admin } from '@platformatic/kafka';
import type { ConsumerEvent } from './consumer-state';
import { PlatformaticAdmin, PlatformaticConsumer, PlatformaticProducer, type PlatformaticConsumerOptions } from './platformatic.adapter';
import type { ReceivedMessage } from './port';
import { clientsOf, messagingContract } from './port.contract';
import { brokerFixture, brokers, startConsuming, waitFor } from './testing';

const clientId = 'int-contract-platformatic';

messagingContract('@platformatic/kafka', clientsOf(clientId, { Producer: PlatformaticProducer, Admin: PlatformaticAdmin, Consumer: PlatformaticConsumer }));

// What is @platformatic/kafka's own, beside the contract: how its consumer goes through a
// rebalance and a failing stream.
describe('supervised @platformatic/kafka consumer (real broker)', () => {
  const broker = brokerFixture('it-platformatic', {
    admin: () => new PlatformaticAdmin({ brokers, clientId }),
    producer: () => new PlatformaticProducer({ brokers, clientId }),
  });

  const consumer = (groupId: string, events: ConsumerEvent[], options: Partial<PlatformaticConsumerOptions> = {}) =>
    broker.track(new PlatformaticConsumer({ brokers, clientId, groupId, sessionTimeoutMs: 6_000, onEvent: (e) => events.push(e), ...options }));

  it('rejoins during a slow batch when a second member joins, and commits the batch only if it still owns the partition', async () => {
    const topic = await broker.freshTopic(1, 3);
    const groupId = broker.name();
    const eventsA: ConsumerEvent[] = [];
    const eventsB: ConsumerEvent[] = [];
    const joinedAt: number[] = [];
    const a = consumer(groupId, eventsA, {
      onEvent: (e) => {
        eventsA.push(e);
        if (e.kind === 'joined') joinedAt.push(Date.now());
      },
    });
    const b = consumer(groupId, eventsB);
    const calls: { by: string; offsets: string[]; start: number; end?: number }[] = [];
    const handler = (by: string) => async (batch: readonly ReceivedMessage[]) => {
      const call: { by: string; offsets: string[]; start: number; end?: number } = {
        by,
        offsets: batch.map((m) => `${m.partition}@${m.offset}`),
        start: Date.now(),
      };
      calls.push(call);
      // the first delivery waits on a slow database while a second member joins the group
      if (calls.length === 1) await new Promise((r) => setTimeout(r, 9_000));
      call.end = Date.now();
    };
    await startConsuming(a, topic, handler('A'));
    await waitFor('A in its slow batch', () => calls.length === 1);
    await startConsuming(b, topic, handler('B'));

    await waitFor('the batch handled and committed', async () => calls[0]?.end !== undefined && (await broker.committedLag(groupId, topic)) === 0);
    await waitFor('both in the group', () => a.state().status === 'consuming' && b.state().status === 'consuming');
    const holds = (events: ConsumerEvent[]) => {
      const last = events.filter((e) => e.kind === 'joined').at(-1);
      return last?.kind === 'joined' && (last.assignment[topic] ?? []).length > 0;
    };
    const slow = calls[0]!;
    console.log(
      `rebalance during a slow batch: partition now with ${holds(eventsA) ? 'A' : holds(eventsB) ? 'B' : 'nobody'}, ` +
        `A rejoined ${(joinedAt[1] ?? NaN) - slow.start} ms into its ${(slow.end ?? NaN) - slow.start} ms batch, ` +
        `calls ${JSON.stringify(calls.map((c) => ({ by: c.by, at: c.start - slow.start })))}`,
    );
    const batch = ['0@0', '0@1', '0@2'];
    expect(calls.map((c) => c.offsets)).toEqual(calls.length === 1 ? [batch] : [batch, batch]);
    expect(calls[0]?.by).toBe('A');
    // unlike kafkajs, A did not wait for its batch to rejoin: it was back in the group before the batch returned
    expect(joinedAt.length).toBeGreaterThanOrEqual(2);
    expect(joinedAt[1]).toBeLessThan(slow.end!);
    // whoever holds the partition now, it was handled before the commit; if B got it, B had it while A's batch still ran
    if (calls.length === 2) expect(calls[1]?.by).toBe('B');
    // no crash: a rebalance is the client's business, not a rebuild
    expect([...eventsA, ...eventsB].filter((e) => e.kind === 'crashed')).toEqual([]);
    expect([a.state().rejoins, b.state().rejoins]).toEqual([0, 0]);
  });

  it('rebuilds itself with back-off when its stream fails (topic deleted), and consumes again once the topic is back', async () => {
    const topic = await broker.freshTopic(1, 0);
    await broker.producer.send(topic, [{ key: 'k', value: Buffer.from('before'), headers: {} }]);
    const groupId = broker.name();
    const events: ConsumerEvent[] = [];
    const c = consumer(groupId, events, { rejoinBackoffMs: { first: 200, max: 1_000 }, retry: { retries: 1, delayMs: 200 } });
    const seen: string[] = [];
    await startConsuming(c, topic, async (batch) => {
      for (const m of batch) seen.push(m.value?.toString() ?? '');
    });
    await waitFor('the first record', () => seen.includes('before'));

    const raw = new Admin({ clientId, bootstrapBrokers: brokers });
    try {
      await raw.deleteTopics({ topics: [topic] });
    } finally {
      await raw.close();
    }
    await waitFor('a crash reported', () => c.state().status === 'rejoining', 60_000);
    const crashed = events.find((e) => e.kind === 'crashed');
    console.log(`stream failure: ${JSON.stringify(crashed)}, state ${JSON.stringify(c.state())}`);

    await broker.admin.ensureTopics([{ topic, partitions: 1 }]);
    await broker.producer.send(topic, [{ key: 'k', value: Buffer.from('after'), headers: {} }]);
    await waitFor('consuming the recreated topic', () => seen.includes('after') && c.state().status === 'consuming', 90_000);
    expect(c.state().rejoins).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.kind === 'rejoined').length).toBeGreaterThanOrEqual(1);
  });
});
