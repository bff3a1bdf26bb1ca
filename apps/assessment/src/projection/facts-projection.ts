import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { applyAll, emptyFacts, type SchoolFacts } from '@educube/assessment-engine';
import { feedPageSchema, parseContract, type CloudEvent, type FeedPage } from '@educube/contracts';
import { PostgresCheckpointStore } from '@educube/event-store';
import { migrate, type SqlDatabase } from '@educube/postgres';
import { ASSESSMENT_APPLIED_EVENTS_SCHEMA } from './applied-events.migrations';
import { backoffDelay, reportProjectionLag, withEventSpans } from '@educube/service-kit';
import { PendingTraces } from '../observability';

/** The longest pause between two attempts at a feed that keeps failing. */
const FEED_MAX_BACKOFF_MS = 30_000;
import { SQL_DATABASE } from '../storage/storage';

/** fetch() carrying the assessment's token for the warehouse: the feed is for the hub's services only. */
export type FeedFetch = (url: string, init?: RequestInit) => Promise<Response>;
export const FEED_FETCH = Symbol('FEED_FETCH');
export const FEED_CONFIG = Symbol('FEED_CONFIG');

export interface FeedConfig {
  readonly warehouseUrl: string;
  readonly pageSize: number;
  /** How long to wait before asking again once caught up (or after a failure). */
  readonly pollMs: number;
}

const CHECKPOINT = 'assessment-feed';

/**
 * The assessment's own projection of the event streams: follows the warehouse feed from its
 * own checkpoint, stores each page's events and the checkpoint in one transaction, then folds
 * them into the engine's facts per school (kept in memory, rebuilt from the table at start).
 */
