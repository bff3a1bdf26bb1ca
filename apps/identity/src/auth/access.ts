import { Inject, Injectable } from '@nestjs/common';
import { OFFICERS, SERVICE_ROLE, type Actor } from '@educube/oidc';
import type { AuditEntry, AuditLog } from '@educube/identity-privacy';
import { accessToSchool, isIsoDate, maySeeRegion, ROLES, visibleSchools, type IsoDate, type Principal, type Role } from '@educube/identity-domain';
import { Problem } from '../http/problem';
import { AUDIT_LOG } from '../storage/storage';
import { IdentityState } from '../storage/identity-state';

export { OFFICERS };
export const SCHOOL_STAFF = ['principal', 'cio', 'teacher'] as const;
export const SERVICE = SERVICE_ROLE;

/**
 * A caller the guard has verified: a person (or school system) with the domain's Principal, or
 * one of the hub's own services, which sees the whole tree (it answers for its own callers,
 * whom it has scoped with the rule below).
 */
export type Caller =
  | {
      readonly kind: 'principal';
      readonly principal: Principal;
      readonly roles: readonly string[];
      /** every id the person is known by: token subject and username */ readonly ids: readonly string[];
    }
  | { readonly kind: 'service'; readonly clientId: string };

const OFFICER_ROLES: ReadonlySet<Role> = new Set(OFFICERS);

function principalOfActor(actor: Extract<Actor, { kind: 'person' }>): { principal: Principal; roles: string[] } | string {
  if (!(ROLES as readonly string[]).includes(actor.role)) return `the token carries none of the roles ${ROLES.join(', ')}`;
  const scope =
    actor.scope.kind === 'region'
      ? { kind: 'region' as const, regionCode: actor.scope.regionCode }
      : { kind: 'schools' as const, schoolCodes: [...actor.scope.schoolCodes] };
  return { principal: { subject: actor.subject, role: actor.role as Role, scope }, roles: [...actor.roles] };
}

/** The guard's actor as identity's Caller. */
export function callerOf(actor: Actor | undefined): Caller {
  if (!actor) throw new Problem(401, 'Unauthenticated', 'a bearer token is required', [{ path: 'authorization', rule: 'bearer-token', value: null }]);
  if (actor.kind === 'service') return { kind: 'service', clientId: actor.clientId };
  const mapped = principalOfActor(actor);
  if (typeof mapped === 'string') throw new Problem(403, 'Forbidden', mapped, [{ path: 'realm_access.roles', rule: 'known-role', value: null }]);
  return { kind: 'principal', ...mapped, ids: [actor.subject, ...(actor.username ? [actor.username] : [])] };
}

export const isOfficer = (caller: Caller): boolean => caller.kind === 'principal' && OFFICER_ROLES.has(caller.principal.role);

/**
 * The scope checks of every endpoint, with the audit record of each officer request. Who may
 * call a route at all is declared on the route (Allow/Public) and decided by the guard; the
 * rule for which schools a caller sees is the domain's `accessToSchool`.
 */
@Injectable()
export class Access {
  constructor(
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    private readonly state: IdentityState,
  ) {}

  /** Refuses (403) unless the caller may see the school on the date; officers' requests are audited either way. */
  async requireSchool(caller: Caller, schoolCode: string, asOf: IsoDate, action: string): Promise<void> {
    if (caller.kind === 'service') return;
    const decision = accessToSchool(caller.principal, schoolCode, this.state.tree, asOf);
    await this.record(caller, schoolCode, decision.allowed, { action, asOf, reason: decision.reason });
    // the same answer whether the school exists elsewhere or not at all: a 403 that said
    // "outside your region" would confirm to a prober that the code is a school
    if (!decision.allowed)
      throw new Problem(403, 'Forbidden', `school ${schoolCode} is not in your scope on ${asOf}`, [
        { path: 'schoolCode', rule: 'in-scope', value: schoolCode },
      ]);
  }

  /** The schools the caller may see on the date ('all' for a service). */
  visible(caller: Caller, asOf: IsoDate): Set<string> | 'all' {
    if (caller.kind === 'service') return 'all';
    return new Set(visibleSchools(caller.principal, this.state.tree, asOf));
  }

  /** The schools of a region the caller may see on the date (all of them for a service). */
  async visibleIn(caller: Caller, regionCode: string, schoolCodes: readonly string[], asOf: IsoDate): Promise<Set<string> | 'all'> {
    if (caller.kind === 'service') return 'all';
    const allowed = maySeeRegion(caller.principal, regionCode, this.state.tree);
    const visible = new Set(visibleSchools(caller.principal, this.state.tree, asOf));
    const shown = schoolCodes.filter((c) => visible.has(c)).length;
    await this.record(caller, regionCode, allowed || shown > 0, { action: 'region.schools', asOf, shown, of: schoolCodes.length });
    return visible;
  }

  /** Audits a province officer's action on the tree or on personal data (the route declares who may call it). */
  async recordProvince(caller: Caller, target: string, action: string, auditAction: AuditEntry['action'] = 'query'): Promise<void> {
    await this.record(caller, target, true, { action }, auditAction);
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
  if (!isIsoDate(value))
    throw new Problem(400, 'Invalid input', `${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, [
      { path: name, rule: 'iso-date', value },
    ]);
  return value;
}
