import { STANDARD_IDS } from '@educube/assessment-catalog';
import { stage } from '@educube/contracts';
import { z } from 'zod';

// What the assessment's read routes answer, for the OpenAPI document (and, under test, checked
// against every answer). Each handler declares its return type from these, so a field the code
// adds or renames fails to compile rather than drifting from the document.

const count = z.number().int().nonnegative();
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const month = z.string().regex(/^\d{4}-\d{2}$/);

export const standardId = z.enum(STANDARD_IDS);

/** A region as the answers name it (identity's tree). */
export const regionAnswer = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'district']) });

export const labelCount = z.object({ label: z.string().meta({ description: "one of the standard's standing labels" }), count });

const basis = z.enum(['derived', 'attested', 'derived+attested', 'unclassified']);

export const itemRate = z.object({
  itemId: z.string(),
  number: z.string().nullable(),
  label: z.string(),
  basis,
  met: count.meta({ description: 'schools whose sheet shows the item met' }),
  schools: count.meta({ description: 'schools evaluated' }),
  rate: z.number().min(0).max(1).meta({ description: 'met ÷ schools, 0 when no school is evaluated' }),
});

const trendPoint = z.object({ month, semester: z.string(), distribution: z.array(labelCount), schools: count });

const districtCap = z.object({
  district: z.string(),
  year: z.number().int(),
  cultivated: count.meta({ description: "当地培育学校总数: the district's schools the hub rates under Ningxia that year" }),
  places: count.meta({ description: 'floor(30 % × cultivated)' }),
  threeStarByScore: count,
  threeStarAfterCap: count,
  heldBack: z.array(z.string()).meta({ description: 'schools held below three stars by the cap, by code' }),
});
export const districtCapSchema = districtCap;

const standardSummary = z.object({ standard: standardId, schools: count, distribution: z.array(labelCount) });

/** `standard` named: that standard in full; else every standard's distribution. */
export const regionStandingsAnswer = z.union([
  z.object({
    region: regionAnswer,
    standard: standardId,
    asOf: isoDate,
    schools: count,
    distribution: z.array(labelCount),
    ningxia: z
      .object({ distributionBeforeCap: z.array(labelCount), capped: z.array(districtCap) })
      .optional()
      .meta({ description: "Ningxia only: the sheets' distribution before each district's three-star cap, and the caps" }),
    items: z.array(itemRate),
    trend: z.array(trendPoint),
    semesters: z.array(trendPoint).meta({ description: "each semester's last month in the trend" }),
  }),
  z.object({ region: regionAnswer, asOf: isoDate, standards: z.array(standardSummary) }),
]);

export const itemTrendAnswer = z.object({
  region: regionAnswer,
  standard: standardId,
  asOf: isoDate,
  trend: z.array(z.object({ month, semester: z.string(), items: z.array(itemRate) })),
});

export const labelledSchoolsAnswer = z.object({ schools: z.array(z.string()) });

export const batchStandingsAnswer = z.object({
  standings: z.array(
    z.object({
      school: z.string(),
      standard: standardId,
      label: z.string().meta({ description: "the label after region-level rules (Ningxia: the district's three-star cap)" }),
      sheetLabel: z.string().optional().meta({ description: "the sheet's own label, where the region's rules changed it" }),
      score: z.number().nullable(),
      stars: z.number().int().nullable(),
      starsBeforeCap: z.number().int().nullable().optional(),
      starsByScore: z.number().int().nullable().optional(),
      passed: z.boolean().nullable(),
      level: z.string().nullable(),
      basicMet: count.nullable(),
      basicTotal: count.nullable(),
      district: z.string().nullable(),
      asOf: isoDate,
      computedAt: isoDateTime,
    }),
  ),
});

const window = z.object({
  kind: z.enum(['asOf', 'schoolYear', 'semester', 'calendarYear', 'rolling', 'cumulative', 'creation']),
  from: isoDate,
  to: isoDate,
});
const check = z.object({
  label: z.string(),
  window,
  value: z.number().nullable(),
  cmp: z.enum(['>=', '>', '<=', '<', '==']),
  threshold: z.number().nullable(),
  met: z.boolean(),
  byStage: z.array(z.object({ stage, value: z.number().nullable(), threshold: z.number(), met: z.boolean() })).optional(),
  contributing: count,
  sampleIds: z.array(z.string()),
  note: z.string().optional(),
});

/** A derived item's evidence as stored, with where it came from. */
export const storedEvidence = z.object({
  itemId: z.string(),
  basis: z.enum(['derived', 'derived+attested']),
  formula: z.string(),
  window,
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  met: z.boolean(),
  points: z.number().optional().meta({ description: 'absent where the standard gives items no points' }),
  contributing: count,
  sampleIds: z.array(z.string()),
  checks: z.array(check),
  levels: z.array(z.object({ level: z.string(), met: z.boolean(), checks: z.array(check) })).optional(),
  review: z.string().optional(),
  computedAsOf: isoDate,
  standard: standardId,
  digest: z.string(),
  feedPosition: z.string(),
  computedAt: isoDateTime,
});

