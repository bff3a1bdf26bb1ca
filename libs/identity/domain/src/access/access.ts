import type { IsoDate } from '../shared/dates';
import type { OrgTreeState, RegionLevel } from '../org-tree/model';
import { regionWithin, schoolAsOf, schoolsUnder } from '../org-tree/queries';

export const ROLES = ['province_officer', 'city_officer', 'district_officer', 'principal', 'cio', 'teacher', 'student', 'parent', 'school_system'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A data scope: a subtree of the organisation tree (officers) or a set of schools (a principal's,
 * CIO's, teacher's or student's school; a parent's children's schools; a school system's one school).
 */
export type Scope = { readonly kind: 'region'; readonly regionCode: string } | { readonly kind: 'schools'; readonly schoolCodes: readonly string[] };

/** Who is asking: the subject (person id or client id), the role, and the scope granted with it. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly scope: Scope;
}

const OFFICER_LEVEL: Partial<Record<Role, RegionLevel>> = { province_officer: 'province', city_officer: 'city', district_officer: 'district' };

export interface AccessDecision {
  readonly allowed: boolean;
  /** why, for the audit log */
  readonly reason: string;
}

/**
 * Why a principal's scope is unusable, or undefined if it is sound. An unsound scope grants
 * nothing (fail closed): a district officer given a city code does not see the whole city.
 */
export function scopeProblem(principal: Principal, tree: OrgTreeState): string | undefined {
  const level = OFFICER_LEVEL[principal.role];
  const scope = principal.scope;
  if (level !== undefined) {
    if (scope.kind !== 'region') return `a ${principal.role} is scoped to a region, not to schools`;
    const region = tree.regions[scope.regionCode];
    if (!region) return `scope region ${scope.regionCode} is not in the organisation tree`;
    if (region.level !== level) return `a ${principal.role} is scoped to a ${level}, but ${scope.regionCode} (${region.name}) is a ${region.level}`;
    return undefined;
  }
  if (scope.kind !== 'schools') return `a ${principal.role} is scoped to schools, not to a region`;
  if (scope.schoolCodes.length === 0) return `a ${principal.role} scope lists no school`;
  if (principal.role === 'school_system' && scope.schoolCodes.length !== 1) return `a school system's scope is its one school, got ${scope.schoolCodes.length}`;
  return undefined;
}

/**
 * The one answer to "may this principal see this school" for every service. A school is inside
 * an officer's region by the district it belonged to on `asOf`, so a school that moved out is
 * seen by the old district only for dates before the move. A closed school stays visible to
 * whoever's scope covers it: its history is still evidence.
 */
export function accessToSchool(principal: Principal, schoolCode: string, tree: OrgTreeState, asOf: IsoDate): AccessDecision {
  const problem = scopeProblem(principal, tree);
  if (problem) return { allowed: false, reason: `scope refused: ${problem}` };
  const school = schoolAsOf(tree, schoolCode, asOf);
  if (!school) return { allowed: false, reason: `no school ${schoolCode} on ${asOf}` };
  const scope = principal.scope;
  if (scope.kind === 'region') {
    return regionWithin(tree, school.regionCode, scope.regionCode)
      ? { allowed: true, reason: `school ${schoolCode} is in ${school.regionCode}, within ${scope.regionCode} on ${asOf}` }
      : { allowed: false, reason: `school ${schoolCode} is in ${school.regionCode}, outside ${scope.regionCode} on ${asOf}` };
  }
  return scope.schoolCodes.includes(schoolCode)
    ? { allowed: true, reason: `school ${schoolCode} is in the ${principal.role}'s scope` }
    : { allowed: false, reason: `school ${schoolCode} is not in the ${principal.role}'s scope` };
}

export const maySeeSchool = (principal: Principal, schoolCode: string, tree: OrgTreeState, asOf: IsoDate): boolean =>
  accessToSchool(principal, schoolCode, tree, asOf).allowed;

/**
 * May the principal see a region's roll-up (dashboards)? Only officers, and only for their own
 * region or regions inside it; school-scoped roles see their schools, never region aggregates.
 */
export function maySeeRegion(principal: Principal, regionCode: string, tree: OrgTreeState): boolean {
  if (scopeProblem(principal, tree) || principal.scope.kind !== 'region' || !tree.regions[regionCode]) return false;
  return regionWithin(tree, regionCode, principal.scope.regionCode);
}

/** Every school the principal may see on `asOf`, sorted by code. */
export function visibleSchools(principal: Principal, tree: OrgTreeState, asOf: IsoDate): string[] {
  if (scopeProblem(principal, tree)) return [];
  const scope = principal.scope;
  if (scope.kind === 'region') return schoolsUnder(tree, scope.regionCode, asOf).map((s) => s.code);
  return [...new Set(scope.schoolCodes)].filter((code) => schoolAsOf(tree, code, asOf) !== undefined).sort();
}

const OFFICER_RANK: Partial<Record<Role, number>> = { province_officer: 3, city_officer: 2, district_officer: 1 };

/**
 * Why `granter` may not grant (or revoke) `role` over `scope` to `personId`, or undefined when
 * it may. Only an officer grants; never to themselves; only inside their own region on the
 * date; and never an officer role above their own (a district cannot mint a city officer).
 */
export function grantProblem(
  granter: Principal,
  grant: { readonly personId: string; readonly role: Role; readonly scope?: Scope; readonly effectiveOn: IsoDate },
  tree: OrgTreeState,
  /** the scope the person holds the role with now, if any: replacing or revoking it needs it covered too */
  held?: Scope,
  /** every id the granter is known by (a token's subject, its username) */
  granterIds: readonly string[] = [granter.subject],
): string | undefined {
  const rank = OFFICER_RANK[granter.role];
  if (rank === undefined) return `a ${granter.role} may not grant or revoke roles; an officer whose region covers the grant may`;
  const problem = scopeProblem(granter, tree);
  if (problem) return `scope refused: ${problem}`;
  if (granterIds.includes(grant.personId)) return 'no one may grant or revoke a role of their own';
  if ((OFFICER_RANK[grant.role] ?? 0) > rank) return `a ${granter.role} may not grant ${grant.role}, a wider role than their own`;
  if (granter.scope.kind !== 'region') return `a ${granter.role} is scoped to a region`;
  const own = granter.scope.regionCode;
  const outside = (scope: Scope): string | undefined => {
    if (scope.kind === 'region')
      return tree.regions[scope.regionCode] && regionWithin(tree, scope.regionCode, own) ? undefined : `region ${scope.regionCode} is outside ${own}`;
    for (const code of scope.schoolCodes) {
      const school = schoolAsOf(tree, code, grant.effectiveOn);
      if (!school || !regionWithin(tree, school.regionCode, own)) return `school ${code} is outside ${own} on ${grant.effectiveOn}`;
    }
    return undefined;
  };
  // a grant replaces the scope the role is held with: taking a role away from another region is
  // as much a change there as granting one
  const wasHeld = held ? outside(held) : undefined;
  if (wasHeld) return `the role is held now with a scope outside yours (${wasHeld})`;
  return grant.scope ? outside(grant.scope) : undefined;
}
