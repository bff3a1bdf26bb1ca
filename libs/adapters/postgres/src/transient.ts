import { isUnreachable } from './wait';

// SQLSTATEs that say "not now" rather than "never": the server is going away or not back yet
// (class 08, 57P01-03), writes are refused for a while (25006: a read-only server or a standby),
// a bounded wait ran out (55P03 lock_timeout, 57014 a statement cancelled by statement_timeout,
// 25P03 idle_in_transaction_session_timeout ended the session), or the transaction lost a race
// the next try wins (40001, 40P01). A retry of the same work, later, is the right answer to each.
const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '25006', '55P03', '57014', '25P03', '40001', '40P01', '53300']);

/** What pg says when the connection under a query went away (the server restarted, the network cut it). */
const CONNECTION_LOST =
  /Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|terminating connection/i;

/**
 * Is this failure the database being away, or refusing for a while, rather than a fault of the
 * request? Such work is answered "retry later" (HTTP 503 with Retry-After, a Kafka batch kept
 * and tried again) and never counted as refused input.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (isUnreachable(error)) return true;
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && (TRANSIENT_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return typeof e?.message === 'string' && CONNECTION_LOST.test(e.message);
}

/** One line for a readiness check, a log or a problem: the SQLSTATE or system code, and pg's message. */
export function describeDatabaseError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | undefined;
  const message =
    typeof e?.message === 'string' && e.message ? e.message : Array.isArray(e?.errors) ? e.errors.map(describeDatabaseError).join('; ') : String(error);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
