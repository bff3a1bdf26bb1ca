export { STANDING_LABELS, NINGBO_BANDS, isStandingLabel, ningboBand, standingOf, starsLabel, type Standing } from './labels';
export { ningxiaRulings, type DistrictRulings, type SchoolRuling } from './ningxia-rulings';
export { capByDistrictAndYear, type NingxiaCandidate, type DistrictCap, type CapOutcome } from './ningxia-cap';
export {
  distributionOf,
  sumDistributions,
  itemCounts,
  itemRates,
  trendOf,
  semestersOf,
  itemTrendOf,
  everyItem,
  type LabelCount,
  type ItemCount,
  type ItemRate,
  type TrendRow,
  type TrendPoint,
  type ItemTrendRow,
  type ItemTrendPoint,
} from './rollup';
export { monthOf, semesterOfMonth, monthsEnding } from './calendar';
export { districtRollup, type DistrictStanding, type DistrictRollup } from './district';
