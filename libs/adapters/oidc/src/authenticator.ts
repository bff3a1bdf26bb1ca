import { decodeProtectedHeader } from 'jose';
import { actorFromClaims, type TokenActor } from './claims';
import { createTokenVerifier, TokenError, type TokenVerifier } from './verifier';

/** Realm role of the hub's own services (client credentials): they call each other with it. */
export const SERVICE_ROLE = 'hub_service';

/** A person (or a school system) acting with the role and scope their token grants. */
export type PersonActor = TokenActor & {
  readonly kind: 'person';
  /** the client the token was issued to (`azp`): a school system's client id */
  readonly clientId?: string;
  /** `preferred_username`: Keycloak's `sub` is a UUID, the hub's person id is the username */
  readonly username?: string;
};

/** One of the hub's services, calling another with its client-credentials token. */
export interface ServiceActor {
  readonly kind: 'service';
  readonly subject: string;
  /** The calling service's client id (`azp`), e.g. `educube-assessment`. */
  readonly clientId: string;
  readonly role: typeof SERVICE_ROLE;
  readonly roles: readonly string[];
}

export type Actor = PersonActor | ServiceActor;

/**
 * Why a request may not go on: 401 (who you are is unknown) or 403 (known, not allowed). The
 * fields are what a problem+json answer names: the rule broken and where.
 */
export class AuthRefusal extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly rule: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthRefusal';
  }
}

/** The bearer token of an Authorization header, or a 401 naming what is wrong with the header. */
export function bearerToken(authorization: string | readonly string[] | undefined): string {
  if (authorization === undefined || authorization === '')
    throw new AuthRefusal(401, 'bearer-token', 'authorization', 'a bearer token is required: send Authorization: Bearer <access token>');
  if (typeof authorization !== 'string') throw new AuthRefusal(401, 'bearer-token', 'authorization', 'send exactly one Authorization header');
  const token = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization)?.[1];
  if (!token) throw new AuthRefusal(401, 'bearer-token', 'authorization', 'the Authorization header must be "Bearer <access token>"');
  return token;
}

/**
 * Why a verified JWT is not an access token, or undefined when it is one. RFC 9068 marks access
 * tokens with header `typ: at+jwt` (the embedded issuer); Keycloak marks them with the claim
 * `typ: Bearer` and its ID tokens with `typ: ID`. An ID token is meant for the client that asked
 * for it, never as a key to an API, so a token carrying neither mark is refused.
 */
export function notAnAccessToken(token: string, claims: Record<string, unknown>): string | undefined {
  let headerTyp: unknown;
  try {
    headerTyp = decodeProtectedHeader(token).typ;
  } catch {
    return 'the token header cannot be read';
  }
  if (typeof headerTyp === 'string' && /^(application\/)?at\+jwt$/i.test(headerTyp)) return undefined;
  const claimTyp = claims['typ'];
  if (claimTyp === 'Bearer') return undefined;
  if (claimTyp === 'ID' || 'nonce' in claims || 'at_hash' in claims) return 'this is an ID token; send the access token';
  return `the token is not marked as an access token (header typ ${JSON.stringify(headerTyp ?? null)}, claim typ ${JSON.stringify(claimTyp ?? null)})`;
}

/** Verified claims → the actor, or a 403 saying why the token cannot act here. */
export function actorOfClaims(subject: string, claims: Record<string, unknown>): Actor {
  const realm = claims['realm_access'];
  const roles =
    realm && typeof realm === 'object' && Array.isArray((realm as { roles?: unknown }).roles)
      ? ((realm as { roles: unknown[] }).roles.filter((r) => typeof r === 'string') as string[])
      : [];
  const clientId = typeof claims['azp'] === 'string' ? claims['azp'] : typeof claims['client_id'] === 'string' ? claims['client_id'] : subject;
  if (roles.includes(SERVICE_ROLE)) {
    return { kind: 'service', subject, clientId, role: SERVICE_ROLE, roles };
  }
  const actor = actorFromClaims(subject, claims);
  if (typeof actor === 'string') throw new AuthRefusal(403, 'known-role', 'realm_access.roles', actor);
  return { kind: 'person', ...actor, clientId, ...(typeof claims['preferred_username'] === 'string' ? { username: claims['preferred_username'] } : {}) };
}

export interface AuthenticatorOptions {
  /** The issuer URL exactly as in `iss`. */
  readonly issuer: string;
  /** The audiences this service accepts; a token for another service is refused. */
  readonly audiences: readonly string[];
  /** Tests: a verifier with fixed keys instead of discovery. */
  readonly verifier?: TokenVerifier;
}

/**
 * The one authentication path of every service: bearer header → verified access token (issuer,
 * audience, expiry, signature, access-token type) → actor. Everything it refuses is an
 * AuthRefusal, so every service answers the same way.
 */
export class Authenticator {
  private verifier: Promise<TokenVerifier> | undefined;
  /**
   * Tokens verified lately, by their exact text: a dashboard's calls and a service's calls carry
   * the same token many times a second, and an RS256 check each time is most of the cost of a
   * small request. An entry serves until the token expires, at most a minute; only what passed
   * every check is kept.
   */
  private readonly verified = new Map<string, { actor: Actor; until: number }>();

  constructor(
    readonly options: AuthenticatorOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (options.verifier) this.verifier = Promise.resolve(options.verifier);
  }

  async authenticate(authorization: string | readonly string[] | undefined): Promise<Actor> {
    const token = bearerToken(authorization);
    const hit = this.verified.get(token);
    if (hit && hit.until > this.now()) return hit.actor;
    if (hit) this.verified.delete(token);
    const actor = await this.verify(token);
    return actor;
  }

  private async verify(token: string): Promise<Actor> {
    let verified;
    try {
      verified = await (await this.keys()).verify(token);
    } catch (error) {
      if (error instanceof TokenError) throw new AuthRefusal(401, error.code, 'authorization', error.message);
      throw error;
    }
    const why = notAnAccessToken(token, verified.claims);
    if (why) throw new AuthRefusal(401, 'access-token', 'authorization', why);
    const actor = actorOfClaims(verified.subject, verified.claims);
    const exp = typeof verified.claims['exp'] === 'number' ? verified.claims['exp'] * 1000 : 0;
    const until = Math.min(exp, this.now() + 60_000);
    if (until > this.now()) {
      if (this.verified.size >= 10_000) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { actor, until });
    }
    return actor;
  }

  // created on first use and again after a failure, so an issuer that is slow to start does not
  // block the service's start nor poison it for good
  private keys(): Promise<TokenVerifier> {
    this.verifier ??= createTokenVerifier({ issuer: this.options.issuer, audience: this.options.audiences }).catch((e: unknown) => {
      this.verifier = undefined;
      throw e;
    });
    return this.verifier;
  }
}
