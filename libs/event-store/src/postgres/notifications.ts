import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * LISTEN on a channel: calls `onNotify` for each notification, answers how to stop. The
 * `SqlDatabase` seam has no connection that outlives a query, and LISTEN needs one, so the
 * caller hands this in beside it; without it subscribers simply poll.
 */
export type Notifications = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

export interface PoolNotificationOptions {
  /** Told when the LISTEN connection is lost and when it is back (default: a process warning). */
  readonly onConnectionError?: (error: Error, attempt: number) => void;
  /** Back-off between attempts to listen again: 250 ms doubling up to this (default 10 s). */
  readonly maxBackoffMs?: number;
}

/**
 * Holds one pooled connection for as long as it listens, then destroys it rather than handing a
 * LISTENing connection back to the pool. A connection the server drops (a restart, a terminated
 * backend) must not end the process: its error is heard, the connection is discarded, and LISTEN
 * is taken again with back-off until it holds or the caller stops. Notifications sent meanwhile
 * are lost, so `onNotify` is called once when listening resumes and the subscriber reads what it
 * missed (it polls anyway while the connection is away).
 */
export function notificationsFromPool(pool: Pool, options: PoolNotificationOptions = {}): Notifications {
  const { maxBackoffMs = 10_000, onConnectionError = warnConnectionError } = options;
  return async (channel, onNotify) => {
    let stopped = false;
    let client: PoolClient | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;

    const listen = async (): Promise<void> => {
      const next = await pool.connect();
      next.on('error', (error: Error) => lost(next, error));
      next.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      try {
        await next.query(`listen ${quoteIdent(channel)}`);
      } catch (error) {
        next.release(true);
        throw error;
      }
      if (stopped) next.release(true);
      else client = next;
    };

    const lost = (dead: PoolClient, error: Error): void => {
      if (client !== dead) return;
      client = undefined;
      dead.release(true);
      if (!stopped) again(error, 1);
    };

    const again = (error: Error, attempt: number): void => {
      onConnectionError(error, attempt);
      retry = setTimeout(
        () => {
          retry = undefined;
          if (stopped) return;
          listen().then(
            () => {
              if (!stopped) onNotify();
            },
            (next: unknown) => again(next instanceof Error ? next : new Error(String(next)), attempt + 1),
          );
        },
        Math.min(maxBackoffMs, 250 * 2 ** (attempt - 1)),
      );
      retry.unref();
    };

    await listen();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      client?.release(true);
      client = undefined;
    };
  };
}

const warnConnectionError = (error: Error, attempt: number) =>
  process.emitWarning(`the LISTEN connection to PostgreSQL is lost (${error.message}); listening again, attempt ${attempt}`, {
    code: 'EDUCUBE_PG_LISTEN_ERROR',
  });

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
