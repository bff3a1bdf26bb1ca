import { allItems, CATALOGS } from '@educube/assessment-catalog';
import { CLASSIFICATIONS } from './classification';
import { evaluateItem, type EvaluationOptions } from './evaluate';
import type { SchoolFacts } from './facts';
import { check, derived, hasChecks, type Measure, type Window } from './formula';

/**
 * Ningxia's regional reference figures (全区平均水平) computed from the hub's own data, for
 * `EvaluationOptions.regionalAverages`. Each figure pools the numerator and the denominator of
 * the item's own check over the region's schools (Σ numerators ÷ Σ denominators), so a school
 * is compared with the region by the very measure it is scored on, and large schools weigh as
 * many teachers as they have (a mean of school ratios would let a 3-teacher school count as
 * much as a 300-teacher one).
 *
 * Only ratio checks are averages. Item 17's denominator (a quarter of each subject's
 * knowledge points) is no regional figure: schools report it per subject and school year
 * (SubjectKnowledgePointsReported).
 */

export interface RegionalSchool {
  /** The school's administrative region code (e.g. 640104). */
  readonly regionCode: string;
  readonly facts: SchoolFacts;
}

export interface RegionalBasis {
  /** Schools pooled: in the region, with a denominator above 0. */
  readonly schools: number;
  readonly numerator: number;
  readonly denominator: number;
}

export interface RegionalFigures {
  readonly figures: Record<string, number>;
  readonly basis: Record<string, RegionalBasis>;
}

/** The figures computed here: each names the Ningxia item whose ratio check refers to it. */
export const REGIONAL_FIGURES: Readonly<Record<string, string>> = {
  'ningxia.cloudIndex': '23',
  'ningxia.literacyExcellentShare': '48',
};

/** The item's check that compares with the figure; it must be a ratio to be pooled. */
function ratioCheck(figure: string, itemId: string): { num: Measure; den: Measure; window: Window } {
  const c = CLASSIFICATIONS.ningxia[itemId];
  const found = hasChecks(c) ? c.checks.find((k) => typeof k.value === 'object' && k.value.regional === figure) : undefined;
  if (!found || found.measure.of !== 'ratio') throw new Error(`Ningxia item ${itemId} has no ratio check against ${figure}`);
  return { num: found.measure.num, den: found.measure.den, window: found.window };
}

/**
 * Pooled figures over the schools whose region code starts with `regionPrefix` (`64` for 全区).
 * A school without a denominator (no teacher spaces, no 专任教师 on record) is left out of both
 * sums: it has nothing to average over. A figure with no school to pool is omitted, so the item
 * says the reference figure was not supplied rather than comparing with 0.
 */
export function regionalAverages(schools: readonly RegionalSchool[], regionPrefix: string, options: Omit<EvaluationOptions, 'regionalAverages'>): RegionalFigures {
  if (!regionPrefix) throw new Error('a region prefix is required (64 for Ningxia): an empty one would pool every province');
  const inRegion = schools.filter((s) => s.regionCode.startsWith(regionPrefix));
  const items = new Map(allItems(CATALOGS.ningxia.groups).map((i) => [i.id, i]));
  const figures: Record<string, number> = {};
  const basis: Record<string, RegionalBasis> = {};
  for (const [figure, itemId] of Object.entries(REGIONAL_FIGURES)) {
    const item = items.get(itemId);
    if (!item) throw new Error(`the Ningxia catalog has no item ${itemId}`);
    const m = ratioCheck(figure, itemId);
    // Numerator and denominator evaluated as checks of the item itself: the engine's own
    // measure, window and fallbacks (roster, else HeadcountReported), nothing re-implemented.
    const parts = derived('A', `${figure}: numerator and denominator`, [check('numerator', m.num, m.window, '>=', 0), check('denominator', m.den, m.window, '>=', 0)]);
    let pooled = 0;
    let numerator = 0;
    let denominator = 0;
    for (const s of inRegion) {
      const [num, den] = evaluateItem(item, parts, s.facts, options).checks;
      if (!den?.value) continue;
      pooled += 1;
      numerator += num?.value ?? 0;
      denominator += den.value;
    }
    basis[figure] = { schools: pooled, numerator, denominator };
    if (denominator > 0) figures[figure] = numerator / denominator;
  }
  return { figures, basis };
}