const evidenceStatus = {
  asOf: isoDate,
  evaluatedPosition: z.string(),
  pendingSchools: count,
  rowsWritten: count,
  referenceFigures: z.record(z.string(), z.record(z.string(), z.number())).meta({ description: "each pool's reference figures, by pool" }),
  refreshedAt: isoDateTime.nullable(),
  error: z.string().nullable(),
};

export const evidenceAnswer = z.object({ school: z.string(), ...evidenceStatus, evidence: z.array(storedEvidence) });

export const statusAnswer = z.object({
  warehouseUrl: z.string(),
  checkpoint: z.string().meta({ description: "the warehouse feed's position applied so far" }),
  eventsApplied: count,
  schools: count,
  caughtUp: z.boolean(),
  lagMs: z.number().nullable(),
  lastPollAt: isoDateTime.nullable(),
  error: z.string().nullable(),
  evidence: z.object(evidenceStatus),
  standings: z.object({
    pendingSchools: count,
    staleDistricts: count,
    schools: count,
    standingsWritten: count,
    districtsRecomputed: count,
    refreshedAt: isoDateTime.nullable(),
    error: z.string().nullable(),
  }),
  alerts: z.object({
    evaluatedAt: isoDateTime.nullable(),
    counts: z.object({ raised: count, acknowledged: count, resolved: count }).meta({ description: 'by status, over every stream read so far' }),
    error: z.string().nullable(),
  }),
});

const ids = z.array(z.string());

/** Each standard's own verdict, by the kind of scoring it uses. */
export const verdictSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('requirements'),
    passed: z.boolean(),
    basicMet: count,
    basicTotal: count,
    optionalMet: count,
    optionalTotal: count,
    unmetBasic: ids,
  }),
  z.object({
    kind: z.literal('weighted-parts'),
    score: z.number(),
    parts: z.array(z.object({ part: z.enum(['basic', 'featured']), weightPercent: z.number(), met: count, total: count, score: z.number() })),
    unmet: ids,
  }),
  z.object({
    kind: z.literal('levels'),
    level: z.string().nullable(),
    levels: z.array(z.object({ id: z.string(), name: z.string(), reached: z.boolean(), missingRequired: ids, othersMet: ids, minimumOthers: count })),
  }),
  z.object({
    kind: z.literal('points'),
    total: z.number(),
    max: z.number(),
    groups: z.array(z.object({ group: z.string(), points: z.number(), max: z.number().optional(), overriddenBy: z.string().optional() })),
    passMark: z.number().optional(),
    passed: z.boolean().optional(),
    stars: z.number().int().optional(),
    starsByScore: z.number().int().optional(),
    unmetVeto: ids,
    reasons: z.array(z.string()),
  }),
]);

export const sheetRow = z.object({
  itemId: z.string(),
  number: z.string().nullable(),
  groups: z.array(z.string()).meta({ description: 'group names from the top, as printed' }),
  text: z.string(),
  label: z.string(),
  flags: z.string(),
  maxPoints: z.number().optional(),
  basis,
  window: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  met: z.boolean(),
  points: z.number().optional(),
  contributing: count,
  sampleIds: z.array(z.string()),
  formulaOrEvidence: z.string(),
  status: z.string(),
  override: z.string(),
});

export const sheetAnswer = z.object({
  school: z.string(),
  standard: standardId,
  asOf: isoDate,
  column: z.enum(['self', 'district', 'county', 'city', 'region', 'province']),
  checkpoint: z.string(),
  facts: count.meta({ description: 'fact records of the school applied so far' }),
  conflicts: z.array(z.string()).meta({ description: 'event ids seen again with a different payload: kept out' }),
  verdict: verdictSchema,
  rows: z.array(sheetRow),
});

const formPoints = z.number().nullable();

export const ningxiaFormAnswer = z.object({
  school: z.string(),
  asOf: isoDate,
  form: z.object({
    title: z.string(),
    schoolName: z.string(),
    currentStars: z.string().meta({ description: '`三星级`, or `未定级`' }),
    contact: z.string(),
    contactPhone: z.string(),
    rows: z.array(z.object({ item: z.string(), group: z.string().nullable(), max: z.number(), self: formPoints, bureau: formPoints, department: formPoints })),
    appliedStars: z.string().meta({ description: "star texts; '' where not yet decided" }),
    bureauStars: z.string(),
    departmentStars: z.string(),
  }),
});
