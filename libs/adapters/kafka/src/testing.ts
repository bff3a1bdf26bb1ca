import { randomUUID } from 'node:crypto';
import type { BatchHandler } from './consumer-state';
import type { MessageConsumer, MessageProducer, ReceivedMessage, TopicAdmin } from './port';

/** The real broker the integration tests run against, started by scripts/stack/kafka.sh. */
export const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const offsets = (batch: readonly ReceivedMessage[]) => batch.map((m) => `${m.partition}@${m.offset}`);

/** connects, subscribes (from the beginning) and runs: consuming once it resolves */
export async function startConsuming(consumer: MessageConsumer, topic: string, handler: BatchHandler): Promise<void> {
  await consumer.connect();
  await consumer.subscribe([topic]);
  await consumer.run(handler);
}

/**
 * An admin and a connected producer for the tests of the enclosing describe block (or file), and
 * the consumers they open, disconnected after each test so that none holds a group into the next.
 * Every test has its own topics and groups (name()), so runs and tests never see each other's
 * messages or members.
 */
export function brokerFixture(prefix: string, clients: { readonly admin: () => TopicAdmin; readonly producer: () => MessageProducer }) {
  let admin: TopicAdmin;
  let producer: MessageProducer;
  const open: MessageConsumer[] = [];

  beforeAll(async () => {
    admin = clients.admin();
    producer = clients.producer();
    await producer.connect();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.disconnect().catch(() => undefined)));
  });
  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
  });

  const name = () => `${prefix}-${randomUUID()}`;
  return {
    get admin(): TopicAdmin {
      return admin;
    },
    get producer(): MessageProducer {
      return producer;
    },
    /** a topic or group name no other test uses */
    name,
    /** the consumer, disconnected after the test */
    track<C extends MessageConsumer>(consumer: C): C {
      open.push(consumer);
      return consumer;
    },
    async freshTopic(partitions: number, messages: number): Promise<string> {
      const topic = name();
      await admin.ensureTopics([{ topic, partitions }]);
      if (messages > 0) {
        await producer.send(
          topic,
          Array.from({ length: messages }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`m${i}`), headers: {} })),
        );
      }
      return topic;
    },
    async committedLag(groupId: string, topic: string): Promise<number> {
      return (await admin.consumerLag(groupId, [topic])).reduce((sum, p) => sum + p.lag, 0);
    },
  };
}
