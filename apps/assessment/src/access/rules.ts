import { OFFICERS, SERVICE_ROLE, type Actor, type PersonActor } from '@educube/oidc';
import type { DirectoryRegion, IndexedDirectory } from '@educube/identity-client';

/**
 * Who may see and act on what in the assessment, in one place: the roles each route admits
 * (the table below, declared on the routes and snapshotted in PERMISSIONS.txt) and the scope
 * rules behind them, as pure decisions over identity's tree. `Scope` (scope.ts) asks identity
 * and turns a refusal into its HTTP answer (refusals.ts); nothing else decides access.
 */

export { OFFICERS };
/** Who attests a school's documentary items and may read its documents. */
export const ATTESTING = ['cio', 'principal'] as const;
export const SERVICE = SERVICE_ROLE;
/** Who reads a school's sheets, evidence and reviews. */
export const SCHOOL_READERS = [...OFFICERS, ...ATTESTING, 'teacher', SERVICE] as const;
/** Who reads a region's figures. */
export const REGION_READERS = [...OFFICERS, SERVICE];
export const REGION_SCOPE = "officers for their own region and the regions within it (identity's tree), else 404 as for an unknown region; services";

/** Every route's roles and the scope rule it applies, by what the route does. */
export const ROUTE_ACCESS = {
  schoolSheet: { roles: SCHOOL_READERS, scope: "officers whose region covers the school (identity's tree); the school's own staff; services" },
  schoolReviews: { roles: SCHOOL_READERS, scope: "officers whose region covers the school; the school's own staff; services" },
  status: { roles: [...OFFICERS, SERVICE], scope: 'officers and services: the projection position and counts, no school named' },
  upload: { roles: ATTESTING, scope: "the school's own CIO or principal; only PDF, images and office documents, checked against the bytes" },
  download: { roles: [...OFFICERS, ...ATTESTING], scope: "officers whose region covers the school; the school's own CIO and principal" },
  attest: { roles: ATTESTING, scope: "the school's own CIO or principal (the review rules decide the rest)" },
  review: { roles: OFFICERS, scope: "officers whose region covers the school, at their level of the standard's chain" },
  region: { roles: REGION_READERS, scope: REGION_SCOPE },
  batchStandings: {
    roles: REGION_READERS,
    scope: "officers: the schools identity's tree places in their region (others absent, as unknown ones); services: any",
  },
} as const satisfies Record<string, { readonly roles: readonly string[]; readonly scope: string }>;

/** Why access is refused; refusals.ts says each in HTTP. */
export type AccessRefusal =
  | { readonly kind: 'unauthenticated' }
  | { readonly kind: 'notAPerson'; readonly clientId: string }
  | { readonly kind: 'schoolOutOfScope'; readonly school: string }
  | { readonly kind: 'notTheSchoolsAttester'; readonly school: string; readonly role: string }
  | { readonly kind: 'unknownSchool'; readonly school: string }
  | { readonly kind: 'regionNotVisible'; readonly code: string; readonly path: string };

/** The person behind a request: the hub's services see every school but act for no one. */
export function personOf(actor: Actor | undefined): PersonActor | AccessRefusal {
  if (!actor) return { kind: 'unauthenticated' };
  if (actor.kind !== 'person') return { kind: 'notAPerson', clientId: actor.clientId };
  return actor;
}

export const isRefusal = (x: PersonActor | AccessRefusal): x is AccessRefusal => x.kind !== 'person';

/**
 * A school's evidence is uploaded only by its own CIO or principal: their token lists the
 * school (identity must still agree it is theirs today, as for every school route).
 */
export function attestsFor(person: PersonActor, school: string): boolean {
  return person.scope.kind === 'schools' && person.scope.schoolCodes.includes(school);
}

/** Services see every region; officers their own and the regions within it by the tree's chain. */
export function seesRegion(actor: Actor, code: string, directory: Pick<IndexedDirectory, 'within'>): boolean {
  if (actor.kind === 'service') return true;
  return actor.scope.kind === 'region' && directory.within(code, actor.scope.regionCode);
}

/** May the caller see the school, by where identity's tree places it? */
export function seesSchoolIn(actor: Actor, school: string, directory: Pick<IndexedDirectory, 'within' | 'school'>): boolean {
  if (actor.kind === 'service') return true;
  const placed = directory.school(school);
  return placed !== undefined && seesRegion(actor, placed.regionCode, directory);
}

/** The region and every region within it: the districts (and any city holding schools directly) whose rows it sums. */
export function subtree(directory: Pick<IndexedDirectory, 'children'>, code: string): string[] {
  return [code, ...directory.children(code).flatMap((c) => subtree(directory, c.code))];
}

/** A region as the region answers name it. */
export const regionOut = (r: DirectoryRegion) => ({ code: r.code, name: r.name, level: r.level });
