import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { evaluateAttendanceAnomaly, evaluateRejectSpike, evaluateSilentSource, type AlertEvent, type Evaluation } from '@educube/alerts';
import { AlertStreams, disabledRules } from '@educube/alert-streams';
import type { IndexedDirectory, OrgDirectory } from '@educube/identity-client';
import type { SqlDatabase } from '@educube/postgres';
import { chinaDateOf } from '@educube/warehouse-read-models';
import { ORG_DIRECTORY } from '../activity/rollup';
import { CLOCK, type Clock } from '../clock';
import { SQL_DATABASE } from '../storage/storage';
import { attendanceObservations, rejectSpikeObservations, silentSourceObservations } from './observations';
import { ALERTS_OPTIONS, type AlertsOptions } from './options';
import { schoolTerms, studentAttendanceDays } from './school-facts';
import { rejectSpikeWindow, SourceFacts } from './source-facts';

/** The last evaluation, for the health answer and the alerts API's `evaluatedAt`. */
export interface AlertsStatus {
  readonly evaluateEveryMs: number;
  /** the clock's time of the last evaluation that succeeded */
  readonly lastEvaluatedAt: string | null;
  readonly durationMs: number | null;
  readonly raised: number;
  readonly resolved: number;
  /** why the latest evaluation failed (null once one succeeds again) */
  readonly error: string | null;
  /** the alerts' statuses as last read, over the districts read so far */
  readonly counts: ReturnType<AlertStreams['cachedCounts']>;
}

/** The rules the warehouse decides (ADR 4): the others are the assessment's. */
const WAREHOUSE_RULES = ['silent-source', 'reject-spike', 'attendance-anomaly'] as const;

/** Every district the tree knows (and any a school sits in): an evaluation may resolve an alert in any of them. */
const districtsOf = (tree: IndexedDirectory): Set<string> =>
  new Set([...tree.regions.filter((r) => r.level === 'district').map((r) => r.code), ...tree.schools.map((s) => s.regionCode)]);

/** Calendar days read for an attendance history of `schoolDays`: five school days a week, and room for a summer break. */
const calendarDaysFor = (schoolDays: number): number => schoolDays * 2 + 90;

/**
 * The warehouse's alert rules (ADR 4): silent source, reject spike and attendance anomaly, on the
 * facts it holds, appended to `alerts-<district>` in its own event store. A failed evaluation is
 * logged and tried again at the next tick; it never stops the service.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('alerts');
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  private last: { at: Date; durationMs: number; raised: number; resolved: number } | undefined;
  private lastError: string | null = null;

  constructor(
    private readonly facts: SourceFacts,
    private readonly streams: AlertStreams,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // after the projector's bootstrap has created the read models this reads
    if (this.options.evaluateMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.options.evaluateMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue;
  }

  /** Evaluates the rules now (after any evaluation in progress) and records what they decide. */
  evaluate(): Promise<AlertEvent[]> {
    const run = this.queue.then(() => this.run());
    this.queue = run.catch(() => undefined);
    return run;
  }

  status(): AlertsStatus {
    return {
      evaluateEveryMs: this.options.evaluateMs,
      lastEvaluatedAt: this.last?.at.toISOString() ?? null,
      durationMs: this.last?.durationMs ?? null,
      raised: this.last?.raised ?? 0,
      resolved: this.last?.resolved ?? 0,
      error: this.lastError,
      counts: this.streams.cachedCounts(),
    };
  }

  /** When the rules last ran to the end (undefined: not since this process started). */
  get lastEvaluatedAt(): Date | undefined {
    return this.last?.at;
  }

  private async tick(): Promise<void> {
    // a tick that finds the last one still running skips rather than queueing up behind it
    if (this.busy) return;
    this.busy = true;
    try {
      await this.evaluate();
    } catch {
      // logged by run(); the next tick tries again
    } finally {
      this.busy = false;
    }
  }

  private async run(): Promise<AlertEvent[]> {
    const started = performance.now();
    const now = this.clock();
    try {
      const events = await this.decide(now);
      const durationMs = Math.round(performance.now() - started);
      const raised = events.filter((e) => e.type === 'AlertRaised').length;
      const resolved = events.filter((e) => e.type === 'AlertResolved').length;
      this.last = { at: now, durationMs, raised, resolved };
      this.lastError = null;
      this.logger.log({ msg: 'alerts evaluated', at: now.toISOString(), raised, resolved, durationMs, open: this.streams.cachedCounts() });
      return events;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn({
        msg: 'alerts evaluation failed; retrying at the next tick',
        at: now.toISOString(),
        error: this.lastError,
        durationMs: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  private async decide(now: Date): Promise<AlertEvent[]> {
    const at = now.toISOString();
    const today = chinaDateOf(at);
    const tree = await this.directory.on(today);
    const districtOf = (school: string): string | undefined => tree.school(school)?.regionCode;
    const { config, holidays } = this.options;
    const { windowStart, baselineStart } = rejectSpikeWindow(now, config.rejectSpike.windowMinutes, config.rejectSpike.baselineDays);
    const receipts = await this.facts.receipts();
    const terms = await schoolTerms(this.db, [...new Set(receipts.map((r) => r.school))]);
    const counts = await this.facts.counts(windowStart, baselineStart);
    const days = await studentAttendanceDays(this.db, today, config.attendanceAnomaly.baselineDays + 1, calendarDaysFor(config.attendanceAnomaly.baselineDays));
    const evaluations: Evaluation[] = [
      evaluateSilentSource(config, silentSourceObservations(receipts, terms, holidays, districtOf), at),
      evaluateRejectSpike(config, rejectSpikeObservations(receipts, counts, districtOf), at),
      evaluateAttendanceAnomaly(config, attendanceObservations(days, districtOf), at),
    ];
    const districts = districtsOf(tree);
    const events = await this.streams.record(evaluations, at, districts);
    events.push(...(await this.streams.retire(disabledRules(config, WAREHOUSE_RULES), at, districts)));
    await this.facts.prune(baselineStart);
    return events;
  }
}
