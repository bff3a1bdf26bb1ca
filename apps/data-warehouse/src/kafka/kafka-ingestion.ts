import { writeFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { fromKafkaRecord, TOPICS } from '@educube/contracts';
import { KafkaJsAdmin, KafkaJsConsumer, type PartitionLag, type ReceivedMessage } from '@educube/kafka';
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
  /** partitions whose batches run through the pipeline at once */
  readonly concurrency: number;
  /** how long a consumer that died without leaving holds its partitions (Kafka's default 30 s) */
  readonly sessionTimeoutMs: number;
}

/**
 * The Kafka channel: one consumer group over every family topic. Each delivered batch (one
 * partition's messages) goes through the same pipeline as HTTP; the offset is committed only
 * after the pipeline returned, i.e. after the append, the dead letters and the parking are
 * durable. A crash in between redelivers the batch, and the store answers duplicates.
 */
@Injectable()
export class KafkaIngestion implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('kafka-ingestion');
  private consumer: KafkaJsConsumer | undefined;
  private admin: KafkaJsAdmin | undefined;
  private lastLag: { at: Date; partitions: PartitionLag[] } | undefined;
  private failure: string | undefined;

  constructor(
    @Inject(KAFKA_CONFIG) private readonly config: KafkaIngestionConfig,
    private readonly ingestor: Ingestor,
    private readonly records: IngestionRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return (this.config.brokers?.length ?? 0) > 0;
  }

  get error(): string | undefined {
    return this.failure;
  }

  async onApplicationBootstrap(): Promise<void> {
    const brokers = this.config.brokers;
    if (!brokers?.length) return;
    const topics = Object.values(TOPICS);
    this.admin = new KafkaJsAdmin({ brokers, clientId: 'educube-warehouse' });
    await this.admin.ensureTopics(topics.map((topic) => ({ topic, partitions: this.config.partitions })));
    this.consumer = new KafkaJsConsumer({
      brokers,
      clientId: 'educube-warehouse',
      groupId: this.config.groupId,
      partitionsConsumedConcurrently: this.config.concurrency,
      sessionTimeoutMs: this.config.sessionTimeoutMs,
    });
    await this.consumer.connect();
    await this.consumer.subscribe(topics, { fromBeginning: true });
    void this.consumer
      .run((batch) => this.handle(batch))
      .catch((error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        this.logger.error(`the Kafka consumer stopped: ${this.failure}`);
      });
    reportKafkaLag(async () => (await this.lag())?.partitions);
    this.logger.log(`consuming ${topics.length} topics as group ${this.config.groupId}`);
  }

  /**
   * One partition's batch: decode what can be decoded, dead-letter what cannot (a record value
   * nested too deep to walk safely is not even parsed), ingest the rest. A refused record is
   * kept and the partition moves on; only a failure of the pipeline itself holds it back.
   */
  async handle(batch: readonly ReceivedMessage[]): Promise<void> {
    const arrivals: Arrival[] = [];
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
      if (decoded.ok) arrivals.push({ raw: decoded.raw, original, kafkaKey: m.key });
      else refuse(decoded.path, decoded.rule, decoded.message, null);
    }
    await this.records.addDeadLetters(undecodable);
    if (!arrivals.length) return;
    const { summary } = await this.ingestor.ingest(arrivals, { channel: 'kafka', receivedAt });
    crashAfterAppendOnce(batch, summary.accepted);
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
function crashAfterAppendOnce(batch: readonly ReceivedMessage[], accepted: number): void {
  const path = process.env['EDUCUBE_CRASH_AFTER_APPEND_ONCE'];
  if (!path || accepted === 0) return;
  const first = batch[0];
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
