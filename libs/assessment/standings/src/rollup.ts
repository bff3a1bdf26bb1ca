import { allItems, CATALOGS, type StandardId } from '@educube/assessment-catalog';
import { CLASSIFICATIONS, type Basis } from '@educube/assessment-engine';
import { semesterOfMonth } from './calendar';
import { STANDING_LABELS } from './labels';

// Region figures are sums of district rows: a district's rows are recomputed when one of its
// schools' standing changes, a city's or province's answer adds up its districts' rows.

export interface LabelCount {
  readonly label: string;
  readonly count: number;
}

/** Counts per label, every label of the standard in order (zeros included); unknown labels are refused. */
export function distributionOf(standard: StandardId, labels: Iterable<string>): LabelCount[] {
  return sumDistributions(
    standard,
    [...labels].map((label) => ({ label, count: 1 })),
  );
}

/** Adds label counts (e.g. of several districts) into the standard's full distribution. */
export function sumDistributions(standard: StandardId, rows: readonly LabelCount[]): LabelCount[] {
  const known = STANDING_LABELS[standard];
  const counts = new Map(known.map((l) => [l, 0]));
  for (const r of rows) {
    const n = counts.get(r.label);
    if (n === undefined) throw new RangeError(`${r.label} is not a ${standard} label (${known.join(', ')})`);
    counts.set(r.label, n + r.count);
  }
  return known.map((label) => ({ label, count: counts.get(label) ?? 0 }));
}

export interface ItemCount {
  readonly itemId: string;
  /** Schools whose sheet shows the item met. */
  readonly met: number;
  /** Schools evaluated. */
  readonly schools: number;
}

const itemIds = (standard: StandardId): string[] => allItems(CATALOGS[standard].groups).map((i) => i.id);

/** One district's item counts from each school's met items: every catalog item, in sheet order. */
export function itemCounts(standard: StandardId, metItemsPerSchool: readonly (readonly string[])[]): ItemCount[] {
  const met = new Map<string, number>();
  for (const items of metItemsPerSchool) for (const id of new Set(items)) met.set(id, (met.get(id) ?? 0) + 1);
  return itemIds(standard).map((itemId) => ({ itemId, met: met.get(itemId) ?? 0, schools: metItemsPerSchool.length }));
}

export interface ItemRate extends ItemCount {
  readonly number: string | null;
  readonly label: string;
  readonly basis: Basis | 'unclassified';
  /** met ÷ schools, 0 when no school is evaluated. */
  readonly rate: number;
}

/** Sums districts' item counts into the region's met-rate per item, in sheet order. */
export function itemRates(standard: StandardId, rows: readonly ItemCount[]): ItemRate[] {
  const sums = new Map<string, { met: number; schools: number }>();
  for (const r of rows) {
    const s = sums.get(r.itemId) ?? { met: 0, schools: 0 };
    sums.set(r.itemId, { met: s.met + r.met, schools: s.schools + r.schools });
  }
  return allItems(CATALOGS[standard].groups).map((item) => {
    const { met, schools } = sums.get(item.id) ?? { met: 0, schools: 0 };
    return {
      itemId: item.id,
      number: item.number,
      label: item.label,
      basis: CLASSIFICATIONS[standard][item.id]?.basis ?? 'unclassified',
      met,
      schools,
      rate: schools ? Math.round((met / schools) * 10_000) / 10_000 : 0,
    };
  });
}

/** A district's snapshot of one month (the current month's is overwritten until it ends). */
export interface TrendRow {
  readonly district: string;
  readonly month: string;
  readonly label: string;
  readonly count: number;
}

export interface TrendPoint {
  readonly month: string;
  readonly semester: string;
  readonly distribution: LabelCount[];
  readonly schools: number;
}

/**
 * The region's distribution per month: each district counts with its latest snapshot up to
 * that month (a district nothing changed in writes no new month). Months before any district
 * has a snapshot are left out: the trend starts when the hub started keeping it.
 */
export function trendOf(standard: StandardId, rows: readonly TrendRow[], months: readonly string[]): TrendPoint[] {
  return carriedForward(
    rows.map((r) => ({ district: r.district, month: r.month, value: { label: r.label, count: r.count } })),
    months,
  ).map(({ month, values }) => {
    const distribution = sumDistributions(standard, values);
    return { month, semester: semesterOfMonth(month), distribution, schools: distribution.reduce((n, c) => n + c.count, 0) };
  });
}

/**
 * Per month, every district's latest snapshot up to it (a quiet district carries its last month
 * forward), concatenated; months before any district's first snapshot are left out.
 */
function carriedForward<T>(rows: readonly { district: string; month: string; value: T }[], months: readonly string[]): { month: string; values: T[] }[] {
  const byDistrict = new Map<string, Map<string, T[]>>();
  for (const r of rows) {
    const snapshots = byDistrict.get(r.district) ?? new Map<string, T[]>();
    const list = snapshots.get(r.month) ?? [];
    list.push(r.value);
    snapshots.set(r.month, list);
    byDistrict.set(r.district, snapshots);
  }
  const out: { month: string; values: T[] }[] = [];
  for (const month of months) {
    const values: T[] = [];
    let kept = false;
    for (const snapshots of byDistrict.values()) {
      const latest = [...snapshots.keys()]
        .filter((m) => m <= month)
        .sort()
        .at(-1);
      if (latest === undefined) continue;
      kept = true;
      values.push(...(snapshots.get(latest) ?? []));
    }
    if (kept) out.push({ month, values });
  }
  return out;
}

/** Each semester's standing: its last month in the trend. */
export function semestersOf(trend: readonly TrendPoint[]): TrendPoint[] {
  const last = new Map<string, TrendPoint>();
  for (const point of trend) last.set(point.semester, point);
  return [...last.values()];
}

/** A district's item counts of one month (written with the verdict snapshot, every item, zeros included). */
export interface ItemTrendRow extends ItemCount {
  readonly district: string;
  readonly month: string;
}

export interface ItemTrendPoint {
  readonly month: string;
  readonly semester: string;
  readonly items: ItemRate[];
}

/**
 * Each item's met-rate month by month over the region's districts: per month, each district's
 * latest snapshot up to it (a quiet district carries its last month forward), summed. Months
 * before any district's first snapshot are left out, as in the verdict trend.
 */
export function itemTrendOf(standard: StandardId, rows: readonly ItemTrendRow[], months: readonly string[]): ItemTrendPoint[] {
  return carriedForward(
    rows.map((r) => ({ district: r.district, month: r.month, value: { itemId: r.itemId, met: r.met, schools: r.schools } })),
    months,
  ).map(({ month, values }) => ({ month, semester: semesterOfMonth(month), items: itemRates(standard, values) }));
}

/** Every item of the standard with its count in `items`, 0 where absent: a snapshot that says "none met" rather than nothing. */
export function everyItem(standard: StandardId, items: readonly ItemCount[]): ItemCount[] {
  const byId = new Map(items.map((i) => [i.itemId, i]));
  return allItems(CATALOGS[standard].groups).map((item) => byId.get(item.id) ?? { itemId: item.id, met: 0, schools: 0 });
}
