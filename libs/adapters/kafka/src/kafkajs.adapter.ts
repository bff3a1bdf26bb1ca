import type { KafkaRecord } from '@educube/contracts';
import { CompressionTypes, Kafka, logLevel, type Admin, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import type { MessageConsumer, MessageProducer, PartitionLag, ReceivedMessage, TopicAdmin } from './port';

export interface KafkaJsOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

function client({ brokers, clientId }: KafkaJsOptions): Kafka {
  return new Kafka({ brokers: [...brokers], clientId, logLevel: logLevel.WARN, retry: { retries: 8, initialRetryTime: 200 } });
}

export class KafkaJsProducer implements MessageProducer {
  private readonly producer: Producer;

  constructor(options: KafkaJsOptions) {
    // Idempotent producer: broker-side dedupe of retried sends within a session.
    this.producer = client(options).producer({ idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: false });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(topic: string, records: readonly KafkaRecord[]): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.None,
      messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

export class KafkaJsConsumer implements MessageConsumer {
  private readonly consumer: Consumer;

  private readonly concurrency: number;

  /**
   * `partitionsConsumedConcurrently`: how many partitions' batches are handled at once (default
   * 1). Order within a partition is kept either way, and each partition commits its own offsets
   * after its own handler, so a handler safe under concurrency loses nothing by it.
   */
  constructor(options: KafkaJsOptions & { readonly groupId: string; readonly partitionsConsumedConcurrently?: number; readonly sessionTimeoutMs?: number }) {
    // sessionTimeout: how long a member that died without leaving (SIGKILL) holds its partitions
    this.consumer = client(options).consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      ...(options.sessionTimeoutMs
        ? { sessionTimeout: options.sessionTimeoutMs, heartbeatInterval: Math.max(1_000, Math.floor(options.sessionTimeoutMs / 3)) }
        : {}),
    });
    this.concurrency = options.partitionsConsumedConcurrently ?? 1;
  }

  connect(): Promise<void> {
    return this.consumer.connect();
  }

  async subscribe(topics: readonly string[], options: { fromBeginning?: boolean } = {}): Promise<void> {
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: options.fromBeginning ?? true });
  }

  async run(handler: (batch: readonly ReceivedMessage[]) => Promise<void>): Promise<void> {
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.concurrency,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        await handler(
          batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value,
            headers: flattenHeaders(m.headers),
          })),
        );
        const last = batch.lastOffset();
        resolveOffset(last);
        // Kafka stores the next offset to read, hence +1.
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
        await heartbeat();
      },
    });
  }

  disconnect(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export class KafkaJsAdmin implements TopicAdmin {
  private readonly admin: Admin;

  constructor(options: KafkaJsOptions) {
    this.admin = client(options).admin();
  }

  async ensureTopics(topics: readonly { topic: string; partitions: number; replicationFactor?: number }[]): Promise<void> {
    await this.admin.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor: t.replicationFactor ?? 1 })),
      });
    }
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    await this.admin.connect();
    const out: PartitionLag[] = [];
    const committed = await this.admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const topic of topics) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      const done = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      for (const end of ends) {
        const from = done.get(end.partition);
        // no commit yet: the group starts at the beginning, so everything retained is lag
        const start = from === undefined || from < 0n ? BigInt(end.low) : from;
        out.push({ topic, partition: end.partition, lag: Number(BigInt(end.high) - start) });
      }
    }
    return out;
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}

function flattenHeaders(headers: IHeaders | undefined): Record<string, Buffer | string | undefined> {
  const out: Record<string, Buffer | string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = Array.isArray(value) ? value[0] : value;
  return out;
}
