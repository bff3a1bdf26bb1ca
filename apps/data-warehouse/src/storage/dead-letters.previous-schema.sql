create schema if not exists warehouse;
create table if not exists warehouse.dead_letters (
  id bigserial primary key,
  event_id text,
  school_code text,
  source text,
  type text,
  channel text not null,
  status text not null,
  reasons jsonb not null,
  received_at timestamptz not null,
  original bytea not null,
  resubmitted_at timestamptz,
  resubmit_outcome text
);
-- a redelivery after a crash re-detects the same refusal: one letter per (channel, status, bytes)
alter table warehouse.dead_letters add column if not exists fingerprint text;
create unique index if not exists dead_letters_fingerprint on warehouse.dead_letters (fingerprint);
create index if not exists dead_letters_school on warehouse.dead_letters (school_code, received_at);
create index if not exists dead_letters_source on warehouse.dead_letters (source, received_at);
create table if not exists warehouse.parked (
  event_id text primary key,
  school_code text not null,
  source text not null,
  type text not null,
  channel text not null,
  event jsonb not null,
  unresolved jsonb not null,
  parked_at timestamptz not null,
  attempts int not null default 0
);
create index if not exists parked_school on warehouse.parked (school_code);
