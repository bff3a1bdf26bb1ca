/**
 * Tokens, as a real deployment has them: the embedded OIDC issuer runs inside the benchmark's
 * process with the dev realm's clients (the registry loader, the hub's services) and one
 * school-system client per simulated school; every request to a service carries a
 * client-credentials access token of the client that would send it.
 */
import { devRealm, simulatedSchoolSystems, startEmbeddedIssuer, type EmbeddedIssuer, type SchoolSystemClient } from '@educube/embedded-issuer';
import { randomBytes } from 'node:crypto';

/** The realm's registry loader: a province officer's role for identity (seeding). */
export const REGISTRY = { clientId: 'educube-registry', clientSecret: 'dev-registry-secret', resource: 'urn:educube:educube-identity' } as const;
/** A hub service that may read the warehouse's full ingestion health (store and Kafka figures). */
export const HEALTH_READER = {
  clientId: 'educube-gateway-service',
  clientSecret: 'dev-gateway-service-secret',
  resource: 'urn:educube:educube-warehouse',
} as const;
/** The warehouse's own client: it calls identity with its client-credentials token. */
export const WAREHOUSE_SERVICE_SECRET = 'dev-warehouse-service-secret';
/** A school system's tokens are for the ingest audience. */
export const INGEST_RESOURCE = 'urn:educube:educube-ingest';

export interface BenchIssuer {
  readonly issuer: EmbeddedIssuer;
  /** the school system client of each school code */
  readonly schools: ReadonlyMap<string, SchoolSystemClient>;
}

/** The dev realm's clients and accounts plus the province's school systems, keys generated for this run. */
export async function startBenchIssuer(schoolCodes: readonly string[]): Promise<BenchIssuer> {
  // the realm's browser app (the gateway) is never signed in here; its redirect URI only has to be well-formed
  const realm = devRealm({ redirectUris: ['http://127.0.0.1/auth/callback'] });
  const systems = simulatedSchoolSystems(schoolCodes, randomBytes(32).toString('base64url'), 'bench-school');
  const issuer = await startEmbeddedIssuer({
    host: '127.0.0.1',
    port: 0,
    clients: [...realm.clients, ...systems],
    accounts: realm.accounts,
    keys: { kind: 'ephemeral' },
  });
  return { issuer, schools: new Map(systems.map((c) => [c.schoolCodes[0] ?? '', c])) };
}

export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
  /** RFC 8707 resource indicator; the client's default audience when absent */
  readonly resource?: string;
}

/**
 * Client-credentials access tokens per client, reused until `marginS` seconds before they
 * expire. `fetched` counts the issuer's answers, so a phase can tell whether it waited on the issuer.
 */
export class Tokens {
  private readonly cache = new Map<string, { token: string; until: number }>();
  fetched = 0;

  constructor(
    private readonly tokenEndpoint: string,
    private readonly marginS = 60,
  ) {}

  async bearer(c: Credentials): Promise<string> {
    const key = `${c.clientId} ${c.resource ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.token;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      ...(c.resource ? { resource: c.resource } : {}),
    });
    const res = await fetch(this.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`the issuer refused a token to ${c.clientId}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error(`the issuer answered ${c.clientId} without an access_token`);
    const token = `Bearer ${body.access_token}`;
    this.cache.set(key, { token, until: Date.now() + Math.max(0, (body.expires_in ?? 300) - this.marginS) * 1000 });
    this.fetched += 1;
    return token;
  }

  /** Drops a cached token (the service refused it), so the next call fetches a new one. */
  forget(c: Credentials): void {
    this.cache.delete(`${c.clientId} ${c.resource ?? ''}`);
  }
}
