export { REVIEW_CHAINS, ROLES, ATTESTING_ROLES, coverProblem, levelIndex, type Role, type OfficerRole, type ReviewLevel, type ReviewLevelId } from './chains';
export * from './events';
export { decide, type Decision, type Problem } from './decide';
export { initialState, evolve, evolveAll, history, type ReviewState, type Attestation, type LevelDecision, type OverrideRecord } from './state';
export { columnResults, attestedResults, statusOf, type Column, type ColumnResults } from './queries';
export { EVIDENCE_MEDIA_TYPES, evidenceTypeOf, sniffEvidenceType, type EvidenceMediaType } from './documents';
