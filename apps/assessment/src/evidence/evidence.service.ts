import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { StandardId } from '@educube/assessment-catalog';
import {
  NO_POOLING,
  optionsFor,
  placedBy,
  referenceFigures,
  registeredRegionOf,
  repool,
  type EvaluationOptions,
  type Pooling,
  type RegionOf,
} from '@educube/assessment-engine';
import type { OrgDirectory } from '@educube/identity-client';
import type { SqlDatabase } from '@educube/postgres';
import { ORG_DIRECTORY } from '../identity/org-directory';
import { FactsProjection } from '../projection/facts-projection';
import { trace } from '@opentelemetry/api';
import { evidenceRefreshSeconds, traceEvidenceWrite } from '../observability';
import { SQL_DATABASE } from '../storage/storage';
import { EvidenceStore, openEvidenceStore, type StoredEvidence } from './evidence-store';
import { assessmentDate, computeEvidence, figuresFor } from './evidence-rules';

export const EVIDENCE_CONFIG = Symbol('EVIDENCE_CONFIG');

export interface EvidenceConfig {
  /** A fixed assessment date (demos, tests); unset: today in China time, moving with the clock. */
  readonly asOf: string | undefined;
  /** Changed schools are re-evaluated at most this often: a busy feed does not re-evaluate per page. */
  readonly refreshMs: number;
}

/**
 * After a refresh round: the schools it re-evaluated, the as-of date, and whether the facts it
 * evaluated were at the feed's end (`FactsProjection.atFeedEnd`) rather than part-way through a
 * replay or a catch-up.
 */
export type RefreshedListener = (schools: readonly string[], asOf: string, atFeedEnd: boolean) => Promise<void>;

/**
 * Keeps every school's stored evidence current: the feed marks schools whose facts changed, and
 * a timer re-evaluates them (all standards) and stores what changed, with the feed position
 * the facts had reached. A new day (China time) re-evaluates every school, since windows move.
 */
