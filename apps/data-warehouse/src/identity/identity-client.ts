import { idLinkResolutionSchema, parseContract, personRef, type PersonRef } from '@educube/contracts';
import { refKey } from '@educube/warehouse-ingestion';

/** What the warehouse asks identity: does a school exist; which person is behind a local id. */
export interface IdentityLookup {
  /** The codes among `codes` that identity knows. */
  knownSchools(codes: readonly string[]): Promise<Set<string>>;
  /** `${system}/${localId}` → person id, for the refs identity can resolve now. */
  resolve(refs: readonly PersonRef[]): Promise<Map<string, string>>;
}

export const IDENTITY_LOOKUP = Symbol('IDENTITY_LOOKUP');

const RESOLVE_PAGE = 5_000;
const NEGATIVE_TTL_MS = 30_000;

/**
 * Identity over HTTP, with caches: a school or a link, once known, stays known (links are only
 * ever unlinked by a correction, rare enough to wait for a restart); an unknown school is asked
 * again after 30 s, and an unresolved ref every time (that is how parked events get resolved).
 */
export class HttpIdentityLookup implements IdentityLookup {
  private readonly schools = new Set<string>();
  private readonly missingSchools = new Map<string, number>();
  private readonly links = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    /** fetch() carrying the warehouse's own client-credentials token (ServiceTokens.fetch) */
    private readonly send: (url: string, init?: RequestInit) => Promise<Response> = fetch,
  ) {}

  async knownSchools(codes: readonly string[]): Promise<Set<string>> {
    const now = Date.now();
    const ask = [...new Set(codes)].filter((c) => !this.schools.has(c) && (this.missingSchools.get(c) ?? 0) < now);
    await Promise.all(
      ask.map(async (code) => {
        const res = await this.fetch(`/v1/schools/${encodeURIComponent(code)}`);
        await res.body?.cancel();
        if (res.status === 200) this.schools.add(code);
        else if (res.status === 404 || res.status === 400) this.missingSchools.set(code, now + NEGATIVE_TTL_MS);
        else throw new Error(`identity answered ${res.status} for school ${code}`);
      }),
    );
    return new Set(codes.filter((c) => this.schools.has(c)));
  }

  async resolve(refs: readonly PersonRef[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const ask: PersonRef[] = [];
    for (const r of refs) {
      const hit = this.links.get(refKey(r));
      if (hit) out.set(refKey(r), hit);
      else ask.push(r);
    }
    for (let i = 0; i < ask.length; i += RESOLVE_PAGE) {
      const page = ask.slice(i, i + RESOLVE_PAGE);
      const res = await this.fetch('/v1/id-links/resolve', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refs: page }),
      });
      if (res.status !== 200) throw new Error(`identity answered ${res.status} to id-link resolution: ${await res.text()}`);
      const { results } = parseContract(idLinkResolutionSchema, await res.json(), "identity's id-link resolution");
      for (const r of results) {
        if (!('personId' in r)) continue;
        // identity echoes each ref as it was sent; one that is not a ref cannot be ours
        const ref = personRef.safeParse(r.ref);
        if (!ref.success) continue;
        this.links.set(refKey(ref.data), r.personId);
        out.set(refKey(ref.data), r.personId);
      }
    }
    return out;
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return this.send(`${this.baseUrl.replace(/\/$/, '')}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  }
}

/** For tests and benchmarks: a fixed set of schools and links. */
export class StaticIdentityLookup implements IdentityLookup {
  constructor(
    readonly schools: Set<string>,
    readonly links: Map<string, string> = new Map(),
  ) {}

  async knownSchools(codes: readonly string[]): Promise<Set<string>> {
    return new Set(codes.filter((c) => this.schools.has(c)));
  }

  async resolve(refs: readonly PersonRef[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const r of refs) {
      const id = this.links.get(refKey(r));
      if (id) out.set(refKey(r), id);
    }
    return out;
  }
}
