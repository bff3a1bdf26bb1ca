import { Controller, Get, Inject } from '@nestjs/common';
import type { Actor } from '@educube/oidc';
import { Allow, CurrentActor } from '@educube/service-kit';
import { OFFICERS, ReadScope, SCHOOL_SYSTEM, SERVICE } from './auth';
import type { SqlDatabase } from '@educube/postgres';
import { IngestionStats } from '../ingest/stats';
import { KafkaIngestion } from '../kafka/kafka-ingestion';
import { Projector } from '../projection/projector';
import { IngestionRecords } from '../storage/dead-letters';
import { SQL_DATABASE } from '../storage/storage';

/** Ingestion health per source system and school, and the lags an operator watches. */
@Controller('v1/ingestion')
export class HealthController {
  constructor(
    private readonly stats: IngestionStats,
    private readonly records: IngestionRecords,
    private readonly projector: Projector,
    private readonly kafka: KafkaIngestion,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly scope: ReadScope,
  ) {}

  @Allow([...OFFICERS, SCHOOL_SYSTEM, SERVICE], "officers: their region's schools; a school system: its own; services: everything, store and Kafka figures included")
  @Get('health')
  async health(@CurrentActor() actor: Actor) {
    const visible = await this.scope.schoolsOf(actor);
    if (visible !== 'all') return this.scoped(visible);
    const { rows } = await this.db.query<{ head: string | null; events: string }>('select max(position)::text as head, count(*)::text as events from event_store.events');
    const head = BigInt(rows[0]?.head ?? '0');
    const lag = this.kafka.enabled ? await this.kafka.lag().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })) : undefined;
    const stored = await this.records.counts();
    const sources = this.stats.sources();
    return {
      storedEvents: Number(rows[0]?.events ?? 0),
      headPosition: head.toString(),
      projection: { position: this.projector.applied.toString(), lag: (head > this.projector.applied ? head - this.projector.applied : 0n).toString(), error: this.projector.failure ?? null },
      kafka: !this.kafka.enabled
        ? { enabled: false }
        : lag && 'partitions' in lag
          ? { enabled: true, consumerLag: lag.partitions.reduce((n, p) => n + p.lag, 0), partitions: lag.partitions, error: this.kafka.error ?? null }
          : { enabled: true, consumerLag: null, error: (lag as { error?: string } | undefined)?.error ?? this.kafka.error ?? null },
      totals: totalsOf(sources, stored),
      // since this process started (the store holds the full record)
      sources,
      // durable: dead letters and parked events per school and source
      kept: stored,
    };
  }

  /**
   * What a caller who may see only some schools gets: the per-school and per-source figures of
   * those schools and totals over them; nothing of the store, Kafka or other schools.
   */
  private async scoped(visible: ReadonlySet<string>) {
    const sources = this.stats.sources().filter((s) => visible.has(s.schoolCode));
    const kept = (await this.records.counts()).filter((k) => k.schoolCode !== null && visible.has(k.schoolCode));
    return {
      schools: visible.size,
      totals: totalsOf(sources, kept),
      sources,
      kept,
    };
  }
}

type Sources = ReturnType<IngestionStats['sources']>;
type Kept = Awaited<ReturnType<IngestionRecords['counts']>>;

/** Totals over the figures a caller may see: all of them, or their schools' only. */
function totalsOf(sources: Sources, kept: Kept) {
  return {
    accepted: sources.reduce((n, s) => n + s.accepted, 0),
    duplicates: sources.reduce((n, s) => n + s.duplicates, 0),
    conflicts: sources.reduce((n, s) => n + s.conflicts, 0),
    deadLetters: kept.reduce((n, s) => n + s.rejects, 0),
    parked: kept.reduce((n, s) => n + s.parked, 0),
    eventsPerMinute: Math.round(sources.reduce((n, s) => n + s.eventsPerMinute, 0) * 10) / 10,
  };
}
