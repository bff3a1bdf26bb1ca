create schema if not exists identity_pii;
create table if not exists identity_pii.persons (
  person_id      text primary key,
  full_name      text,
  id_card        text,
  id_card_index  text unique,
  updated_at     timestamptz not null default now()
);
