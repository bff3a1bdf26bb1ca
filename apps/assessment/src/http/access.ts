import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { actorFromClaims, createTokenVerifier, HUB_ROLES, type TokenActor, type TokenVerifier } from '@educube/oidc';
import { Problem } from './problem';

export const AUTH_CONFIG = Symbol('ASSESSMENT_AUTH_CONFIG');

export interface AuthConfig {
  /** unset: the API is open (embedded default); the caller names who acts in `x-acting-as` */
  readonly issuer: string | undefined;
  readonly audience: string;
}

/** The header an open (embedded, no issuer) API takes the actor from: JSON {subject, role, regionCode | schoolCodes}. */
export const ACTING_AS = 'x-acting-as';

/**
 * Who is acting: from a verified bearer token when an issuer is configured; on the open
 * embedded API from the `x-acting-as` header, since every review event must name its actor.
 */
@Injectable()
export class Access implements OnModuleInit {
  private readonly logger = new Logger('assessment-access');
  private verifier: Promise<TokenVerifier> | undefined;

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  onModuleInit(): void {
    if (!this.config.issuer) this.logger.warn(`OIDC_ISSUER is not set: the assessment API is open and takes the actor from the ${ACTING_AS} header (embedded default); set OIDC_ISSUER to require tokens`);
  }

  get open(): boolean {
    return !this.config.issuer;
  }

  async actor(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<TokenActor> {
    const issuer = this.config.issuer;
    const authorization = headers['authorization'];
    if (!issuer) return actingAs(headers[ACTING_AS]);
    const token = /^Bearer\s+(\S+)$/i.exec(typeof authorization === 'string' ? authorization : '')?.[1];
    if (!token) throw new Problem(401, 'Unauthenticated', 'a bearer token is required', [{ path: 'authorization', rule: 'bearer-token', message: 'send Authorization: Bearer <access token>' }]);
    this.verifier ??= createTokenVerifier({ issuer, audience: this.config.audience }).catch((e: unknown) => {
      this.verifier = undefined;
      throw e;
    });
    const verified = await (await this.verifier).verify(token);
    const actor = actorFromClaims(verified.subject, verified.claims);
    if (typeof actor === 'string') throw new Problem(403, 'Forbidden', actor, [{ path: 'realm_access.roles', rule: 'known-role', message: actor }]);
    return actor;
  }
}

function actingAs(header: string | string[] | undefined): TokenActor {
  const refuse = (message: string): never => {
    throw new Problem(401, 'Unauthenticated', message, [{ path: ACTING_AS, rule: 'acting-as', message }]);
  };
  if (typeof header !== 'string') return refuse(`the open API needs the ${ACTING_AS} header: {"subject":"…","role":"cio","schoolCodes":["…"]} or {"subject":"…","role":"district_officer","regionCode":"…"}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return refuse(`${ACTING_AS} is not JSON`);
  }
  const p = (parsed ?? {}) as { subject?: unknown; role?: unknown; regionCode?: unknown; schoolCodes?: unknown };
  if (typeof p.subject !== 'string' || !p.subject) return refuse(`${ACTING_AS}.subject is required`);
  const role = HUB_ROLES.find((r) => r === p.role);
  if (!role) return refuse(`${ACTING_AS}.role must be one of ${HUB_ROLES.join(', ')}`);
  const claims = { realm_access: { roles: [role] }, ...(typeof p.regionCode === 'string' ? { region_code: p.regionCode } : {}), ...(Array.isArray(p.schoolCodes) ? { school_codes: p.schoolCodes } : {}) };
  const actor = actorFromClaims(p.subject, claims);
  return typeof actor === 'string' ? refuse(actor) : actor;
}
