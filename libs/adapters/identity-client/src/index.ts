/**
 * How the hub's other services apply identity's one visibility rule: they ask identity which
 * schools a verified caller may see on a date, by identity's organisation tree, never by what a
 * school system's events say about where a school sits.
 */

import { ContractMismatch, directorySchema, parseContract, schoolViewSchema, visibleSchoolsAnswerSchema } from '@educube/contracts';
import type { z } from 'zod';

// Tolerant readers: each answer is checked against identity's contract for the fields this
// client reads (a field it does not read may change without breaking it); a mismatch names them.
const placedSchool = schoolViewSchema.pick({ code: true, regionCode: true });
const visibleAnswer = visibleSchoolsAnswerSchema.pick({ schools: true });

/** Identity answered, but not as its contract says: the deployment's two sides disagree. */
function readAnswer<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  try {
    return parseContract(schema, body, what);
  } catch (e) {
    // a service that cannot read identity's answer cannot decide visibility: unavailable, with the fields named
    if (e instanceof ContractMismatch) throw new IdentityUnavailable(e.message, { cause: e });
    throw e;
  }
}

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
    const principal = {
      subject: caller.subject,
      role: caller.role,
      scope:
        caller.scope.kind === 'region'
          ? { kind: 'region', regionCode: caller.scope.regionCode }
          : { kind: 'schools', schoolCodes: [...caller.scope.schoolCodes] },
    };
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
    const region = readAnswer(placedSchool, await res.json(), `identity's answer for school ${schoolCode}`).regionCode;
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
    if (res.status !== 200)
      throw new IdentityUnavailable(`identity answered ${res.status} when asked for visible schools: ${(await res.text()).slice(0, 300)}`);
    return new Set(readAnswer(visibleAnswer, await res.json(), "identity's visible schools").schools);
  }
}

/** A region of identity's tree. */
export interface DirectoryRegion {
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'city' | 'district';
  readonly parentCode: string | null;
}

/** A school as identity's tree had it on the date (the fields the hub's roll-ups and dashboards use). */
export interface DirectorySchool {
  readonly code: string;
  readonly name: string;
  /** The district it belonged to on the date. */
  readonly regionCode: string;
  readonly schoolType: string;
  readonly stages: readonly string[];
  readonly classes: readonly { readonly stage: string; readonly grade: number; readonly classes: number }[];
  readonly status: 'open' | 'closed';
  readonly since: string;
  readonly registeredOn: string;
}

export interface Directory {
  readonly asOf: string;
  readonly regions: readonly DirectoryRegion[];
  readonly schools: readonly DirectorySchool[];
}

/**
 * Identity's whole organisation tree as of a date, for the services that keep figures per
 * region: cached 30 s per date (a change to the tree reaches them within that), one request in
 * flight per date however many ask at once.
 */
export class OrgDirectory {
  private readonly cache = new Map<string, { until: number; directory: Promise<IndexedDirectory> }>();

  constructor(
    private readonly identityUrl: string,
    private readonly fetcher: ServiceFetch,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = TTL_MS,
  ) {}

  /** The tree on `asOf` (today in UTC when omitted), indexed. */
  async on(asOf?: string): Promise<IndexedDirectory> {
    const key = asOf ?? '';
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.directory;
    const directory = this.fetch(asOf).then((d) => new IndexedDirectory(d));
    this.cache.set(key, { until: this.now() + this.ttlMs, directory });
    directory.catch(() => this.cache.delete(key));
    if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value as string);
    return directory;
  }

  private async fetch(asOf: string | undefined): Promise<Directory> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.identityUrl.replace(/\/$/, '')}/v1/directory${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
    } catch (e) {
      throw new IdentityUnavailable(`identity cannot be reached for the organisation tree: ${(e as Error).message}`);
    }
    if (res.status !== 200) throw new IdentityUnavailable(`identity answered ${res.status} for the organisation tree: ${(await res.text()).slice(0, 300)}`);
    return readAnswer(directorySchema, await res.json(), `identity's organisation tree${asOf ? ` on ${asOf}` : ''}`);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A directory with the lookups roll-ups need: a school's district, a region's parent chain and subtree. */
export class IndexedDirectory implements Directory {
  readonly asOf: string;
  readonly regions: readonly DirectoryRegion[];
  readonly schools: readonly DirectorySchool[];
  private readonly regionByCode: ReadonlyMap<string, DirectoryRegion>;
  private readonly schoolByCode: ReadonlyMap<string, DirectorySchool>;
  private readonly childrenOf = new Map<string, DirectoryRegion[]>();
  private readonly schoolsIn = new Map<string, DirectorySchool[]>();

  constructor(d: Directory) {
    this.asOf = d.asOf;
    this.regions = d.regions;
    this.schools = d.schools;
    this.regionByCode = new Map(d.regions.map((r) => [r.code, r]));
    this.schoolByCode = new Map(d.schools.map((s) => [s.code, s]));
    for (const r of d.regions) if (r.parentCode) push(this.childrenOf, r.parentCode, r);
    for (const s of d.schools) push(this.schoolsIn, s.regionCode, s);
  }

  /** Subtrees asked for, kept: a directory never changes once fetched (a new one is fetched instead). */
  private readonly subtrees = new Map<string, DirectorySchool[]>();

  region(code: string): DirectoryRegion | undefined {
    return this.regionByCode.get(code);
  }

  school(code: string): DirectorySchool | undefined {
    return this.schoolByCode.get(code);
  }

  children(code: string): readonly DirectoryRegion[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The region and its parents, nearest first (district → city → province). */
  chain(code: string): DirectoryRegion[] {
    const out: DirectoryRegion[] = [];
    for (let r = this.regionByCode.get(code); r && out.length < 4; r = r.parentCode ? this.regionByCode.get(r.parentCode) : undefined) out.push(r);
    return out;
  }

  /** Is `code` the region `ancestor` or inside it? */
  within(code: string, ancestor: string): boolean {
    return this.chain(code).some((r) => r.code === ancestor);
  }

  /** The schools of the region's subtree on the date, by code. */
  schoolsUnder(code: string): readonly DirectorySchool[] {
    let found = this.subtrees.get(code);
    if (!found) {
      const own = this.schoolsIn.get(code) ?? [];
      found = [...own, ...this.children(code).flatMap((c) => this.schoolsUnder(c.code))].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      this.subtrees.set(code, found);
    }
    return found;
  }
}
