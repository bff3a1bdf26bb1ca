import { actorOfClaims, type Actor, type Authenticator as BearerAuthenticator } from '@educube/oidc';
import type { Authenticator, CredentialRequest } from '@educube/service-kit';
import { readSignedCookie, SESSION_COOKIE, type CookieRequest } from './session-cookies';

/** What the gateway's Fastify instance offers once @fastify/cookie is registered with the session secret. */
interface CookieServer {
  parseCookie?(header: string): Record<string, string | undefined>;
  unsignCookie?(value: string): { valid: boolean; value: string | null };
}

/**
 * The gateway's callers: an API client with a bearer token, or a person signed in at `/login`
 * whose browser sends the signed session cookie (the cockpit). A bearer header always wins; the
 * session gives the actor the access token gave at sign-in (its roles, region and schools), so a
 * change of role applies at the next sign-in, within the session's lifetime.
 */
export class SessionOrBearer implements Authenticator {
  constructor(private readonly bearer: BearerAuthenticator) {}

  async authenticate(authorization: string | readonly string[] | undefined, request?: CredentialRequest): Promise<Actor> {
    if (authorization === undefined && request) {
      const actor = sessionActor(request);
      if (actor) return actor;
    }
    return this.bearer.authenticate(authorization);
  }
}

/** The signed-in person of a request carrying a valid session cookie, else undefined. */
export function sessionActor(request: CredentialRequest & { server?: CookieServer }): Actor | undefined {
  const header = request.headers['cookie'];
  const server = request.server;
  if (typeof header !== 'string' || !server?.parseCookie || !server.unsignCookie) return undefined;
  const cookies: CookieRequest = { cookies: server.parseCookie(header), unsignCookie: (v) => server.unsignCookie?.(v) ?? { valid: false, value: null } };
  const session = readSignedCookie(cookies, SESSION_COOKIE);
  if (!session) return undefined;
  try {
    return actorOfClaims(session.sub, {
      realm_access: { roles: session.roles },
      ...(session.region_code ? { region_code: session.region_code } : {}),
      school_codes: session.school_codes,
      ...(session.preferred_username ? { preferred_username: session.preferred_username } : {}),
    });
  } catch {
    return undefined; // a session whose roles no longer map to an actor is no session
  }
}
