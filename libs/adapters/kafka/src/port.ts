import type { KafkaRecord } from '@educube/contracts';

/**
 * The hub's own view of a log broker. kafkajs implements it today; keeping callers on this
 * port lets another client (e.g. @platformatic/kafka) be swapped in and measured later.
 */
export interface MessageProducer {
  connect(): Promise<void>;
  /** Resolves once the broker has acknowledged every record (acks from all in-sync replicas). */
  send(topic: string, records: readonly KafkaRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, Buffer | string | undefined>;
}

export interface MessageConsumer {
  connect(): Promise<void>;
  subscribe(topics: readonly string[], options?: { fromBeginning?: boolean }): Promise<void>;
  /**
   * Delivers messages in batches per partition. Offsets are committed only after the
   * handler's promise resolves, so a crash before that redelivers the batch (at-least-once;
   * idempotent appends downstream make it exactly-once in effect).
   */
  run(handler: (batch: readonly ReceivedMessage[]) => Promise<void>): Promise<void>;
  disconnect(): Promise<void>;
}

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** messages on the partition the group has not committed yet */
  readonly lag: number;
}

export interface TopicAdmin {
  ensureTopics(topics: readonly { topic: string; partitions: number; replicationFactor?: number }[]): Promise<void>;
  /** How far a consumer group is behind the end of each partition of the topics. */
  consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]>;
  disconnect(): Promise<void>;
}
