import type { EventStore } from '@educube/event-store';
import type { TestIssuer, TestTokenSpec } from '@educube/oidc/testing';
import type { startService } from '@educube/service-kit';
import type { identityConfigSchema } from '../service';
import { EVENT_STORE } from '../storage/storage';

/** Test helpers for the identity API over real HTTP, with real tokens of a test issuer. */

export type RunningIdentity = Awaited<ReturnType<typeof startService<typeof identityConfigSchema>>>;

/** Identity's own audience (the hub's services call it with tokens for it). */
export const IDENTITY_AUDIENCE = 'educube-identity';
/** People sign in through the gateway; identity accepts their tokens too. */
export const PEOPLE_AUDIENCE = 'educube-gateway';

export interface As {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown, contentType?: string): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
}

/**
 * `as(spec).post(path, body)`: a request carrying a freshly signed token for `spec` (or none when
 * `spec` is undefined). A string body is sent as is, with `contentType` (text/csv for the registry).
 */
export function caller(issuer: TestIssuer, base: () => string): (spec: TestTokenSpec | undefined) => As {
  const send = async (spec: TestTokenSpec | undefined, method: string, path: string, body: unknown, contentType = 'application/json'): Promise<Response> => {
    const headers: Record<string, string> = spec ? { ...(await issuer.bearer(spec)) } : {};
    if (body !== undefined) headers['content-type'] = contentType;
    return fetch(`${base()}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  };
  return (spec) => ({
    get: (path) => send(spec, 'GET', path, undefined),
    post: (path, body, contentType) => send(spec, 'POST', path, body, contentType),
    put: (path, body) => send(spec, 'PUT', path, body),
  });
}

/** How many events the identity service's store holds: a refused write leaves it unchanged. */
export async function eventCount(running: RunningIdentity): Promise<number> {
  const store = running.app.get<EventStore>(EVENT_STORE);
  let after = 0n;
  let count = 0;
  for (;;) {
    const page = await store.readAll(after, 5_000);
    count += page.length;
    const last = page.at(-1);
    if (!last || page.length < 5_000) return count;
    after = last.position;
  }
}
