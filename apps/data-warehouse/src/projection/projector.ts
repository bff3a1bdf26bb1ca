import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CloudEvent } from '@educube/contracts';
import type { EventStore, RecordedEvent } from '@educube/event-store';
import type { SqlDatabase } from '@educube/postgres';
import { applyBatch, checkpoint, migrate } from '@educube/warehouse-read-models-postgres';
import { backoffDelay, reportProjectionLag, withEventSpans, type ProjectionLag } from '@educube/service-kit';
import { EVENT_STORE, SQL_DATABASE } from '../storage/storage';

export const PROJECTION = 'warehouse-facts';
const SCHOOL_STREAM = /^school-\d{10}$/;

/** The events a page holds for the read models: school streams only, with their positions. */
export const positioned = (events: readonly RecordedEvent[]) =>
  events.filter((e) => SCHOOL_STREAM.test(e.streamId)).map((e) => ({ position: e.position, event: e.data as CloudEvent }));

/**
 * Keeps the read models up to date: a catch-up subscription from the stored checkpoint, each page
 * applied with the new checkpoint in one transaction (applyBatch), so a crash replays at most the
 * page in hand and applies nothing twice.
 */
@Injectable()
export class Projector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projector');
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private lastError: string | undefined;
  /** the highest position applied, as far as this process knows */
  applied = 0n;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrate(this.db);
    this.start();
    this.stopLagReport = reportProjectionLag(PROJECTION, () => this.lag());
  }

  private stopLagReport: (() => void) | undefined;

  /** The store's head and the oldest event not applied yet (read on a scrape: two index lookups). */
  async lag(): Promise<ProjectionLag> {
    const [next] = await this.store.readAll(this.applied, 1);
    if (!next) return { events: 0, seconds: 0 };
    const { rows } = await this.db.query<{ head: string | null }>('select max(position)::text as head from event_store.events');
    const head = BigInt(rows[0]?.head ?? '0');
    return { events: Number(head > this.applied ? head - this.applied : 0n), seconds: Math.max(0, (Date.now() - next.recordedAt.getTime()) / 1000) };
  }

  get failure(): string | undefined {
    return this.lastError;
  }

  private start(): void {
    const run = async (): Promise<void> => {
      // failures in a row: a database that is away is asked less and less often, up to every 30 s
      let failures = 0;
      while (!this.abort.signal.aborted) {
        try {
          const after = await checkpoint(this.db, PROJECTION);
          this.applied = after;
          await this.store.subscribe({
            after,
            batchSize: 2_000,
            pollIntervalMs: 200,
            signal: this.abort.signal,
            handle: async (events) => {
              const page = positioned(events);
              const last = events[events.length - 1];
              // a page with no school event still moves the checkpoint, so lag reads true
              // each traced event's trace shows where the read models took it in
              const traced = page.map(({ position, event }) => ({
                traceparent: event.traceparent,
                attributes: {
                  'educube.projection': PROJECTION,
                  'cloudevents.event_id': event.id,
                  'cloudevents.event_type': event.type,
                  'educube.school': event.subject,
                  'educube.position': position.toString(),
                },
              }));
              const result = await withEventSpans('projection.apply', traced, () => applyBatch(this.db, PROJECTION, page.length ? page : []));
              this.applied = last && last.position > result.checkpoint ? last.position : result.checkpoint;
              if (failures > 0) {
                this.logger.log(`projecting again after ${failures} failed attempts`);
                failures = 0;
                this.lastError = undefined;
              }
            },
          });
          this.lastError = undefined;
        } catch (error) {
          if (this.abort.signal.aborted) return;
          failures++;
          const message = error instanceof Error ? error.message : String(error);
          const delayMs = backoffDelay(failures, { initialMs: 500, maxMs: 30_000 });
          if (message !== this.lastError) this.logger.error(`projection stopped on an error (attempt ${failures}), retrying in ${delayMs} ms: ${message}`);
          this.lastError = message;
          // a shutdown does not wait out the pause
          await sleep(delayMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
        }
      }
    };
    this.running = run();
  }

  /** Waits until the read models include every event up to `position` (tests, benchmarks). */
  async caughtUp(position: bigint, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.applied < position) {
      if (Date.now() > until) throw new Error(`projection at ${this.applied}, not at ${position} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopLagReport?.();
    this.abort.abort();
    await this.running;
  }
}
