import { applyStallDowngrade, applyThreeStarCap, type YearRating } from '@educube/assessment-engine';
import type { DistrictCap, NingxiaCandidate } from './ningxia-cap';

/**
 * Ningxia's region rulings for one district and year, with the reasons: 第十一条（二）'s
 * three-star cap over the district's schools, then 第十四条's downgrade of a school held at the
 * same rating for three consecutive years, read from the ratings granted in earlier years.
 *
 * This year's rating before 第十四条 is the hub's proposal: the score, the ★ veto, then the cap.
 * Earlier years are the ratings the region granted (recorded in the hub), never the hub's own
 * figures: a rating is the 自治区教育厅's act (第十条), and the hub holds no earlier standing.
 */
export interface SchoolRuling {
  readonly school: string;
  readonly total: number;
  readonly starsByScore: number;
  /** After the ★ veto (the school's sheet). */
  readonly stars: number;
  readonly starsAfterCap: number;
  readonly capped: boolean;
  /** Granted ratings of earlier years, oldest first. */
  readonly history: readonly YearRating[];
  /** After 第十四条: what the district's figures count. */
  readonly finalStars: number;
  readonly downgraded: boolean;
  /** Why, rule by rule (cap, then downgrade), in the document's terms. */
  readonly reasons: readonly string[];
}

/** The district's cap (as the region answer reports it), the schools 第十四条 lowered, and every school's ruling. */
export interface DistrictRulings extends DistrictCap {
  readonly downgraded: readonly string[];
  /** Schools by code. */
  readonly schools: readonly SchoolRuling[];
}

export function ningxiaRulings(
  district: string,
  year: number,
  candidates: readonly NingxiaCandidate[],
  granted: ReadonlyMap<string, readonly YearRating[]>,
): DistrictRulings {
  const inYear = candidates.filter((c) => c.district === district && c.year === year);
  const cap = applyThreeStarCap({
    district,
    year,
    cultivatedSchools: inYear.length,
    candidates: inYear.map((c) => ({ school: c.school, total: c.total, stars: c.stars, starsByScore: c.starsByScore })),
  });
  const bySchool = new Map(inYear.map((c) => [c.school, c]));
  const schools = cap.ratings
    .map((r): SchoolRuling => {
      const c = bySchool.get(r.school) as NingxiaCandidate;
      // only earlier years: this year's rating is the proposal being ruled on
      const history = [...(granted.get(r.school) ?? [])].filter((h) => h.year < year).sort((a, b) => a.year - b.year);
      const stall = applyStallDowngrade([...history, { year, stars: r.stars }], year);
      return {
        school: r.school,
        total: r.total,
        starsByScore: c.starsByScore,
        stars: r.proposedStars,
        starsAfterCap: r.stars,
        capped: r.capped,
        history,
        finalStars: stall.stars,
        downgraded: stall.downgraded,
        reasons: [...r.reasons, stall.reason],
      };
    })
    .sort((a, b) => (a.school < b.school ? -1 : a.school > b.school ? 1 : 0));
  return {
    district,
    year,
    cultivated: inYear.length,
    places: cap.places,
    threeStarByScore: inYear.filter((c) => c.stars === 3).length,
    threeStarAfterCap: cap.ratings.filter((r) => r.stars === 3).length,
    heldBack: schools.filter((s) => s.capped).map((s) => s.school),
    downgraded: schools.filter((s) => s.downgraded).map((s) => s.school),
    schools,
  };
}
