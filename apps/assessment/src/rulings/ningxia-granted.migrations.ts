import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one): a change to a table
// is a new migration at the end of the list. The baseline is the schema the store created with
// `if not exists` at start before there were migrations, kept so, so that it adopts a database
// that code made. No schema: the assessment's tables sit in the connection's search_path.

// The ratings the region granted (第十条: 自治区教育厅 rates), one per school and year, as an
// officer or an import records them. 第十四条 reads a school's earlier years from here; the hub's
// own figure for the year being ruled on is its proposal, never a granted rating.
export const ASSESSMENT_NINGXIA_GRANTED_SCHEMA: SchemaOwner = {
  owner: 'assessment-ningxia-granted',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create table if not exists assessment_ningxia_granted (
  school      text not null,
  year        integer not null,
  stars       integer not null check (stars = 0 or stars between 2 and 5),
  note        text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (school, year)
);`,
    },
  ],
};
