import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, scoreSheet, type Evidence, type SheetRow, type Verdict } from '@educube/assessment-engine';
import { columnResults, REVIEW_CHAINS, type Column, type ReviewState } from '@educube/assessment-review';

/** The sheet's default column: the last level of the standard's review chain (`self` without one). */
export function lastColumn(standard: StandardId): Column {
  const chain = REVIEW_CHAINS[standard];
  return chain[chain.length - 1]?.id ?? 'self';
}

/**
 * One school's score sheet: derived evidence, attested items and overrides as the review column
 * stands. The sheet endpoint and the stored standings both use this, so a standing is what the
 * sheet shows by default.
 */
export function sheetOf(
  standard: StandardId,
  evidence: readonly Evidence[],
  state: ReviewState,
  column: Column = lastColumn(standard),
): { rows: SheetRow[]; verdict: Verdict } {
  const { attested, overrides } = columnResults(state, standard, column);
  return scoreSheet(CATALOGS[standard], CLASSIFICATIONS[standard], evidence, attested, overrides);
}
