import { Inject, Injectable } from '@nestjs/common';
import type { Actor, PersonActor } from '@educube/oidc';
import type { DirectoryRegion, IndexedDirectory, VisibleSchools } from '@educube/identity-client';
import { accessProblem } from './refusals';
import { attestsFor, isRefusal, personOf, seesRegion, seesSchoolIn } from './rules';

export const VISIBLE_SCHOOLS = Symbol('VISIBLE_SCHOOLS');

/**
 * Identity's one visibility rule, as the assessment applies it: a caller sees a school when
 * identity's tree, on the date, puts it in the caller's scope. The school's region never comes
 * from events a school system sent. Every route asks here; a refusal throws its Problem.
 */
@Injectable()
export class Scope {
  constructor(@Inject(VISIBLE_SCHOOLS) readonly identity: VisibleSchools) {}

  /** The person behind a request (401 without a token, 403 for a service). */
  person(actor: Actor | undefined): PersonActor {
    const person = personOf(actor);
    if (isRefusal(person)) throw accessProblem(person);
    return person;
  }

  /** Refuses (403) unless the caller may see the school; the same answer whether it exists or not. */
  async requireSchool(actor: Actor | undefined, school: string): Promise<void> {
    if (actor?.kind === 'service') return;
    const person = this.person(actor);
    if (await this.identity.covers(person, school)) return;
    throw accessProblem({ kind: 'schoolOutOfScope', school });
  }

  /** The person uploading a school's evidence: its own CIO or principal, whom identity places there today. */
  async requireAttester(actor: Actor | undefined, school: string): Promise<PersonActor> {
    const person = this.person(actor);
    if (!attestsFor(person, school)) throw accessProblem({ kind: 'notTheSchoolsAttester', school, role: person.role });
    await this.requireSchool(person, school);
    return person;
  }

  /**
   * The person acting on a school's review stream and the school's region by identity's tree
   * (whose officers review it): 401/403 as above, 404 for a school identity does not know.
   */
  async requireReviewer(actor: Actor | undefined, school: string): Promise<{ person: PersonActor; schoolRegionCode: string }> {
    const person = this.person(actor);
    await this.requireSchool(person, school);
    return { person, schoolRegionCode: await this.regionOf(school) };
  }

  /** The school's region by identity's tree (whose officers review it), or 404. */
  async regionOf(school: string): Promise<string> {
    const region = await this.identity.regionOf(school);
    if (!region) throw accessProblem({ kind: 'unknownSchool', school });
    return region;
  }

  /**
   * A region of identity's tree the caller may see: services any, officers their own region and
   * the regions within it by the tree's chain. Anything else is the same 404 as a region that
   * does not exist. `path` names where the request gave the code.
   */
  region(actor: Actor, code: string, directory: IndexedDirectory, path = 'code'): DirectoryRegion {
    const region = directory.region(code);
    if (region && seesRegion(actor, code, directory)) return region;
    throw accessProblem({ kind: 'regionNotVisible', code, path });
  }

  /** May the caller see the school, by where identity's tree places it? */
  seesSchool(actor: Actor, school: string, directory: IndexedDirectory): boolean {
    return seesSchoolIn(actor, school, directory);
  }

  /** The schools of `wanted` the caller may see; the tree is asked only for a person. */
  async visibleOf(actor: Actor, wanted: readonly string[], directory: () => Promise<IndexedDirectory>): Promise<string[]> {
    if (actor.kind === 'service') return [...wanted];
    const tree = await directory();
    return wanted.filter((s) => seesSchoolIn(actor, s, tree));
  }
}
