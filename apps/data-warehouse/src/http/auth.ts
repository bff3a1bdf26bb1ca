import { Inject, Injectable } from '@nestjs/common';
import { OFFICERS, SERVICE_ROLE, type Actor } from '@educube/oidc';
import type { IndexedDirectory, VisibleSchools } from '@educube/identity-client';
import type { Sender } from '@educube/warehouse-ingestion';
import { Problem } from './problem';

export const VISIBLE_SCHOOLS = Symbol('VISIBLE_SCHOOLS');

export { OFFICERS };
export const SCHOOL_SYSTEM = 'school_system';
export const SERVICE = SERVICE_ROLE;

/** A school system's verified actor → the sender and the one school it speaks for. */
export function senderOf(actor: Actor | undefined): Sender {
  if (!actor || actor.kind !== 'person' || actor.role !== SCHOOL_SYSTEM)
    throw new Problem(403, 'Forbidden', 'only a school system (realm role school_system) may send events', [
      { path: 'realm_access.roles', rule: SCHOOL_SYSTEM, value: null },
    ]);
  const schoolCodes = actor.scope.kind === 'schools' ? actor.scope.schoolCodes : [];
  if (schoolCodes.length !== 1)
    throw new Problem(403, 'Forbidden', `a school system's token names exactly one school (claim school_codes), not ${schoolCodes.length}`, [
      { path: 'school_codes', rule: 'one-school', value: schoolCodes.length },
    ]);
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

  /**
   * May the caller read a region's figures? A service any region; an officer a region within
   * their own by identity's tree (the same rule that decides which schools they see).
   */
  async regionVisible(actor: Actor | undefined, regionCode: string, tree: IndexedDirectory): Promise<boolean> {
    if (!actor) throw new Problem(401, 'Unauthenticated', 'a bearer token is required', [{ path: 'authorization', rule: 'bearer-token', value: null }]);
    if (actor.kind === 'service') return true;
    if (!(OFFICERS as readonly string[]).includes(actor.role) || actor.scope.kind !== 'region') return false;
    return tree.within(regionCode, actor.scope.regionCode);
  }

  /**
   * Every school must be one identity's tree knows today and the caller may see; otherwise 404
   * naming each, the same whether a school does not exist or is someone else's.
   */
  async requireSchools(actor: Actor | undefined, schools: readonly string[], tree: IndexedDirectory): Promise<void> {
    const visible = await this.schoolsOf(actor);
    const missing = schools.map((code, i) => ({ code, i })).filter(({ code }) => !tree.school(code) || (visible !== 'all' && !visible.has(code)));
    if (missing.length) {
      throw new Problem(
        404,
        'Not found',
        `no school ${missing.map((m) => m.code).join(', ')} that you may see`,
        missing.map((m) => ({ path: `schools.${m.i}`, rule: 'known-school', value: m.code })),
      );
    }
  }
}