@Injectable()
export class EvidenceService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('assessment-evidence');
  private store!: EvidenceStore;
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private lastAsOf: string | undefined;
  private refreshedAt: Date | undefined;
  private rowsWritten = 0;
  private lastError: string | undefined;
  /** The feed position the stored evidence reflects (every school's changes up to it evaluated). */
  private evaluatedPosition = 0n;
  private readonly refreshedListeners: RefreshedListener[] = [];

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVIDENCE_CONFIG) private readonly config: EvidenceConfig,
    private readonly projection: FactsProjection,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  /** Where each school sat at the last round (identity's tree, else its SchoolRegistered fact). */
  private regionOf: RegionOf = registeredRegionOf;
  /** The last round's pools and figures (the engine's `repool` decides from them who compares anew). */
  private pooling: Pooling = NO_POOLING;
  /** The date the figures of `pooling` were pooled as of. */
  private pooledAsOf: string | undefined;
  private directoryError: string | undefined;

  /** Identity's tree on the date; while identity cannot answer, the feed's registrations (logged once). */
  private async placement(asOf: string): Promise<RegionOf> {
    try {
      const tree = await this.directory.on(asOf);
      if (this.directoryError) this.logger.log('identity answers again: schools are placed by its tree');
      this.directoryError = undefined;
      return placedBy(tree);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.directoryError)
        this.logger.warn(`identity's tree is unavailable (${message}); schools are placed by their SchoolRegistered facts meanwhile`);
      this.directoryError = message;
      return placedBy(undefined);
    }
  }

  /** Where the last round placed schools: on-demand sheets compare with the same figures. */
  placementNow(): RegionOf {
    return this.regionOf;
  }

  async onModuleInit(): Promise<void> {
    this.store = await openEvidenceStore(this.db);
    this.projection.onApplied((schools) => {
      for (const s of schools) this.dirty.add(s);
    });
  }

  onApplicationBootstrap(): void {
    // whatever was stored before a restart is re-checked against the rebuilt facts
    for (const s of this.projection.schools()) this.dirty.add(s);
    this.timer = setInterval(() => void this.refresh(), this.config.refreshMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
  }

  asOf(): string {
    return assessmentDate(this.config.asOf, new Date());
  }

  /**
   * Options to evaluate a school with as of a date: the date and its pool's reference figures,
   * placed as the last round placed schools (the refresh's figures for its own date, else pooled
   * again as of the date), so an on-demand sheet compares with what the stored evidence does.
   */
  options(school: string, asOf = this.asOf()): EvaluationOptions {
    const regionOf = this.regionOf;
    const figures = figuresFor(asOf, { asOf: this.pooledAsOf ?? '', figures: this.pooling.figures }, () =>
      referenceFigures(
        this.projection.schools().map((s) => this.projection.factsOf(s)),
        asOf,
        regionOf,
      ),
    );
    return optionsFor(this.projection.factsOf(school), asOf, figures, regionOf);
  }

  /**
   * Called after each successful round with the schools it re-evaluated (possibly none), the
   * as-of date and whether the facts were at the feed's end: what keeps figures built on the
   * stored evidence (standings) current in the same refresh. A listener's failure is its own to
   * report and retry; the evidence stays stored.
   */
  onRefreshed(listener: RefreshedListener): void {
    this.refreshedListeners.push(listener);
  }

  /** Re-evaluates the schools marked so far; serialised, so a slow round is never run twice at once. */
  refresh(): Promise<void> {
    // a round that fails is reported and the next one runs: a rejected chain would stop every later
    // round, and a rejection nobody awaits (the timer's) would end the process
    this.refreshing = this.refreshing
      .then(() => this.refreshNow())
      .catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error(`an evidence round failed, the next one retries: ${this.lastError}`);
      });
    return this.refreshing;
  }

  private async refreshNow(): Promise<void> {
    const asOf = this.asOf();
    if (asOf !== this.lastAsOf) {
      for (const s of this.projection.schools()) this.dirty.add(s);
      this.lastAsOf = asOf;
    }
    const position = this.projection.checkpoint;
    // read with the position: facts applied after this are not in this round's evidence
    const atFeedEnd = this.projection.atFeedEnd();
    const all = this.projection.schools().map((s) => this.projection.factsOf(s));
    const regionOf = await this.placement(asOf);
    const pooled = repool(all, asOf, regionOf, this.pooling, this.dirty);
    try {
      await this.store.savePlacements(pooled.moved);
    } catch (error) {
      // nothing of this round is kept: the next one pools again from the last round's pools
      this.logger.warn(`storing where schools are placed failed (will retry): ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.regionOf = regionOf;
    this.pooling = pooled;
    // repool pools again only when someone is to be evaluated; otherwise the figures stand as pooled before
    if (pooled.reevaluate.size > 0) this.pooledAsOf = asOf;
    for (const s of pooled.reevaluate) this.dirty.add(s);
    const schools = [...this.dirty].sort();
    this.dirty.clear();
    const timer = schools.length > 0 ? evidenceRefreshSeconds.startTimer() : undefined;
    try {
      for (const school of schools) {
        this.rowsWritten += await traceEvidenceWrite(
          school,
          this.projection.traces.take(school),
          { 'educube.feed_position': position.toString(), 'educube.as_of': asOf },
          async () => {
            const rows = computeEvidence(this.projection.factsOf(school), optionsFor(this.projection.factsOf(school), asOf, pooled.figures, regionOf));
            const written = await this.store.save(rows, position);
            trace.getActiveSpan()?.setAttributes({ 'educube.evidence.rows': rows.length, 'educube.evidence.written': written });
            return written;
          },
        );
        // the event loop serves requests between schools (an evaluation takes ~0.2 s per school)
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.evaluatedPosition = position;
      timer?.();
      this.refreshedAt = new Date();
      this.lastError = undefined;
    } catch (error) {
      for (const s of schools) this.dirty.add(s);
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn(`storing evidence failed (will retry): ${this.lastError}`);
      return;
    }
    for (const listener of this.refreshedListeners) {
      // a rejected round would end the serialised chain of refreshes: a listener's error stops here
      await listener(schools, asOf, atFeedEnd).catch((error: unknown) =>
        this.logger.warn(`after the evidence refresh: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  read(school: string, standard?: StandardId, itemId?: string): Promise<StoredEvidence[]> {
    return this.store.read(school, standard, itemId);
  }

  status() {
    return {
      asOf: this.asOf(),
      evaluatedPosition: this.evaluatedPosition.toString(),
      pendingSchools: this.dirty.size,
      rowsWritten: this.rowsWritten,
      referenceFigures: Object.fromEntries(this.pooling.figures),
      refreshedAt: this.refreshedAt?.toISOString() ?? null,
      error: this.lastError ?? null,
    };
  }
}
