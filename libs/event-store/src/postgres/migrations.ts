import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of its list. Each baseline is the schema the stores created
// with `if not exists` before there were migrations, kept so, so that it adopts a database
// that code made.

export const EVENT_STORE_SCHEMA: SchemaOwner = {
  owner: 'event-store',
  schema: 'event_store',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
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
);`,
    },
  ],
};

// numeric, not bigint: KurrentDB positions pack commit and prepare offsets into one value
// wider than 64 bits (see kurrentdb-event-store.ts), and a read model in PostgreSQL may follow
// either store. PostgreSQL's own positions fit either way. No schema: the table sits in the
// connection's search_path, beside the read model that keeps its checkpoints there.
export const CHECKPOINTS_SCHEMA: SchemaOwner = {
  owner: 'event-store-checkpoints',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create table if not exists event_store_checkpoints (
  name       text primary key,
  position   numeric(39, 0) not null check (position >= 0),
  updated_at timestamptz not null default now()
);`,
    },
  ],
};
