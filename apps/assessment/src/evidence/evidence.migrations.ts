import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of the list. The baseline is the schema the store created with
// `if not exists` at start before there were migrations, kept so, so that it adopts a database
// that code made. No schema: the assessment's tables sit in the connection's search_path.

// Evidence is stored per item with its provenance: the engine's evidence (value, window,
// formula, threshold, met, points, contributing count, sample ids, the as-of date), the feed
// position of the facts it was computed from, and when it was computed. A row is rewritten only
// when its content changes, so computed_at says since when the current value stands.
export const ASSESSMENT_EVIDENCE_SCHEMA: SchemaOwner = {
  owner: 'assessment-evidence',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create table if not exists assessment_evidence (
  school        text not null,
  standard      text not null,
  item_id       text not null,
  as_of         date not null,
  digest        text not null,
  evidence      jsonb not null,
  feed_position numeric(39, 0) not null,
  computed_at   timestamptz not null default now(),
  primary key (school, standard, item_id)
);
-- where each school was placed when its evidence was computed (the 全区 averages pool by it), so a
-- replay without identity pools the same schools
create table if not exists assessment_school_placement (
  school      text primary key,
  region_code text not null
);`,
    },
  ],
};
