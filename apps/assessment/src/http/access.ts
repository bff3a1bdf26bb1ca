import { Inject, Injectable } from '@nestjs/common';
import { OFFICERS, SERVICE_ROLE, type Actor, type PersonActor } from '@educube/oidc';
import type { DirectoryRegion, IndexedDirectory, VisibleSchools } from '@educube/identity-client';
import { Problem } from './problem';

export const VISIBLE_SCHOOLS = Symbol('VISIBLE_SCHOOLS');

export { OFFICERS };
/** Who attests a school's documentary items and may read its documents. */
export const ATTESTING = ['cio', 'principal'] as const;
export const SERVICE = SERVICE_ROLE;

/** Who reads a region's figures, and the scope rule those routes apply (the permission snapshot shows it). */
export const REGION_READERS = [...OFFICERS, SERVICE];
export const REGION_SCOPE = "officers for their own region and the regions within it (identity's tree), else 404 as for an unknown region; services";

/** The region and every region within it: the districts (and any city holding schools directly) whose rows it sums. */
export function subtree(directory: IndexedDirectory, code: string): string[] {
  return [code, ...directory.children(code).flatMap((c) => subtree(directory, c.code))];
}

/** A region as the region answers name it. */
export const regionOut = (r: DirectoryRegion) => ({ code: r.code, name: r.name, level: r.level });

/**
 * Identity's one visibility rule, as the assessment applies it: a caller sees a school when
 * identity's tree, on the date, puts it in the caller's scope. The school's region never comes
 * from events a school system sent.
 */
@Injectable()
export class Scope {
  constructor(@Inject(VISIBLE_SCHOOLS) readonly identity: VisibleSchools) {}

  /** The person behind a request (the hub's services see every school and act for no one). */
  person(actor: Actor | undefined): PersonActor {
    if (!actor) throw new Problem(401, 'Unauthenticated', 'a bearer token is required', [{ path: 'authorization', rule: 'bearer-token', message: 'send Authorization: Bearer <access token>' }]);
    if (actor.kind !== 'person') throw new Problem(403, 'Forbidden', 'this action is taken by a person, not by a service', [{ path: 'realm_access.roles', rule: 'person', message: actor.clientId }]);
    return actor;
  }

  /** Refuses (403) unless the caller may see the school; the same answer whether it exists or not. */
  async requireSchool(actor: Actor | undefined, school: string): Promise<void> {
    if (actor?.kind === 'service') return;
    const person = this.person(actor);
    if (await this.identity.covers(person, school)) return;
    throw new Problem(403, 'Forbidden', `school ${school} is not in your scope`, [{ path: 'school', rule: 'scope.cover', message: 'not a school of your region or your own', value: school }]);
  }

  /** The school's region by identity's tree (whose officers review it), or 404. */
  async regionOf(school: string): Promise<string> {
    const region = await this.identity.regionOf(school);
    if (!region) throw new Problem(404, 'Not found', `identity knows no school ${school} today`, [{ path: 'school', rule: 'known-school', message: 'register the school in identity first', value: school }]);
    return region;
  }

  /**
   * A region of identity's tree the caller may see: services any, officers their own region and
   * the regions within it by the tree's chain. Anything else is the same 404 as a region that
   * does not exist, so an officer learns nothing about regions outside their own. `path` names
   * where the request gave the code.
   */
  region(actor: Actor, code: string, directory: IndexedDirectory, path = 'code'): DirectoryRegion {
    const region = directory.region(code);
    if (region && this.seesRegion(actor, code, directory)) return region;
    throw new Problem(404, 'Not found', `no region ${code} among the regions you may see`, [{ path, rule: 'region.visible', message: "a region of identity's tree within your own", value: code }]);
  }

  /** May the caller see the school, by where identity's tree places it? */
  seesSchool(actor: Actor, school: string, directory: IndexedDirectory): boolean {
    const placed = directory.school(school);
    return actor.kind === 'service' || (placed !== undefined && this.seesRegion(actor, placed.regionCode, directory));
  }

  private seesRegion(actor: Actor, code: string, directory: IndexedDirectory): boolean {
    if (actor.kind === 'service') return true;
    return actor.scope.kind === 'region' && directory.within(code, actor.scope.regionCode);
  }
}
