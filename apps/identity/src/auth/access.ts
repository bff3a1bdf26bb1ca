import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { actorFromClaims, createTokenVerifier, type TokenVerifier } from '@educube/oidc';
import type { AuditEntry, AuditLog } from '@educube/identity-privacy';
import { accessToSchool, isIsoDate, maySeeRegion, ROLES, visibleSchools, type IsoDate, type Principal, type Role } from '@educube/identity-domain';
import { Problem } from '../http/problem';
import { AUDIT_LOG } from '../storage/storage';
import { IdentityState } from '../storage/identity-state';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
/** The actor the audit log names for requests to an open API (no issuer configured). */
export const OPEN_API_ACTOR = '(open API, unauthenticated)';

export interface AuthConfig {
  /** unset: the API is open (embedded default, logged at start) */
  readonly issuer: string | undefined;
  readonly audience: string;
}

/** A caller: a verified principal, or `open` when no issuer is configured. */
export type Caller = { readonly kind: 'open' } | { readonly kind: 'principal'; readonly principal: Principal; readonly roles: readonly string[] };

const OFFICERS: ReadonlySet<Role> = new Set(['province_officer', 'city_officer', 'district_officer']);

/** Maps verified token claims (Keycloak's and the embedded issuer's alike) to the domain's Principal. */
export function principalOf(subject: string, claims: Record<string, unknown>): { principal: Principal; roles: string[] } | string {
  const actor = actorFromClaims(subject, claims);
  if (typeof actor === 'string') return actor;
  if (!(ROLES as readonly string[]).includes(actor.role)) return `the token carries none of the roles ${ROLES.join(', ')}`;
  const role = actor.role as Role;
  const scope = actor.scope.kind === 'region' ? { kind: 'region' as const, regionCode: actor.scope.regionCode } : { kind: 'schools' as const, schoolCodes: [...actor.scope.schoolCodes] };
  return { principal: { subject, role, scope }, roles: [...actor.roles] };
}

export const isOfficer = (caller: Caller): boolean => caller.kind === 'principal' && OFFICERS.has(caller.principal.role);

/**
 * Authentication (bearer token → Principal) and the scope checks of every endpoint, with the
 * audit record of each officer request. The rule itself is the domain's `accessToSchool`.
 */
@Injectable()
export class Access implements OnModuleInit {
  private readonly logger = new Logger('identity-access');
  private verifier: Promise<TokenVerifier> | undefined;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    private readonly state: IdentityState,
  ) {}

  onModuleInit(): void {
    if (!this.config.issuer) {
      this.logger.warn('OIDC_ISSUER is not set: the identity API is open to anyone who can reach it (embedded default); set OIDC_ISSUER to require tokens');
    }
  }

  /** The caller of a request, from its Authorization header; throws a 401/403 Problem. */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    const issuer = this.config.issuer;
    if (!issuer) return { kind: 'open' };
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Problem(401, 'Unauthenticated', 'a bearer token is required', [{ path: 'authorization', rule: 'bearer-token', value: null }]);
    // created on first use (and again after a failure), so a slow issuer does not block the start
    this.verifier ??= createTokenVerifier({ issuer, audience: this.config.audience }).catch((e: unknown) => {
      this.verifier = undefined;
      throw e;
    });
    const verified = await (await this.verifier).verify(token);
    const mapped = principalOf(verified.subject, verified.claims);
    if (typeof mapped === 'string') throw new Problem(403, 'Forbidden', mapped, [{ path: 'realm_access.roles', rule: 'known-role', value: null }]);
    return { kind: 'principal', ...mapped };
  }

  /** Refuses (403) unless the caller may see the school on the date; officers' requests are audited either way. */
  async requireSchool(caller: Caller, schoolCode: string, asOf: IsoDate, action: string): Promise<void> {
    if (caller.kind === 'open') return;
    const decision = accessToSchool(caller.principal, schoolCode, this.state.tree, asOf);
    await this.record(caller, schoolCode, decision.allowed, { action, asOf, reason: decision.reason });
    if (!decision.allowed) throw new Problem(403, 'Forbidden', `${caller.principal.role} ${caller.principal.subject} may not see school ${schoolCode}: ${decision.reason}`, [{ path: 'schoolCode', rule: 'in-scope', value: schoolCode }]);
  }

  /** The schools of a region the caller may see on the date (all of them when the API is open). */
  async visibleIn(caller: Caller, regionCode: string, schoolCodes: readonly string[], asOf: IsoDate): Promise<Set<string> | 'all'> {
    if (caller.kind === 'open') return 'all';
    const allowed = maySeeRegion(caller.principal, regionCode, this.state.tree);
    const visible = new Set(visibleSchools(caller.principal, this.state.tree, asOf));
    const shown = schoolCodes.filter((c) => visible.has(c)).length;
    await this.record(caller, regionCode, allowed || shown > 0, { action: 'region.schools', asOf, shown, of: schoolCodes.length });
    return visible;
  }

  /** Only officers of the province (or the open API) may change the organisation tree. */
  async requireProvinceOfficer(caller: Caller, target: string, action: string, auditAction: AuditEntry['action'] = 'query'): Promise<void> {
    if (caller.kind === 'open') {
      // no one is known, but a read of personal data is still a read: the log says it was the open API
      if (auditAction !== 'query') await this.recordOpen(target, action, auditAction);
      return;
    }
    const ok = caller.principal.role === 'province_officer';
    await this.record(caller, target, ok, { action }, auditAction);
    if (!ok) throw new Problem(403, 'Forbidden', `${action} needs a province officer, not a ${caller.principal.role}`, [{ path: 'realm_access.roles', rule: 'province_officer', value: caller.principal.role }]);
  }

  private async recordOpen(target: string, action: string, auditAction: AuditEntry['action']): Promise<void> {
    await this.audit.record([{ at: new Date(), actor: OPEN_API_ACTOR, actorRoles: [], action: auditAction, target, scope: '*', outcome: 'allowed', detail: { action, mode: 'open: OIDC_ISSUER is not set' } }]);
  }

  /** Audits an officer's request (other roles' reads of the tree carry no personal data). */
  async record(caller: Caller, target: string, allowed: boolean, detail: Record<string, unknown>, action: AuditEntry['action'] = 'query'): Promise<void> {
    if (caller.kind !== 'principal' || !isOfficer(caller)) return;
    const p = caller.principal;
    const entry: AuditEntry = {
      at: new Date(),
      actor: p.subject,
      actorRoles: caller.roles,
      action,
      target,
      scope: p.scope.kind === 'region' ? p.scope.regionCode : p.scope.schoolCodes.join(','),
      outcome: allowed ? 'allowed' : 'denied',
      detail,
    };
    await this.audit.record([entry]);
  }
}

/** A date query parameter, or today (UTC) when absent. */
export function dateParam(value: string | undefined, name: string): IsoDate {
  if (value === undefined || value === '') return new Date().toISOString().slice(0, 10);
  if (!isIsoDate(value)) throw new Problem(400, 'Invalid input', `${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, [{ path: name, rule: 'iso-date', value }]);
  return value;
}
