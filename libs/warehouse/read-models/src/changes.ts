import { clockColumn, columnsOf, tableDef, type TableDef } from './tables';

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

/** Add to counters of the row with this key (creating it at zero). */
export interface CountChange {
  readonly kind: 'count';
  readonly table: string;
  readonly key: Readonly<Record<string, string | number | boolean>>;
  readonly add: Readonly<Record<string, number>>;
}

/** Set one group of "latest" columns if `clock` is greater than the group's stored clock. */
export interface LatestChange {
  readonly kind: 'latest';
  readonly table: string;
  readonly key: Readonly<Record<string, string | number | boolean>>;
  readonly group: string;
  /** `<UTC instant, 9 fractional digits> <event id>`: compares as (event time, event id). */
  readonly clock: string;
  readonly set: Readonly<Record<string, Value>>;
}

export type FactChange = CountChange | LatestChange;

/**
 * The net effect of many changes on one row: counters summed, each group reduced to the
 * change with the greatest clock. Merging is commutative and associative, so a batch can
 * be merged first and written as one upsert per table (PostgreSQL refuses to touch one row
 * twice in a single INSERT … ON CONFLICT).
 */
export interface RowDelta {
  readonly table: string;
  readonly key: readonly (string | number | boolean)[];
  readonly counters: Record<string, number>;
  readonly groups: Record<string, { clock: string; values: Record<string, Value> }>;
}

function keyOf(def: TableDef, key: Readonly<Record<string, string | number | boolean>>): (string | number | boolean)[] {
  const extra = Object.keys(key).filter((k) => !def.keys.some((c) => c.name === k));
  if (extra.length) throw new Error(`${def.name}: ${extra.join(', ')} is not a key column`);
  return def.keys.map((c) => {
    const v = key[c.name];
    if (v === undefined || v === null) throw new Error(`${def.name}: key column ${c.name} is missing`);
    return v;
  });
}

export const keyString = (table: string, key: readonly unknown[]): string => JSON.stringify([table, ...key]);

/** Merges changes into one delta per row, keyed by `keyString(table, key)`. */
export function mergeChanges(changes: Iterable<FactChange>, into: Map<string, RowDelta> = new Map()): Map<string, RowDelta> {
  for (const change of changes) {
    const def = tableDef(change.table);
    const key = keyOf(def, change.key);
    const id = keyString(def.name, key);
    let delta = into.get(id);
    if (!delta) {
      delta = { table: def.name, key, counters: {}, groups: {} };
      into.set(id, delta);
    }
    if (change.kind === 'count') {
      for (const [column, n] of Object.entries(change.add)) {
        if (!def.counters.some((c) => c.name === column)) throw new Error(`${def.name}: ${column} is not a counter`);
        delta.counters[column] = (delta.counters[column] ?? 0) + n;
      }
    } else {
      const group = def.latest.find((g) => g.name === change.group);
      if (!group) throw new Error(`${def.name}: no group ${change.group}`);
      const unknown = Object.keys(change.set).filter((k) => !group.columns.some((c) => c.name === k));
      if (unknown.length) throw new Error(`${def.name}.${group.name}: ${unknown.join(', ')} not in the group`);
      const current = delta.groups[group.name];
      if (!current || change.clock > current.clock) {
        // every column of the group is set, absent ones to null, so the group is one value
        delta.groups[group.name] = { clock: change.clock, values: Object.fromEntries(group.columns.map((c) => [c.name, change.set[c.name] ?? null])) };
      }
    }
  }
  return into;
}

/** A new row for a key: counters at zero, every latest column and clock null. */
export function emptyRow(def: TableDef, key: readonly (string | number | boolean)[]): Row {
  const row: Row = {};
  def.keys.forEach((c, i) => (row[c.name] = key[i] ?? null));
  for (const c of def.counters) row[c.name] = 0;
  for (const g of def.latest) {
    for (const c of g.columns) row[c.name] = null;
    row[clockColumn(g)] = null;
  }
  return row;
}

/** Applies a delta to a row (a copy is returned): the reference semantics the SQL upsert implements. */
export function applyDelta(row: Row | undefined, delta: RowDelta): Row {
  const def = tableDef(delta.table);
  const next: Row = { ...(row ?? emptyRow(def, delta.key)) };
  for (const [column, n] of Object.entries(delta.counters)) next[column] = (next[column] as number) + n;
  for (const [name, { clock, values }] of Object.entries(delta.groups)) {
    const stored = next[clockColumn(name)] as string | null;
    if (stored === null || clock > stored) {
      Object.assign(next, values);
      next[clockColumn(name)] = clock;
    }
  }
  return next;
}

/** The columns of a row in canonical order, for checksums and bulk writes. */
export function rowValues(def: TableDef, row: Row): Value[] {
  return columnsOf(def).map((c) => row[c.name] ?? null);
}
