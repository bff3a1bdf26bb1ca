create schema if not exists event_store;
create table if not exists event_store.events (
  position       bigserial primary key,
  event_id       text not null,
  stream_id      text not null,
  stream_version integer not null,
  type           text not null,
  data           jsonb not null,
  metadata       jsonb not null default '{}',
  payload_hash   text not null,
  recorded_at    timestamptz not null default now(),
  constraint events_event_id_unique unique (event_id),
  constraint events_stream_version_unique unique (stream_id, stream_version)
);
