import { Inject, Injectable } from '@nestjs/common';
import { OFFICERS, SERVICE_ROLE, type Actor } from '@educube/oidc';
import type { VisibleSchools } from '@educube/identity-client';
import type { Sender } from '@educube/warehouse-ingestion';
import { Problem } from './problem';

export const VISIBLE_SCHOOLS = Symbol('VISIBLE_SCHOOLS');

export { OFFICERS };
export const SCHOOL_SYSTEM = 'school_system';
export const SERVICE = SERVICE_ROLE;

/** A school system's verified actor → the sender and the one school it speaks for. */
export function senderOf(actor: Actor | undefined): Sender {
  if (!actor || actor.kind !== 'person' || actor.role !== SCHOOL_SYSTEM) throw new Problem(403, 'Forbidden', 'only a school system (realm role school_system) may send events', [{ path: 'realm_access.roles', rule: SCHOOL_SYSTEM, value: null }]);
  const schoolCodes = actor.scope.kind === 'schools' ? actor.scope.schoolCodes : [];
  if (schoolCodes.length !== 1) throw new Problem(403, 'Forbidden', `a school system's token names exactly one school (claim school_codes), not ${schoolCodes.length}`, [{ path: 'school_codes', rule: 'one-school', value: schoolCodes.length }]);
  return { clientId: actor.clientId ?? actor.subject, schoolCodes };
}

/**
 * Which schools' ingestion records a caller may read: a school system its own school, an
 * officer the schools of their region by identity's tree (asked, never guessed), a hub service
 * everything.
 */
@Injectable()
export class ReadScope {
  constructor(@Inject(VISIBLE_SCHOOLS) private readonly visible: VisibleSchools) {}

  async schoolsOf(actor: Actor | undefined): Promise<ReadonlySet<string> | 'all'> {
    if (!actor) throw new Problem(401, 'Unauthenticated', 'a bearer token is required', [{ path: 'authorization', rule: 'bearer-token', value: null }]);
    if (actor.kind === 'service') return 'all';
    if (actor.role === SCHOOL_SYSTEM) return new Set(senderOf(actor).schoolCodes);
    return this.visible.of(actor);
  }
}
