create table if not exists assessment_applied_events (
  id        text primary key,
  position  numeric(39, 0) not null,
  school    text not null,
  event     jsonb not null,
  applied_at timestamptz not null default now()
);
create index if not exists assessment_applied_events_position on assessment_applied_events (position);
