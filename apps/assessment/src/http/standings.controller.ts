import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { STANDARD_IDS, type StandardId } from '@educube/assessment-catalog';
import {
  isStandingLabel,
  itemRates,
  itemTrendOf,
  monthOf,
  monthsEnding,
  semestersOf,
  STANDING_LABELS,
  sumDistributions,
  trendOf,
} from '@educube/assessment-standings';
import type { Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, Problem, zodProblem } from '@educube/service-kit';
import { z } from 'zod';
import { EvidenceService } from '../evidence/evidence.service';
import { standardOf } from '../review/review.controller';
import { StandingsService } from '../standings/standings.service';
import { regionOut, ROUTE_ACCESS, Scope, subtree } from '../access';
import { batchStandingsAnswer, itemTrendAnswer, labelledSchoolsAnswer, regionStandingsAnswer } from './answers';
import type { ContractBody } from '@educube/contracts';

/** A dashboard page asks for its schools at once; 500 bounds one answer. */
export const MAX_BATCH_SCHOOLS = 500;

const batchSchema = z.object({
  schools: z
    .array(z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'a school code: letters, digits, _ or -, at most 64'))
    .min(1)
    .max(MAX_BATCH_SCHOOLS),
});

const invalid = (path: string, rule: string, message: string, value: unknown): Problem =>
  new Problem(400, 'Invalid query', message, [{ path, rule, message, value }]);

/**
 * Region roll-ups of the stored standings for the gateway's dashboards: per region and
 * standard, the distribution of verdicts (Ningxia after each district's three-star cap), each
 * item's met-rate and the monthly trend. Every figure is read from per-district rows the
 * evidence refresh keeps; a region sums its districts, never its schools.
 */
@Controller('v1')
export class StandingsController {
  constructor(
    private readonly standings: StandingsService,
    private readonly evidence: EvidenceService,
    @Inject(Scope) private readonly scope: Scope,
  ) {}

