import type { Problem } from '@educube/contracts';
import { screen } from '@educube/warehouse-ingestion';

/**
 * How the hub judges one event, offline: the warehouse's own `screen` (the contract through
 * `eventRegistry.validate(raw, { now })`, then the text and nesting rules every stored event
 * must pass). What needs the hub's organisation tree is not known here and is not checked
 * (`known-school`); the token's schools are, when given (`own-school`, `org-tree-from-identity`).
 */
export interface CheckOptions {
  /** The receiver's clock (events more than 5 minutes ahead of it are refused `not-in-future`). */
  readonly now: Date;
  /** The schools the vendor's client may send for (the token's schools); unset: not checked. */
  readonly schools?: readonly string[];
}

export interface Checked {
  readonly id: string | null;
  readonly type: string | null;
  readonly subject: string | null;
  readonly ok: boolean;
  readonly problems: readonly Problem[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function checkEvent(raw: unknown, options: CheckOptions): Checked {
  const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const screened = screen(raw, {
    now: options.now,
    knownSchool: () => true,
    ...(options.schools ? { sender: { clientId: 'producer-kit', schoolCodes: options.schools } } : {}),
  });
  const base = { id: str(record['id']), type: str(record['type']), subject: str(record['subject']) };
  return screened.status === 'valid' ? { ...base, ok: true, problems: [] } : { ...base, ok: false, problems: screened.problems };
}
