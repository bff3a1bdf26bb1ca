import { allGroups, allItems, type Catalog, type CatalogGroup, type CatalogItem } from '@educube/assessment-catalog';

/**
 * From item results to each standard's own verdict. An item's result comes from derived
 * evidence or from a reviewed attestation (the caller decides which stands); an item without
 * a result is not met and scores 0. Every verdict lists the items that decided it.
 *
 * Region-level rules over many schools' ratings (Ningxia 第十一条 30 % three-star cap per
 * district and year, 第十四条 downgrade after three years, Ningbo's quotas) are not here: they
 * need the hub's rating history, not one school's items.
 */
export interface ItemResult {
  readonly met: boolean;
  /** Points awarded; for points standards. Defaults to the item's points when met, else 0. */
  readonly points?: number;
  /** Met at each level, where the item's ▲ qualifiers differ per level (Wenzhou 6, 14); `met` elsewhere. */
  readonly byLevel?: Readonly<Record<string, boolean>>;
}
export type ItemResults = Readonly<Record<string, ItemResult>>;

export interface GroupScore {
  readonly group: string;
  readonly points: number;
  readonly max: number | undefined;
  /** The item that replaced the group's other items (Ningxia 64). */
  readonly overriddenBy?: string;
}

export type Verdict =
  | {
      readonly kind: 'requirements';
      readonly passed: boolean;
      readonly basicMet: number;
      readonly basicTotal: number;
      readonly optionalMet: number;
      readonly optionalTotal: number;
      readonly unmetBasic: readonly string[];
    }
  | {
      readonly kind: 'weighted-parts';
      readonly score: number;
      readonly parts: readonly {
        readonly part: 'basic' | 'featured';
        readonly weightPercent: number;
        readonly met: number;
        readonly total: number;
        readonly score: number;
      }[];
      readonly unmet: readonly string[];
    }
  | {
      readonly kind: 'levels';
      readonly level: string | null;
      readonly levels: readonly {
        readonly id: string;
        readonly name: string;
        readonly reached: boolean;
        readonly missingRequired: readonly string[];
        readonly othersMet: readonly string[];
        readonly minimumOthers: number;
      }[];
    }
  | {
      readonly kind: 'points';
      readonly total: number;
      readonly max: number;
      readonly groups: readonly GroupScore[];
      readonly passMark?: number;
      readonly passed?: boolean;
      readonly stars?: number;
      /** The score alone would give these stars; ★ items not met hold the rating below `vetoFromStars`. */
      readonly starsByScore?: number;
      readonly unmetVeto: readonly string[];
      readonly reasons: readonly string[];
    };

const pointsOf = (item: CatalogItem, r: ItemResult | undefined): number => (r?.met ? (r.points ?? item.points ?? 0) : (r?.points ?? 0));

function groupScores(catalog: Catalog, results: ItemResults): GroupScore[] {
  const overrides = new Map<string, CatalogItem>();
  for (const item of allItems(catalog.groups)) if (item.groupOverride && results[item.id]?.met) overrides.set(item.groupOverride.group, item);
  return catalog.groups.map((g: CatalogGroup) => {
    const over = overrides.get(g.id);
    if (over?.groupOverride) return { group: g.id, points: over.groupOverride.points, max: g.points, overriddenBy: over.id };
    const points = allItems([g]).reduce((sum, item) => sum + (item.groupOverride ? 0 : Math.min(pointsOf(item, results[item.id]), item.points ?? Infinity)), 0);
    return { group: g.id, points: g.points === undefined ? points : Math.min(points, g.points), max: g.points };
  });
}

