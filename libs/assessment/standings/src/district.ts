import type { StandardId } from '@educube/assessment-catalog';
import { capByDistrictAndYear, type DistrictCap } from './ningxia-cap';
import { starsLabel } from './labels';
import { distributionOf, itemCounts, type ItemCount, type LabelCount } from './rollup';

/** A stored standing as a district's roll-up reads it. */
export interface DistrictStanding {
  readonly school: string;
  /** The school's own label (its sheet). */
  readonly label: string;
  readonly score: number | null;
  readonly stars: number | null;
  readonly starsByScore: number | null;
  /** The as-of date the standing was computed for (its year is Ningxia's rating year). */
  readonly asOf: string;
  readonly metItems: readonly string[];
}

export interface DistrictRollup {
  /** Each school's label after the region-level rules (Ningxia's cap); the others keep their own. */
  readonly regionLabels: ReadonlyMap<string, string>;
  /** Counts after the region-level rules: what the region's distribution shows. */
  readonly distribution: LabelCount[];
  /** Counts by the schools' own sheets (Ningxia: stars after the ★ veto, before the cap). */
  readonly sheetDistribution: LabelCount[];
  readonly items: ItemCount[];
  /** Ningxia: the cap per year; empty for the other standards. */
  readonly caps: readonly DistrictCap[];
}

/** Everything a district stores for one standard, from its schools' standings. */
export function districtRollup(standard: StandardId, district: string, standings: readonly DistrictStanding[]): DistrictRollup {
  const regionLabels = new Map(standings.map((s) => [s.school, s.label]));
  let caps: readonly DistrictCap[] = [];
  if (standard === 'ningxia') {
    const outcome = capByDistrictAndYear(
      standings.map((s) => ({
        school: s.school,
        district,
        year: Number(s.asOf.slice(0, 4)),
        total: s.score ?? 0,
        stars: s.stars ?? 0,
        starsByScore: s.starsByScore ?? s.stars ?? 0,
      })),
    );
    caps = outcome.caps;
    for (const [school, stars] of outcome.starsAfterCap) regionLabels.set(school, starsLabel(stars));
  }
  return {
    regionLabels,
    distribution: distributionOf(standard, regionLabels.values()),
    sheetDistribution: distributionOf(
      standard,
      standings.map((s) => s.label),
    ),
    items: itemCounts(
      standard,
      standings.map((s) => s.metItems),
    ),
    caps,
  };
}
