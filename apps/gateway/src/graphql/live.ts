import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { alertOf, regionAlerts } from './alerts';
import type { Upstreams } from './context';
import type { Alert, IngestionCounters, SchoolStandingChange, StandingChange } from './types/viewer.types';
import { Standard } from './types/region.types';

/** A push stream a subscription resolver returns: values pushed in, pulled out by graphql-ws, closed on return(). */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly waiting: ((r: IteratorResult<T>) => void)[] = [];
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  push(value: T): void {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter({ value, done: false });
    else if (this.queue.length < 1_000)
      this.queue.push(value); // a reader that stalls loses the oldest, not memory
    else {
      this.queue.shift();
      this.queue.push(value);
    }
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w({ value: undefined, done: true });
      this.onClose();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

/** The most urgent alerts a live region follows (a region with more open ones shows these first). */
const LIVE_ALERTS = 500;

/** `school`: one school's standings (the key is its code); the others are a region's. */
export type LiveKind = 'ingestion' | 'standings' | 'alerts' | 'school';
type Payload = IngestionCounters | StandingChange | Alert | SchoolStandingChange;

interface Poll {
  readonly channels: Set<Channel<Payload>>;
  timer: NodeJS.Timeout;
  /** What was last published, per key, so only changes are pushed. */
  readonly last: Map<string, string>;
  running: boolean;
}

/**
 * Live figures per region, for subscriptions: while anyone listens to a (kind, region), the
 * gateway polls the owning service every `pollMs` and pushes what changed, to the listeners of
 * that region only. No listener, no polling.
 */
export class LiveFeed implements OnModuleDestroy {
  private readonly logger = new Logger('gateway-live');
  private readonly polls = new Map<string, Poll>();

  constructor(
    private readonly upstreams: Upstreams,
    private readonly pollMs: number,
  ) {}

  listen(kind: LiveKind, region: string): Channel<Payload> {
    const key = `${kind}:${region}`;
    let poll = this.polls.get(key);
    const channel: Channel<Payload> = new Channel(() => {
      poll?.channels.delete(channel);
      if (poll && poll.channels.size === 0) {
        clearInterval(poll.timer);
        this.polls.delete(key);
      }
    });
    if (!poll) {
      const created: Poll = {
        channels: new Set(),
        last: new Map(),
        running: false,
        timer: setInterval(() => void this.tick(kind, region, created), this.pollMs),
      };
      poll = created;
      this.polls.set(key, created);
      void this.tick(kind, region, created);
    } else {
      // a late listener starts from the current state, like the first one did
      for (const value of this.current(poll)) channel.push(value);
    }
    poll.channels.add(channel);
    return channel;
  }

  private readonly snapshots = new WeakMap<Poll, Map<string, Payload>>();

  private current(poll: Poll): Payload[] {
    return [...(this.snapshots.get(poll)?.values() ?? [])];
  }

  private async tick(kind: LiveKind, region: string, poll: Poll): Promise<void> {
    if (poll.running) return;
    poll.running = true;
    try {
      const at = new Date().toISOString();
      const values = await this.read(kind, region, at);
      const snapshot = this.snapshots.get(poll) ?? new Map<string, Payload>();
      this.snapshots.set(poll, snapshot);
      for (const [key, value] of values) {
        const digest = JSON.stringify({ ...value, at: undefined });
        if (poll.last.get(key) === digest) continue;
        poll.last.set(key, digest);
        snapshot.set(key, value);
        for (const c of poll.channels) c.push(value);
      }
    } catch (error) {
      this.logger.warn(`live ${kind} of ${region}: ${(error as Error).message}`);
    } finally {
      poll.running = false;
    }
  }

  private async read(kind: LiveKind, region: string, at: string): Promise<[string, Payload][]> {
    if (kind === 'school') {
      const rows = await this.upstreams.assessment.standings([region]);
      return rows.map((r): [string, Payload] => [
        r.standard,
        {
          school: region,
          at,
          standard: r.standard as Standard,
          label: r.label,
          score: r.score ?? null,
          stars: r.stars ?? null,
          computedAt: r.computedAt ?? null,
        },
      ]);
    }
    if (kind === 'standings') {
      const answers = await Promise.all(
        Object.values(Standard).map(async (standard) => ({ standard, a: await this.upstreams.assessment.regionStanding(region, standard, 1) })),
      );
      return answers.flatMap(({ standard, a }): [string, Payload][] =>
        a ? [[standard, { region, at, standard, schools: a.schools, distribution: a.distribution.map((d) => ({ ...d })) }]] : [],
      );
    }
    // resolved ones too, so a listener sees an alert acknowledged or resolved as well as raised
    if (kind === 'alerts') return (await regionAlerts(this.upstreams, region, 'all', LIVE_ALERTS)).map((a): [string, Payload] => [a.alertId, alertOf(a)]);
    const health = await this.upstreams.warehouse.regionIngestion(region);
    if (!health) return [];
    return [
      [
        'counters',
        {
          region,
          at,
          accepted: health.totals?.accepted ?? 0,
          rejects: health.totals?.deadLetters ?? health.totals?.rejects ?? 0,
          parked: health.totals?.parked ?? 0,
          eventsPerMinute: health.totals?.eventsPerMinute ?? 0,
          silentSources: health.silentSources?.length ?? 0,
        },
      ],
    ];
  }

  onModuleDestroy(): void {
    for (const poll of this.polls.values()) {
      clearInterval(poll.timer);
      for (const c of [...poll.channels]) void c.return();
    }
    this.polls.clear();
  }
}
