import type { CloudEvent } from '@educube/contracts';
import { applyDelta, keyString, mergeChanges, type FactChange, type Row } from './changes';
import { checksumOf } from './checksum';
import { changesOf } from './projection';
import { TABLES_BY_NAME } from './tables';

/**
 * The reference applier: the read models as plain maps. Tests state what a set of events
 * must produce here; the PostgreSQL adapter must end with the same checksum.
 */
export class InMemoryReadModels {
  private readonly rows = new Map<string, Map<string, Row>>([...TABLES_BY_NAME.keys()].map((name) => [name, new Map()]));

  applyEvents(events: Iterable<CloudEvent>): this {
    const changes: FactChange[] = [];
    for (const event of events) changes.push(...changesOf(event));
    return this.applyChanges(changes);
  }

  applyChanges(changes: Iterable<FactChange>): this {
    for (const delta of mergeChanges(changes).values()) {
      const table = this.rows.get(delta.table);
      if (!table) throw new Error(`no read-model table ${delta.table}`);
      const id = keyString(delta.table, delta.key);
      table.set(id, applyDelta(table.get(id), delta));
    }
    return this;
  }

  /** The rows of one table, in no particular order. */
  table(name: string): Row[] {
    const table = this.rows.get(name);
    if (!table) throw new Error(`no read-model table ${name}`);
    return [...table.values()];
  }

  snapshot(): Map<string, Row[]> {
    return new Map([...this.rows].map(([name, rows]) => [name, [...rows.values()]]));
  }

  checksum(): string {
    return checksumOf(this.snapshot());
  }
}
