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
create or replace trigger entries_no_truncate before truncate on audit.entries for each statement execute function audit.refuse_truncate();
