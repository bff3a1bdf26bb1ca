import { writeFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { fromKafkaRecord, TOPICS } from '@educube/contracts';
import {
  BatchGatherer,
  KafkaJsAdmin,
  KafkaJsConsumer,
  PlatformaticAdmin,
  PlatformaticConsumer,
  type ConsumerEvent,
  type ConsumerState,
  type MessageConsumer,
  type PartitionLag,
  type ReceivedMessage,
  type TopicAdmin,
} from '@educube/kafka';
import { isTransientDatabaseError } from '@educube/postgres';
import { backoffDelay, type ReadinessCheck } from '@educube/service-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOCK, type Clock } from '../clock';
import { jsonTooDeep, MAX_JSON_DEPTH, tooDeepMessage } from '../http/json-depth';
import { Ingestor, type Arrival } from '../ingest/ingestor';
import { IngestionRecords, type NewDeadLetter } from '../storage/dead-letters';
import { countUnreadable, reportKafkaLag } from '../observability';

export const KAFKA_CONFIG = Symbol('KAFKA_CONFIG');

export interface KafkaIngestionConfig {
  /** unset: no Kafka channel (HTTP only) */
  readonly brokers: readonly string[] | undefined;
  readonly groupId: string;
  readonly partitions: number;
  /** partitions whose batches are handed over at once, gathered into shared pipeline runs */
  readonly concurrency: number;
  /** pipeline runs at once; batches that arrive meanwhile wait and go together into the next */
  readonly runsInFlight: number;
  /** a gathered run takes whole batches up to this many records */
  readonly maxRunEvents: number;
  /** the client library behind the port (ADR 8) */
  readonly client: 'kafkajs' | 'platformatic';
  /** how long a consumer that died without leaving holds its partitions (Kafka's default 30 s) */
  readonly sessionTimeoutMs: number;
}

/** One record decoded, with the message it came in, so a gathered run knows its partitions. */
interface Gathered {
  readonly arrival: Arrival;
  readonly message: ReceivedMessage;
}

/**
 * The Kafka channel: one consumer group over every family topic. Delivered batches (one
 * partition's messages each) are gathered into shared runs of the same pipeline as HTTP, so a
 * fetch spread thin over 21 partitions pays the pipeline's round trips once, not 21 times. A
 * partition's offset is committed only after the run that took its batch returned, i.e. after
 * the append, the dead letters and the parking are durable. A crash in between redelivers the
 * batch, and the store answers duplicates.
 */
@Injectable()
export class KafkaIngestion implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('kafka-ingestion');
  private consumer: MessageConsumer | undefined;
  private admin: TopicAdmin | undefined;
  private readonly gatherer: BatchGatherer<Gathered>;
  private lastLag: { at: Date; partitions: PartitionLag[] } | undefined;
  private failure: string | undefined;
  private readonly stopping = new AbortController();
  private starting: Promise<void> | undefined;
  /** while no consumer exists yet: why (the broker not answering at start) */
  private startState: ConsumerState = { status: 'starting', since: new Date(), rejoins: 0 };

  constructor(
    @Inject(KAFKA_CONFIG) private readonly config: KafkaIngestionConfig,
    private readonly ingestor: Ingestor,
    private readonly records: IngestionRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.gatherer = new BatchGatherer((items) => this.ingestGathered(items), { maxInFlight: config.runsInFlight, maxItems: config.maxRunEvents });
  }

  get enabled(): boolean {
    return (this.config.brokers?.length ?? 0) > 0;
  }

  /** What went wrong, if anything is wrong now: the consumer paused or rejoining, or the start failing. */
  get error(): string | undefined {
    const state = this.consumerState();
    return state.status === 'consuming' ? undefined : (state.reason ?? this.failure);
  }

  /** Where the consumer is, for health and readiness. */
  consumerState(): { status: ConsumerState['status']; since: string; reason: string | null; rejoins: number; runs: number; batches: number } {
    const state = this.consumer?.state() ?? this.startState;
    return {
      status: state.status,
      since: state.since.toISOString(),
      reason: state.reason ?? null,
      rejoins: state.rejoins,
      runs: this.gatherer.runs,
      batches: this.gatherer.batches,
    };
  }

  /** The lag last read, without asking the broker (readiness must answer even when it is away). */
  get cachedLag(): { at: Date; partitions: PartitionLag[] } | undefined {
    return this.lastLag;
  }

  /**
   * Starts consuming in the background: a broker that is not there yet (or goes away for longer
   * than the client's retry budget) is waited for with back-off, never a reason to exit. HTTP
   * ingestion serves meanwhile; readiness reports the consumer's state.
   */
  onApplicationBootstrap(): void {
    const brokers = this.config.brokers;
    if (!brokers?.length) return;
    this.starting = this.start(brokers);
  }

  private async start(brokers: readonly string[]): Promise<void> {
    const topics = Object.values(TOPICS);
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        const client = { brokers, clientId: 'educube-warehouse' };
        this.admin ??= this.config.client === 'platformatic' ? new PlatformaticAdmin(client) : new KafkaJsAdmin(client);
        await this.admin.ensureTopics(topics.map((topic) => ({ topic, partitions: this.config.partitions })));
        const options = {
          ...client,
          groupId: this.config.groupId,
          partitionsConsumedConcurrently: this.config.concurrency,
          sessionTimeoutMs: this.config.sessionTimeoutMs,
          onEvent: (event: ConsumerEvent) => this.log(event),
          // a held batch is tried again at least every 5 s: a database back from a restart is used within seconds
          retryBackoffMs: { first: 250, max: 5_000 },
        };
        const consumer = this.config.client === 'platformatic' ? new PlatformaticConsumer(options) : new KafkaJsConsumer(options);
        await consumer.connect();
        await consumer.subscribe(topics, { fromBeginning: true });
        if (this.stopping.signal.aborted) return void (await consumer.disconnect().catch(() => undefined));
        this.consumer = consumer;
        // a batch that fails because the database is away or refusing writes is held and tried
        // again in place: its partition kept, nothing committed, the member heartbeating
        await consumer.run((batch) => this.handle(batch), { retryInPlace: isTransientDatabaseError });
        reportKafkaLag(async () => (await this.lag())?.partitions);
        this.logger.log(`consuming ${topics.length} topics as group ${this.config.groupId} with ${this.config.client}`);
        return;
      } catch (error) {
        this.failure = error instanceof Error ? error.message : String(error);
        const delayMs = backoffDelay(attempt, { initialMs: 500, maxMs: 30_000 });
        this.startState = {
          status: 'starting',
          since: this.startState.since,
          reason: `cannot start consuming (attempt ${attempt}): ${this.failure}`,
          rejoins: 0,
        };
        this.logger.warn(`${this.startState.reason}; next attempt in ${delayMs} ms`);
        await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  private log(event: ConsumerEvent): void {
    switch (event.kind) {
      case 'joined':
        this.logger.log(`joined group ${this.config.groupId}: ${JSON.stringify(event.assignment)}`);
        return;
      case 'crashed':
        this.failure = event.error;
        this.logger.error(`the Kafka consumer crashed, rejoining with back-off: ${event.error}`);
        return;
      case 'rejoined':
        this.logger.log(`the Kafka consumer is back in group ${this.config.groupId} (rejoin ${event.rejoins})`);
        return;
      case 'paused':
        this.logger.warn(`holding a batch, nothing committed, until it can be stored: ${event.error}`);
        return;
      case 'resumed':
        this.logger.log('the held batch was stored; consuming again');
        return;
    }
  }

  /**
   * One partition's batch: decode what can be decoded, dead-letter what cannot (a record value
   * nested too deep to walk safely is not even parsed), and hand the rest to the next gathered
   * run. A refused record is kept and the partition moves on; only a failure of the run itself
   * holds it back (and every other batch of that run, each retried by its own partition).
   */
  async handle(batch: readonly ReceivedMessage[]): Promise<void> {
    const gathered: Gathered[] = [];
    const undecodable: NewDeadLetter[] = [];
    const receivedAt = this.clock();
    for (const m of batch) {
      const original = m.value ?? Buffer.alloc(0);
      const refuse = (path: string, rule: string, message: string, value: unknown) => {
        countUnreadable('kafka', rule, m.topic);
        undecodable.push({
          eventId: null,
          schoolCode: m.key,
          source: `kafka:${m.topic}/${m.partition}@${m.offset}`,
          type: null,
          channel: 'kafka',
          status: 'rejected',
          reasons: [{ path, rule, message, value }],
          receivedAt,
          original,
        });
      };
      const tooDeep = m.value ? jsonTooDeep(m.value, MAX_JSON_DEPTH) : undefined;
      if (tooDeep) {
        refuse('', 'max-depth', tooDeepMessage('the Kafka record value', tooDeep), tooDeep.depth);
        continue;
      }
      const decoded = fromKafkaRecord(m);
      if (decoded.ok) gathered.push({ arrival: { raw: decoded.raw, original, kafkaKey: m.key }, message: m });
      else refuse(decoded.path, decoded.rule, decoded.message, null);
    }
    await this.records.addDeadLetters(undecodable);
    if (!gathered.length) return;
    await this.gatherer.submit(gathered);
  }

  /** One pipeline run over the batches gathered from several partitions. */
  private async ingestGathered(items: readonly Gathered[]): Promise<void> {
    const { summary } = await this.ingestor.ingest(
      items.map((i) => i.arrival),
      { channel: 'kafka', receivedAt: this.clock() },
    );
    crashAfterAppendOnce(
      items.map((i) => i.message),
      summary.accepted,
    );
  }

  /** Consumer lag per partition, asked of the broker at most every 5 s. */
  async lag(): Promise<{ at: Date; partitions: PartitionLag[] } | undefined> {
    if (!this.admin) return undefined;
    if (!this.lastLag || Date.now() - this.lastLag.at.getTime() > 5_000) {
      this.lastLag = { at: new Date(), partitions: await this.admin.consumerLag(this.config.groupId, Object.values(TOPICS)) };
    }
    return this.lastLag;
  }

  async onApplicationShutdown(): Promise<void> {
    reportKafkaLag(undefined);
    this.stopping.abort();
    await this.starting;
    // leaves the group: the partitions move to the other members at once, not after the session timeout
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }
}

/**
 * Fault-injection hook for the consumer-crash test (consumer-crash.int.spec.ts), never set in
 * production: with EDUCUBE_CRASH_AFTER_APPEND_ONCE=<path>, the first batch that appended
 * something after the file is gone writes the file (what was appended, for the test to check)
 * and SIGKILLs this process, after the append and before the offset commit: the one window a
 * random kill can only hit by chance. The file makes it fire once across restarts.
 */
function crashAfterAppendOnce(messages: readonly ReceivedMessage[], accepted: number): void {
  const path = process.env['EDUCUBE_CRASH_AFTER_APPEND_ONCE'];
  if (!path || accepted === 0) return;
  // a gathered run holds several partitions' batches, none committed yet: the proof names the first
  const first = messages[0];
  const batch = messages.filter((m) => m.topic === first?.topic && m.partition === first?.partition);
  const last = batch[batch.length - 1];
  try {
    writeFileSync(path, JSON.stringify({ topic: first?.topic, partition: first?.partition, firstOffset: first?.offset, lastOffset: last?.offset, accepted }), {
      flag: 'wx',
    });
  } catch {
    return; // the file exists: fired before
  }
  process.kill(process.pid, 'SIGKILL');
}

/**
 * The consumer in readiness: reported, not required. HTTP ingestion works without it, and it
 * rejoins by itself; an operator (and the fault suite) reads here whether it is consuming.
 */
@Injectable()
export class KafkaReadiness implements ReadinessCheck {
  readonly name = 'kafka-consumer';
  readonly required = false;
  constructor(private readonly kafka: KafkaIngestion) {}

  async check(): Promise<string> {
    if (!this.kafka.enabled) return 'not configured (KAFKA_BROKERS unset): HTTP ingestion only';
    const state = this.kafka.consumerState();
    const lag = this.kafka.cachedLag;
    if (state.status !== 'consuming') throw new Error(`${state.status} since ${state.since}${state.reason ? `: ${state.reason}` : ''}`);
    const behind = lag ? `; lag ${lag.partitions.reduce((n, p) => n + p.lag, 0)} at ${lag.at.toISOString()}` : '';
    return `consuming since ${state.since}${state.rejoins ? ` (${state.rejoins} rejoins)` : ''}${behind}`;
  }
}
