import type { PeopleState } from '../people/people';
import type { Role } from './access';

/**
 * What a single sign-on account must say about a person: the realm roles and the data-scope
 * claims (region_code, school_codes) that every service maps back to a Principal. The person
 * id is the username, so nothing personal (no name, no identity-card number) reaches the
 * identity provider.
 */
export interface Account {
  readonly personId: string;
  readonly roles: readonly Role[];
  /** the region of the person's officer role, if any */
  readonly regionCode: string | undefined;
  /** the union of the schools of the person's school-scoped roles, sorted */
  readonly schoolCodes: readonly string[];
}

/**
 * Accounts of everyone who holds a role today. A person who left holds none (leaving ends every
 * role), so their account is no longer desired and reconciliation reports it as extra.
 */
export function accountsOf(people: PeopleState): Account[] {
  const out: Account[] = [];
  for (const p of Object.values(people.persons)) {
    if (p.left || p.roles.length === 0) continue;
    const region = p.roles.find((g) => g.scope.kind === 'region');
    const schools = new Set(p.roles.flatMap((g) => (g.scope.kind === 'schools' ? g.scope.schoolCodes : [])));
    out.push({
      personId: p.id,
      roles: p.roles.map((g) => g.role).sort(),
      regionCode: region?.scope.kind === 'region' ? region.scope.regionCode : undefined,
      schoolCodes: [...schools].sort(),
    });
  }
  return out.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}
