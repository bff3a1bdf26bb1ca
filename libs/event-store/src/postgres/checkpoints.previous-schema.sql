create table if not exists event_store_checkpoints (
  name       text primary key,
  position   numeric(39, 0) not null check (position >= 0),
  updated_at timestamptz not null default now()
);
