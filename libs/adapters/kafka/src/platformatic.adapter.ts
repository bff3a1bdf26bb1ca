import type { KafkaRecord } from '@educube/contracts';
import {
  Admin,
  Consumer,
  consumerHeartbeatChannel,
  findErrorBy,
  ListOffsetTimestamps,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  ProduceAcks,
  Producer,
  type ConsumeOptions,
  type ConsumerGroupJoinPayload,
  type Message,
  type MessagesStream,
} from '@platformatic/kafka';
import { ConsumerSupervision, type BatchHandler, type RunningHandler, type SupervisionOptions } from './consumer-state';
import type { ConsumerState, MessageConsumer, MessageProducer, PartitionLag, ReceivedMessage, RunOptions, TopicAdmin } from './port';

export interface PlatformaticOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /**
   * @platformatic/kafka's retry budget for one operation (its default: 3 retries 1 s apart). Past
   * it a producer's send fails and a consumer's stream fails, and the consumer is rebuilt by its
   * supervisor; a test makes it short to outlast it.
   */
  readonly retry?: { readonly retries?: number; readonly delayMs?: number };
}

function baseOptions(options: PlatformaticOptions) {
  return {
    clientId: options.clientId,
    bootstrapBrokers: [...options.brokers],
    retries: options.retry?.retries ?? 3,
    retryDelay: options.retry?.delayMs ?? 1_000,
  };
}

export class PlatformaticProducer implements MessageProducer {
  private readonly producer: Producer;

  constructor(options: PlatformaticOptions) {
    // Idempotent producer: broker-side dedupe of retried sends within a session (needs acks from all).
    this.producer = new Producer({ ...baseOptions(options), idempotent: true, acks: ProduceAcks.ALL, autocreateTopics: false });
  }

  async connect(): Promise<void> {
    // the client connects lazily; a metadata round trip makes a broker that is away fail here
    await this.producer.metadata({ topics: [] });
  }

