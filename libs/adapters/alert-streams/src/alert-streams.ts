import {
  acknowledge,
  alertEventSchema,
  alertStream,
  compareAlerts,
  decide,
  evolve,
  initialState,
  retireRule,
  type AcknowledgeCommand,
  type AlertEvent,
  type AlertStatus,
  type AlertsState,
  type AlertView,
  type Evaluation,
  type Problem,
  type Rule,
} from '@educube/alerts';

// Alert streams (`alerts-<district>`) kept in a service's own event store: the decisions are
// @educube/alerts', this class loads a district's stream, decides and appends with the
// stream's version, so a second replica (or a concurrent acknowledgement) deciding on the same
// stream makes one of them decide again on what the other wrote.

/**
 * What this adapter needs of an event store: @educube/event-store's `EventStore` satisfies it
 * (the port is restated here because adapters do not import each other). An append whose
 * expected version is stale must throw an error named `WrongExpectedVersionError`; an event
 * whose id is stored already is reported in `outcomes` and not appended.
 */
export interface AlertLog {
  readStream(streamId: string, fromVersion?: number): Promise<readonly { readonly data: unknown; readonly streamVersion: number }[]>;
  append(
    streamId: string,
    events: readonly { readonly id: string; readonly type: string; readonly data: unknown }[],
    expected?: 'any' | 'no-stream' | number,
  ): Promise<{ readonly outcomes: readonly { readonly status: string }[] }>;
}

const isVersionConflict = (error: unknown): boolean => error instanceof Error && error.name === 'WrongExpectedVersionError';

/**
 * Event ids follow from the event: an alert is raised once, acknowledged once and resolved once
 * (the lib's rules), so a retried append of the same decision is a duplicate the store reports,
 * never a second event.
 */
export const eventIdOf = (e: AlertEvent): string => `alerts/${e.type}/${e.data.alertId}`;

export type AcknowledgeOutcome =
  { readonly ok: true; readonly events: readonly AlertEvent[]; readonly alert: AlertView } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface ListOptions {
  /** `open` (the default): raised or acknowledged; `all`: resolved ones too. */
  readonly status?: 'open' | 'all';
  /** At most this many, most urgent first. */
  readonly limit?: number;
}

export class AlertStreams {
  private readonly cache = new Map<string, { state: AlertsState; version: number }>();
  private readonly listeners: ((district: string, events: readonly AlertEvent[]) => void)[] = [];

  constructor(
    private readonly log: AlertLog,
    private readonly retries = 3,
  ) {}

  /** Called after events are appended to a district's stream (by this process). */
  onRecorded(listener: (district: string, events: readonly AlertEvent[]) => void): void {
    this.listeners.push(listener);
  }

  /** The district's alerts, caught up with whatever any process appended since the last read. */
  async load(district: string): Promise<{ state: AlertsState; version: number }> {
    const cached = this.cache.get(district) ?? { state: initialState, version: -1 };
    const recorded = await this.log.readStream(alertStream(district), cached.version + 1);
    if (recorded.length === 0) return cached;
    let { state, version } = cached;
    for (const r of recorded) {
      state = evolve(state, alertEventSchema.parse(r.data));
      version = r.streamVersion;
    }
    const next = { state, version };
    if ((this.cache.get(district)?.version ?? -1) < version) this.cache.set(district, next);
    return next;
  }

  /**
   * Decides what the evaluations mean for each district's stream and appends it. `districts`
   * are the districts whose alerts the evaluations may resolve (the caller's whole tree: a
   * cleared subject names a school, not its district); districts of conditions are added.
   */
  async record(evaluations: readonly Evaluation[], now: string, districts: Iterable<string>): Promise<AlertEvent[]> {
    const all = new Set(districts);
    for (const e of evaluations) for (const c of e.conditions) all.add(c.district);
    const out: AlertEvent[] = [];
    for (const district of [...all].sort()) {
      const mine = evaluations.map((e) => ({ rule: e.rule, conditions: e.conditions.filter((c) => c.district === district), cleared: e.cleared }));
      out.push(
        ...(await this.append(district, (state) => {
          // nothing to raise and nothing open to resolve: no decision to make
          if (mine.every((e) => e.conditions.length === 0) && Object.values(state.alerts).every((a) => a.status === 'resolved')) return [];
          return decide(state, mine, now);
        })),
      );
    }
    return out;
  }

  /**
   * Rules switched off: their open alerts resolve (`rule-disabled`) in every district given.
   * Called each evaluation, it appends only while such an alert is open.
   */
  async retire(rules: readonly Rule[], now: string, districts: Iterable<string>): Promise<AlertEvent[]> {
    if (rules.length === 0) return [];
    const out: AlertEvent[] = [];
    for (const district of [...new Set(districts)].sort())
      out.push(...(await this.append(district, (state) => rules.flatMap((rule) => retireRule(state, rule, now)))));
    return out;
  }

  /** An officer acknowledges an alert of `district`'s stream (visibility is the caller's check). */
  async acknowledge(district: string, command: AcknowledgeCommand): Promise<AcknowledgeOutcome> {
    let problems: readonly Problem[] = [];
    const events = await this.append(district, (state) => {
      const decision = acknowledge(state, command);
      problems = decision.ok ? [] : decision.problems;
      return decision.ok ? decision.events : [];
    });
    if (problems.length > 0) return { ok: false, problems };
    const alert = (await this.load(district)).state.alerts[command.alertId];
    if (!alert) throw new Error(`alert ${command.alertId} vanished from ${alertStream(district)}`);
    return { ok: true, events, alert };
  }

  /** The districts' alerts, most urgent first: open ones, or all with `status: 'all'`. */
  async list(districts: Iterable<string>, options: ListOptions = {}): Promise<AlertView[]> {
    const status = options.status ?? 'open';
    const states = await Promise.all([...new Set(districts)].map((d) => this.load(d)));
    const alerts = states.flatMap(({ state }) => Object.values(state.alerts).filter((a) => status === 'all' || a.status !== 'resolved'));
    alerts.sort(compareAlerts);
    return options.limit === undefined ? alerts : alerts.slice(0, options.limit);
  }

  /** Statuses by district, as read last (for health and metrics; no I/O). */
  cachedCounts(): Record<AlertStatus, number> {
    const counts: Record<AlertStatus, number> = { raised: 0, acknowledged: 0, resolved: 0 };
    for (const { state } of this.cache.values()) for (const a of Object.values(state.alerts)) counts[a.status] += 1;
    return counts;
  }

  private async append(district: string, decideOn: (state: AlertsState) => readonly AlertEvent[]): Promise<readonly AlertEvent[]> {
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(district);
      const events = decideOn(state);
      if (events.length === 0) return [];
      let appended: boolean;
      try {
        const { outcomes } = await this.log.append(
          alertStream(district),
          events.map((e) => ({ id: eventIdOf(e), type: e.type, data: e })),
          version < 0 ? 'no-stream' : version,
        );
        // an id stored already: another decider wrote this decision first (the store checks ids before versions)
        appended = outcomes.every((o) => o.status === 'appended');
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
        appended = false;
      }
      if (!appended) {
        if (attempt >= this.retries) throw new Error(`${alertStream(district)} kept changing under ${attempt + 1} decisions; giving up for now`);
        continue;
      }
      this.cache.set(district, { state: events.reduce(evolve, state), version: version + events.length });
      for (const listener of this.listeners) listener(district, events);
      return events;
    }
  }
}
