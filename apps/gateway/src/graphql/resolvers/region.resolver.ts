import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '@educube/service-kit';
import { alertOf, regionAlerts } from '../alerts';
import type { GatewayContext } from '../context';
import type { IngestionAnswer } from '../upstream/clients';
import { ActivityMonth, IngestionHealth, ItemTrendPoint, NingxiaRulings, Region, RegionStanding, SchoolFilter, Standard } from '../types/region.types';
import { SchoolConnection } from '../types/school.types';
import { Alert, AlertFilter } from '../types/viewer.types';
import { afterCursor, cursorOf, OFFICER_ROLES, page } from '../visibility';
import { badInput, firstArg, monthsArg } from './args';
import { regionNode, schoolNode } from './query.resolver';
import { schoolsWithSilentSource } from './school.resolver';

const INSIDE = 'officers: the region was checked visible when reached; this field reads only inside it';

export const activityMonth = (row: Record<string, unknown>): ActivityMonth => {
  const int = (k: string): number => (typeof row[k] === 'number' ? (row[k] as number) : 0);
  const num = (k: string): number | null => (typeof row[k] === 'number' ? (row[k] as number) : null);
  return {
    month: String(row['month']),
    teacherSpaceEvents: int('teacherSpaceEvents'),
    activeTeacherSpaces: int('activeTeacherSpaces'),
    resourceUploads: int('resourceUploads'),
    teachers: num('teachers'),
    uploadsPerTeacher: num('uploadsPerTeacher'),
    lessonsDelivered: int('lessonsDelivered'),
    remoteLessons: int('remoteLessons'),
    threeClassroomLessons: int('threeClassroomLessons'),
    teacherUploads: int('teacherUploads'),
    schoolsWithHeadcount: num('schoolsWithHeadcount'),
    attendanceExpected: int('attendanceExpected'),
    attendancePresent: int('attendancePresent'),
    attendanceRate: num('attendanceRate'),
    devices: int('devices'),
    devicesPerTeacher: num('devicesPerTeacher'),
    devicesPerClass: num('devicesPerClass'),
  };
};

export function ingestionHealth(a: IngestionAnswer | undefined): IngestionHealth {
  const silent = new Set((a?.silentSources ?? []).map((s) => `${s.school}|${s.source}`));
  return {
    accepted: a?.totals?.accepted ?? 0,
    rejects: a?.totals?.deadLetters ?? a?.totals?.rejects ?? 0,
    parked: a?.totals?.parked ?? 0,
    eventsPerMinute: a?.totals?.eventsPerMinute ?? 0,
    lastEventAt: a?.lastEventAt ?? null,
    projectionLag: typeof a?.projectionLag === 'number' ? a.projectionLag : null,
    silentSources: (a?.silentSources ?? []).map((s) => ({ school: s.school, source: s.source, lastEventAt: s.lastEventAt ?? null })),
    sources: (a?.sources ?? []).map((s) => {
      const school = s.school ?? s.schoolCode ?? '';
      return {
        school,
        source: s.source,
        accepted: s.accepted ?? 0,
        rejects: s.deadLetters ?? s.rejects ?? 0,
        parked: s.parked ?? 0,
        eventsPerMinute: s.eventsPerMinute ?? 0,
        lastEventAt: s.lastEventAt ?? null,
        silent: s.silent ?? silent.has(`${school}|${s.source}`),
      };
    }),
  };
}

@Resolver(() => RegionStanding)
export class RegionStandingResolver {
  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => [ItemTrendPoint], { description: 'Each item’s met-rate month by month: which indicators lag, and since when' })
  async itemTrend(@Parent() standing: RegionStanding, @Context() ctx: GatewayContext): Promise<ItemTrendPoint[]> {
    const a = await ctx.upstreams.assessment.itemTrend(standing.regionCode, standing.standard, standing.months);
    return (a?.trend ?? []).map((p) => ({ month: p.month, semester: p.semester, items: p.items.map((i) => ({ ...i })) }));
  }
}

