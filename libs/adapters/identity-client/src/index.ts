/**
 * How the hub's other services apply identity's one visibility rule: they ask identity which
 * schools a verified caller may see on a date, by identity's organisation tree, never by what a
 * school system's events say about where a school sits.
 */

/** The caller as its token describes it (the OIDC adapter's person actor has this shape). */
export interface ScopedCaller {
  readonly subject: string;
  readonly role: string;
  readonly scope: { readonly kind: 'region'; readonly regionCode: string } | { readonly kind: 'schools'; readonly schoolCodes: readonly string[] };
}

/** fetch() carrying the calling service's own token (ServiceTokens.fetch). */
export type ServiceFetch = (url: string, init?: RequestInit) => Promise<Response>;

const TTL_MS = 30_000;

export class IdentityUnavailable extends Error {}

/**
 * Visible schools per caller and date, cached for 30 s: an officer's dashboard asks many times a
 * minute, and a change to the tree reaches every service within that.
 */
export class VisibleSchools {
  private readonly cache = new Map<string, { until: number; schools: Promise<ReadonlySet<string>> }>();
  private readonly regions = new Map<string, { until: number; region: string | undefined }>();

  constructor(
    private readonly identityUrl: string,
    private readonly fetcher: ServiceFetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** The codes of the schools `caller` may see on `asOf` (today in UTC when omitted). */
  async of(caller: ScopedCaller, asOf?: string): Promise<ReadonlySet<string>> {
    const principal = { subject: caller.subject, role: caller.role, scope: caller.scope.kind === 'region' ? { kind: 'region', regionCode: caller.scope.regionCode } : { kind: 'schools', schoolCodes: [...caller.scope.schoolCodes] } };
    const key = JSON.stringify([principal, asOf ?? null]);
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.schools;
    const schools = this.ask(principal, asOf);
    this.cache.set(key, { until: this.now() + TTL_MS, schools });
    schools.catch(() => this.cache.delete(key));
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return schools;
  }

  /** May the caller see this school on the date? */
  async covers(caller: ScopedCaller, schoolCode: string, asOf?: string): Promise<boolean> {
    return (await this.of(caller, asOf)).has(schoolCode);
  }

  /** The region a school belongs to on the date by identity's tree; undefined when identity knows no such school then. */
  async regionOf(schoolCode: string, asOf?: string): Promise<string | undefined> {
    const key = `region:${schoolCode}:${asOf ?? ''}`;
    const hit = this.regions.get(key);
    if (hit && hit.until > this.now()) return hit.region;
    const url = `${this.identityUrl.replace(/\/$/, '')}/v1/schools/${encodeURIComponent(schoolCode)}${asOf ? `?asOf=${asOf}` : ''}`;
    let res: Response;
    try {
      res = await this.fetcher(url);
    } catch (e) {
      throw new IdentityUnavailable(`identity cannot be reached to place school ${schoolCode}: ${(e as Error).message}`);
    }
    if (res.status === 404 || res.status === 400) {
      await res.body?.cancel();
      return undefined;
    }
    if (res.status !== 200) throw new IdentityUnavailable(`identity answered ${res.status} for school ${schoolCode}`);
    const body = (await res.json()) as { regionCode?: unknown };
    const region = typeof body.regionCode === 'string' ? body.regionCode : undefined;
    this.regions.set(key, { until: this.now() + TTL_MS, region });
    return region;
  }

  private async ask(principal: object, asOf: string | undefined): Promise<ReadonlySet<string>> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.identityUrl.replace(/\/$/, '')}/v1/access/visible-schools`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ principal, ...(asOf ? { asOf } : {}) }),
      });
    } catch (e) {
      throw new IdentityUnavailable(`identity cannot be reached to decide visibility: ${(e as Error).message}`);
    }
    if (res.status !== 200) throw new IdentityUnavailable(`identity answered ${res.status} when asked for visible schools: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { schools?: unknown };
    return new Set(Array.isArray(body.schools) ? body.schools.filter((s): s is string => typeof s === 'string') : []);
  }
}
