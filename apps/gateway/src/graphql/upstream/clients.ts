/**
 * The gateway's ports to the services that own the data. Each call carries the gateway's own
 * client-credentials token (the fetch passed in); nothing here keeps a copy of their tables.
 * Shapes are the services' HTTP answers, read defensively: a field a service lacks reads as null.
 */
import type { AlertsAnswer } from '@educube/alert-streams';
import type { ActorRef, AlertView } from '@educube/alerts';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export class UpstreamUnavailable extends Error {
  constructor(
    readonly service: string,
    message: string,
  ) {
    super(`${service}: ${message}`);
  }
}

async function call<T>(service: string, fetcher: Fetch, url: string, init?: RequestInit): Promise<T | undefined> {
  let res: Response;
  try {
    res = await fetcher(url, init);
  } catch (e) {
    throw new UpstreamUnavailable(service, `cannot be reached: ${(e as Error).message}`);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) throw new UpstreamUnavailable(service, `answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/**
 * Region-level answers are the same for every caller who may see the region (the gateway has
 * decided that before asking) and change only as the owners' roll-ups do: kept for `ttlMs`, one
 * request in flight per key, so a hundred officers opening one district's overview make one call.
 */
export class Shared {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(key, { until: this.now() + this.ttlMs, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 5_000) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Drops the answers whose key starts with `prefix`: this gateway just changed what they say. */
  forget(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const query = (params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams(
    Object.entries(params)
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return q ? `?${q}` : '';
};

export interface StandingRow {
  readonly school: string;
  readonly standard: string;
  readonly label: string;
  readonly score?: number | null;
  readonly stars?: number | null;
  readonly passed?: boolean | null;
  readonly level?: string | null;
  readonly basicMet?: number | null;
  readonly basicTotal?: number | null;
  readonly computedAt?: string | null;
}

export interface RegionStandingAnswer {
  readonly region: string;
  readonly standard: string;
  readonly asOf: string;
  readonly schools: number;
  readonly distribution: readonly { label: string; count: number }[];
  readonly ningxia?: {
    capped?: readonly {
      district: string;
      year: number;
      cultivated: number;
      threeStarByScore: number;
      threeStarAfterCap: number;
      heldBack: readonly string[];
    }[];
  };
  readonly items?: readonly { itemId: string; number: string | null; label: string; basis: string; met: number; schools: number; rate: number }[];
  readonly trend?: readonly { month: string; semester: string; schools: number; distribution: readonly { label: string; count: number }[] }[];
  readonly semesters?: readonly { month: string; semester: string; schools: number; distribution: readonly { label: string; count: number }[] }[];
}

export interface RulingsAnswer {
  readonly year: number;
  readonly asOf: string;
  readonly districts: readonly {
    district: string;
    name: string | null;
    year: number;
    cultivated: number;
    places: number;
    threeStarByScore: number;
    threeStarAfterCap: number;
    heldBack: readonly string[];
    downgraded: readonly string[];
    schools: readonly {
      school: string;
      total: number;
      starsByScore: number;
      stars: number;
      starsAfterCap: number;
      capped: boolean;
      history: readonly { year: number; stars: number }[];
      finalStars: number;
      downgraded: boolean;
      reasons: readonly string[];
    }[];
  }[];
}

export interface ItemTrendAnswer {
  readonly trend: readonly {
    month: string;
    semester: string;
    items: readonly { itemId: string; number: string | null; label: string; basis: string; met: number; schools: number; rate: number }[];
  }[];
}

export type OwnerName = 'warehouse' | 'assessment';

/** What an owner answered to an acknowledgement: the alert as it now stands, or its refusal (status and problem details). */
export type AcknowledgeAnswer =
  | { readonly ok: true; readonly alert: AlertView }
  | { readonly ok: false; readonly status: number; readonly detail: string; readonly problems: readonly { path: string; rule: string; message?: string }[] };

/** The alerts API every alert owner serves alike (@educube/alert-streams' contract). */
export class AlertsApi {
  constructor(
    readonly owner: OwnerName,
    private readonly base: string,
    private readonly fetcher: Fetch,
    private readonly shared: Shared,
  ) {}

  list(region: string, status: 'open' | 'all', limit: number): Promise<AlertsAnswer | undefined> {
    const url = `${this.base}/v1/alerts${query({ region, status, limit })}`;
    return this.shared.get(url, () => call<AlertsAnswer>(this.owner, this.fetcher, url));
  }

  /** The gateway acts for the officer it verified: `by` names them. */
  async acknowledge(alertId: string, body: { district: string; by: ActorRef; note?: string }): Promise<AcknowledgeAnswer> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, post(body));
    } catch (e) {
      throw new UpstreamUnavailable(this.owner, `cannot be reached: ${(e as Error).message}`);
    }
    if (res.ok) {
      // the region lists this gateway shares would show the alert unacknowledged for up to the sharing time
      this.shared.forget(`${this.base}/v1/alerts?`);
      return { ok: true, alert: ((await res.json()) as { alert: AlertView }).alert };
    }
    if (res.status >= 500 || res.status === 401 || res.status === 403)
      throw new UpstreamUnavailable(this.owner, `answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; problems?: { path: string; rule: string; message?: string }[] };
    return { ok: false, status: res.status, detail: problem.detail ?? `refused (${res.status})`, problems: problem.problems ?? [] };
  }
}

