import type { Row, Value } from './changes';
import { columnsOf, TABLES_BY_NAME, type ColumnType } from './tables';
import { sha256Hex } from '@educube/canonical-json';

/**
 * One value in its canonical form, whatever read it: numbers as numbers, booleans as
 * booleans, dates and text as strings. A database adapter may pass the `::text` rendering
 * of any column (bigint comes back from pg as a string, a boolean as `t`).
 */
export function canonicalValue(type: ColumnType, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'int':
    case 'float': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(n)) throw new Error(`not a number: ${String(raw)}`);
      return n;
    }
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 't' || raw === 'true') return true;
      if (raw === 'f' || raw === 'false') return false;
      throw new Error(`not a boolean: ${String(raw)}`);
    case 'text':
    case 'date':
      return String(raw);
  }
}

/**
 * Every table in name order, every row as its values in column order, rows sorted by their
 * key, as one JSON text. Two read models are equal exactly when these texts are.
 */
export function canonicalDump(rowsByTable: ReadonlyMap<string, readonly Row[]> | Readonly<Record<string, readonly Row[]>>): string {
  const get = (name: string): readonly Row[] =>
    (rowsByTable instanceof Map ? rowsByTable.get(name) : (rowsByTable as Record<string, readonly Row[]>)[name]) ?? [];
  const tables = [...TABLES_BY_NAME.values()].map((def) => {
    const columns = columnsOf(def);
    const rows = get(def.name)
      .map((row) => columns.map((c) => canonicalValue(c.type, row[c.name])))
      .map((values) => ({ sortKey: JSON.stringify(values.slice(0, def.keys.length)), json: JSON.stringify(values) }))
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
      .map((r) => r.json);
    return `{"table":${JSON.stringify(def.name)},"columns":${JSON.stringify(columns.map((c) => c.name))},"rows":[${rows.join(',')}]}`;
  });
  return `[${tables.join(',')}]`;
}

/** SHA-256 of the canonical dump: the number a rebuild must reproduce. */
export function checksumOf(rowsByTable: ReadonlyMap<string, readonly Row[]> | Readonly<Record<string, readonly Row[]>>): string {
  return sha256Hex(canonicalDump(rowsByTable));
}
