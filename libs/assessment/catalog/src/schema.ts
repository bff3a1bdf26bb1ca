import { z } from 'zod';

/**
 * An indicator catalog: one smart-campus standard as data, item by item, in the document's own
 * words. `text` and `name` fields hold the original Chinese exactly as the document prints it
 * (line breaks of the text extraction removed, nothing else); `label` is an English reading aid.
 * Points, weights and flags are stated only where the document states them.
 */

export const STANDARD_IDS = ['zhejiang', 'ningbo', 'wenzhou', 'ningxia', 'jiangsu'] as const;
export type StandardId = (typeof STANDARD_IDS)[number];

const original = z
  .string()
  .min(1)
  .refine((s) => s === s.trim() && !/[\n\r]/.test(s), {
    message: 'original text is one line without leading or trailing whitespace',
  });
const label = z.string().min(1);
const points = z.number().nonnegative().multipleOf(0.5);

/** Wenzhou's two school levels, each with its own set of ▲ (必备) indicators. */
export const WENZHOU_LEVELS = ['standard', 'v2'] as const;
export type WenzhouLevel = (typeof WENZHOU_LEVELS)[number];

export interface RequiredAt {
  level: WenzhouLevel;
  /** What the ▲ cell adds for that level, e.g. `有少部分通用教室建成新型教学空间`. */
  qualifier?: string | undefined;
}

export interface CatalogItem {
  /** Unique within the catalog; follows docs/standards/countable-items.md (e.g. `(一)2.(1)`, `B8`, `16`, `一(二)2`). */
  id: string;
  /** The number as the document prints it; null where the document prints none. */
  number: string | null;
  /** Short original title where the document gives one apart from the text (Ningbo featured items). */
  name?: string | undefined;
  text: string;
  label: string;
  /** 分值 (Ningxia) or 权重 (Jiangsu); absent where the document gives none. */
  points?: number | undefined;
  /** Zhejiang: `(0)` marks an optional item; every other item is a basic requirement. */
  requirement?: 'basic' | 'optional' | undefined;
  /** Ningbo: the half of the annex table the item sits in. */
  part?: 'basic' | 'featured' | undefined;
  /** Wenzhou: the levels whose ▲ column marks this indicator; empty = 选择性指标. */
  requiredAt?: RequiredAt[] | undefined;
  /** Wenzhou: the 验收方式 cell, where the table fills it. */
  acceptance?: string | undefined;
  /** Ningxia: `★` = 一票否决 for four stars and above. */
  veto?: boolean | undefined;
  /** Ningxia 64: when met, the group with this id scores these points in place of its other items. */
  groupOverride?: { group: string; points: number } | undefined;
  /** Where the document is ambiguous about this item: what it says and how it is encoded. */
  note?: string | undefined;
}

export interface CatalogGroup {
  /** Unique among the catalog's groups. */
  id: string;
  /** The group's number as printed (`一`, `1`), or null where the document numbers none. */
  number: string | null;
  name: string;
  label: string;
  points?: number | undefined;
  /** Ningbo: 基础要求 and 特色要求 weigh 50% each. */
  weightPercent?: number | undefined;
  part?: 'basic' | 'featured' | undefined;
  groups?: CatalogGroup[] | undefined;
  items?: CatalogItem[] | undefined;
  note?: string | undefined;
}

export const requiredAtSchema: z.ZodType<RequiredAt> = z.strictObject({
  level: z.enum(WENZHOU_LEVELS),
  qualifier: original.optional(),
});

export const catalogItemSchema: z.ZodType<CatalogItem> = z.strictObject({
  id: z.string().min(1),
  number: z.string().min(1).nullable(),
  name: original.optional(),
  text: original,
  label,
  points: points.optional(),
  requirement: z.enum(['basic', 'optional']).optional(),
  part: z.enum(['basic', 'featured']).optional(),
  requiredAt: z.array(requiredAtSchema).optional(),
  acceptance: original.optional(),
  veto: z.boolean().optional(),
  groupOverride: z.strictObject({ group: z.string().min(1), points }).optional(),
  note: z.string().min(1).optional(),
});