@Injectable()
export class FactsProjection implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('assessment-feed');
  private readonly facts = new Map<string, SchoolFacts>();
  private checkpoints!: PostgresCheckpointStore;
  private position = 0n;
  private applied = 0;
  private running: Promise<void> | undefined;
  private readonly stop = new AbortController();
  /** When the feed last answered with nothing new (caught up); undefined while behind since start. */
  private caughtUpAt: Date | undefined;
  /** The checkpoint at which the feed last answered "nothing new" (undefined until it has since start). */
  private endSeenAt: bigint | undefined;
  private lastPollAt: Date | undefined;
  private lastError: string | undefined;
  private readonly waiters: { position: bigint; resolve: () => void }[] = [];
  private readonly listeners: ((schools: ReadonlySet<string>, position: bigint) => void)[] = [];
  /** the traces of applied events, per school, until its evidence is written */
  readonly traces = new PendingTraces();
  private stopLagReport: (() => void) | undefined;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(FEED_CONFIG) private readonly config: FeedConfig,
    @Inject(FEED_FETCH) private readonly send: FeedFetch,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.db, ASSESSMENT_APPLIED_EVENTS_SCHEMA);
    this.checkpoints = await PostgresCheckpointStore.open(this.db);
    this.position = (await this.checkpoints.load(CHECKPOINT)) ?? 0n;
    const { rows } = await this.db.query<{ event: CloudEvent }>('select event from assessment_applied_events order by position');
    this.fold(rows.map((r) => r.event));
    this.applied = rows.length;
  }

  onApplicationBootstrap(): void {
    this.running = this.follow();
    // the feed gives no head position: the lag is how long since the projection last saw the feed's end
    this.stopLagReport = reportProjectionLag(CHECKPOINT, async () => ({ seconds: this.atFeedEnd() ? 0 : (this.status().lagMs ?? 0) / 1000 }));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopLagReport?.();
    this.stop.abort();
    await this.running;
    await this.db.close();
  }

  /** Called after each applied page (and once after the start's rebuild) with the schools whose facts changed. */
  onApplied(listener: (schools: ReadonlySet<string>, position: bigint) => void): void {
    this.listeners.push(listener);
  }

  /** Every school with facts. */
  schools(): string[] {
    return [...this.facts.keys()].sort();
  }

  get checkpoint(): bigint {
    return this.position;
  }

  factsOf(school: string): SchoolFacts {
    return this.facts.get(school) ?? emptyFacts(school);
  }

  status() {
    const now = Date.now();
    return {
      warehouseUrl: this.config.warehouseUrl,
      checkpoint: this.position.toString(),
      eventsApplied: this.applied,
      schools: this.facts.size,
      // the feed gives no head position: lag is how long since the projection last saw the end of the feed
      caughtUp: this.caughtUpAt !== undefined && this.lastError === undefined,
      lagMs: this.caughtUpAt ? Math.max(0, now - this.caughtUpAt.getTime()) : null,
      lastPollAt: this.lastPollAt?.toISOString() ?? null,
      error: this.lastError ?? null,
    };
  }

  /**
   * Do the facts hold everything the warehouse had when last asked? True once the feed answered
   * "nothing new" at the current checkpoint; false from the start (a replay or a restart has not
   * asked yet) and while pages are still being applied. What is derived from facts that are still
   * catching up may change again on the next page, so it is not yet a fact about the school.
   */
  atFeedEnd(): boolean {
    return this.endSeenAt === this.position;
  }

  /** Resolves once the checkpoint has reached `position` (tests, operators). */
  caughtUp(position: bigint): Promise<void> {
    if (this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private async follow(): Promise<void> {
    // failures in a row: a warehouse (or this database) that is away is asked less and less often
    let failures = 0;
    while (!this.stop.signal.aborted) {
      let more = false;
      try {
        more = await this.pollOnce();
        if (failures > 0) this.logger.log(`reading the warehouse feed again after ${failures} failed attempts`);
        failures = 0;
        this.lastError = undefined;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        failures++;
        const message = error instanceof Error ? error.message : String(error);
        const delayMs = backoffDelay(failures, { initialMs: this.config.pollMs, maxMs: FEED_MAX_BACKOFF_MS });
        if (this.lastError !== message) this.logger.warn(`reading the warehouse feed failed (attempt ${failures}, next in ${delayMs} ms): ${message}`);
        this.lastError = message;
        await this.sleep(delayMs);
        continue;
      }
      if (!more) await this.sleep(this.config.pollMs);
    }
  }

  /** One page: true when the feed may hold more right away. */
  async pollOnce(): Promise<boolean> {
    const url = `${this.config.warehouseUrl.replace(/\/$/, '')}/v1/feed?after=${this.position}&limit=${this.config.pageSize}`;
    const res = await this.send(url, { signal: this.stop.signal });
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    // the warehouse's feed contract: a page that breaks it fails here, naming the field, before anything is applied
    const page: FeedPage = parseContract(feedPageSchema, await res.json(), `the warehouse's feed page after ${this.position}`);
    this.lastPollAt = new Date();
    const next = BigInt(page.next);
    if (next <= this.position) {
      this.caughtUpAt = new Date();
      this.endSeenAt = this.position;
      return false;
    }
    // each traced event's trace continues here, in another process than its ingest
    const traced = page.events.map(({ position, event }) => ({
      traceparent: event.traceparent,
      attributes: { 'cloudevents.event_id': event.id, 'cloudevents.event_type': event.type, 'educube.school': event.subject, 'educube.position': position },
    }));
    const changed = await withEventSpans('assessment.facts.apply', traced, async (spans) => {
      await this.db.transaction(async (tx) => {
        for (const { position, event } of page.events) {
          await tx.query(
            'insert into assessment_applied_events (id, position, school, event) values ($1, $2::numeric, $3, $4::jsonb) on conflict (id) do nothing',
            [event.id, position, event.subject, JSON.stringify(event)],
          );
        }
        await this.checkpoints.save(CHECKPOINT, next, tx);
      });
      spans.forEach((span, i) => {
        const school = page.events[i]?.event.subject;
        if (span && school) this.traces.note(school, span.spanContext());
      });
      return this.fold(page.events.map((e) => e.event));
    });
    this.applied += page.events.length;
    this.position = next;
    for (const l of this.listeners) l(changed, next);
    for (const w of this.waiters.splice(0)) {
      if (this.position >= w.position) w.resolve();
      else this.waiters.push(w);
    }
    return page.events.length > 0;
  }

  private fold(events: readonly CloudEvent[]): Set<string> {
    const bySchool = new Map<string, CloudEvent[]>();
    for (const e of events) {
      if (!e.subject) continue;
      const list = bySchool.get(e.subject) ?? [];
      list.push(e);
      bySchool.set(e.subject, list);
    }
    // applyAll copies the school's records once per page, not once per event
    for (const [school, list] of bySchool) this.facts.set(school, applyAll(this.factsOf(school), list));
    return new Set(bySchool.keys());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.stop.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
