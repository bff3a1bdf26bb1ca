import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of the list. The baseline is the schema the store created with
// `if not exists` at start before there were migrations, kept so, so that it adopts a database
// that code made. No schema: the assessment's tables sit in the connection's search_path.

// The applied events themselves are the assessment's facts (a set keyed by event id): keeping
// them here lets a restart rebuild the facts from its own table and resume at the checkpoint,
// without re-reading the warehouse from the beginning.
export const ASSESSMENT_APPLIED_EVENTS_SCHEMA: SchemaOwner = {
  owner: 'assessment-applied-events',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create table if not exists assessment_applied_events (
  id        text primary key,
  position  numeric(39, 0) not null,
  school    text not null,
  event     jsonb not null,
  applied_at timestamptz not null default now()
);
create index if not exists assessment_applied_events_position on assessment_applied_events (position);`,
    },
  ],
};
