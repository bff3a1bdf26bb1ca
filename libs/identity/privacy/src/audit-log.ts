import { canonicalJson, sha256Hex } from '@educube/canonical-json';
import { migrate, type SqlClient, type SqlDatabase } from '@educube/postgres';
import { AUDIT_LOG_SCHEMA } from './migrations';

/** Who read what, when and why: every officer query and every read of personal data. */
export interface AuditEntry {
  readonly at: Date;
  /** The unified person id or client id from the verified token. */
  readonly actor: string;
  readonly actorRoles: readonly string[];
  readonly action: 'person.read' | 'person.search' | 'query' | 'export';
  /** What was read: a person id, a GraphQL operation name, a school code… */
  readonly target: string;
  readonly scope?: string;
  readonly outcome: 'allowed' | 'denied';
  readonly detail?: Record<string, unknown>;
}

/** The promise is "kept ≥ 6 months"; the database itself refuses to forget sooner. */
export const MIN_RETENTION_DAYS = 183;

/** What `prev_hash` holds for the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

export interface ChainVerification {
  /** Every entry walked, legacy ones included. */
  readonly entries: number;
  /** Entries written before the log was chained: nothing to verify them against. */
  readonly legacy: number;
  readonly firstBreak: ChainBreak | null;
  /** The newest chained entry: worth recording outside the database, since a chain can only prove what follows a hash someone else kept. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
}

/**
 * Every append takes this lock, so two concurrent appends cannot both chain onto the same
 * predecessor. An advisory lock rather than LOCK TABLE: an insert-only role may take it.
 */
const APPEND_LOCK = "select pg_advisory_xact_lock(hashtextextended('educube.audit.entries.append', 0))";

type Row = {
  seq: string;
  at: Date | string;
  actor: string;
  actor_roles: string[];
  action: string;
  target: string;
  scope: string | null;
  outcome: string;
  detail: unknown;
  prev_hash: string | null;
  hash: string | null;
};

export interface AuditLogOptions {
  /**
   * Creates or migrates the schema (the default). An insert-only role cannot run the DDL: the
   * owner installs the schema and the service opens with `install: false`.
   */
  readonly install?: boolean;
}

