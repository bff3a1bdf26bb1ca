import { CATALOGS } from '@educube/assessment-catalog';

/**
 * Ningxia's rules over many schools' ratings, which one school's score cannot decide
 * (宁夏中小学“互联网+教育”智慧校园建设管理办法, 002_0941ca4fe4a28e7e.txt):
 * - 第十一条（二）: a district rates at most 30 % of its cultivated schools three-star a year;
 * - 第十四条: a school that cannot move up for three consecutive years is lowered a star, or
 *   loses its title when it has two (第十条 has no 一星级).
 * Both take ratings the caller already has (score → stars → ★ veto, see scoring.ts) and say why.
 */

const scoring = CATALOGS.ningxia.scoring;
const thresholds = scoring.kind === 'points' ? (scoring.stars ?? []) : [];
const minimumFor = (stars: number): number => {
  const t = thresholds.find((s) => s.stars === stars);
  if (!t) throw new Error(`the Ningxia catalog has no ${stars}-star threshold`);
  return t.minimum;
};
/** 第十条: 70 分及以上为二星级. */
const TWO_STAR_MINIMUM = minimumFor(2);

const ordinal = (n: number): string => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
};

export interface ThreeStarCandidate {
  /** School code; also the tie-break (ascending). */
  readonly school: string;
  readonly total: number;
  readonly starsByScore: number;
  /** Stars after the ★ veto (a 96 missing a ★ item is 3 here). */
  readonly stars: number;
}

export interface ThreeStarCapInput {
  readonly district: string;
  readonly year: number;
  /** 当地培育学校总数: the district's cultivated schools that year. */
  readonly cultivatedSchools: number;
  readonly candidates: readonly ThreeStarCandidate[];
  /** Schools this district already rated three-star in the same year (an earlier round): they use places. */
  readonly alreadyThreeStar?: readonly string[];
}

export interface CappedRating {
  readonly school: string;
  readonly total: number;
  /** What the score and the ★ veto give before the cap. */
  readonly proposedStars: number;
  readonly stars: number;
  /** True when the cap held the school below three stars. */
  readonly capped: boolean;
  readonly reasons: readonly string[];
}

export interface ThreeStarCapResult {
  readonly district: string;
  readonly year: number;
  /** floor(30 % × cultivated schools). */
  readonly places: number;
  /** Places used by earlier ratings of the same year. */
  readonly alreadyUsed: number;
  /** Places given in this call. */
  readonly granted: number;
  readonly ratings: readonly CappedRating[];
}

/**
 * 第十一条（二）: 每年确定为三星级学校的数量不得高于当地培育学校总数的30%. Places are
 * floor(30 % × cultivated) per district and year, less those already granted that year, and go
 * to the highest totals. The document gives no tie rule: equal totals are ordered by school
 * code (ascending) so that the result is reproducible, and the reason says so. A school beyond
 * the cap keeps two stars when its total reaches the two-star minimum. Four- and five-star
 * proposals are the region's to rate (第十条: 自治区教育厅负责四星级及以上学校的认定), so
 * they pass through uncapped and use no place.
 */
export function applyThreeStarCap(input: ThreeStarCapInput): ThreeStarCapResult {
  const { district, year, cultivatedSchools } = input;
  if (!Number.isInteger(cultivatedSchools) || cultivatedSchools < 0) throw new Error(`cultivated schools must be a whole number ≥ 0, got ${cultivatedSchools}`);
  const seen = new Set<string>();
  for (const c of input.candidates) {
    if (seen.has(c.school)) throw new Error(`school ${c.school} is a candidate twice`);
    seen.add(c.school);
  }
  // Integer arithmetic: 0.3 × n in floating point can fall just below a whole number.
  const places = Math.floor((cultivatedSchools * 3) / 10);
  const already = new Set(input.alreadyThreeStar ?? []);
  const alreadyUsed = already.size;
  const open = Math.max(0, places - alreadyUsed);
  const capText = `${places} of ${cultivatedSchools} cultivated schools may be three-star in ${district} in ${year} (第十一条（二）: ≤ 30 %)`;

  const contenders = input.candidates
    .filter((c) => c.stars === 3 && !already.has(c.school))
    .sort((a, b) => b.total - a.total || (a.school < b.school ? -1 : a.school > b.school ? 1 : 0));
  const tied = new Set(contenders.filter((c) => contenders.some((o) => o !== c && o.total === c.total)).map((c) => c.school));
  const rank = new Map(contenders.map((c, i) => [c.school, i + 1]));

  const ratings = input.candidates.map((c): CappedRating => {
    const base = { school: c.school, total: c.total, proposedStars: c.stars };
    if (c.stars >= 4)
      return {
        ...base,
        stars: c.stars,
        capped: false,
        reasons: [`${c.stars} stars are rated by the region (第十条), not under the district's three-star cap`],
      };
    if (c.stars < 3) return { ...base, stars: c.stars, capped: false, reasons: [] };
    if (already.has(c.school))
      return { ...base, stars: 3, capped: false, reasons: [`already rated three-star in ${district} in ${year}; counted among the ${places} places`] };
    const r = rank.get(c.school) ?? 0;
    const veto =
      c.starsByScore > c.stars ? [`its score alone gives ${c.starsByScore} stars; the ★ veto holds it at 3, so it competes for a district place`] : [];
    const tie = tied.has(c.school)
      ? [`tied at ${c.total} points with another school: ordered by school code (ascending), as the document gives no tie rule`]
      : [];
    const used = alreadyUsed ? ` (${alreadyUsed} already granted this year)` : '';
    if (r <= open) return { ...base, stars: 3, capped: false, reasons: [...veto, `${capText}${used}; ${ordinal(r)} by score: within the cap`, ...tie] };
    const stars = c.total >= TWO_STAR_MINIMUM ? 2 : 0;
    const fallback = stars === 2 ? `two stars (${c.total} ≥ ${TWO_STAR_MINIMUM})` : `no stars (${c.total} < ${TWO_STAR_MINIMUM})`;
    return { ...base, stars, capped: true, reasons: [...veto, `${capText}${used}; ${ordinal(r)} by score: beyond the cap, held at ${fallback}`, ...tie] };
  });
  return { district, year, places, alreadyUsed, granted: Math.min(open, contenders.length), ratings };
}

