/* eslint-disable no-console -- a command-line measurement: its output is the point */
/**
 * A quick micro-measurement of the two adapters against the stack's broker, not a test and not
 * the benchmark of issue 15 (that one comes with the ADR):
 *
 *   node -r @swc-node/register libs/adapters/kafka/src/compare.bench.ts
 *
 * For each adapter, on a fresh topic: N small records produced through MessageProducer.send in
 * sends of BATCH records, one after the other (each awaits acks from all in-sync replicas), then
 * consumed by a fresh group through MessageConsumer.run from the beginning until every record was
 * handled and its offset committed. Env: KAFKA_BROKERS, N (200000), PARTITIONS (3), BATCH (1000),
 * ADAPTERS (kafkajs,platformatic: the order they run in).
 */
import { randomUUID } from 'node:crypto';
import { KafkaJsAdmin, KafkaJsConsumer, KafkaJsProducer } from './kafkajs.adapter';
import { PlatformaticAdmin, PlatformaticConsumer, PlatformaticProducer } from './platformatic.adapter';
import type { MessageConsumer, MessageProducer, TopicAdmin } from './port';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const n = Number(process.env['N'] ?? 200_000);
const partitions = Number(process.env['PARTITIONS'] ?? 3);
const batch = Number(process.env['BATCH'] ?? 1_000);

interface Adapter {
  producer(): MessageProducer;
  admin(): TopicAdmin;
  consumer(groupId: string): MessageConsumer;
}

const quiet = () => undefined;
const adapters: Record<string, Adapter> = {
  kafkajs: {
    producer: () => new KafkaJsProducer({ brokers, clientId: 'bench-kafkajs' }),
    admin: () => new KafkaJsAdmin({ brokers, clientId: 'bench-kafkajs' }),
    consumer: (groupId) => new KafkaJsConsumer({ brokers, clientId: 'bench-kafkajs', groupId, onEvent: quiet }),
  },
  platformatic: {
    producer: () => new PlatformaticProducer({ brokers, clientId: 'bench-platformatic' }),
    admin: () => new PlatformaticAdmin({ brokers, clientId: 'bench-platformatic' }),
    consumer: (groupId) => new PlatformaticConsumer({ brokers, clientId: 'bench-platformatic', groupId, onEvent: quiet }),
  },
};

async function measure(name: string, adapter: Adapter): Promise<{ produce: number; consume: number }> {
  const topic = `bench-${name}-${randomUUID()}`;
  const admin = adapter.admin();
  await admin.ensureTopics([{ topic, partitions }]);

  // ~100-byte records with a CloudEvents-like header set, keys spread over the partitions
  const records = Array.from({ length: n }, (_, i) => ({
    key: `330203${String(i % 1_000).padStart(4, '0')}`,
    value: Buffer.from(JSON.stringify({ lessonId: `L-${i}`, period: i % 8, at: '2026-09-07T08:00:00Z' })),
    headers: { ce_id: `e-${i}`, ce_type: 'edu.bench.v1' },
  }));
  const producer = adapter.producer();
  await producer.connect();
  const produceStart = process.hrtime.bigint();
  for (let i = 0; i < n; i += batch) await producer.send(topic, records.slice(i, i + batch));
  const produceMs = Number(process.hrtime.bigint() - produceStart) / 1e6;
  await producer.disconnect();

  const groupId = `bench-${name}-${randomUUID()}`;
  const consumer = adapter.consumer(groupId);
  let handled = 0;
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  const consumeStart = process.hrtime.bigint();
  await consumer.run(async (messages) => {
    handled += messages.length;
  });
  while (handled < n) await new Promise((r) => setTimeout(r, 5));
  const handledMs = Number(process.hrtime.bigint() - consumeStart) / 1e6;
  // the last commits land after the last handler: counted in, the port's promise being commit-after-handle
  for (;;) {
    const lag = (await admin.consumerLag(groupId, [topic])).reduce((sum, p) => sum + p.lag, 0);
    if (lag === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const consumeMs = Number(process.hrtime.bigint() - consumeStart) / 1e6;
  await consumer.disconnect();
  await admin.disconnect();
  const result = { produce: n / (produceMs / 1000), consume: n / (consumeMs / 1000) };
  console.log(
    `${name.padEnd(12)} produce ${Math.round(result.produce).toString().padStart(7)} events/s (${Math.round(produceMs)} ms)   ` +
      `consume ${Math.round(result.consume).toString().padStart(7)} events/s (${Math.round(consumeMs)} ms to committed, ${Math.round(handledMs)} ms to handled)` +
      `${handled > n ? `, ${handled - n} redelivered` : ''}`,
  );
  return result;
}

async function main(): Promise<void> {
  const order = (process.env['ADAPTERS'] ?? 'kafkajs,platformatic').split(',');
  console.log(`N=${n} records, ${partitions} partitions, sends of ${batch}, broker ${brokers.join(',')}, node ${process.version}`);
  for (const name of order) {
    const adapter = adapters[name];
    if (!adapter) throw new Error(`unknown adapter ${name}: ${Object.keys(adapters).join(', ')}`);
    await measure(name, adapter);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