export class AssessmentApi {
  readonly alerts: AlertsApi;

  constructor(
    private readonly base: string,
    private readonly fetcher: Fetch,
    private readonly shared = new Shared(0),
  ) {
    this.alerts = new AlertsApi('assessment', base, fetcher, shared);
  }

  async standings(schools: readonly string[]): Promise<StandingRow[]> {
    if (schools.length === 0) return [];
    const out: StandingRow[] = [];
    for (let i = 0; i < schools.length; i += 500) {
      const answer = await call<{ standings: StandingRow[] }>(
        'assessment',
        this.fetcher,
        `${this.base}/v1/standings`,
        post({ schools: schools.slice(i, i + 500) }),
      );
      out.push(...(answer?.standings ?? []));
    }
    return out;
  }

  regionStanding(region: string, standard: string, months = 12): Promise<RegionStandingAnswer | undefined> {
    const url = `${this.base}/v1/regions/${encodeURIComponent(region)}/standings${query({ standard, months })}`;
    return this.shared.get(url, () => call<RegionStandingAnswer>('assessment', this.fetcher, url));
  }

  itemTrend(region: string, standard: string, months: number): Promise<ItemTrendAnswer | undefined> {
    const url = `${this.base}/v1/regions/${encodeURIComponent(region)}/standings/items${query({ standard, months })}`;
    return this.shared.get(url, () => call<ItemTrendAnswer>('assessment', this.fetcher, url));
  }

  ningxiaRulings(region: string): Promise<RulingsAnswer | undefined> {
    const url = `${this.base}/v1/regions/${encodeURIComponent(region)}/ningxia/rulings`;
    return this.shared.get(url, () => call<RulingsAnswer>('assessment', this.fetcher, url));
  }

  schoolsWithLabel(region: string, standard: string, label: string): Promise<ReadonlySet<string>> {
    const url = `${this.base}/v1/regions/${encodeURIComponent(region)}/standings/schools${query({ standard, label })}`;
    return this.shared.get(url, async () => new Set((await call<{ schools: string[] }>('assessment', this.fetcher, url))?.schools ?? []));
  }

  sheet(school: string, standard: string, column: string | undefined, asOf: string | undefined) {
    return call<{ standard: string; asOf: string; column: string; checkpoint: string | number; verdict: unknown; rows: Record<string, unknown>[] }>(
      'assessment',
      this.fetcher,
      `${this.base}/v1/schools/${encodeURIComponent(school)}/standards/${encodeURIComponent(standard)}/sheet${query({ column, asOf })}`,
    );
  }

