export * from './formula';
export { CLASSIFICATIONS } from './classification';
export { chinaDate, schoolYearOf, schoolYearBounds } from './calendar';
export { emptyFacts, evolveFacts, applyAll, entitiesAsOf, recordsIn, ENTITY_SPECS, type SchoolFacts, type FactRecord, type Entity } from './facts';
export {
  evaluateItem,
  evaluateCatalog,
  compare,
  valuesAt,
  type Evidence,
  type CheckEvidence,
  type EvaluationOptions,
  type ResolvedWindow,
  type StageResult,
  type LevelEvidence,
} from './evaluate';
export { score, resultsFromEvidence, resultOf, type ItemResult, type ItemResults, type Verdict, type GroupScore } from './scoring';
export { scoreSheet, sheetToCsv, type SheetRow, type AttestedResult, type Override } from './sheet';
export {
  applyThreeStarCap,
  applyStallDowngrade,
  type ThreeStarCandidate,
  type ThreeStarCapInput,
  type ThreeStarCapResult,
  type CappedRating,
  type YearRating,
  type StallResult,
} from './ningxia-ratings';
export {
  ningxiaForm,
  ningxiaFormGrid,
  ningxiaFormToCsv,
  ningxiaFormToHtml,
  NINGXIA_FORM_TITLE,
  NINGXIA_FORM_GROUPS,
  type NingxiaForm,
  type NingxiaFormInput,
  type NingxiaFormRow,
  type PointsVerdict,
} from './ningxia-form';
export {
  regionalAverages,
  REGIONAL_FIGURES,
  referenceFigures,
  optionsFor,
  repool,
  placedBy,
  placedAs,
  poolOf,
  registeredRegionOf,
  NO_POOLING,
  type RegionalSchool,
  type RegionalBasis,
  type RegionalFigures,
  type RegionOf,
  type ReferenceFigures,
  type SchoolPlacement,
  type Pooling,
  type Repooled,
} from './regional';
