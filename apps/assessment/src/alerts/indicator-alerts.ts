import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AlertStreams, disabledRules, type AcknowledgeOutcome } from '@educube/alert-streams';
import { evaluateIndicatorRegression, type AcknowledgeCommand, type AlertsConfig, type AlertView } from '@educube/alerts';
import { PostgresEventStore } from '@educube/event-store';
import type { IndexedDirectory } from '@educube/identity-client';
import type { SqlDatabase } from '@educube/postgres';
import { StandingsService, type StandingsRound } from '../standings/standings.service';
import { SQL_DATABASE } from '../storage/storage';
import { CLOCK, type Clock } from './clock';
import { regressionObservations, withCatalogItemIds } from './regression';

export const ALERTS_CONFIG = Symbol('ASSESSMENT_ALERTS_CONFIG');

/** Standings compared per round at most: a first start on a large database spreads its baselines over rounds. */
const COMPARED_PER_ROUND = 1_000;

/**
 * The indicator-regression alerts (`alerts-<district>` in the assessment's own event store),
 * decided after each standings round whose evidence was at the feed's end: each standing whose
 * met items or stars differ from what the alerts last compared is compared now, and becomes the
 * next comparison's start. Standings scored part-way through a replay or a catch-up are stored
 * but not compared, so a start or a backlog raises nothing a caught-up standing does not show.
 * A failure is logged and retried on the next round (the standings are stored either way).
 */
@Injectable()
export class IndicatorAlerts implements OnModuleInit {
  private readonly logger = new Logger('assessment-alerts');
  private streams!: AlertStreams;
  private evaluatedAt: Date | undefined;
  /** Every district's stream has been read once (what the counts of the status cover). */
  private streamsLoaded = false;
  private lastError: string | undefined;
  /** The last comparison stopped at COMPARED_PER_ROUND: the next round goes on whatever the interval. */
  private backlog = false;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly standings: StandingsService,
  ) {}

  async onModuleInit(): Promise<void> {
    // beside the review streams, in the same event store (never closed here: it would close the shared connection)
    this.streams = new AlertStreams(await PostgresEventStore.open(this.db));
    this.standings.onRefreshed((round) => this.afterStandings(round));
  }

  /** When the rule last ran (undefined: not since the start). */
  get lastEvaluatedAt(): Date | undefined {
    return this.evaluatedAt;
  }

  /** The districts' alerts, most urgent first (every one: the answer counts them all, then lists up to its limit). */
  list(districts: Iterable<string>, status: 'open' | 'all'): Promise<AlertView[]> {
    return this.streams.list(districts, { status });
  }

  acknowledge(district: string, command: AcknowledgeCommand): Promise<AcknowledgeOutcome> {
    return this.streams.acknowledge(district, command);
  }

  private async afterStandings({ directory, atFeedEnd }: StandingsRound): Promise<void> {
    if (!atFeedEnd) return;
    try {
      await this.compare(directory);
      this.lastError = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.logger.warn(`recording indicator-regression alerts failed (will retry next round): ${message}`);
      this.lastError = message;
    }
  }

  private async compare(directory: IndexedDirectory): Promise<void> {
    // a cleared subject names a school, not its district: any district's stream may hold its alert
    const districts = directory.regions.map((r) => r.code);
    const now = this.clock.now().toISOString();
    if (!this.streamsLoaded) {
      await this.streams.list(districts);
      // the configuration is read once per start: a rule switched off since closes its alerts once
      await this.streams.retire(disabledRules(this.config, ['indicator-regression']), now, districts);
      this.streamsLoaded = true;
    }
    // at most every compareEveryMinutes (a backlog is worked off round by round): a standing that
    // moves back and forth in between — a replayed history, a burst of corrections — raises nothing
    if (!this.backlog && this.evaluatedAt && Date.parse(now) - this.evaluatedAt.getTime() < this.config.indicatorRegression.compareEveryMinutes * 60_000)
      return;
    const store = this.standings.storeForReads;
    const pending = await store.alertsPending(COMPARED_PER_ROUND);
    const observations = regressionObservations(pending, (school) => directory.school(school)?.regionCode);
    if (observations.length > 0) await this.streams.record([withCatalogItemIds(evaluateIndicatorRegression(this.config, observations, now))], now, districts);
    await store.markAlerted(pending);
    this.backlog = pending.length >= COMPARED_PER_ROUND;
    this.evaluatedAt = new Date(now);
  }

  status() {
    return {
      evaluatedAt: this.evaluatedAt?.toISOString() ?? null,
      /** By status over every stream read so far (all of them after the first evaluation). */
      counts: this.streams.cachedCounts(),
      error: this.lastError ?? null,
    };
  }
}