export const catalogGroupSchema: z.ZodType<CatalogGroup> = z.lazy(() =>
  z.strictObject({
    id: z.string().min(1),
    number: z.string().min(1).nullable(),
    name: original,
    label,
    points: points.optional(),
    weightPercent: z.number().positive().max(100).optional(),
    part: z.enum(['basic', 'featured']).optional(),
    groups: z.array(catalogGroupSchema).optional(),
    items: z.array(catalogItemSchema).optional(),
    note: z.string().min(1).optional(),
  }),
);

/** How the standard turns items into a result; each kind carries only what its document states. */
export const scoringSchema = z.discriminatedUnion('kind', [
  // Zhejiang: every basic item must be met; optional ones are chosen by the school. No points.
  z.strictObject({ kind: z.literal('requirements') }),
  // Ningbo: weighted halves, no item points.
  z.strictObject({ kind: z.literal('weighted-parts') }),
  // Wenzhou: per level, every ▲ indicator plus at least `minimumOthers` of the rest.
  z.strictObject({
    kind: z.literal('levels'),
    levels: z.array(z.strictObject({ id: z.enum(WENZHOU_LEVELS), name: original, label, required: z.number().int().positive() })),
    minimumOthers: z.number().int().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal('points'),
    total: points,
    passMark: points.optional(),
    /** Ningxia 第十条: minimum score per star rating. */
    stars: z.array(z.strictObject({ stars: z.number().int().min(1).max(5), minimum: points })).optional(),
    /** Ningxia: ★ items veto this many stars and above. */
    vetoFromStars: z.number().int().min(1).max(5).optional(),
  }),
]);
export type Scoring = z.infer<typeof scoringSchema>;

export const catalogSchema = z
  .strictObject({
    id: z.enum(STANDARD_IDS),
    /** The title of the indicator system as the document prints it. */
    title: original,
    titleLabel: label,
    /** The title of the document (the notice or guide) that carries the indicator system. */
    documentTitle: original,
    issuer: original,
    issuerLabel: label,
    /** 行政区划代码 of the issuing region. */
    regionCode: z.string().regex(/^\d{6}$/),
    documentNumber: original.optional(),
    /** ISO date of issue, or null where the document carries none. */
    issued: z.iso.date().nullable(),
    /** 试行: issued for trial. */
    trial: z.boolean(),
    /** The file under /work/shared/standards (copied to docs/standards/originals). */
    sourceFile: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
    /** The hierarchy levels, top first; the last is the items' level. `name` is null where the document names none. */
    levels: z.array(z.strictObject({ name: original.nullable(), label })).min(2),
    scoring: scoringSchema,
    groups: z.array(catalogGroupSchema).min(1),
    note: z.string().min(1).optional(),
  })
  .superRefine((catalog, ctx) => {
    const items = allItems(catalog.groups);
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate item id ${item.id}` });
      seen.add(item.id);
      // Each standard's own flag is stated on every one of its items, so "absent" never means "unknown".
      const missing =
        (catalog.id === 'zhejiang' && item.requirement === undefined) ||
        (catalog.id === 'ningbo' && item.part === undefined) ||
        (catalog.id === 'wenzhou' && item.requiredAt === undefined) ||
        (catalog.id === 'ningxia' && item.veto === undefined) ||
        (catalog.scoring.kind === 'points' && item.points === undefined && item.groupOverride === undefined);
      if (missing) ctx.addIssue({ code: 'custom', message: `item ${item.id} lacks its standard's flag or points` });
    }
    const groupIds = allGroups(catalog.groups).map((g) => g.id);
    if (new Set(groupIds).size !== groupIds.length) ctx.addIssue({ code: 'custom', message: 'duplicate group id' });
  });
export type Catalog = z.infer<typeof catalogSchema>;

/** Every group, depth first, in document order. */
export function allGroups(groups: readonly CatalogGroup[]): CatalogGroup[] {
  return groups.flatMap((g) => [g, ...allGroups(g.groups ?? [])]);
}

/** Every item, in document order (a group's subgroups come before its own items). */
export function allItems(groups: readonly CatalogGroup[]): CatalogItem[] {
  return groups.flatMap((g) => [...allItems(g.groups ?? []), ...(g.items ?? [])]);
}

/** The sum of item points under a group (items and subgroups), ignoring override items. */
export function itemPoints(group: CatalogGroup): number {
  return allItems([group]).reduce((sum, item) => sum + (item.points ?? 0), 0);
}