  async send(topic: string, records: readonly KafkaRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.producer.send({
      messages: records.map((r) => ({
        topic,
        key: Buffer.from(r.key),
        value: r.value,
        headers: new Map(Object.entries(r.headers).map(([name, value]) => [Buffer.from(name), Buffer.from(value)])),
      })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.close();
  }
}

export interface PlatformaticConsumerOptions extends PlatformaticOptions, SupervisionOptions {
  readonly groupId: string;
  /**
   * How many partitions' batches are handled at once (default 1). Order within a partition is
   * kept either way, and each partition commits its own offsets after its own handler.
   */
  readonly partitionsConsumedConcurrently?: number;
  /** how long a member that died without leaving (SIGKILL) holds its partitions; 30 s as with kafkajs (the client's own default is 60 s) */
  readonly sessionTimeoutMs?: number;
  /** longest a fetch waits on the broker for new records (default 1 s): also how long closing a stream may take */
  readonly maxWaitTimeMs?: number;
  /**
   * records the client fetches ahead of the handler (default 8192; the client's own is 1024): the
   * stream stops fetching above it, and what it holds is what the next batches are made of
   */
  readonly highWaterMark?: number;
}

type Received = Message<Buffer, Buffer, Buffer, Buffer>;

/** the coordinator's answers for a member it no longer knows (evicted) or whose generation has passed */
const MEMBERSHIP_LOST = ['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'FENCED_INSTANCE_ID'];

function membershipLost(error: unknown): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  for (const apiId of MEMBERSHIP_LOST) {
    const found = findErrorBy(error, 'apiId', apiId);
    if (found) return found;
  }
  return undefined;
}

/** any error the client answers by rejoining the group (the commit of a batch the group moved past) */
function needsRejoin(error: unknown): boolean {
  return error instanceof Error && findErrorBy(error, 'needsRejoin', true) !== null;
}

/**
 * A @platformatic/kafka consumer under supervision, with the semantics of KafkaJsConsumer.
 *
 * How the client behaves, and what this class adds:
 * - It heartbeats on its own timer, independent of the handler: a batch waiting on a slow
 *   database keeps its member. A frozen event loop (busy loop, SIGSTOP) does not.
 * - It rejoins by itself when a heartbeat (or a commit) is answered with a group error
 *   (REBALANCE_IN_PROGRESS, UNKNOWN_MEMBER_ID after an eviction, ILLEGAL_GENERATION), emitting
 *   no event for the loss, only `consumer:group:join` once back. The loss is seen here on the
 *   client's diagnostics channel (heartbeat errors) and by the member id changing between joins;
 *   it is reported as `crashed` (restart: true, the client restarts itself) then `rejoined`.
 * - Its stream keeps fetch positions across a rejoin for partitions without a commit, and may
 *   still hold records fetched in the previous generation: so after every join the stream is
 *   replaced by a fresh one reading from the committed offsets (from the earliest when none).
 * - What it cannot recover from (a failed rejoin: `error` on the consumer; heartbeats stalled;
 *   the stream failing, e.g. the broker gone past the retry budget) and a handler's error that
 *   is not retried in place end the consumer as a crash: it is closed (leaving its group) and a
 *   new one built and run with back-off, until disconnect().
 */
export class PlatformaticConsumer implements MessageConsumer {
  private readonly options: PlatformaticConsumerOptions;
  private readonly supervision: ConsumerSupervision;
  private readonly sessionTimeout: number;
  private readonly heartbeatInterval: number;

  private consumer: Consumer;
  private subscription: { topics: string[]; fromBeginning: boolean } | undefined;
  private running: RunningHandler | undefined;
  /** the membership loss already reported for the consumer's self-rejoin under way */
  private lostReported = false;
  private memberId: string | undefined;
  /** set by a join: the loop replaces its stream before reading on */
  private restartStream = false;
  private wakeLoop: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly onHeartbeatError = (message: unknown) => {
    const { client, error } = message as { client?: unknown; error?: unknown };
    if (client !== this.consumer || this.supervision.stopped) return;
    const lost = membershipLost(error);
    if (lost) this.lost(lost);
  };

  constructor(options: PlatformaticConsumerOptions) {
    this.options = options;
    this.sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    this.heartbeatInterval = Math.max(1_000, Math.floor(this.sessionTimeout / 3));
    this.supervision = new ConsumerSupervision(options, errorMessage, () => this.rebuild());
    this.consumer = this.create();
    consumerHeartbeatChannel.error.subscribe(this.onHeartbeatError);
  }

  async connect(): Promise<void> {
    // the client connects lazily; a metadata round trip makes a broker that is away fail here
    await this.consumer.metadata({ topics: [] });
  }

  async subscribe(topics: readonly string[], options: { fromBeginning?: boolean } = {}): Promise<void> {
    const subscription = { topics: [...topics], fromBeginning: options.fromBeginning ?? true };
    // checked now, as kafkajs does: a topic that does not exist fails here, not in the stream
    await this.consumer.metadata({ topics: subscription.topics });
    this.subscription = subscription;
  }

  async run(handler: BatchHandler, options: RunOptions = {}): Promise<void> {
    if (this.running) throw new Error('PlatformaticConsumer.run was called twice');
    if (!this.subscription) throw new Error('PlatformaticConsumer.run before subscribe');
    this.running = { handler, options };
    await this.start(this.consumer);
  }

  state(): ConsumerState {
    return this.supervision.state();
  }

  async disconnect(): Promise<void> {
    this.supervision.stop();
    this.wakeLoop?.();
    try {
      // the batch in hand finishes (and commits) first, as with kafkajs; a batch waiting to be
      // retried in place gives up at once (the abort wakes its wait)
      await this.loop?.catch(() => undefined);
      // closes the streams and sends LeaveGroup: the partitions move at once, not after the session timeout
      await this.consumer.close(true);
    } finally {
      consumerHeartbeatChannel.error.unsubscribe(this.onHeartbeatError);
      this.supervision.setStatus('stopped');
    }
  }

  private create(): Consumer {
    const consumer = new Consumer({
      ...baseOptions(this.options),
      groupId: this.options.groupId,
      autocommit: false,
      sessionTimeout: this.sessionTimeout,
      heartbeatInterval: this.heartbeatInterval,
      rebalanceTimeout: 60_000,
      maxWaitTime: this.options.maxWaitTimeMs ?? 1_000,
    });
    // events of a consumer already replaced are stale: only the current one speaks
    consumer.on('consumer:group:join', (payload) => {
      if (consumer === this.consumer) this.joined(payload);
    });
    // a rejoin the client started itself failed: it stops heartbeating, the member is gone
    consumer.on('error', (error) => {
      if (consumer === this.consumer) this.crashed(consumer, error);
    });
    consumer.on('consumer:heartbeat:stalled', (payload) => {
      if (consumer === this.consumer) this.crashed(consumer, payload.lastError ?? new Error(`no heartbeat for ${payload.stalledFor} ms`));
    });
    return consumer;
  }

  /** joins the group (consume does), then reads in the background until disconnect or a crash */
  private async start(consumer: Consumer): Promise<void> {
    const stream = await this.openStream(consumer);
    this.restartStream = false;
    this.loop = this.consumeLoop(consumer, stream).catch((error: unknown) => this.crashed(consumer, error));
  }

  private async openStream(consumer: Consumer): Promise<MessagesStream<Buffer, Buffer, Buffer, Buffer>> {
    const subscription = this.subscription;
    if (!subscription) throw new Error('PlatformaticConsumer: no subscription');
    const options: ConsumeOptions<Buffer, Buffer, Buffer, Buffer> = {
      topics: subscription.topics,
      autocommit: false,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: subscription.fromBeginning ? MessagesStreamFallbackModes.EARLIEST : MessagesStreamFallbackModes.LATEST,
      sessionTimeout: this.sessionTimeout,
      heartbeatInterval: this.heartbeatInterval,
      rebalanceTimeout: 60_000,
      highWaterMark: this.options.highWaterMark ?? 8_192,
    };
    const stream = await consumer.consume(options);
    // without a listener a stream's error would be thrown out of the process; readBatch reports it
    stream.on('error', () => undefined);
    // The stream fetches only while someone listens: its fetch loop ends (and a read() leaves it
    // marked as reading, never asked again) whenever readableFlowing is null, which is what Node
    // makes it once the last 'readable' listener is gone. readBatch's own listener is removed
    // while the handler runs, so without this one a fetch answered during a long batch stopped
    // the stream for good: the warehouse stored what the stream held by then and nothing more.
    // A listener for the stream's whole life keeps it in paused (pull) mode: it fetches ahead up
    // to highWaterMark meanwhile, and the records wait in its buffer for the next readBatch.
    stream.on('readable', () => undefined);
    return stream;
  }

  private joined(payload: ConsumerGroupJoinPayload): void {
    const assignment: Record<string, number[]> = {};
    for (const a of payload.assignments ?? []) assignment[a.topic] = [...a.partitions];
    const previous = this.memberId;
    this.memberId = payload.memberId;
    // the client rejoined by itself under a new member id: the coordinator had dropped the old one
    if (previous !== undefined && previous !== payload.memberId && !this.lostReported && !this.supervision.crashedSinceJoin) {
      this.lost(new Error(`The coordinator is not aware of this member (${previous}); rejoined as a new member`));
    }
    this.restartStream = true;
    this.wakeLoop?.();
    if (this.supervision.joined(assignment)) this.lostReported = false;
  }

  /** the member was dropped by the coordinator; the client is rejoining by itself */
  private lost(error: Error): void {
    if (this.lostReported || this.supervision.crashedSinceJoin) return;
    this.lostReported = true;
    this.supervision.crash(error, true);
  }

  private crashed(consumer: Consumer, error: unknown): void {
    if (this.supervision.stopped || consumer !== this.consumer) return;
    this.supervision.crash(error, false);
    this.supervision.scheduleRebuild();
  }

  /** One attempt: replace the dead consumer and run it; a failure schedules the next attempt. */
  private async rebuild(): Promise<void> {
    const dead = this.consumer;
    const fresh = this.create();
    this.consumer = fresh;
    this.memberId = undefined;
    this.lostReported = false;
    const stopped = async () => {
      if (!this.supervision.stopped) return false;
      await fresh.close(true).catch(() => undefined);
      return true;
    };
    try {
      // its loop may still be in a handler: wait for it before the batch can be redelivered
      this.wakeLoop?.();
      await this.loop?.catch(() => undefined);
      // leaves the group if it is still in it, so the partitions move at once
      await dead.close(true).catch(() => undefined);
      if ((await stopped()) || !this.running) return;
      await this.start(fresh);
      if (await stopped()) return;
    } catch (error) {
      if (await stopped()) return;
      this.supervision.rebuildFailed(error);
    }
  }

  private async consumeLoop(consumer: Consumer, first: MessagesStream<Buffer, Buffer, Buffer, Buffer>): Promise<void> {
    let stream = first;
    const alive = () => !this.supervision.stopped && consumer === this.consumer;
    while (alive()) {
      if (this.restartStream) {
        this.restartStream = false;
        // the new stream first, then the old one closed: the topics stay tracked, no extra rejoin
        const fresh = await this.openStream(consumer);
        void stream.close().catch(() => undefined);
        stream = fresh;
      }
      const messages = await this.readBatch(stream);
      if (!alive()) return;
      // read in a generation that has passed: the fresh stream reads these again from the commits
      if (messages.length === 0 || this.restartStream) continue;
      await this.handleAll(consumer, messages);
    }
  }

  /** Whatever the stream holds now, or waits for the next records; [] when woken up. */
  private readBatch(stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>): Promise<Received[]> {
    const drain = () => {
      const out: Received[] = [];
      for (let m = stream.read() as Received | null; m !== null; m = stream.read() as Received | null) out.push(m);
      return out;
    };
    const ready = drain();
    if (ready.length > 0) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        stream.off('readable', onReadable);
        stream.off('error', onError);
        stream.off('close', onClose);
        this.wakeLoop = undefined;
      };
      const onReadable = () => {
        const got = drain();
        if (got.length === 0) return;
        cleanup();
        resolve(got);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onClose = () => {
        cleanup();
        if (this.supervision.stopped) resolve([]);
        else reject(stream.errored ?? new Error('the message stream closed'));
      };
      this.wakeLoop = () => {
        cleanup();
        resolve([]);
      };
      if (stream.errored) return onError(stream.errored);
      if (stream.destroyed) return onClose();
      stream.on('readable', onReadable);
      stream.once('error', onError);
      stream.once('close', onClose);
    });
  }

  /** Per partition, in order; partitions side by side up to the concurrency; the first failure after all settled. */
  private async handleAll(consumer: Consumer, messages: Received[]): Promise<void> {
    const byPartition = new Map<string, Received[]>();
    for (const m of messages) {
      const key = `${m.topic}\u0000${m.partition}`;
      const list = byPartition.get(key);
      if (list) list.push(m);
      else byPartition.set(key, [m]);
    }
    const batches = [...byPartition.values()];
    let next = 0;
    const workers = Array.from({ length: Math.min(this.options.partitionsConsumedConcurrently ?? 1, batches.length) }, async () => {
      for (let batch = batches[next++]; batch; batch = batches[next++]) await this.handleBatch(consumer, batch);
    });
    const settled = await Promise.allSettled(workers);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async handleBatch(consumer: Consumer, batch: Received[]): Promise<void> {
    const run = this.running;
    const last = batch.at(-1);
    if (!run || !last) return;
    const { topic, partition } = last;
    const owned = () => consumer === this.consumer && (consumer.assignments ?? []).some((a) => a.topic === topic && a.partitions.includes(partition));
    const messages: ReceivedMessage[] = batch.map((m) => ({
      topic: m.topic,
      partition: m.partition,
      offset: m.offset.toString(),
      key: m.key?.toString() ?? null,
      value: m.value ?? null,
      headers: headersOf(m),
    }));
    const handled = await this.supervision.handleInPlace(run, messages, () => this.supervision.stopped || !owned());
    // The group moved the partition elsewhere while the handler ran: a commit would overwrite the
    // new owner's. The batch is redelivered to whoever owns the partition now.
    if (!handled || !owned()) return;
    try {
      // Kafka stores the next offset to read, hence +1.
      await consumer.commit({ offsets: [{ topic, partition, offset: last.offset + 1n, leaderEpoch: last.leaderEpoch }] });
    } catch (error) {
      // the group moved on meanwhile (the client rejoins by itself): left uncommitted, redelivered
      if (needsRejoin(error) && consumer === this.consumer) return;
      throw error;
    }
  }
}

function headersOf(m: Received): Record<string, Buffer | string | undefined> {
  const out: Record<string, Buffer | string | undefined> = {};
  // the first value of a repeated header, as the kafkajs adapter keeps it
  for (const [name, value] of m.headerEntries) {
    const key = name.toString();
    if (!(key in out)) out[key] = value;
  }
  return out;
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // the client wraps the coordinator's error (MultipleErrors → ProtocolError): name the root too
  let root: unknown = error;
  for (;;) {
    if (root instanceof AggregateError && root.errors[0] instanceof Error) root = root.errors[0];
    else if (root instanceof Error && root.cause instanceof Error) root = root.cause;
    else break;
  }
  return root !== error && root instanceof Error && !error.message.includes(root.message) ? `${error.message} (${root.message})` : error.message;
}

export class PlatformaticAdmin implements TopicAdmin {
  private readonly admin: Admin;

  constructor(options: PlatformaticOptions) {
    this.admin = new Admin(baseOptions(options));
  }

  async ensureTopics(topics: readonly { topic: string; partitions: number; replicationFactor?: number }[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    try {
      await this.admin.createTopics({ topics: missing.map((t) => ({ topic: t.topic, partitions: t.partitions, replicas: t.replicationFactor ?? 1 })) });
    } catch (error) {
      // another process created them meanwhile: what was wanted
      if (!(error instanceof Error && findErrorBy(error, 'apiId', 'TOPIC_ALREADY_EXISTS'))) throw error;
    }
    await this.waitForLeaders(missing.map((t) => t.topic));
  }

  async consumerLag(groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
    const metadata = await this.admin.metadata({ topics: [...topics], forceUpdate: true });
    const partitionsOf = (topic: string) => Array.from({ length: metadata.topics.get(topic)?.partitionsCount ?? 0 }, (_, i) => i);
    const [committed] = await this.admin.listConsumerGroupOffsets({
      groups: [{ groupId, topics: topics.map((name) => ({ name, partitionIndexes: partitionsOf(name) })) }],
    });
    const listed = async (timestamp: bigint) => {
      const out = new Map<string, bigint>();
      const result = await this.admin.listOffsets({
        topics: topics.map((name) => ({ name, partitions: partitionsOf(name).map((partitionIndex) => ({ partitionIndex, timestamp })) })),
      });
      for (const t of result) for (const p of t.partitions) out.set(`${t.name}\u0000${p.partitionIndex}`, p.offset);
      return out;
    };
    const highs = await listed(ListOffsetTimestamps.LATEST);
    const lows = await listed(ListOffsetTimestamps.EARLIEST);
    const done = new Map<string, bigint>();
    for (const t of committed?.topics ?? []) for (const p of t.partitions) done.set(`${t.name}\u0000${p.partitionIndex}`, p.committedOffset);
    const out: PartitionLag[] = [];
    for (const topic of topics) {
      for (const partition of partitionsOf(topic)) {
        const key = `${topic}\u0000${partition}`;
        const high = highs.get(key) ?? 0n;
        const from = done.get(key);
        // no commit yet: the group starts at the beginning, so everything retained is lag
        const start = from === undefined || from < 0n ? (lows.get(key) ?? 0n) : from;
        out.push({ topic, partition, lag: Number(high - start) });
      }
    }
    return out;
  }

  disconnect(): Promise<void> {
    return this.admin.close();
  }

  /** as kafkajs's createTopics({ waitForLeaders }): a topic is usable once every partition has a leader */
  private async waitForLeaders(topics: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const metadata = await this.admin.metadata({ topics, forceUpdate: true });
        const ready = topics.every((t) => {
          const topic = metadata.topics.get(t);
          return topic !== undefined && topic.partitions.length === topic.partitionsCount && topic.partitions.every((p) => p.leader >= 0);
        });
        if (ready) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics without leaders after 30 s: ${topics.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
