import { TokenError } from './verifier';

export interface ServiceTokenOptions {
  /** The issuer; its token endpoint is found by discovery unless given. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * The service the tokens are for. Sent as an RFC 8707 resource indicator
   * (`urn:educube:<audience>`), which the embedded issuer needs and Keycloak ignores (its
   * audience mappers decide there).
   */
  readonly audience: string;
  readonly tokenEndpoint?: string;
  /** A token is renewed this long before it expires, so a request never carries one about to lapse. */
  readonly renewBeforeSeconds?: number;
  readonly now?: () => number;
}

/**
 * A service's own client-credentials tokens for calling another service: fetched once, shared
 * by concurrent callers, renewed before expiry, and renewed once more when the other side
 * answers 401 (a rotated key, a restarted issuer) before the caller sees the refusal.
 */
export class ServiceTokens {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private endpoint: string | undefined;

  constructor(private readonly options: ServiceTokenOptions) {
    this.endpoint = options.tokenEndpoint;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async token(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.token;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget the cached token (the other side refused it). */
  invalidate(): void {
    this.current = undefined;
  }

  /** fetch() with this service's token; on 401, one fresh token and one retry. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const send = async () => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await this.token()}`);
      return fetch(url, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(10_000) });
    };
    const first = await send();
    if (first.status !== 401) return first;
    await first.body?.cancel();
    this.invalidate();
    return send();
  }

  private async fetchToken(): Promise<string> {
    const endpoint = (this.endpoint ??= await discoverTokenEndpoint(this.options.issuer));
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      resource: `urn:educube:${this.options.audience}`,
    });
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new TokenError('issuer-unreachable', `cannot reach the token endpoint ${endpoint}: ${(e as Error).message}`);
    }
    const answer = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!res.ok || typeof answer.access_token !== 'string') {
      throw new TokenError(
        'issuer-unreachable',
        `client ${this.options.clientId} got no token for ${this.options.audience}: ${res.status} ${answer.error ?? ''} ${answer.error_description ?? ''}`.trim(),
      );
    }
    const lifetime = typeof answer.expires_in === 'number' ? answer.expires_in : 60;
    const renewBefore = Math.min(this.options.renewBeforeSeconds ?? 30, lifetime / 2);
    this.current = { token: answer.access_token, renewAt: this.now() + (lifetime - renewBefore) * 1000 };
    return answer.access_token;
  }
}

async function discoverTokenEndpoint(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const doc = (await res.json()) as { token_endpoint?: string };
    if (!res.ok || !doc.token_endpoint) throw new Error(`${url} answered ${res.status} without token_endpoint`);
    return doc.token_endpoint;
  } catch (e) {
    throw new TokenError('issuer-unreachable', `cannot discover the token endpoint: ${(e as Error).message}`);
  }
}
