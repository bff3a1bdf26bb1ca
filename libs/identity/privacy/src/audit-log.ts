import type { SqlDatabase } from '@educube/postgres';

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

const SCHEMA = `
create schema if not exists audit;
create table if not exists audit.entries (
  seq         bigserial primary key,
  at          timestamptz not null,
  actor       text not null,
  actor_roles text[] not null,
  action      text not null,
  target      text not null,
  scope       text,
  outcome     text not null check (outcome in ('allowed', 'denied')),
  detail      jsonb not null default '{}'
);
create index if not exists entries_actor_at on audit.entries (actor, at);
create index if not exists entries_target_at on audit.entries (target, at);
create or replace function audit.guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
  end if;
  if old.at > now() - interval '${MIN_RETENTION_DAYS} days' then
    raise exception 'audit entry % is younger than ${MIN_RETENTION_DAYS} days and must be kept', old.seq using errcode = 'insufficient_privilege';
  end if;
  return old;
end $$;
drop trigger if exists entries_guard on audit.entries;
create trigger entries_guard before update or delete on audit.entries for each row execute function audit.guard();`;

export class AuditLog {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<AuditLog> {
    await db.exec(SCHEMA);
    return new AuditLog(db);
  }

  async record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `insert into audit.entries (at, actor, actor_roles, action, target, scope, outcome, detail)
       select e.at::timestamptz, e.actor, string_to_array(e.roles, ','), e.action, e.target, e.scope, e.outcome, e.detail::jsonb
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as e(at, actor, roles, action, target, scope, outcome, detail)`,
      [
        entries.map((e) => e.at.toISOString()),
        entries.map((e) => e.actor),
        entries.map((e) => e.actorRoles.join(',')),
        entries.map((e) => e.action),
        entries.map((e) => e.target),
        entries.map((e) => e.scope ?? null),
        entries.map((e) => e.outcome),
        entries.map((e) => JSON.stringify(e.detail ?? {})),
      ],
    );
  }

  async byActor(actor: string, since: Date): Promise<AuditEntry[]> {
    return this.select('actor = $1 and at >= $2', [actor, since.toISOString()]);
  }

  async byTarget(target: string, since: Date): Promise<AuditEntry[]> {
    return this.select('target = $1 and at >= $2', [target, since.toISOString()]);
  }

  /** Deletes entries older than the cutoff; a cutoff inside the retention period is refused. */
  async purgeBefore(cutoff: Date, now: Date): Promise<number> {
    const minimum = new Date(now.getTime() - MIN_RETENTION_DAYS * 86_400_000);
    if (cutoff > minimum) throw new Error(`audit entries are kept ${MIN_RETENTION_DAYS} days: the cutoff must be on or before ${minimum.toISOString()}`);
    const { rows } = await this.db.query<{ n: number }>('with gone as (delete from audit.entries where at < $1 returning 1) select count(*)::int as n from gone', [cutoff.toISOString()]);
    return rows[0]?.n ?? 0;
  }

  private async select(where: string, params: unknown[]): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<{ at: Date | string; actor: string; actor_roles: string[]; action: AuditEntry['action']; target: string; scope: string | null; outcome: AuditEntry['outcome']; detail: Record<string, unknown> }>(
      `select at, actor, actor_roles, action, target, scope, outcome, detail from audit.entries where ${where} order by seq`,
      params,
    );
    return rows.map((r) => ({ at: new Date(r.at), actor: r.actor, actorRoles: r.actor_roles, action: r.action, target: r.target, ...(r.scope ? { scope: r.scope } : {}), outcome: r.outcome, detail: r.detail }));
  }
}
