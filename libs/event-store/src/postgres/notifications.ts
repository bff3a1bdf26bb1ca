import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/**
 * LISTEN on a channel: calls `onNotify` for each notification, answers how to stop. The
 * `SqlDatabase` seam has no connection that outlives a query, and LISTEN needs one, so the
 * caller hands this in beside it; without it subscribers simply poll.
 */
export type Notifications = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

/** Holds one pooled connection for as long as it listens, then destroys it rather than handing
 * a LISTENing connection back to the pool. */
export function notificationsFromPool(pool: Pool): Notifications {
  return async (channel, onNotify) => {
    const client = await pool.connect();
    try {
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`listen ${quoteIdent(channel)}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    return async () => {
      client.release(true);
    };
  };
}

export function notificationsFromPGlite(db: PGlite): Notifications {
  return async (channel, onNotify) => {
    const stop = await db.listen(channel, () => onNotify());
    return async () => {
      if (!db.closed) await stop();
    };
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
