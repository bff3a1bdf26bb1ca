import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentActor } from '@educube/service-kit';
import type { Actor } from '@educube/oidc';
import type { GatewayContext } from '../context';
import { Region, RegionLevel } from '../types/region.types';
import { School } from '../types/school.types';
import { Viewer } from '../types/viewer.types';
import { OFFICER_ROLES, PEOPLE } from '../visibility';
import type { DirectoryRegion, DirectorySchool } from '@educube/identity-client';
import { dateArg } from './args';

export const regionNode = (r: DirectoryRegion, asOf: string): Region => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentCode: r.parentCode,
  asOf,
});
export const schoolNode = (s: DirectorySchool, asOf: string): School => ({
  code: s.code,
  name: s.name,
  schoolType: s.schoolType,
  stages: [...s.stages],
  classes: s.classes.map((c) => ({ ...c })),
  status: s.status,
  since: s.since,
  registeredOn: s.registeredOn,
  asOf,
  regionCode: s.regionCode,
});

const SCOPE_REGIONS = 'officers: regions within their own; any other code reads as null, exactly as an unknown one';
const SCOPE_SCHOOLS = 'officers: schools of their region; school staff: their own school; any other code reads as null, exactly as an unknown one';

@Resolver()
export class QueryResolver {
  @Allow(PEOPLE, 'anyone signed in: who their token says they are')
  @Query(() => Viewer, { description: 'The caller, as their token names them' })
  me(@CurrentActor() actor: Actor): Viewer {
    if (actor.kind !== 'person') throw new Error('people only');
    return {
      subject: actor.subject,
      username: actor.username ?? null,
      role: actor.role,
      roles: [...actor.roles],
      regionCode: actor.scope.kind === 'region' ? actor.scope.regionCode : null,
      schoolCodes: actor.scope.kind === 'schools' ? [...actor.scope.schoolCodes] : [],
    };
  }

  @Allow(OFFICER_ROLES, 'officers: their own region, the top of what they see')
  @Query(() => [Region], { description: 'The regions at the top of what the caller sees (an officer’s own region)' })
  async regions(@Context() ctx: GatewayContext, @Args('asOf', { nullable: true, description: 'YYYY-MM-DD; default today' }) asOf?: string): Promise<Region[]> {
    const view = await ctx.view(dateArg(asOf));
    const roots = view.roots();
    for (const r of roots) ctx.touched.add(r.code);
    return roots.map((r) => regionNode(r, view.asOf));
  }

  @Allow(OFFICER_ROLES, SCOPE_REGIONS)
  @Query(() => Region, { nullable: true, description: 'A region as of a date; null when unknown or outside the caller’s region' })
  async region(
    @Context() ctx: GatewayContext,
    @Args('code', { type: () => ID }) code: string,
    @Args('asOf', { nullable: true }) asOf?: string,
  ): Promise<Region | null> {
    const view = await ctx.view(dateArg(asOf));
    const region = view.region(code);
    if (!region) return null;
    ctx.touched.add(region.code);
    return regionNode(region, view.asOf);
  }

  @Allow(PEOPLE, SCOPE_SCHOOLS)
  @Query(() => School, { nullable: true, description: 'A school as of a date; null when unknown or outside what the caller may see' })
  async school(
    @Context() ctx: GatewayContext,
    @Args('code', { type: () => ID }) code: string,
    @Args('asOf', { nullable: true }) asOf?: string,
  ): Promise<School | null> {
    const view = await ctx.view(dateArg(asOf));
    const school = view.school(code);
    if (!school) return null;
    ctx.touched.add(school.code);
    return schoolNode(school, view.asOf);
  }
}
