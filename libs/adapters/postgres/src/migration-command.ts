import { migrate, migrationStatus, type MigrationStatus, type SchemaOwner } from './migrate';
import type { SqlDatabase } from './sql';

/** One line per migration: owner, state, name (and when it was applied). */
export function statusLines(statuses: readonly MigrationStatus[]): string[] {
  const width = Math.max(0, ...statuses.map((s) => s.owner.length));
  return statuses.flatMap((s) => [
    ...s.applied.map((a) => `${s.owner.padEnd(width)}  ${s.unknown.includes(a.name) ? 'unknown' : 'applied'}  ${a.name}  ${a.appliedAt.toISOString()}`),
    ...s.pending.map((name) => `${s.owner.padEnd(width)}  pending  ${name}`),
  ]);
}

/**
 * What a service's `migrate` command does: with `status`, lists every owner's applied and pending
 * migrations and changes nothing; else applies what is pending, owner by owner, and lists that.
 */
export async function migrationCommand(
  db: SqlDatabase,
  owners: readonly SchemaOwner[],
  { status }: { readonly status: boolean },
  write: (line: string) => void,
): Promise<void> {
  if (!status) {
    for (const owner of owners) {
      const applied = await migrate(db, owner);
      write(applied.length ? applied.map((name) => `${owner.owner}: applied ${name}`).join('\n') : `${owner.owner}: up to date`);
    }
    return;
  }
  const statuses: MigrationStatus[] = [];
  for (const owner of owners) statuses.push(await migrationStatus(db, owner));
  for (const line of statusLines(statuses)) write(line);
}