export interface YearRating {
  readonly year: number;
  /** Granted stars that year (0 = 未定级 or title cancelled). */
  readonly stars: number;
}

export interface StallResult {
  readonly stars: number;
  readonly downgraded: boolean;
  readonly reason: string;
}

const STALL_YEARS = 3;
const TOP_STARS = Math.max(...thresholds.map((t) => t.stars));
/** 第十条: the lowest 星级 is 二星级 (70 分及以上); there is no 一星级. */
const LOWEST_STARS = Math.min(...thresholds.map((t) => t.stars));
const isRating = (stars: number): boolean => stars === 0 || thresholds.some((t) => t.stars === stars);

/**
 * 第十四条: 对连续三年不能晋级的学校，自治区教育厅将降低其“星级”级别或取消其“星级”称号.
 *
 * `history` holds the granted rating of earlier years (after any earlier downgrade) and this
 * year's rating before this rule. A school stalls when it has held the same rating in each of
 * the three years up to `year`: the year it reached the level counts as the first, so
 * [2, 2, 2] stalls and [2, 2, 3] or [3, 3] do not. A stalled school is lowered one star
 * (降低其“星级”级别); a two-star school has no lower 星级 — 第十条 rates from 70 分及以上为二星级
 * up, so there is no 一星级 — and loses its title (取消其“星级”称号, 0). A rating of 1 is refused.
 *
 * Choices the document leaves open:
 * - A year without a rating carries the held title forward and counts as a year without
 *   moving up: the annual rating is once a year (第十一条), and a school should not escape
 *   the rule by not applying. Years before the first rating count for nothing.
 * - A lower rating starts a new run at the lower level: the school has already lost a star,
 *   and a downgrade must not cascade year after year.
 * - Five-star schools are exempt: there is no higher star to move up to, and 第十四条 is about
 *   培育和申创更高星级. Unrated schools (0) have no title to lower.
 */
export function applyStallDowngrade(history: readonly YearRating[], year: number): StallResult {
  const byYear = new Map<number, number>();
  for (const h of history) {
    if (byYear.has(h.year)) throw new Error(`two ratings for ${h.year}`);
    if (!isRating(h.stars)) throw new Error(`${h.year}: ${h.stars} stars is no 星级 of 第十条 (0, or ${LOWEST_STARS} to ${TOP_STARS})`);
    byYear.set(h.year, h.stars);
  }
  const rated = [...byYear.keys()].filter((y) => y <= year).sort((a, b) => a - b);
  const first = rated[0];
  if (first === undefined) return { stars: 0, downgraded: false, reason: `no rating by ${year}` };
  // Ratings year by year from the first, carrying the held title over unrated years.
  const series: { year: number; stars: number }[] = [];
  for (let y = first, held = 0; y <= year; y += 1) {
    held = byYear.get(y) ?? held;
    series.push({ year: y, stars: held });
  }
  const current = series[series.length - 1]?.stars ?? 0;
  if (current === 0) return { stars: 0, downgraded: false, reason: `unrated in ${year}: no title to lower` };
  if (current >= TOP_STARS)
    return {
      stars: current,
      downgraded: false,
      reason: `${current} stars is the top rating: there is no higher star to move up to, so 第十四条 does not apply`,
    };
  let run = 0;
  for (let i = series.length - 1; i >= 0 && series[i]?.stars === current; i -= 1) run += 1;
  const carried = series
    .slice(-run)
    .filter((s) => !byYear.has(s.year))
    .map((s) => s.year);
  const note = carried.length ? ` (no rating in ${carried.join(', ')}: the held title carries over)` : '';
  if (run < STALL_YEARS)
    return {
      stars: current,
      downgraded: false,
      reason: `${current} stars held ${run} year${run === 1 ? '' : 's'} to ${year}${note}; 第十四条 lowers after ${STALL_YEARS}`,
    };
  const since = year - run + 1;
  const stars = current - 1 >= LOWEST_STARS ? current - 1 : 0;
  const outcome = stars === 0 ? `the 星级 title is cancelled, as there is no star below ${current} (第十条: 70 分及以上为二星级)` : `lowered to ${stars} stars`;
  return { stars, downgraded: true, reason: `${current} stars held ${run} consecutive years ${since}–${year} without moving up${note}: ${outcome} (第十四条)` };
}