@Resolver(() => Region)
export class RegionResolver {
  @Allow(OFFICER_ROLES, 'officers: the parent only when it is inside their own region, else null')
  @ResolveField(() => Region, { nullable: true })
  async parent(@Parent() region: Region, @Context() ctx: GatewayContext): Promise<Region | null> {
    if (!region.parentCode) return null;
    const view = await ctx.view(region.asOf);
    const parent = view.region(region.parentCode);
    return parent ? regionNode(parent, view.asOf) : null;
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => [Region])
  async children(@Parent() region: Region, @Context() ctx: GatewayContext): Promise<Region[]> {
    const view = await ctx.view(region.asOf);
    return view.children(region.code).map((c) => regionNode(c, view.asOf));
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => Int, { description: 'Schools of the region’s subtree on the date' })
  async schoolCount(@Parent() region: Region, @Context() ctx: GatewayContext): Promise<number> {
    return (await ctx.view(region.asOf)).schoolsUnder(region.code).length;
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => SchoolConnection, { description: 'The region’s schools by code, a page at a time' })
  async schools(
    @Parent() region: Region,
    @Context() ctx: GatewayContext,
    @Args('first', { type: () => Int, nullable: true, description: '1..200, default 50' }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { type: () => SchoolFilter, nullable: true }) filter?: SchoolFilter,
  ): Promise<SchoolConnection> {
    const n = firstArg(first);
    const view = await ctx.view(region.asOf);
    let schools = view.schoolsUnder(region.code);
    if (filter?.stage) schools = schools.filter((s) => s.stages.includes(filter.stage as string));
    if (filter?.search) {
      const q = filter.search.trim();
      schools = schools.filter((s) => s.code.includes(q) || s.name.includes(q));
    }
    if (filter?.verdict !== undefined) {
      if (!filter.standard) throw badInput('filter.verdict', 'needs-standard', 'a verdict filter needs filter.standard: labels differ per standard');
      const labelled = await ctx.upstreams.assessment.schoolsWithLabel(region.code, filter.standard, filter.verdict);
      schools = schools.filter((s) => labelled.has(s.code));
    }
    if (filter?.stars !== undefined && filter.stars !== null) {
      if (!Number.isInteger(filter.stars) || filter.stars < 0 || filter.stars > 5)
        throw badInput('filter.stars', 'range', `Ningxia stars are 0..5, not ${filter.stars}`);
      const starred = await ctx.upstreams.assessment.schoolsWithLabel(region.code, Standard.ningxia, `${filter.stars}-star`);
      schools = schools.filter((s) => starred.has(s.code));
    }
    if (filter?.silent !== undefined && filter.silent !== null) {
      const silent = schoolsWithSilentSource(await ctx.upstreams.warehouse.regionIngestion(region.code));
      schools = schools.filter((s) => silent.has(s.code) === filter.silent);
    }
    const { nodes, hasNextPage } = page(schools, n, afterCursor(after));
    for (const s of nodes) ctx.touched.add(s.code);
    return {
      totalCount: schools.length,
      edges: nodes.map((s) => ({ cursor: cursorOf(s.code), node: schoolNode(s, view.asOf) })),
      pageInfo: { hasNextPage, endCursor: nodes.length ? cursorOf((nodes[nodes.length - 1] as { code: string }).code) : null },
    };
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => RegionStanding, {
    nullable: true,
    description: 'Verdicts, item met-rates and their trend under one standard (precomputed by the assessment service)',
  })
  async standing(
    @Parent() region: Region,
    @Context() ctx: GatewayContext,
    @Args('standard', { type: () => Standard }) standard: Standard,
    @Args('months', { type: () => Int, nullable: true, description: 'Months of trend, 1..36, default 12' }) months?: number,
  ): Promise<RegionStanding | null> {
    const m = months ?? 12;
    if (!Number.isInteger(m) || m < 1 || m > 36) throw badInput('months', 'range', `months is 1..36, not ${m}`);
    const a = await ctx.upstreams.assessment.regionStanding(region.code, standard, m);
    if (!a) return null;
    const count = (label: string) => a.distribution.find((d) => d.label === label)?.count ?? 0;
    return {
      standard,
      asOf: a.asOf,
      schools: a.schools,
      distribution: a.distribution.map((d) => ({ ...d })),
      passRate: standard === Standard.jiangsu && a.schools > 0 ? count('passed') / a.schools : null,
      items: (a.items ?? []).map((i) => ({ ...i })),
      trend: (a.trend ?? []).map((t) => ({ ...t, distribution: t.distribution.map((d) => ({ ...d })) })),
      semesters: (a.semesters ?? []).map((t) => ({ ...t, distribution: t.distribution.map((d) => ({ ...d })) })),
      regionCode: region.code,
      months: m,
      threeStarCap: (a.ningxia?.capped ?? []).map((c) => ({ ...c, heldBack: [...c.heldBack] })),
    };
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => NingxiaRulings, {
    nullable: true,
    description: 'Ningxia: 第十一条（二）’s three-star cap and 第十四条’s downgrade per district in the rating year, each school with its reasons',
  })
  async ningxiaRulings(@Parent() region: Region, @Context() ctx: GatewayContext): Promise<NingxiaRulings | null> {
    const a = await ctx.upstreams.assessment.ningxiaRulings(region.code);
    if (!a) return null;
    const view = await ctx.view(region.asOf);
    return {
      year: a.year,
      asOf: a.asOf,
      districts: a.districts.map((d) => ({
        ...d,
        heldBack: [...d.heldBack],
        downgraded: [...d.downgraded],
        // identity's visibility rule, school by school, as for every other figure
        schools: d.schools
          .filter((s) => view.school(s.school) !== undefined)
          .map((s) => ({ ...s, history: s.history.map((h) => ({ ...h })), reasons: [...s.reasons] })),
      })),
    };
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => [ActivityMonth], { description: 'Monthly activity over the region’s schools (precomputed by the warehouse)' })
  async activity(
    @Parent() region: Region,
    @Context() ctx: GatewayContext,
    @Args('from', { nullable: true, description: 'YYYY-MM' }) from?: string,
    @Args('to', { nullable: true, description: 'YYYY-MM' }) to?: string,
  ): Promise<ActivityMonth[]> {
    const window = monthsArg(from, to);
    return (await ctx.upstreams.warehouse.regionActivity(region.code, window.from, window.to)).map(activityMonth);
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => IngestionHealth, { description: 'Ingestion over the region’s schools: totals, sources, silent sources' })
  async ingestion(@Parent() region: Region, @Context() ctx: GatewayContext): Promise<IngestionHealth> {
    return ingestionHealth(await ctx.upstreams.warehouse.regionIngestion(region.code));
  }

  @Allow(OFFICER_ROLES, INSIDE)
  @ResolveField(() => [Alert], {
    description:
      'The alerts of the region’s schools, most urgent first: open ones (or all, resolved too), from the warehouse’s and the assessment’s alert streams',
  })
  async alerts(
    @Parent() region: Region,
    @Context() ctx: GatewayContext,
    @Args('status', { type: () => AlertFilter, defaultValue: AlertFilter.OPEN }) status: AlertFilter,
    @Args('first', { type: () => Int, nullable: true, description: '1..500, default 100' }) first?: number,
  ): Promise<Alert[]> {
    const view = await ctx.view(region.asOf);
    const alerts = await regionAlerts(ctx.upstreams, region.code, status === AlertFilter.ALL ? 'all' : 'open', firstArg(first, 500, 100));
    // identity's visibility rule, school by school, as for every other figure
    return alerts.filter((a) => view.school(a.school) !== undefined).map(alertOf);
  }
}
