import type { KafkaRecord } from '@educube/contracts';
import {
  CompressionTypes,
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type ConsumerRunConfig,
  type EachBatchPayload,
  type IHeaders,
  type Producer,
  type RetryOptions,
} from 'kafkajs';
import { ConsumerSupervision, type BatchHandler, type RunningHandler, type SupervisionOptions } from './consumer-state';
import type { ConsumerState, MessageConsumer, MessageProducer, PartitionLag, ReceivedMessage, RunOptions, TopicAdmin } from './port';
import { avoidNegativeTimeouts } from './timeout-warning';

avoidNegativeTimeouts();

export interface KafkaJsOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /**
   * kafkajs's retry budget for one operation before it gives up (default 8 retries from 200 ms,
   * at most 30 s apart: about 50 s). Past it a producer's send fails and a consumer crashes and
   * is rebuilt by its supervisor; a test makes it short to outlast it.
   */
  readonly retry?: { readonly retries?: number; readonly initialRetryTime?: number; readonly maxRetryTime?: number };
}

function retryOptions({ retry }: KafkaJsOptions): RetryOptions {
  const out: RetryOptions = { retries: retry?.retries ?? 8, initialRetryTime: retry?.initialRetryTime ?? 200 };
  if (retry?.maxRetryTime !== undefined) out.maxRetryTime = retry.maxRetryTime;
  return out;
}

function client(options: KafkaJsOptions): Kafka {
  return new Kafka({ brokers: [...options.brokers], clientId: options.clientId, logLevel: logLevel.WARN, retry: retryOptions(options) });
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

export type { ConsumerEvent } from './consumer-state';

export interface KafkaJsConsumerOptions extends KafkaJsOptions, SupervisionOptions {
  readonly groupId: string;
  /**
   * How many partitions' batches are handled at once (default 1). Order within a partition is
   * kept either way, and each partition commits its own offsets after its own handler.
   */
  readonly partitionsConsumedConcurrently?: number;
  /** how long a member that died without leaving (SIGKILL) holds its partitions; kafkajs's default 30 s */
  readonly sessionTimeoutMs?: number;
}

/**
 * A kafkajs consumer under supervision. kafkajs restarts a crashed consumer by itself only for
 * retriable errors; a non-retriable one (e.g. the commit of a member the coordinator evicted:
 * UNKNOWN_MEMBER_ID, wrapped in KafkaJSNonRetriableError by the commit's retrier) ends it for
 * good, silently. So kafkajs's own restart is switched off (restartOnFailure → false) and every
 * crash goes one way: the dead consumer is disconnected and a new one built from the same
 * config, subscribed to the same topics, running the same handler, with back-off, until
 * disconnect(). A broker gone for longer than the retry budget ends up here too.
 */
export class KafkaJsConsumer implements MessageConsumer {
  private readonly kafka: Kafka;
  private readonly config: ConsumerConfig;
  private readonly concurrency: number;
  private readonly heartbeatIntervalMs: number;
  private readonly supervision: ConsumerSupervision;

  private consumer: Consumer;
  private subscription: { topics: string[]; fromBeginning: boolean } | undefined;
  private running: RunningHandler | undefined;

  constructor(options: KafkaJsConsumerOptions) {
    this.kafka = client(options);
    const session = options.sessionTimeoutMs;
    this.heartbeatIntervalMs = session ? Math.max(1_000, Math.floor(session / 3)) : 3_000;
    this.config = {
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      ...(session ? { sessionTimeout: session, heartbeatInterval: this.heartbeatIntervalMs } : {}),
      // the supervisor restarts every crash itself (see the class comment)
      retry: { ...retryOptions(options), restartOnFailure: () => Promise.resolve(false) },
    };
    this.concurrency = options.partitionsConsumedConcurrently ?? 1;
    this.supervision = new ConsumerSupervision(options, errorMessage, () => this.rebuild());
    this.consumer = this.create();
  }

  connect(): Promise<void> {
    return this.consumer.connect();
  }

  async subscribe(topics: readonly string[], options: { fromBeginning?: boolean } = {}): Promise<void> {
    const subscription = { topics: [...topics], fromBeginning: options.fromBeginning ?? true };
    await this.consumer.subscribe(subscription);
    this.subscription = subscription;
  }

  async run(handler: BatchHandler, options: RunOptions = {}): Promise<void> {
    if (this.running) throw new Error('KafkaJsConsumer.run was called twice');
    this.running = { handler, options };
    await this.consumer.run(this.runConfig(this.consumer));
  }

  state(): ConsumerState {
    return this.supervision.state();
  }

  async disconnect(): Promise<void> {
    this.supervision.stop();
    // not waiting for a rebuild under way (its connect may take the whole retry budget while the
    // broker is away): it disconnects its consumer itself once it sees the abort
    try {
      // kafkajs stops the runner, waits for the batch in hand, sends LeaveGroup (runner.stop →
      // consumerGroup.leave) and closes: the partitions move at once, not after the session timeout
      await this.consumer.disconnect();
    } finally {
      this.supervision.setStatus('stopped');
    }
  }

  private create(): Consumer {
    const consumer = this.kafka.consumer(this.config);
    // events of a consumer already replaced are stale: only the current one speaks
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      if (consumer === this.consumer) this.supervision.joined(e.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (consumer === this.consumer) this.crashed(e.payload.error, e.payload.restart);
    });
    return consumer;
  }

  private crashed(error: Error, restart: boolean): void {
    if (this.supervision.stopped) return;
    this.supervision.crash(error, restart);
    if (!restart) this.supervision.scheduleRebuild();
  }

  /** One attempt: replace the dead consumer and run it; a failure schedules the next attempt. */
  private async rebuild(): Promise<void> {
    const dead = this.consumer;
    const fresh = this.create();
    this.consumer = fresh;
    const stopped = async () => {
      if (!this.supervision.stopped) return false;
      await fresh.disconnect().catch(() => undefined);
      return true;
    };
    try {
      // kafkajs already disconnected it on its crash; again, in case it crashed half-way
      await dead.disconnect().catch(() => undefined);
      if (await stopped()) return;
      await fresh.connect();
      if (this.subscription) await fresh.subscribe(this.subscription);
      if ((await stopped()) || !this.running) return;
    } catch (error) {
      if (await stopped()) return;
      this.supervision.rebuildFailed(error);
      return;
    }
    // not awaited: a crash while joining schedules the next attempt itself (CRASH event), which
    // must not find this attempt still marked as under way
    this.supervision.rebuildEnded();
    void fresh.run(this.runConfig(fresh)).catch((error: unknown) => this.crashed(asError(error), false));
  }

  private runConfig(consumer: Consumer): ConsumerRunConfig {
    return {
      autoCommit: false,
      partitionsConsumedConcurrently: this.concurrency,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.eachBatch(consumer, payload),
    };
  }

  private async eachBatch(consumer: Consumer, { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const run = this.running;
    if (!run || !isRunning() || isStale() || batch.messages.length === 0) return;
    const messages: ReceivedMessage[] = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key?.toString() ?? null,
      value: m.value,
      headers: flattenHeaders(m.headers),
    }));
    const beat = new BatchHeartbeat(heartbeat, this.heartbeatIntervalMs);
    let handled: boolean;
    try {
      handled = await this.supervision.handleInPlace(run, messages, () => !isRunning() || isStale() || beat.lost !== undefined);
    } finally {
      beat.stop();
    }
    // The group moved on while the handler ran: this member's commit would be refused or, worse,
    // overwrite the new owner's. Handing kafkajs the coordinator's own error makes its runner
    // rejoin at once (REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID); the batch
    // is redelivered to whoever owns the partition then.
    if (beat.lost) throw beat.lost;
    if (!handled || !isRunning() || isStale()) return;
    const last = batch.lastOffset();
    resolveOffset(last);
    // Kafka stores the next offset to read, hence +1.
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
  }
}

