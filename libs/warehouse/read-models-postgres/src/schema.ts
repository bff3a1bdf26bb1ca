import { migrate as applyMigrations, type SqlDatabase } from '@educube/postgres';
import { clockColumn, columnsOf, TABLES, type ColumnDef, type ColumnType, type TableDef } from '@educube/warehouse-read-models';

import { activityDefinitionSql } from './activity';
import { READ_MODELS_SCHEMA } from './migrations';
import { ident, qualified, SCHEMA } from './names';

export { ident, qualified, SCHEMA };

const SQL_TYPE: Record<ColumnType, string> = { text: 'text', date: 'date', int: 'bigint', float: 'double precision', bool: 'boolean' };

export function sqlTypeOf(column: ColumnDef): string {
  return SQL_TYPE[column.type];
}

/** The clocks compare byte-wise ("C"), exactly as the in-memory reference compares them. */
function columnDdl(def: TableDef, column: ColumnDef): string {
  if (def.keys.includes(column)) return `${ident(column.name)} ${sqlTypeOf(column)} not null`;
  if (def.counters.includes(column)) return `${ident(column.name)} ${sqlTypeOf(column)} not null default 0`;
  if (def.latest.some((g) => clockColumn(g) === column.name)) return `${ident(column.name)} text collate "C"`;
  return `${ident(column.name)} ${sqlTypeOf(column)}`;
}

export function tableDdl(def: TableDef): string {
  const columns = columnsOf(def).map((c) => columnDdl(def, c));
  return (
    `create table ${qualified(def.name)} (\n  ${[...columns, `primary key (${def.keys.map((k) => ident(k.name)).join(', ')})`].join(',\n  ')}\n);\n` +
    `comment on table ${qualified(def.name)} is '${def.description.replace(/'/g, "''")}';`
  );
}

/**
 * Derived figures are views, never stored counters: a rate or a count by status computed from
 * the rows cannot drift when events arrive out of order.
 */
export const VIEWS: readonly { readonly name: string; readonly sql: string }[] = [
  {
    name: 'lessons_timetabled',
    sql: `select school, day, school_year, semester, mode, subject, count(*) as lessons, sum(periods) as periods
      from ${SCHEMA}.lessons where day is not null and cancelled is not true
      group by school, day, school_year, semester, mode, subject`,
  },
  {
    name: 'exam_scores_by_subject',
    sql: `select s.school, s.exam_id, e.kind as exam_kind, s.subject, s.school_year, s.semester, count(*) as classes,
        sum(s.candidates) as candidates, sum(s.scored) as scored, count(*) filter (where s.marking_mode = '网络阅卷') as classes_marked_online
      from ${SCHEMA}.exam_scores s left join ${SCHEMA}.exams e on e.school = s.school and e.exam_id = s.exam_id
      group by s.school, s.exam_id, e.kind, s.subject, s.school_year, s.semester`,
  },
  {
    name: 'devices_by_status',
    sql: `select school, device_type, owner_role, status, count(*) as devices
      from ${SCHEMA}.devices where device_type is not null
      group by school, device_type, owner_role, status`,
  },
  {
    name: 'attendance_rates',
    sql: `select school, day, school_year, semester, role, class_id, expected, present,
        case when expected > 0 then present::double precision / expected end as rate
      from ${SCHEMA}.attendance`,
  },
  {
    name: 'attendance_rates_daily',
    sql: `select school, day, school_year, semester, role, sum(expected) as expected, sum(present) as present,
        case when sum(expected) > 0 then sum(present)::double precision / sum(expected) end as rate
      from ${SCHEMA}.attendance group by school, day, school_year, semester, role`,
  },
  {
    name: 'learning_spaces_opened',
    sql: `select school, opened_on as day, school_year, semester, owner_role, platform_level, count(*) as opened,
        count(*) filter (where closed_on is null) as still_open
      from ${SCHEMA}.learning_spaces where opened_on is not null
      group by school, opened_on, school_year, semester, owner_role, platform_level`,
  },
  {
    name: 'learning_spaces_active',
    sql: `select school, school_year, semester, role, count(distinct person) as active_persons, sum(activities) as activities
      from ${SCHEMA}.space_activity group by school, school_year, semester, role`,
  },
  {
    name: 'experience_by_person_year',
    sql: `select school, person, role, school_year, sum(points) as points
      from ${SCHEMA}.experience_points where person is not null group by school, person, role, school_year`,
  },
  {
    name: 'training_hours_by_teacher',
    sql: `select school, trainee, school_year, semester, sum(hours) as hours, sum(trainings) as trainings, sum(passed) as passed
      from ${SCHEMA}.training_hours group by school, trainee, school_year, semester`,
  },
];

/**
 * The schema the table definitions describe, from nothing. Not run by the service: the
 * migrations make the schema, and migrations.spec.ts checks they end exactly here, so a changed
 * definition without its migration fails there rather than at a rebuild.
 */
export function definitionSql(): string {
  return [
    `create schema ${SCHEMA};`,
    `create table ${SCHEMA}.checkpoints (projection text primary key, position bigint not null check (position >= 0));`,
    ...TABLES.map(tableDdl),
    ...VIEWS.map((v) => `create or replace view ${qualified(v.name)} as ${v.sql};`),
    activityDefinitionSql(),
  ].join('\n');
}

/**
 * Applies the read models' pending migrations (migrations.ts); running it again changes
 * nothing. A migration changes the tables, not their history: a new column or table is filled
 * from the past only by a rebuild (reset, replay from position 0).
 */
export async function migrate(db: SqlDatabase): Promise<void> {
  await applyMigrations(db, READ_MODELS_SCHEMA);
}