export class AuditLog {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase, { install = true }: AuditLogOptions = {}): Promise<AuditLog> {
    if (install) await migrate(db, AUDIT_LOG_SCHEMA);
    return new AuditLog(db);
  }

  async record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      await tx.query(APPEND_LOCK);
      const { rows: last } = await tx.query<{ hash: string }>('select hash from audit.entries where hash is not null order by seq desc limit 1');
      // the seq is part of what is hashed, so it is drawn before the insert, under the lock,
      // which keeps seq order and chain order the same
      const { rows: drawn } = await tx.query<{ seq: string }>(
        "select nextval(pg_get_serial_sequence('audit.entries', 'seq'))::text as seq from generate_series(1, $1::int)",
        [entries.length],
      );
      // ascending whatever order the rows came back in, or the batch would chain out of seq order
      const seqs = drawn.map((r) => r.seq).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      let prev = last[0]?.hash ?? GENESIS_HASH;
      const rows = entries.map((e, i) => {
        const seq = seqs[i];
        if (seq === undefined) throw new Error(`nextval gave ${seqs.length} values for ${entries.length} entries`);
        const row = {
          seq,
          at: e.at.toISOString(),
          actor: e.actor,
          roles: [...e.actorRoles],
          action: e.action,
          target: e.target,
          scope: e.scope ?? null,
          outcome: e.outcome,
          detail: plainJson(e.detail ?? {}),
          prevHash: prev,
        };
        const hash = entryHash(row);
        prev = hash;
        return { ...row, hash };
      });
      await insert(tx, rows);
    });
  }

  async byActor(actor: string, since: Date): Promise<AuditEntry[]> {
    return this.select('actor = $1 and at >= $2', [actor, since.toISOString()]);
  }

  async byTarget(target: string, since: Date): Promise<AuditEntry[]> {
    return this.select('target = $1 and at >= $2', [target, since.toISOString()]);
  }

  /**
   * Deletes the oldest entries, up to the first one at or after the cutoff; a cutoff inside the
   * retention period is refused. Only ever the oldest part of the chain goes, so a purge never
   * leaves a hole a verifier would have to tell apart from a removed entry; an old entry
   * written after a younger one waits until the younger one may go too.
   */
  async purgeBefore(cutoff: Date, now: Date): Promise<number> {
    const minimum = new Date(now.getTime() - MIN_RETENTION_DAYS * 86_400_000);
    if (cutoff > minimum) throw new Error(`audit entries are kept ${MIN_RETENTION_DAYS} days: the cutoff must be on or before ${minimum.toISOString()}`);
    const { rows } = await this.db.query<{ n: number }>(
      `with gone as (
         delete from audit.entries
         where seq < coalesce((select min(seq) from audit.entries where at >= $1), 9223372036854775807)
         returning 1)
       select count(*)::int as n from gone`,
      [cutoff.toISOString()],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Walks the log in seq order, a page at a time, recomputing each hash and checking each link.
   * The oldest surviving entry is taken as the anchor: retention purges remove the head, so
   * what it pointed to may be gone for good reasons.
   */
  async verifyChain({ pageSize = 1000 }: { pageSize?: number } = {}): Promise<ChainVerification> {
    let entries = 0;
    let legacy = 0;
    let firstBreak: ChainBreak | null = null;
    let head: ChainVerification['head'] = null;
    let expectedPrev: string | undefined;
    // below any seq, even one typed in by hand
    let after = '-9223372036854775808';
    for (;;) {
      const { rows } = await this.db.query<Row>(
        // e.seq, not seq: the output column is text, and ordering by it would put 10 before 9
        `select seq::text as seq, at, actor, actor_roles, action, target, scope, outcome, detail, prev_hash, hash
         from audit.entries e where e.seq > $1::bigint order by e.seq limit $2::int`,
        [after, pageSize],
      );
      for (const r of rows) {
        entries++;
        after = r.seq;
        if (r.hash === null && r.prev_hash === null && expectedPrev === undefined) {
          legacy++;
          continue;
        }
        const fault = faultOf(r, expectedPrev);
        if (fault) firstBreak ??= { seq: Number(r.seq), reason: fault };
        // the next link is checked against what is stored, so one altered entry is reported once
        if (r.hash !== null) {
          expectedPrev = r.hash;
          head = { seq: Number(r.seq), hash: r.hash };
        }
      }
      if (rows.length < pageSize) break;
    }
    return { entries, legacy, firstBreak, head };
  }

  /**
   * Leaves `role` only INSERT and SELECT on the log (and the sequence an insert draws from).
   * The triggers still hold against the owner; this holds even against someone who could drop
   * a trigger, as long as the service connects as `role`. Refuses when the role keeps a way to
   * change entries anyway (a superuser, the owner, or a grant through PUBLIC or another role).
   */
  async restrictToInsertOnly(role: string): Promise<void> {
    // asked before granting, so a refused call leaves the owner's own privileges untouched
    const { rows: owner } = await this.db.query<{ may: boolean }>(
      "select r.rolsuper or pg_has_role(r.oid, c.relowner, 'USAGE') as may from pg_roles r, pg_class c where r.rolname = $1 and c.oid = 'audit.entries'::regclass",
      [role],
    );
    if (owner[0]?.may)
      throw new Error(
        `role ${role} is a superuser or owns audit.entries (or inherits from its owner): no grant can take changes away from it; give the service a role of its own`,
      );
    await this.db.exec(insertOnlyGrantsSql(role));
    const { rows } = await this.db.query<{ may: boolean }>(
      "select has_table_privilege($1, 'audit.entries', 'UPDATE') or has_table_privilege($1, 'audit.entries', 'DELETE') or has_table_privilege($1, 'audit.entries', 'TRUNCATE') as may",
      [role],
    );
    if (rows[0]?.may)
      throw new Error(
        `role ${role} may still update, delete or truncate audit.entries through another grant (to PUBLIC or to a role it inherits from): revoke that one too`,
      );
  }

  private async select(where: string, params: unknown[]): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<{
      at: Date | string;
      actor: string;
      actor_roles: string[];
      action: AuditEntry['action'];
      target: string;
      scope: string | null;
      outcome: AuditEntry['outcome'];
      detail: Record<string, unknown>;
    }>(`select at, actor, actor_roles, action, target, scope, outcome, detail from audit.entries where ${where} order by seq`, params);
    return rows.map((r) => ({
      at: new Date(r.at),
      actor: r.actor,
      actorRoles: r.actor_roles,
      action: r.action,
      target: r.target,
      ...(r.scope ? { scope: r.scope } : {}),
      outcome: r.outcome,
      detail: r.detail,
    }));
  }
}

