import type { Catalog, CatalogGroup, CatalogItem } from '@educube/assessment-catalog';
import type { Evidence } from './evaluate';
import type { Basis, ClassificationTable } from './formula';
import { resultOf, score, type ItemResult, type Verdict } from './scoring';

/**
 * A school's score sheet for one standard: every item in document order with its basis, the
 * derived evidence or the attestation's review outcome (both for a derived+attested item), any
 * reviewer override (only with a reason), the points, and the verdict these results give.
 */
export interface AttestedResult extends ItemResult {
  /** Where the attestation's review stands, e.g. `accepted by county`, `submitted`, `rejected by district`. */
  readonly status: string;
}
export interface Override extends ItemResult {
  readonly reason: string;
}

export interface SheetRow {
  readonly itemId: string;
  readonly number: string | null;
  /** Group names from the top, as printed. */
  readonly groups: readonly string[];
  readonly text: string;
  readonly label: string;
  readonly flags: string;
  readonly maxPoints: number | undefined;
  readonly basis: Basis | 'unclassified';
  readonly window: string;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly met: boolean;
  readonly points: number | undefined;
  readonly contributing: number;
  readonly sampleIds: readonly string[];
  readonly formulaOrEvidence: string;
  readonly status: string;
  readonly override: string;
}

function withPaths(groups: readonly CatalogGroup[], path: string[] = []): { item: CatalogItem; path: string[] }[] {
  return groups.flatMap((g) => [...withPaths(g.groups ?? [], [...path, g.name]), ...(g.items ?? []).map((item) => ({ item, path: [...path, g.name] }))]);
}

const flagsOf = (i: CatalogItem): string =>
  [
    i.requirement === 'optional' ? '(0)' : i.requirement === 'basic' ? 'basic' : '',
    i.part ?? '',
    i.veto ? '★' : '',
    ...(i.requiredAt ?? []).map((r) => `▲${r.level}${r.qualifier ? `(${r.qualifier})` : ''}`),
    i.groupOverride ? `replaces ${i.groupOverride.group}` : '',
  ]
    .filter(Boolean)
    .join(' ');

/**
 * A derived+attested item: met when its checks hold (or a reviewer's override of its derived value
 * says so) and its attestation is accepted as the column stands. Points follow that verdict: none
 * when not met; when met, the fewest any part gives (a level may accept with fewer points), the
 * item's own when none gives any.
 */
function bothParts(checks: ItemResult | undefined, attestation: AttestedResult | undefined): ItemResult {
  const byLevel = checks?.byLevel
    ? { byLevel: Object.fromEntries(Object.entries(checks.byLevel).map(([l, met]) => [l, met && attestation?.met === true])) }
    : {};
  if (!checks?.met || !attestation?.met) return { met: false, ...byLevel };
  const given = [checks.points, attestation.points].filter((p): p is number => p !== undefined);
  return given.length ? { met: true, points: Math.min(...given), ...byLevel } : { met: true, ...byLevel };
}

/** `standard: met, v2: not met` for an item with per-level results. */
const levelsText = (byLevel: ItemResult['byLevel']): string =>
  byLevel
    ? `; ${Object.entries(byLevel)
        .map(([l, met]) => `${l}: ${met ? 'met' : 'not met'}`)
        .join(', ')}`
    : '';

export function scoreSheet(
  catalog: Catalog,
  table: ClassificationTable,
  evidence: readonly Evidence[],
  attested: Readonly<Record<string, AttestedResult>> = {},
  overrides: Readonly<Record<string, Override>> = {},
): { rows: SheetRow[]; verdict: Verdict } {
  const byId = new Map(evidence.map((e) => [e.itemId, e]));
  const results: Record<string, ItemResult> = {};
  const rows = withPaths(catalog.groups).map(({ item, path }): SheetRow => {
    const c = table[item.id];
    const e = byId.get(item.id);
    const a = attested[item.id];
    const o = overrides[item.id];
    if (o && !o.reason.trim()) throw new Error(`the override of ${item.id} has no reason`);
    const base: ItemResult = e ? resultOf(e) : a ? { met: a.met, ...(a.points === undefined ? {} : { points: a.points }) } : { met: false };
    // A reviewer's override decides the item at every level.
    const overridden: ItemResult | undefined = o ? { met: o.met, ...(o.points === undefined ? {} : { points: o.points }) } : undefined;
    const result = c?.basis === 'derived+attested' ? bothParts(overridden ?? (e ? resultOf(e) : undefined), a) : (overridden ?? base);
    results[item.id] = result;
    const points =
      catalog.scoring.kind === 'points' ? (result.met ? (result.points ?? item.points ?? item.groupOverride?.points ?? 0) : (result.points ?? 0)) : undefined;
    return {
      itemId: item.id,
      number: item.number,
      groups: path,
      text: item.text,
      label: item.label,
      flags: flagsOf(item),
      maxPoints: item.points ?? item.groupOverride?.points,
      basis: c?.basis ?? 'unclassified',
      window: e ? `${e.window.kind} ${e.window.from}..${e.window.to}` : '',
      value: e?.value ?? null,
      threshold: e?.threshold ?? null,
      met: result.met,
      points,
      contributing: e?.contributing ?? 0,
      sampleIds: e?.sampleIds ?? [],
      formulaOrEvidence: c ? (c.basis === 'derived' ? c.formula : c.basis === 'attested' ? c.evidence : `${c.formula}; attested: ${c.evidence}`) : '',
      status:
        c?.basis === 'derived+attested'
          ? `${e ? `derived as of ${e.computedAsOf}: ${e.met ? 'met' : 'not met'}` : 'no derived evidence'}; ${a?.status ?? 'not attested'}${levelsText(result.byLevel)}`
          : e
            ? `derived as of ${e.computedAsOf}${levelsText(result.byLevel)}`
            : (a?.status ?? (c?.basis === 'attested' ? 'not attested' : '')),
      override: o ? `${o.met ? 'met' : 'not met'}: ${o.reason}` : '',
    };
  });
  return { rows, verdict: score(catalog, results) };
}

const COLUMNS: readonly (keyof SheetRow)[] = [
  'itemId',
  'number',
  'groups',
  'text',
  'label',
  'flags',
  'maxPoints',
  'basis',
  'window',
  'value',
  'threshold',
  'met',
  'points',
  'contributing',
  'sampleIds',
  'formulaOrEvidence',
  'status',
  'override',
];

const csvField = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(' / ') : typeof v === 'number' ? String(Math.round(v * 10_000) / 10_000) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with a header row and CRLF line ends (what spreadsheet software opens as is). */
export function sheetToCsv(rows: readonly SheetRow[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))].join('\r\n') + '\r\n';
}
