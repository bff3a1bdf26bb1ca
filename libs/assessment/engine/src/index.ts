export * from './formula';
export { CLASSIFICATIONS } from './classification';
export { chinaDate, schoolYearOf, schoolYearBounds } from './calendar';
export { emptyFacts, evolveFacts, applyAll, entitiesAsOf, recordsIn, ENTITY_SPECS, type SchoolFacts, type FactRecord, type Entity } from './facts';
export { evaluateItem, evaluateCatalog, compare, valuesAt, type Evidence, type CheckEvidence, type EvaluationOptions, type ResolvedWindow, type StageResult } from './evaluate';
export { score, resultsFromEvidence, type ItemResult, type ItemResults, type Verdict, type GroupScore } from './scoring';
export { scoreSheet, sheetToCsv, type SheetRow, type AttestedResult, type Override } from './sheet';
