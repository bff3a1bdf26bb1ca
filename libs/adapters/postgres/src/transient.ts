import { isUnreachable } from './wait';
import type { SqlClient } from './sql';

// SQLSTATEs that say "not now" rather than "never": whole classes 08 (connection exception),
// 40 (serialization failure, deadlock: the next try wins), 53 (insufficient resources), 57
// (shutdown, cancel: a restart, statement_timeout) and 58 (system error); and writes refused for
// a while (25006: a read-only server or a standby), a lock wait that ran out (55P03,
// lock_timeout), a session ended for idling in a transaction (25P03). A retry of the same work,
// later, is the right answer to each.
const TRANSIENT_CLASSES = /^(08|40|53|57|58)[0-9A-Z]{3}$/;
const TRANSIENT_CODES = new Set(['25006', '55P03', '25P03']);
/** Node's socket errors (ECONNRESET, EPIPE, ETIMEDOUT, …) */
const SYSTEM_CODE = /^E[A-Z]+$/;

/** What pg says when the connection under a query went away (the server restarted, the network cut it). */
const CONNECTION_LOST =
  /Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end|terminating connection|timeout exceeded when trying to connect/i;

/**
 * Is this failure the database being away, or refusing for a while, rather than a fault of the
 * request? Such work is answered "retry later" (HTTP 503 with Retry-After, a Kafka batch kept
 * and tried again) and never counted as refused input.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (isUnreachable(error)) return true;
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && (TRANSIENT_CLASSES.test(e.code) || TRANSIENT_CODES.has(e.code) || SYSTEM_CODE.test(e.code))) return true;
  return typeof e?.message === 'string' && CONNECTION_LOST.test(e.message);
}

/** One line for a readiness check, a log or a problem: the SQLSTATE or system code, and pg's message. */
export function describeDatabaseError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | undefined;
  const message =
    typeof e?.message === 'string' && e.message ? e.message : Array.isArray(e?.errors) ? e.errors.map(describeDatabaseError).join('; ') : String(error);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/**
 * A readiness check: the database answers and takes writes. A server that answers but refuses
 * writes (read-only, a standby after a failover) is as unready for a writing service as one that
 * is gone; the error says which it is.
 */
export async function checkWritableDatabase(db: SqlClient): Promise<void> {
  let readOnly: string | undefined;
  try {
    const { rows } = await db.query<{ read_only: string }>("select current_setting('transaction_read_only') as read_only");
    readOnly = rows[0]?.read_only;
  } catch (error) {
    throw new Error(describeDatabaseError(error));
  }
  if (readOnly === 'on') throw new Error('the database answers but refuses writes for now (transaction_read_only = on: read-only, or a standby)');
}
