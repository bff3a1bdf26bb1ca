import { allItems, CATALOGS } from '@educube/assessment-catalog';
import { CLASSIFICATIONS } from './classification';
import { evaluateItem, type EvaluationOptions } from './evaluate';
import { entitiesAsOf, type SchoolFacts } from './facts';
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
export function regionalAverages(
  schools: readonly RegionalSchool[],
  regionPrefix: string,
  options: Omit<EvaluationOptions, 'regionalAverages'>,
): RegionalFigures {
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
    const parts = derived('A', `${figure}: numerator and denominator`, [
      check('numerator', m.num, m.window, '>=', 0),
      check('denominator', m.den, m.window, '>=', 0),
    ]);
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

// ---- pooling: which schools are pooled where, and who compares anew when a pool moves ----------

/** Where a school sits for the 全区 averages (an administrative region code), if anywhere. */
export type RegionOf = (facts: SchoolFacts) => string | undefined;

/** Each pool's figures, by the pool's prefix (`64` for 宁夏回族自治区). */
export type ReferenceFigures = ReadonlyMap<string, Record<string, number>>;

/** The school's region code from its SchoolRegistered fact, if the feed has carried one. */
export const registeredRegionOf: RegionOf = (facts) => {
  const region = entitiesAsOf(facts, 'school', '9999-12-31')[0]?.data['regionCode'];
  return typeof region === 'string' ? region : undefined;
};

/** What places schools: identity's organisation tree, as far as pooling needs it. */
export interface SchoolPlacement {
  school(code: string): { readonly regionCode: string } | undefined;
}

/**
 * Identity's tree places a school; the feed's SchoolRegistered only where the tree has no such
 * school (or the tree could not be had). Identity publishes registrations to Kafka only, so
 * without Kafka (the embedded default) the feed alone would place no school and pool nothing.
 */
export const placedBy =
  (tree: SchoolPlacement | undefined): RegionOf =>
  (facts) =>
    tree?.school(facts.school)?.regionCode ?? registeredRegionOf(facts);

/** Schools are placed as a stored map says (a replay pools where the live evaluation did), else by their registration. */
export const placedAs =
  (placed: ReadonlyMap<string, string>): RegionOf =>
  (facts) =>
    placed.get(facts.school) ?? registeredRegionOf(facts);

/** The pool a region's schools are compared with: its province-level region (全区: 64 for 640104). */
export const poolOf = (regionCode: string): string => regionCode.slice(0, 2);

/**
 * Each pool's reference figures (Ningxia 23, 48: 全区平均水平) as of the date, over every school
 * `regionOf` places; an unplaced school is in no pool. A school's evidence uses its pool's.
 */
export function referenceFigures(all: readonly SchoolFacts[], asOf: string, regionOf: RegionOf = registeredRegionOf): Map<string, Record<string, number>> {
  const schools = all.flatMap((facts) => {
    const regionCode = regionOf(facts);
    return regionCode ? [{ regionCode, facts }] : [];
  });
  const out = new Map<string, Record<string, number>>();
  for (const prefix of new Set(schools.map((s) => poolOf(s.regionCode)))) out.set(prefix, regionalAverages(schools, prefix, { asOf }).figures);
  return out;
}

/** Evaluation options for one school: the as-of date and its pool's figures (none when unplaced or the pool has none). */
export function optionsFor(facts: SchoolFacts, asOf: string, figures: ReferenceFigures, regionOf: RegionOf = registeredRegionOf): EvaluationOptions {
  const region = regionOf(facts);
  const regional = region ? figures.get(poolOf(region)) : undefined;
  return { asOf, ...(region ? { regionCode: region } : {}), ...(regional && Object.keys(regional).length ? { regionalAverages: regional } : {}) };
}

/** Where the last pooling left every school: its region ('' unplaced), its pool, each pool's figures. */
export interface Pooling {
  readonly regions: ReadonlyMap<string, string>;
  readonly pools: ReadonlyMap<string, string>;
  readonly figures: ReferenceFigures;
}

export const NO_POOLING: Pooling = { regions: new Map(), pools: new Map(), figures: new Map() };

export interface Repooled extends Pooling {
  /** Schools whose region changed to a known one (what a store of placements records). */
  readonly moved: ReadonlyMap<string, string>;
  /** Schools to evaluate again: those asked for, those in another pool now, every school of a pool whose figures moved. */
  readonly reevaluate: ReadonlySet<string>;
}

/**
 * Pools the schools again after some changed (`changed`): a school placed in another pool
 * compares anew, and so does every school of a pool whose figures moved (one school's change
 * moves its pool's averages). The figures are pooled again only when something is to be
 * evaluated: otherwise nothing could have moved them.
 */
export function repool(all: readonly SchoolFacts[], asOf: string, regionOf: RegionOf, previous: Pooling, changed: Iterable<string>): Repooled {
  const regions = new Map(all.map((facts) => [facts.school, regionOf(facts) ?? '']));
  const moved = new Map([...regions].filter(([school, region]) => region && previous.regions.get(school) !== region));
  const pools = new Map([...regions].map(([school, region]) => [school, poolOf(region)]));
  const reevaluate = new Set(changed);
  for (const [school, pool] of pools) if (previous.pools.get(school) !== pool) reevaluate.add(school);
  let figures = previous.figures;
  if (reevaluate.size > 0) {
    figures = referenceFigures(all, asOf, regionOf);
    for (const [prefix, f] of figures) {
      if (JSON.stringify(f) === JSON.stringify(previous.figures.get(prefix))) continue;
      for (const [school, pool] of pools) if (pool === prefix) reevaluate.add(school);
    }
  }
  return { regions, pools, figures, moved, reevaluate };
}