/** The grants behind `restrictToInsertOnly`, for a migration run by the owner. */
export function insertOnlyGrantsSql(role: string): string {
  if (role.length === 0 || role.length > 63 || role.includes('\0')) throw new Error('a role name is 1–63 characters');
  const r = `"${role.replaceAll('"', '""')}"`;
  return `
revoke update, delete, truncate on audit.entries from ${r};
grant usage on schema audit to ${r};
grant select, insert on audit.entries to ${r};
grant usage on sequence audit.entries_seq_seq to ${r};`;
}

interface HashedFields {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly roles: readonly string[];
  readonly action: string;
  readonly target: string;
  readonly scope: string | null;
  readonly outcome: string;
  readonly detail: unknown;
  readonly prevHash: string;
}

/**
 * SHA-256 over a JSON array of the fields: the array's own escaping keeps "a,b" + "c" apart
 * from "a" + "b,c", and the version tag lets a later format coexist with this one.
 */
export function entryHash(e: HashedFields): string {
  const canonical = JSON.stringify([
    'educube-audit-v1',
    e.seq,
    e.at,
    e.actor,
    e.roles,
    e.action,
    e.target,
    e.scope,
    e.outcome,
    canonicalJson(e.detail),
    e.prevHash,
  ]);
  return sha256Hex(canonical);
}

// Keys sorted at every level (jsonb does not keep the order the writer used). `detail` is plain
// JSON by then (plainJson below, or read back from jsonb), on which RFC 8785 gives the bytes the
// chain has always hashed.
export { canonicalJson };

/** What jsonb will give back (no undefined, no Dates, no class instances), so the hash written is the hash recomputed. */
function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Why an entry does not hold, or undefined when it does. */
function faultOf(r: Row, expectedPrev: string | undefined): string | undefined {
  if (r.hash === null || r.prev_hash === null) return 'entry carries no hash although the chain had begun (written around the log, or its hash removed)';
  const recomputed = entryHash({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    roles: r.actor_roles,
    action: r.action,
    target: r.target,
    scope: r.scope,
    outcome: r.outcome,
    detail: r.detail,
    prevHash: r.prev_hash,
  });
  if (recomputed !== r.hash) return 'hash does not match the entry: its content was altered';
  if (expectedPrev !== undefined && r.prev_hash !== expectedPrev)
    return 'prev_hash does not match the entry before it: an entry was removed, inserted or re-hashed';
  return undefined;
}

async function insert(tx: SqlClient, rows: readonly (HashedFields & { hash: string })[]): Promise<void> {
  await tx.query(
    `insert into audit.entries (seq, at, actor, actor_roles, action, target, scope, outcome, detail, prev_hash, hash)
     select e.seq::bigint, e.at::timestamptz, e.actor, array(select jsonb_array_elements_text(e.roles::jsonb)), e.action, e.target, e.scope, e.outcome, e.detail::jsonb, e.prev_hash, e.hash
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
       as e(seq, at, actor, roles, action, target, scope, outcome, detail, prev_hash, hash)`,
    [
      rows.map((e) => e.seq),
      rows.map((e) => e.at),
      rows.map((e) => e.actor),
      // JSON, not a joined string: a role containing a comma must come back as one role, or its hash would not match
      rows.map((e) => JSON.stringify(e.roles)),
      rows.map((e) => e.action),
      rows.map((e) => e.target),
      rows.map((e) => e.scope),
      rows.map((e) => e.outcome),
      rows.map((e) => JSON.stringify(e.detail)),
      rows.map((e) => e.prevHash),
      rows.map((e) => e.hash),
    ],
  );
}
