import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '@educube/service-kit';
import type { GatewayContext } from '../context';
import { activityKey } from '../context';
import type { IngestionAnswer } from '../upstream/clients';
import { ActivityMonth, FormFormat, IngestionHealth, Standard } from '../types/region.types';
import { DistrictRef, DocumentMeta, Headcounts, School, SchoolReview, SchoolStanding, ScoreSheet } from '../types/school.types';
import { OFFICER_ROLES, PEOPLE } from '../visibility';
import { monthsArg } from './args';
import { activityMonth, ingestionHealth } from './region.resolver';

const OF_SCHOOL = 'the school was checked visible when reached (officers: their region; staff: their own school)';
const DOCUMENT_READERS = [...OFFICER_ROLES, 'cio', 'principal'] as const;

export function schoolsWithSilentSource(health: IngestionAnswer | undefined): Set<string> {
  return new Set((health?.silentSources ?? []).map((s) => s.school));
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

@Resolver(() => School)
export class SchoolResolver {
  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => DistrictRef, { nullable: true, description: 'The district the school belonged to on the date' })
  async district(@Parent() school: School, @Context() ctx: GatewayContext): Promise<DistrictRef | null> {
    const r = (await ctx.view(school.asOf)).directory.region(school.regionCode);
    return r ? { code: r.code, name: r.name } : null;
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => Headcounts, { nullable: true, description: 'Students, teachers and staff on the date (identity)' })
  async headcounts(@Parent() school: School, @Context() ctx: GatewayContext): Promise<Headcounts | null> {
    const h = await ctx.upstreams.identity.headcounts(school.code, school.asOf);
    if (!h) return null;
    const totals = (h['totals'] ?? {}) as Record<string, unknown>;
    return {
      asOf: typeof h['asOf'] === 'string' ? h['asOf'] : null,
      students: num(totals['students']),
      teachers: num(totals['teachers']),
      staff: num(totals['staff']),
      source: 'identity: people placed at the school on the date',
    };
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => [SchoolStanding], { description: 'The school’s verdict under each standard (batched per page)' })
  async standings(@Parent() school: School, @Context() ctx: GatewayContext): Promise<SchoolStanding[]> {
    const rows = await ctx.loaders.standings.load(school.code);
    return rows.map((r) => ({
      standard: r.standard as Standard,
      label: r.label,
      score: r.score ?? null,
      stars: r.stars ?? null,
      passed: r.passed ?? null,
      level: r.level ?? null,
      basicMet: r.basicMet ?? null,
      basicTotal: r.basicTotal ?? null,
      computedAt: r.computedAt ?? null,
    }));
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => ScoreSheet, { nullable: true, description: 'Every item with value, threshold, met, points, formula, provenance and review status' })
  async sheet(
    @Parent() school: School,
    @Context() ctx: GatewayContext,
    @Args('standard', { type: () => Standard }) standard: Standard,
    @Args('column', { nullable: true, description: 'self or a review level; default the last level of the chain' }) column?: string,
  ): Promise<ScoreSheet | null> {
    const s = await ctx.upstreams.assessment.sheet(school.code, standard, column, school.asOf);
    if (!s) return null;
    return {
      standard,
      asOf: s.asOf,
      column: s.column,
      checkpoint: String(s.checkpoint),
      verdictJson: JSON.stringify(s.verdict),
      rows: s.rows.map((r) => ({
        itemId: str(r['itemId']),
        number: r['number'] === null || r['number'] === undefined ? null : str(r['number']),
        groups: Array.isArray(r['groups']) ? r['groups'].map(str) : [],
        text: str(r['text']),
        label: str(r['label']),
        flags: str(r['flags']),
        maxPoints: num(r['maxPoints']),
        basis: str(r['basis']),
        window: str(r['window']),
        value: num(r['value']),
        threshold: num(r['threshold']),
        met: r['met'] === true,
        points: num(r['points']),
        contributing: num(r['contributing']) ?? 0,
        sampleIds: Array.isArray(r['sampleIds']) ? r['sampleIds'].map(str) : [],
        formulaOrEvidence: str(r['formulaOrEvidence']),
        status: str(r['status']),
        override: str(r['override']),
      })),
    };
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => SchoolReview, { nullable: true, description: 'Attested items’ review per level and the review history' })
  async review(
    @Parent() school: School,
    @Context() ctx: GatewayContext,
    @Args('standard', { type: () => Standard }) standard: Standard,
  ): Promise<SchoolReview | null> {
    const r = await ctx.upstreams.assessment.reviews(school.code, standard);
    if (!r) return null;
    return {
      standard,
      chain: r.chain.map((l) => l.id),
      items: r.items.map((i) => ({
        itemId: i.itemId,
        attestationId: i.attestationId ?? null,
        status: i.status ?? null,
        decisions: Object.entries(i.reviews ?? {}).map(([level, d]) => ({
          level,
          decision: d.decision,
          comment: d.comment,
          points: d.points ?? null,
          at: d.at,
        })),
      })),
      history: r.history.map((e) => ({
        type: e.type,
        itemId: e.data?.itemId ?? '',
        level: e.data?.level ?? null,
        at: e.data?.at ?? null,
        role: e.data?.by?.role ?? null,
      })),
    };
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => String, {
    nullable: true,
    description: 'Ningxia’s 星级认定表 (附件2) as the hub fills it: self-assessment, bureau and department columns',
  })
  async ningxiaForm(
    @Parent() school: School,
    @Context() ctx: GatewayContext,
    @Args('format', { type: () => FormFormat, defaultValue: FormFormat.html }) format: FormFormat,
  ): Promise<string | null> {
    return (await ctx.upstreams.assessment.ningxiaForm(school.code, format, school.asOf)) ?? null;
  }

  @Allow(DOCUMENT_READERS, 'officers of the school’s region; its own CIO and principal: metadata only, never the bytes')
  @ResolveField(() => [DocumentMeta], { description: 'Documents attached to the school’s attestations (metadata only)' })
  async documents(
    @Parent() school: School,
    @Context() ctx: GatewayContext,
    @Args('standard', { type: () => Standard, nullable: true }) standard?: Standard,
  ): Promise<DocumentMeta[]> {
    const standards = standard ? [standard] : Object.values(Standard);
    const reviews = await Promise.all(standards.map(async (s) => ({ s, r: await ctx.upstreams.assessment.reviews(school.code, s) })));
    return reviews.flatMap(({ s, r }) =>
      (r?.items ?? []).flatMap((i) =>
        (i.documents ?? []).map((d) => ({ standard: s, itemId: i.itemId, name: d.name, mediaType: d.mediaType, bytes: d.bytes, sha256: d.sha256 })),
      ),
    );
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => [ActivityMonth], { description: 'Monthly activity of the school (batched per page)' })
  async activity(
    @Parent() school: School,
    @Context() ctx: GatewayContext,
    @Args('from', { nullable: true }) from?: string,
    @Args('to', { nullable: true }) to?: string,
  ): Promise<ActivityMonth[]> {
    const window = monthsArg(from, to);
    return (await ctx.loaders.activity.load(activityKey(school.code, window.from, window.to))).map(activityMonth);
  }

  @Allow(PEOPLE, OF_SCHOOL)
  @ResolveField(() => IngestionHealth, { description: 'What the school’s systems have sent (batched per page)' })
  async ingestion(@Parent() school: School, @Context() ctx: GatewayContext): Promise<IngestionHealth> {
    return ingestionHealth(await ctx.loaders.ingestion.load(school.code));
  }
}