  private months(text: string | undefined): number {
    if (text === undefined) return 12;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > 60) throw invalid('months', 'integer 1..60', `months is a whole number from 1 to 60, not ${text}`, text);
    return n;
  }

  /** The region's standings: one standard in full, or every standard's distribution. */
  @Allow(ROUTE_ACCESS.region.roles, ROUTE_ACCESS.region.scope)
  @Api({
    summary: "a region's standings per standard",
    query: z.object({ standard: z.string().optional(), months: z.string().optional() }),
    response: regionStandingsAnswer,
    errors: [404, 503],
  })
  @Get('regions/:code/standings')
  async region(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Query('standard') standardText?: string,
    @Query('months') monthsText?: string,
  ): Promise<ContractBody<typeof regionStandingsAnswer>> {
    const directory = await this.standings.directoryNow();
    const region = this.scope.region(actor, code, directory);
    const standard = standardText === undefined ? undefined : standardOf(standardText);
    const months = this.months(monthsText);
    const districts = subtree(directory, code);
    const asOf = this.evidence.asOf();
    const store = this.standings.storeForReads;
    const counts = await store.distributions(districts, standard);
    const distributionOf = (s: StandardId, sheet = false) =>
      sumDistributions(
        s,
        counts.filter((c) => c.standard === s).map((c) => ({ label: c.label, count: sheet ? c.sheetCount : c.count })),
      );
    if (standard === undefined) {
      return {
        region: regionOut(region),
        asOf,
        standards: STANDARD_IDS.map((s) => {
          const distribution = distributionOf(s);
          return { standard: s, schools: distribution.reduce((n, d) => n + d.count, 0), distribution };
        }),
      };
    }
    const distribution = distributionOf(standard);
    const trend = trendOf(standard, await store.trend(districts, standard, monthOf(asOf)), monthsEnding(monthOf(asOf), months));
    return {
      region: regionOut(region),
      standard,
      asOf,
      schools: distribution.reduce((n, d) => n + d.count, 0),
      distribution,
      ...(standard === 'ningxia' ? { ningxia: { distributionBeforeCap: distributionOf(standard, true), capped: await store.caps(districts) } } : {}),
      items: itemRates(standard, await store.items(districts, standard)),
      trend,
      semesters: semestersOf(trend),
    };
  }

  /** Each item's met-rate month by month over the region's schools: which indicators lag, and since when. */
  @Allow(ROUTE_ACCESS.region.roles, ROUTE_ACCESS.region.scope)
  @Api({
    summary: "a region's item trend",
    query: z.object({ standard: z.string(), months: z.string().optional() }),
    response: itemTrendAnswer,
    errors: [404, 503],
  })
  @Get('regions/:code/standings/items')
  async itemTrend(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Query('standard') standardText?: string,
    @Query('months') monthsText?: string,
  ): Promise<ContractBody<typeof itemTrendAnswer>> {
    const directory = await this.standings.directoryNow();
    const region = this.scope.region(actor, code, directory);
    if (standardText === undefined) throw invalid('standard', 'required', `name the standard: one of ${STANDARD_IDS.join(', ')}`, null);
    const standard = standardOf(standardText);
    const months = this.months(monthsText);
    const asOf = this.evidence.asOf();
    const rows = await this.standings.storeForReads.itemTrend(subtree(directory, code), standard, monthOf(asOf));
    return { region: regionOut(region), standard, asOf, trend: itemTrendOf(standard, rows, monthsEnding(monthOf(asOf), months)) };
  }

  /** The codes of the region's schools with one label (Ningxia: after the district's cap), to filter a page by verdict. */
  @Allow(ROUTE_ACCESS.region.roles, ROUTE_ACCESS.region.scope)
  @Api({
    summary: 'the schools of a region with a standing label',
    query: z.object({ standard: z.string(), label: z.string() }),
    response: labelledSchoolsAnswer,
    errors: [404, 503],
  })
  @Get('regions/:code/standings/schools')
  async schools(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Query('standard') standardText?: string,
    @Query('label') label?: string,
  ): Promise<ContractBody<typeof labelledSchoolsAnswer>> {
    const directory = await this.standings.directoryNow();
    this.scope.region(actor, code, directory);
    if (standardText === undefined) throw invalid('standard', 'required', `name the standard: one of ${STANDARD_IDS.join(', ')}`, null);
    const standard = standardOf(standardText);
    if (label === undefined || !isStandingLabel(standard, label))
      throw invalid('label', 'standing-label', `${standard}'s labels are ${STANDING_LABELS[standard].join(', ')}`, label ?? null);
    return { schools: await this.standings.storeForReads.schoolsLabelled(subtree(directory, code), standard, label) };
  }

  /** Standings of up to 500 schools in one call; a school the caller may not see is absent, like an unknown one. */
  @Allow(ROUTE_ACCESS.batchStandings.roles, ROUTE_ACCESS.batchStandings.scope)
  @Api({ summary: 'standings of up to 500 schools', body: batchSchema, response: batchStandingsAnswer, errors: [503] })
  @Post('standings')
  @HttpCode(200)
  async batch(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ContractBody<typeof batchStandingsAnswer>> {
    const parsed = batchSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) throw zodProblem(parsed.error, 'body', 'Invalid input');
    const wanted = [...new Set(parsed.data.schools)];
    const visible = await this.scope.visibleOf(actor, wanted, () => this.standings.directoryNow());
    const rows = visible.length ? await this.standings.storeForReads.of(visible) : [];
    return {
      standings: rows.map((r) => ({
        school: r.school,
        standard: r.standard,
        label: r.regionLabel,
        ...(r.regionLabel === r.label ? {} : { sheetLabel: r.label }),
        score: r.score,
        stars: r.standard === 'ningxia' ? Number(r.regionLabel.split('-')[0]) : r.stars,
        ...(r.standard === 'ningxia' ? { starsBeforeCap: r.stars, starsByScore: r.starsByScore } : {}),
        passed: r.passed,
        level: r.level,
        basicMet: r.basicMet,
        basicTotal: r.basicTotal,
        district: r.district,
        asOf: r.asOf,
        computedAt: r.computedAt,
      })),
    };
  }
}
