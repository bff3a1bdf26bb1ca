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

/** Where a consumer is, for readiness, health and metrics. */
export interface ConsumerState {
  /**
   * starting: not yet in its group; consuming: in the group, fetching; paused: holding its
   * partitions while a batch waits to be retried in place (see RunOptions.retryInPlace);
   * rejoining: out of its group after a crash, joining again with back-off; stopped: disconnected.
   */
  readonly status: 'starting' | 'consuming' | 'paused' | 'rejoining' | 'stopped';
  /** when it entered this status */
  readonly since: Date;
  /** why it is paused or rejoining (the last error), absent when consuming */
  readonly reason?: string;
  /** times it rejoined its group after a crash, since the process started */
  readonly rejoins: number;
}

export interface RunOptions {
  /**
   * Errors for which a batch is retried in place (the database is away, writes are refused for a
   * while): the partition is kept, nothing is committed, the consumer keeps heartbeating and
   * tries the same batch again with back-off until it succeeds or the partition is taken away.
   * Any other error ends the batch as a crash (redelivered after the rejoin).
   */
  readonly retryInPlace?: (error: unknown) => boolean;
}

export interface MessageConsumer {
  connect(): Promise<void>;
  subscribe(topics: readonly string[], options?: { fromBeginning?: boolean }): Promise<void>;
  /**
   * Delivers messages in batches per partition. Offsets are committed only after the
   * handler's promise resolves, so a crash before that redelivers the batch (at-least-once;
   * idempotent appends downstream make it exactly-once in effect). Resolves once consumption
   * has started; a consumer that crashes afterwards rejoins its group by itself with back-off.
   */
  run(handler: (batch: readonly ReceivedMessage[]) => Promise<void>, options?: RunOptions): Promise<void>;
  state(): ConsumerState;
  /** Leaves the group (its partitions move at once, not after the session timeout) and closes. */
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
