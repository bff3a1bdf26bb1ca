import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ningxiaRulings } from '@educube/assessment-standings';
import { OFFICERS, type Actor } from '@educube/oidc';
import { Allow, Api, CurrentActor, Problem, zodProblem } from '@educube/service-kit';
import type { ContractBody } from '@educube/contracts';
import { z } from 'zod';
import { REGION_READERS, regionOut, Scope, SERVICE, subtree } from '../access';
import { districtCapSchema, regionAnswer } from '../http/answers';
import { EvidenceService } from '../evidence/evidence.service';
import { StandingsService } from '../standings/standings.service';
import { NingxiaRatingsStore } from './ningxia-ratings-store';

const grantSchema = z.strictObject({
  stars: z.union([z.literal(0), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
    error: 'stars is 0 (未定级 or title cancelled) or 2–5: 第十条 rates 二星级 (70 分) and up, there is no 一星级',
  }),
  note: z.string().trim().min(1).max(500).optional(),
});

const stars = z.number().int().min(0).max(5);

const grantedRating = z.object({
  school: z.string(),
  year: z.number().int(),
  stars: stars.meta({ description: 'granted stars that year (0 = 未定级 or title cancelled)' }),
  note: z.string().nullable(),
  recordedBy: z.string().meta({ description: 'the officer (token subject) or `service:<client id>`' }),
  recordedAt: z.iso.datetime({ offset: true }),
});

const schoolRuling = z.object({
  school: z.string(),
  total: z.number(),
  starsByScore: stars,
  stars: stars.meta({ description: "after the ★ veto (the school's sheet)" }),
  starsAfterCap: stars,
  capped: z.boolean(),
  history: z.array(z.object({ year: z.number().int(), stars })).meta({ description: 'granted ratings of earlier years, oldest first' }),
  finalStars: stars.meta({ description: "after 第十四条: what the district's figures count" }),
  downgraded: z.boolean(),
  reasons: z.array(z.string()).meta({ description: "why, rule by rule (cap, then downgrade), in the document's terms" }),
});

const rulingsAnswer = z.object({
  region: regionAnswer,
  year: z.number().int(),
  asOf: z.iso.date(),
  rules: z.object({ cap: z.string(), downgrade: z.string() }),
  districts: z.array(
    districtCapSchema.extend({
      downgraded: z.array(z.string()).meta({ description: 'schools 第十四条 lowered, by code' }),
      schools: z.array(schoolRuling),
      name: z.string().nullable().meta({ description: "the district's name in identity's tree" }),
    }),
  ),
});

const grantedAnswer = z.object({ school: z.string(), ratings: z.array(grantedRating) });

const invalid = (path: string, rule: string, message: string, value: unknown): Problem =>
  new Problem(400, 'Invalid input', message, [{ path, rule, message, value }]);

/**
 * Ningxia's region rulings (宁夏 管理办法): 第十一条（二）'s three-star cap per district and year
 * and 第十四条's downgrade after three years without moving up, each school with its reasons.
 * The earlier years are the ratings the region granted, recorded here by its officers.
 */
@Controller('v1')
export class RulingsController {
  constructor(
    private readonly ratings: NingxiaRatingsStore,
    private readonly standings: StandingsService,
    private readonly evidence: EvidenceService,
    @Inject(Scope) private readonly scope: Scope,
  ) {}

  /** The rulings for every district of a region in the rating year (the year of the standings' as-of date). */
  @Allow(REGION_READERS, "officers for their own region and the regions within it (identity's tree), else 404 as for an unknown region; services")
  @Api({
    summary: "the hub's Ningxia rulings for a region's schools",
    query: z.object({ year: z.string().optional() }),
    response: rulingsAnswer,
    errors: [404, 422, 503],
  })
  @Get('regions/:code/ningxia/rulings')
  async rulings(@CurrentActor() actor: Actor, @Param('code') code: string, @Query('year') yearText?: string): Promise<ContractBody<typeof rulingsAnswer>> {
    const directory = await this.standings.directoryNow();
    const region = this.scope.region(actor, code, directory);
    const asOf = this.evidence.asOf();
    const year = Number(asOf.slice(0, 4));
    if (yearText !== undefined && yearText !== String(year)) {
      throw new Problem(
        422,
        'Refused',
        `the hub rules on ${year}, the year of its standings (as of ${asOf}); earlier years' ratings are the granted ones: GET /v1/schools/{school}/ningxia/ratings`,
        [{ path: 'year', rule: 'rating-year', message: `only ${year}`, value: yearText }],
      );
    }
    const candidates = await this.ratings.candidates(subtree(directory, code));
    const granted = new Map<string, { year: number; stars: number }[]>();
    for (const g of await this.ratings.granted(candidates.map((c) => c.school)))
      granted.set(g.school, [...(granted.get(g.school) ?? []), { year: g.year, stars: g.stars }]);
    const districts = [...new Set(candidates.filter((c) => c.year === year).map((c) => c.district))].sort();
    return {
      region: regionOut(region),
      year,
      asOf,
      rules: {
        cap: '第十一条（二）: 每年确定为三星级学校的数量不得高于当地培育学校总数的30%',
        downgrade: '第十四条: 对连续三年不能晋级的学校，自治区教育厅将降低其“星级”级别或取消其“星级”称号',
      },
      districts: districts.map((d) => {
        const r = ningxiaRulings(d, year, candidates, granted);
        const name = directory.region(d)?.name ?? null;
        return { ...r, name };
      }),
    };
  }

  /** The ratings granted to one school, year by year. */
  @Allow([...OFFICERS, SERVICE], 'officers whose region covers the school; services')
  @Api({ summary: "a school's granted Ningxia ratings", response: grantedAnswer, errors: [404, 503] })
  @Get('schools/:school/ningxia/ratings')
  async granted(@CurrentActor() actor: Actor, @Param('school') school: string): Promise<ContractBody<typeof grantedAnswer>> {
    await this.scope.requireSchool(actor, school);
    return { school, ratings: await this.ratings.granted([school]) };
  }

  /** Records the rating the region granted a school for a year (an earlier round, or an import of past ratings). */
  @Allow([...OFFICERS, SERVICE], 'officers whose region covers the school; services')
  @Api({
    summary: 'records a granted Ningxia rating',
    body: grantSchema,
    response: { schema: grantedRating, description: 'the rating as recorded' },
    errors: [404, 503],
  })
  @Put('schools/:school/ningxia/ratings/:year')
  async grant(
    @CurrentActor() actor: Actor,
    @Param('school') school: string,
    @Param('year') yearText: string,
    @Body() body: unknown,
  ): Promise<ContractBody<typeof grantedRating>> {
    await this.scope.requireSchool(actor, school);
    await this.scope.regionOf(school);
    const year = Number(yearText);
    // the rating year the hub rules on is its standings' (ASSESSMENT_AS_OF when fixed), not the wall clock's
    const ruled = Number(this.evidence.asOf().slice(0, 4));
    if (!/^\d{4}$/.test(yearText) || year < 2018 || year > ruled)
      throw invalid('year', 'rating-year', `a rating year from 2018 (the standard's first) to ${ruled}, the year the hub rates, not ${yearText}`, yearText);
    const parsed = grantSchema.safeParse(body ?? {}, { reportInput: true });
    if (!parsed.success) throw zodProblem(parsed.error, 'body', 'Invalid input');
    const by = actor.kind === 'person' ? actor.subject : `service:${actor.clientId}`;
    return this.ratings.record({ school, year, stars: parsed.data.stars, note: parsed.data.note ?? null, by });
  }
}
