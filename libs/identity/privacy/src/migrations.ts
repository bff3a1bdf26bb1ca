import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of its list. Each baseline is the schema the stores created
// with `if not exists` before there were migrations, kept so, so that it adopts a database
// that code made (the audit log's, from any of its earlier shapes: before the hash chain too).

export const PERSONAL_DATA_SCHEMA: SchemaOwner = {
  owner: 'identity-personal-data',
  schema: 'identity_pii',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create schema if not exists identity_pii;
create table if not exists identity_pii.persons (
  person_id      text primary key,
  full_name      text,
  id_card        text,
  id_card_index  text unique,
  updated_at     timestamptz not null default now()
);`,
    },
  ],
};

// The retention (183 days) is written out, not taken from MIN_RETENTION_DAYS: a migration says
// what it did when it ran; a longer retention is a new migration replacing audit.guard().
export const AUDIT_LOG_SCHEMA: SchemaOwner = {
  owner: 'identity-audit-log',
  schema: 'audit',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
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
alter table audit.entries add column if not exists prev_hash text;
alter table audit.entries add column if not exists hash text;
-- not valid: rows from before the chain keep their null hash; every new row must carry one,
-- so a hand-typed insert cannot slip an unchained entry in after the chain began
do $$ begin
  if not exists (select 1 from pg_constraint where conrelid = 'audit.entries'::regclass and conname = 'entries_chained') then
    alter table audit.entries add constraint entries_chained
      check (hash is not null and prev_hash is not null and hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$') not valid;
  end if;
end $$;
create index if not exists entries_actor_at on audit.entries (actor, at);
create index if not exists entries_target_at on audit.entries (target, at);
create or replace function audit.guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
  end if;
  if old.at > now() - interval '183 days' then
    raise exception 'audit entry % is younger than 183 days and must be kept', old.seq using errcode = 'insufficient_privilege';
  end if;
  return old;
end $$;
create or replace function audit.refuse_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'audit entries are append-only: truncate would forget entries younger than 183 days' using errcode = 'insufficient_privilege';
end $$;
-- create or replace, not drop + create: a second instance starting must not open a window
-- in which the table is unguarded
create or replace trigger entries_guard before update or delete on audit.entries for each row execute function audit.guard();
create or replace trigger entries_no_truncate before truncate on audit.entries for each statement execute function audit.refuse_truncate();`,
    },
  ],
};
