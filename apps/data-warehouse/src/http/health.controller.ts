import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { OrgDirectory } from '@educube/identity-client';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, ZodBody, ZodParams, type AnswerOf } from '@educube/service-kit';
import { healthOf } from '@educube/warehouse-ingestion';
import { z } from 'zod';
import { ACTIVITY_CONFIG, ORG_DIRECTORY, type ActivityConfig } from '../activity/rollup';
import { AlertsService } from '../alerts/alerts.service';
import { notFound, subtree } from './activity.controller';
import { OFFICERS, ReadScope, SCHOOL_SYSTEM, SERVICE } from './auth';
import { ingestionHealthAnswer, regionHealthAnswer, schoolsHealthAnswer } from './answers';
import { regionCode, schoolCode } from './input';

const regionParams = z.object({ code: regionCode });
const schoolsBody = z.strictObject({ schools: z.array(schoolCode).min(1).max(500) });
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
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(ACTIVITY_CONFIG) private readonly config: ActivityConfig,
    private readonly alerts: AlertsService,
  ) {}

  @Allow([...OFFICERS, SERVICE], "officers: regions within theirs by identity's tree (any other answers 404 like an unknown one); services: every region")
  @Api({ summary: "ingestion health of a region's schools", response: regionHealthAnswer, errors: [404, 503] })
  @Get('regions/:code')
  async region(
    @CurrentActor() actor: Actor,
    @ZodParams(regionParams) { code: region }: z.output<typeof regionParams>,
  ): Promise<AnswerOf<typeof regionHealthAnswer>> {
    const tree = await this.directory.on();
    const found = tree.region(region);
    if (!found || !(await this.scope.regionVisible(actor, region, tree))) throw notFound('region', region);
    // the region's schools by today's tree (a school identity moved shows where it is now)
    const districts = new Set(subtree(tree, region));
    const schools = new Set(tree.schools.filter((s) => districts.has(s.regionCode)).map((s) => s.code));
    return {
      region: { code: found.code, name: found.name, level: found.level },
      schools: schools.size,
      ...(await this.healthOf(schools)),
    };
  }

  @Allow([...OFFICERS, SERVICE], "officers: schools of their region by identity's tree (any other answers 404 like an unknown one); services: every school")
  @Post('schools')
  @HttpCode(200)
  @Api({ summary: 'ingestion health of the schools named', response: schoolsHealthAnswer, errors: [404, 503] })
  async schools(@CurrentActor() actor: Actor, @ZodBody(schoolsBody) { schools }: z.output<typeof schoolsBody>): Promise<AnswerOf<typeof schoolsHealthAnswer>> {
    await this.scope.requireSchools(actor, schools, await this.directory.on());
    const codes = [...new Set(schools)];
    const sources = this.stats.sources();
    const kept = await this.records.counts(codes);
    const lag = await this.projectionLag();
    const now = new Date();
    return {
      since: this.stats.startedAt.toISOString(),
      silentAfterMinutes: this.config.silentMinutes,
      projectionLag: lag,
      schools: codes.map((school) => {
        const { schoolsWithoutEvents, ...h } = healthOf(new Set([school]), sources, kept, now, this.config.silentMinutes);
        return { school, heardFrom: schoolsWithoutEvents === 0, ...h };
      }),
    };
  }

  /** Health of a set of schools: counters since the start, durable dead letters and parked events, silence. */
  private async healthOf(schools: ReadonlySet<string>) {
    const kept = await this.records.counts([...schools]);
    return {
      // counters count since this process started; dead letters and parked events are durable
      since: this.stats.startedAt.toISOString(),
      silentAfterMinutes: this.config.silentMinutes,
      // events stored but not yet in the read models (the activity figures are that far behind)
      projectionLag: await this.projectionLag(),
      ...healthOf(schools, this.stats.sources(), kept, new Date(), this.config.silentMinutes),
    };
  }

  private async projectionLag(): Promise<number> {
    const { rows } = await this.db.query<{ head: string | null }>('select max(position)::text as head from event_store.events');
    const head = BigInt(rows[0]?.head ?? '0');
    return Number(head > this.projector.applied ? head - this.projector.applied : 0n);
  }

  @Allow(
    [...OFFICERS, SCHOOL_SYSTEM, SERVICE],
    "officers: their region's schools; a school system: its own; services: everything, store and Kafka figures included",
  )
  @Api({ summary: 'ingestion health of the schools the caller may see', response: ingestionHealthAnswer, errors: [503] })
  @Get('health')
  async health(@CurrentActor() actor: Actor): Promise<AnswerOf<typeof ingestionHealthAnswer>> {
    const visible = await this.scope.schoolsOf(actor);
    if (visible !== 'all') return this.scoped(visible);
    const { rows } = await this.db.query<{ head: string | null; events: string }>(
      'select max(position)::text as head, count(*)::text as events from event_store.events',
    );
    const head = BigInt(rows[0]?.head ?? '0');
    const lag = this.kafka.enabled ? await this.kafka.lag().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) })) : undefined;
    const stored = await this.records.counts();
    const sources = this.stats.sources();
    return {
      storedEvents: Number(rows[0]?.events ?? 0),
      headPosition: head.toString(),
      projection: {
        position: this.projector.applied.toString(),
        lag: (head > this.projector.applied ? head - this.projector.applied : 0n).toString(),
        error: this.projector.failure ?? null,
      },
      kafka: !this.kafka.enabled
        ? { enabled: false }
        : lag && 'partitions' in lag
          ? {
              enabled: true,
              consumer: this.kafka.consumerState(),
              consumerLag: lag.partitions.reduce((n, p) => n + p.lag, 0),
              partitions: lag.partitions,
              error: this.kafka.error ?? null,
            }
          : {
              enabled: true,
              consumer: this.kafka.consumerState(),
              consumerLag: null,
              error: (lag as { error?: string } | undefined)?.error ?? this.kafka.error ?? null,
            },
      totals: totalsOf(sources, stored),
      // the alert rules' last evaluation and the alerts' statuses (every district's: services only)
      alerts: this.alerts.status(),
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
