import { sha256Hex } from '@educube/canonical-json';
import { CATALOGS, STANDARD_IDS, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, evaluateCatalog, type EvaluationOptions, type Evidence, type ReferenceFigures, type SchoolFacts } from '@educube/assessment-engine';

// What the evidence refresh decides, apart from reading and writing: which items a school's
// evidence covers, its digest, the assessment date and which reference figures a sheet uses.
// No database, no clock, no framework: the service and the rebuild hand everything in.

export interface ComputedEvidence {
  readonly school: string;
  readonly standard: StandardId;
  readonly evidence: Evidence;
  /** SHA-256 of the evidence's JSON: equal content, equal digest (the engine builds keys in a fixed order). */
  readonly digest: string;
}

export const digestOf = (evidence: Evidence): string => sha256Hex(JSON.stringify(evidence));

/** Every derived item's evidence of one school under every standard. */
export function computeEvidence(facts: SchoolFacts, options: EvaluationOptions, standards: readonly StandardId[] = STANDARD_IDS): ComputedEvidence[] {
  return standards.flatMap((standard) =>
    evaluateCatalog(CATALOGS[standard], CLASSIFICATIONS[standard], facts, options).map((evidence) => ({
      school: facts.school,
      standard,
      evidence,
      digest: digestOf(evidence),
    })),
  );
}

/** The assessment's date at `now`: a fixed one when configured (demos, tests), else today in China (UTC+8). */
export const assessmentDate = (fixed: string | undefined, now: Date): string => fixed ?? new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The figures a sheet as of `asOf` compares with: the refresh's own when it pooled for that date
 * (and pooled something), so a sheet shows what the stored evidence says; another date pools
 * the schools again as of it.
 */
export function figuresFor(
  asOf: string,
  refreshed: { readonly asOf: string; readonly figures: ReferenceFigures },
  poolAgain: () => ReferenceFigures,
): ReferenceFigures {
  return asOf === refreshed.asOf && refreshed.figures.size > 0 ? refreshed.figures : poolAgain();
}
