import type { SqlClient } from './sql';

// What "the server is not there yet" looks like: nothing listening, a name not resolving yet (a
// Kubernetes Service before its pods), a connection cut during start-up, PostgreSQL's own "the
// database system is starting up" (57P03), pg's connect timeout. Worth waiting out. Anything else
// (a wrong password, a missing database) is configuration, which waiting does not mend.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', '57P03']);

export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | undefined;
  if (typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every(isUnreachable)) return true;
  return (
    typeof e?.message === 'string' && /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)/i.test(e.message)
  );
}

export interface WaitOptions {
  /** Told of each failed attempt before the pause that follows it (default: a process warning). */
  readonly onRetry?: (error: Error, attempt: number, delayMs: number) => void;
  /** Pauses double from 250 ms up to this (default 10 s). */
  readonly maxBackoffMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Resolves once the database answers (with the number of attempts it took). A service that starts
 * before its database — a cluster booting, a PostgreSQL restart — waits here with back-off instead
 * of exiting into a crash loop; errors that waiting cannot mend are thrown at once.
 */
const warnUnreachable = (error: Error, attempt: number, delayMs: number) =>
  process.emitWarning(
    `PostgreSQL is not reachable yet (${(error as Error & { code?: string }).code ?? error.message}); attempt ${attempt}, next in ${delayMs} ms`,
    {
      code: 'EDUCUBE_PG_UNREACHABLE',
    },
  );

export async function waitForDatabase(db: SqlClient, { onRetry = warnUnreachable, maxBackoffMs = 10_000, signal }: WaitOptions = {}): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query('select 1');
      return attempt;
    } catch (error) {
      if (!isUnreachable(error) || signal?.aborted) throw error;
      const delayMs = Math.min(maxBackoffMs, 250 * 2 ** (attempt - 1));
      onRetry(error as Error, attempt, delayMs);
      if (signal?.aborted) throw error;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }
}