/**
 * Heartbeats on a timer while a batch is in the handler: a batch waiting on a slow database
 * would otherwise send none until it returns, and be evicted after the session timeout. kafkajs
 * itself sends at most one per heartbeatInterval, so ticking at half of it never sends more but
 * keeps a late timer from stretching the gap to twice the interval.
 */
class BatchHeartbeat {
  /** the coordinator's answer when the group has moved on without this member's batch */
  lost: Error | undefined;
  private readonly timer: NodeJS.Timeout;
  private inFlight = false;

  constructor(heartbeat: () => Promise<void>, intervalMs: number) {
    this.timer = setInterval(
      () => {
        // once the group has moved on, heartbeats would only make it wait (up to the rebalance
        // timeout) for a member that cannot rejoin before its handler returns
        if (this.inFlight || this.lost) return;
        this.inFlight = true;
        heartbeat()
          .catch((error: unknown) => {
            // other failures (a broker connection dropping) are retried at the next tick
            if (isMembershipError(error)) this.lost = asError(error);
          })
          .finally(() => (this.inFlight = false));
      },
      Math.max(100, Math.floor(intervalMs / 2)),
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const MEMBERSHIP_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR_FOR_GROUP', 'FENCED_INSTANCE_ID']);

function isMembershipError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && MEMBERSHIP_ERRORS.has(type);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // kafkajs wraps the coordinator's error (KafkaJSNonRetriableError → KafkaJSProtocolError): name the root too
  let root: unknown = error;
  while (root instanceof Error && root.cause instanceof Error) root = root.cause;
  return root !== error && root instanceof Error && root.message !== error.message ? `${error.message} (${root.message})` : error.message;
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
