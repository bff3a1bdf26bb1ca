import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { OrgDirectory } from '@educube/identity-client';
import type { SqlDatabase } from '@educube/postgres';
import { activityPlacements, drainAllActivity, markSchools, type PlaceSchools } from '@educube/warehouse-read-models-postgres';
import { SQL_DATABASE } from '../storage/storage';

export const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
export const ACTIVITY_CONFIG = Symbol('ACTIVITY_CONFIG');

export interface ActivityConfig {
  /** how often marked school-months are recomputed into the district rows; 0 = only when asked (tests) */
  readonly rollupMs: number;
  /** how often the districts the rows were added to are compared with identity's tree; 0 = never */
  readonly reconcileMs: number;
  /** a source that sent before and nothing for this long is silent */
  readonly silentMinutes: number;
}

/**
 * Keeps the per-district monthly activity current: the projection marks the school-months each
 * batch touched (in its own transaction); this recomputes them every `rollupMs`, placing each
 * school in the district identity's tree has it in today. Every `reconcileMs` it compares the
 * districts the rows were added to with the tree and re-marks the schools identity moved, whose
 * whole history then leaves the old district and enters the new one.
 */
@Injectable()
export class ActivityRollup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('activity-rollup');
  private readonly timers: NodeJS.Timeout[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private lastError: string | undefined;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(ACTIVITY_CONFIG) private readonly config: ActivityConfig,
  ) {}

  onApplicationBootstrap(): void {
    // the first round runs after the projector's migration (its own bootstrap) has created the tables
    const every = (ms: number, work: () => Promise<unknown>): void => {
      if (ms <= 0) return;
      const timer = setInterval(() => void this.background(work), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.config.rollupMs, () => this.drain());
    every(this.config.reconcileMs, () => this.reconcile());
  }

  get failure(): string | undefined {
    return this.lastError;
  }

  /** School → district on today's tree; a school identity does not know is left out (not placed). */
  private readonly place: PlaceSchools = async (schools) => {
    const tree = await this.directory.on();
    return new Map(
      schools.flatMap((s): [string, string][] => {
        const region = tree.school(s)?.regionCode;
        return region ? [[s, region]] : [];
      }),
    );
  };

  /** Recomputes every marked school-month (one round at a time). */
  drain(): Promise<number> {
    return this.serial(() => drainAllActivity(this.db, this.place));
  }

  /** Re-marks the schools whose district in identity's tree is not the one their rows were added to, then drains. */
  reconcile(): Promise<string[]> {
    return this.serial(async () => {
      const tree = await this.directory.on();
      const moved = [...(await activityPlacements(this.db))]
        .filter(([school, region]) => (tree.school(school)?.regionCode ?? '') !== region)
        .map(([school]) => school);
      if (moved.length) {
        this.logger.log(`identity placed ${moved.length} school(s) in another district: ${moved.slice(0, 10).join(', ')}${moved.length > 10 ? ', …' : ''}`);
        await markSchools(this.db, moved);
        await drainAllActivity(this.db, this.place);
      }
      return moved;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async background(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
      this.lastError = undefined;
    } catch (error) {
      // identity unavailable or the tables not there yet: the marks stay, the next round retries
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.logger.warn(`activity roll-up failed, retrying: ${message}`);
      this.lastError = message;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.queue;
  }
}
