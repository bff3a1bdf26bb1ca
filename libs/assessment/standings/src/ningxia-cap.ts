import { applyThreeStarCap } from '@educube/assessment-engine';

/** A school's Ningxia standing as the cap needs it. */
export interface NingxiaCandidate {
  readonly school: string;
  readonly district: string;
  /** The rating year: the calendar year of the standing's as-of date. */
  readonly year: number;
  readonly total: number;
  /** Stars after the ★ veto (the sheet's verdict). */
  readonly stars: number;
  readonly starsByScore: number;
}

/** One district's cap in one year, as the region answer reports it. */
export interface DistrictCap {
  readonly district: string;
  readonly year: number;
  /** 当地培育学校总数: the district's schools the hub rates under Ningxia that year. */
  readonly cultivated: number;
  /** floor(30 % × cultivated). */
  readonly places: number;
  /** Schools whose sheet gives three stars (score, then the ★ veto): the cap's contenders. */
  readonly threeStarByScore: number;
  readonly threeStarAfterCap: number;
  /** Schools held below three stars by the cap, by code. */
  readonly heldBack: readonly string[];
}

export interface CapOutcome {
  readonly caps: readonly DistrictCap[];
  /** Stars per school after the cap (equal to `stars` for every school the cap did not hold back). */
  readonly starsAfterCap: ReadonlyMap<string, number>;
}

/**
 * 宁夏 第十一条（二）: 每年确定为三星级学校的数量不得高于当地培育学校总数的30%, applied per
 * district and year with the engine's `applyThreeStarCap` (places to the highest totals, ties by
 * school code, a school beyond the cap keeps two stars when its total allows).
 *
 * Two readings the hub has to make, since it records no 培育 list and no granted ratings:
 * the cultivated schools are the district's schools it rates under Ningxia that year, and no
 * places are taken by an earlier round of the same year.
 */
export function capByDistrictAndYear(candidates: readonly NingxiaCandidate[]): CapOutcome {
  const groups = new Map<string, NingxiaCandidate[]>();
  for (const c of candidates) {
    const key = `${c.district}|${c.year}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const starsAfterCap = new Map<string, number>();
  const caps: DistrictCap[] = [];
  for (const group of groups.values()) {
    const { district, year } = group[0] as NingxiaCandidate;
    const result = applyThreeStarCap({
      district,
      year,
      cultivatedSchools: group.length,
      candidates: group.map((c) => ({ school: c.school, total: c.total, stars: c.stars, starsByScore: c.starsByScore })),
    });
    for (const r of result.ratings) starsAfterCap.set(r.school, r.stars);
    caps.push({
      district,
      year,
      cultivated: group.length,
      places: result.places,
      threeStarByScore: group.filter((c) => c.stars === 3).length,
      threeStarAfterCap: result.ratings.filter((r) => r.stars === 3).length,
      heldBack: result.ratings
        .filter((r) => r.capped)
        .map((r) => r.school)
        .sort(),
    });
  }
  caps.sort((a, b) => (a.district < b.district ? -1 : a.district > b.district ? 1 : a.year - b.year));
  return { caps, starsAfterCap };
}