export function score(catalog: Catalog, results: ItemResults): Verdict {
  const items = allItems(catalog.groups);
  const met = (item: CatalogItem): boolean => results[item.id]?.met === true;
  const s = catalog.scoring;
  switch (s.kind) {
    case 'requirements': {
      const basic = items.filter((i) => i.requirement !== 'optional');
      const optional = items.filter((i) => i.requirement === 'optional');
      const unmetBasic = basic.filter((i) => !met(i)).map((i) => i.id);
      return {
        kind: 'requirements',
        passed: unmetBasic.length === 0,
        basicMet: basic.length - unmetBasic.length,
        basicTotal: basic.length,
        optionalMet: optional.filter(met).length,
        optionalTotal: optional.length,
        unmetBasic,
      };
    }
    case 'weighted-parts': {
      const parts = allGroups(catalog.groups)
        .filter((g) => g.part && g.weightPercent !== undefined)
        .map((g) => {
          const inPart = allItems([g]);
          const count = inPart.filter(met).length;
          const weight = g.weightPercent ?? 0;
          return {
            part: g.part as 'basic' | 'featured',
            weightPercent: weight,
            met: count,
            total: inPart.length,
            score: inPart.length ? (weight * count) / inPart.length : 0,
          };
        });
      return { kind: 'weighted-parts', score: parts.reduce((a, p) => a + p.score, 0), parts, unmet: items.filter((i) => !met(i)).map((i) => i.id) };
    }
    case 'levels': {
      const levels = s.levels.map((level) => {
        const required = items.filter((i) => i.requiredAt?.some((r) => r.level === level.id));
        const others = items.filter((i) => !i.requiredAt?.some((r) => r.level === level.id));
        const metHere = (i: CatalogItem): boolean => results[i.id]?.byLevel?.[level.id] ?? met(i);
        const missingRequired = required.filter((i) => !metHere(i)).map((i) => i.id);
        const othersMet = others.filter(metHere).map((i) => i.id);
        return {
          id: level.id,
          name: level.name,
          reached: missingRequired.length === 0 && othersMet.length >= s.minimumOthers,
          missingRequired,
          othersMet,
          minimumOthers: s.minimumOthers,
        };
      });
      // The highest level reached: the scoring lists levels from the lowest up.
      const reached = levels.filter((l) => l.reached);
      return { kind: 'levels', level: reached[reached.length - 1]?.id ?? null, levels };
    }
    case 'points': {
      const groups = groupScores(catalog, results);
      const total = Math.round(groups.reduce((a, g) => a + g.points, 0) * 1000) / 1000;
      const unmetVeto = items.filter((i) => i.veto && !met(i)).map((i) => i.id);
      const reasons: string[] = [];
      const verdict: { passMark?: number; passed?: boolean; stars?: number; starsByScore?: number } = {};
      if (s.passMark !== undefined) {
        verdict.passMark = s.passMark;
        verdict.passed = total >= s.passMark;
        reasons.push(`${total} of ${s.total} ${verdict.passed ? '≥' : '<'} pass mark ${s.passMark}`);
      }
      if (s.stars) {
        const byScore = [...s.stars].sort((a, b) => b.minimum - a.minimum).find((t) => total >= t.minimum)?.stars ?? 0;
        let stars = byScore;
        if (s.vetoFromStars !== undefined && unmetVeto.length > 0 && stars >= s.vetoFromStars) {
          stars = s.vetoFromStars - 1;
          reasons.push(`${total} points would give ${byScore} stars; ★ items not met (${unmetVeto.join(', ')}) hold the rating at ${stars}`);
        } else reasons.push(byScore ? `${total} points give ${byScore} stars` : `${total} points are below the lowest star rating`);
        verdict.stars = stars;
        verdict.starsByScore = byScore;
      }
      for (const g of groups) if (g.overriddenBy) reasons.push(`item ${g.overriddenBy} gives ${g.group} ${g.points} in place of its other items`);
      return { kind: 'points', total, max: s.total, groups, ...verdict, unmetVeto, reasons };
    }
  }
}

/**
 * Item results from derived evidence; attested items' results are added by the caller from their
 * reviews. A derived+attested item's evidence alone is no result (its attestation is needed too:
 * `scoreSheet` combines the two).
 */
export function resultsFromEvidence(
  evidence: readonly {
    readonly itemId: string;
    readonly basis?: string;
    readonly met: boolean;
    readonly points: number | undefined;
    readonly levels?: readonly { readonly level: string; readonly met: boolean }[];
  }[],
): Record<string, ItemResult> {
  return Object.fromEntries(evidence.filter((e) => e.basis !== 'derived+attested').map((e) => [e.itemId, resultOf(e)]));
}

/** An item's result from its evidence: met, the points, and the result at each level it has one for. */
export function resultOf(e: {
  readonly met: boolean;
  readonly points: number | undefined;
  readonly levels?: readonly { readonly level: string; readonly met: boolean }[];
}): ItemResult {
  return {
    met: e.met,
    ...(e.points === undefined ? {} : { points: e.points }),
    ...(e.levels ? { byLevel: Object.fromEntries(e.levels.map((l) => [l.level, l.met])) } : {}),
  };
}
