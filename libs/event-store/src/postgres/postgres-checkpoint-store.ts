import { migrate, type SqlClient, type SqlDatabase } from '@educube/postgres';
import type { CheckpointStore } from '../port';
import { CHECKPOINTS_SCHEMA } from './migrations';

/**
 * Checkpoints in the database of the read model that keeps them (the table sits in the
 * connection's search_path, beside the read model's tables), so `save(name, position, tx)`
 * commits with the read model's own writes in one transaction.
 */
export class PostgresCheckpointStore implements CheckpointStore<SqlClient> {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<PostgresCheckpointStore> {
    await migrate(db, CHECKPOINTS_SCHEMA);
    return new PostgresCheckpointStore(db);
  }

  async load(name: string): Promise<bigint | undefined> {
    const { rows } = await this.db.query<{ position: string }>('select position::text as position from event_store_checkpoints where name = $1', [name]);
    return rows[0] ? BigInt(rows[0].position) : undefined;
  }

  async save(name: string, position: bigint, tx: SqlClient = this.db): Promise<void> {
    if (position < 0n) throw new RangeError(`checkpoint ${name} cannot be negative (${position})`);
    await tx.query(
      `insert into event_store_checkpoints (name, position) values ($1, $2::numeric)
       on conflict (name) do update set position = excluded.position, updated_at = now()
       where event_store_checkpoints.position < excluded.position`,
      [name, position.toString()],
    );
  }

  async reset(name: string, tx: SqlClient = this.db): Promise<void> {
    await tx.query('delete from event_store_checkpoints where name = $1', [name]);
  }
}