  /** Ningxia's 星级认定表 of a school, as the assessment fills it (csv or html). */
  async ningxiaForm(school: string, format: 'csv' | 'html', asOf: string | undefined): Promise<string | undefined> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}/v1/schools/${encodeURIComponent(school)}/standards/ningxia/form${query({ format, asOf })}`);
    } catch (e) {
      throw new UpstreamUnavailable('assessment', `cannot be reached: ${(e as Error).message}`);
    }
    if (res.status === 404) return undefined;
    if (!res.ok) throw new UpstreamUnavailable('assessment', `answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res.text();
  }

  reviews(school: string, standard: string) {
    return call<{
      standard: string;
      chain: { id: string }[];
      items: {
        itemId: string;
        attestationId?: string;
        status?: string;
        documents?: { name: string; mediaType: string; bytes: number; sha256: string }[];
        reviews?: Record<string, { decision: string; comment: string; points?: number; at: string }>;
      }[];
      history: { type: string; data?: { itemId?: string; level?: string; at?: string; by?: { role?: string } } }[];
    }>('assessment', this.fetcher, `${this.base}/v1/schools/${encodeURIComponent(school)}/standards/${encodeURIComponent(standard)}/reviews`);
  }
}

export interface ActivityRow {
  readonly month: string;
  readonly [metric: string]: number | string | null;
}

export interface IngestionAnswer {
  readonly totals?: { accepted?: number; deadLetters?: number; rejects?: number; parked?: number; eventsPerMinute?: number };
  readonly lastEventAt?: string | null;
  readonly projectionLag?: number | null;
  readonly silentSources?: readonly { school: string; source: string; lastEventAt: string | null }[];
  readonly sources?: readonly {
    school?: string;
    schoolCode?: string;
    source: string;
    accepted?: number;
    rejects?: number;
    deadLetters?: number;
    parked?: number;
    eventsPerMinute?: number;
    lastEventAt?: string | null;
    silent?: boolean;
  }[];
}

export class WarehouseApi {
  readonly alerts: AlertsApi;

  constructor(
    private readonly base: string,
    private readonly fetcher: Fetch,
    private readonly shared = new Shared(0),
  ) {
    this.alerts = new AlertsApi('warehouse', base, fetcher, shared);
  }

  regionActivity(region: string, from: string, to: string): Promise<ActivityRow[]> {
    const url = `${this.base}/v1/activity/regions/${encodeURIComponent(region)}${query({ from, to })}`;
    return this.shared.get(url, async () => (await call<{ months: ActivityRow[] }>('warehouse', this.fetcher, url))?.months ?? []);
  }

  async schoolsActivity(schools: readonly string[], from: string, to: string): Promise<Map<string, ActivityRow[]>> {
    const out = new Map<string, ActivityRow[]>();
    for (let i = 0; i < schools.length; i += 500) {
      const answer = await call<{ schools: { school: string; months: ActivityRow[] }[] }>(
        'warehouse',
        this.fetcher,
        `${this.base}/v1/activity/schools`,
        post({ schools: schools.slice(i, i + 500), from, to }),
      );
      for (const s of answer?.schools ?? []) out.set(s.school, s.months);
    }
    return out;
  }

  regionIngestion(region: string): Promise<IngestionAnswer | undefined> {
    const url = `${this.base}/v1/ingestion/regions/${encodeURIComponent(region)}`;
    return this.shared.get(url, () => call<IngestionAnswer>('warehouse', this.fetcher, url));
  }

  async schoolsIngestion(schools: readonly string[]): Promise<Map<string, IngestionAnswer>> {
    const out = new Map<string, IngestionAnswer>();
    for (let i = 0; i < schools.length; i += 500) {
      const answer = await call<{ schools: ({ school: string } & IngestionAnswer)[] }>(
        'warehouse',
        this.fetcher,
        `${this.base}/v1/ingestion/schools`,
        post({ schools: schools.slice(i, i + 500) }),
      );
      for (const s of answer?.schools ?? []) out.set(s.school, s);
    }
    return out;
  }
}

export interface AuditReport {
  readonly at: string;
  readonly actor: string;
  readonly actorRoles: readonly string[];
  readonly operation: string;
  readonly variablesDigest: string;
  readonly regions: readonly string[];
  readonly outcome: 'allowed' | 'denied';
}

export class IdentityApi {
  constructor(
    private readonly base: string,
    private readonly fetcher: Fetch,
  ) {}

  headcounts(school: string, asOf: string | undefined) {
    return call<Record<string, unknown>>('identity', this.fetcher, `${this.base}/v1/headcounts/${encodeURIComponent(school)}${query({ asOf })}`);
  }

  async audit(entries: readonly AuditReport[]): Promise<void> {
    await call('identity', this.fetcher, `${this.base}/v1/audit/entries`, post({ entries }));
  }
}
