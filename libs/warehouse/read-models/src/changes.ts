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

/** What merging needs of a table, looked up once per table instead of once per change. */
interface MergePlan {
  readonly def: TableDef;
  readonly keyNames: readonly string[];
  readonly keyCount: number;
  readonly counters: ReadonlySet<string>;
  readonly groups: ReadonlyMap<string, { readonly name: string; readonly columns: readonly string[]; readonly known: ReadonlySet<string> }>;
}

const plans = new Map<string, MergePlan>();

function planOf(table: string): MergePlan {
  let plan = plans.get(table);
  if (!plan) {
    const def = tableDef(table);
    plan = {
      def,
      keyNames: def.keys.map((c) => c.name),
      keyCount: def.keys.length,
      counters: new Set(def.counters.map((c) => c.name)),
      groups: new Map(def.latest.map((g) => [g.name, { name: g.name, columns: g.columns.map((c) => c.name), known: new Set(g.columns.map((c) => c.name)) }])),
    };
    plans.set(table, plan);
  }
  return plan;
}

function keyOf(plan: MergePlan, key: Readonly<Record<string, string | number | boolean>>): (string | number | boolean)[] {
  const { def, keyNames } = plan;
  const extras = (): void => {
    const extra = Object.keys(key).filter((k) => !keyNames.includes(k));
    if (extra.length) throw new Error(`${def.name}: ${extra.join(', ')} is not a key column`);
  };
  const out: (string | number | boolean)[] = new Array(plan.keyCount);
  for (let i = 0; i < keyNames.length; i++) {
    const name = keyNames[i] as string;
    const v = key[name];
    if (v === undefined || v === null) {
      // as before: a member that is not a key column is reported first
      extras();
      throw new Error(`${def.name}: key column ${name} is missing`);
    }
    out[i] = v;
  }
  // every key column is there: any further member is not a key column
  let members = 0;
  for (const k in key) if (Object.prototype.hasOwnProperty.call(key, k)) members++;
  if (members !== keyNames.length) extras();
  return out;
}

export const keyString = (table: string, key: readonly unknown[]): string => JSON.stringify([table, ...key]);

/** Merges changes into one delta per row, keyed by `keyString(table, key)`. */
export function mergeChanges(changes: Iterable<FactChange>, into: Map<string, RowDelta> = new Map()): Map<string, RowDelta> {
  for (const change of changes) {
    const plan = planOf(change.table);
    const def = plan.def;
    const key = keyOf(plan, change.key);
    const id = keyString(def.name, key);
    let delta = into.get(id);
    if (!delta) {
      delta = { table: def.name, key, counters: {}, groups: {} };
      into.set(id, delta);
    }
    if (change.kind === 'count') {
      const add = change.add;
      const counters = delta.counters;
      for (const column in add) {
        if (!Object.prototype.hasOwnProperty.call(add, column)) continue;
        if (!plan.counters.has(column)) throw new Error(`${def.name}: ${column} is not a counter`);
        counters[column] = (counters[column] ?? 0) + (add[column] as number);
      }
    } else {
      const group = plan.groups.get(change.group);
      if (!group) throw new Error(`${def.name}: no group ${change.group}`);
      const set = change.set;
      for (const k in set) {
        if (Object.prototype.hasOwnProperty.call(set, k) && !group.known.has(k)) {
          const unknown = Object.keys(set).filter((c) => !group.known.has(c));
          throw new Error(`${def.name}.${group.name}: ${unknown.join(', ')} not in the group`);
        }
      }
      const current = delta.groups[group.name];
      if (!current || change.clock > current.clock) {
        // every column of the group is set, absent ones to null, so the group is one value
        const values: Record<string, Value> = {};
        for (const c of group.columns) values[c] = set[c] ?? null;
        delta.groups[group.name] = { clock: change.clock, values };
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
