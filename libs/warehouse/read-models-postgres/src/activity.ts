// Monthly activity per school and per district, materialised and kept current.
//
// The projection's transaction (applyBatch) records which school-months a batch touched in
// `activity_dirty`; `drainActivity` recomputes those school-months from the read models
// (view `activity_school_months_live`), stores them in `activity_school_months` with the district
// identity placed the school in, and adds the difference to `activity_region_months`. The
// recomputation is absolute (new figures minus stored ones), so running it twice, or after a
// crash between the projection and the drain, changes nothing; a school identity moved to
// another district is re-marked whole and its rows leave the old district and enter the new one.
import type { SqlClient, SqlDatabase } from '@educube/postgres';
import {
  FLOW_FIELDS,
  flowColumn,
  isZeroFlows,
  regionDeltas,
  zeroFlows,
  type ActivityMark,
  type MonthFlows,
  type SchoolMonth,
} from '@educube/warehouse-read-models';
import { SCHEMA } from './names';

const COLUMNS = FLOW_FIELDS.map(flowColumn);
const ROLLUP_LOCK = 7_207_101;

/** The flows of each source, by school and month; columns not named are 0. */
const SOURCES: readonly {
  readonly from: string;
  readonly month: string;
  readonly columns: Partial<Record<keyof MonthFlows, string>>;
  readonly grouped?: boolean;
}[] = [
  {
    from: `${SCHEMA}.activity_months`,
    month: 'month',
    grouped: false,
    columns: {
      teacherSpaceEvents: 'teacher_space_activities',
      resourceUploads: 'resource_uploads',
      teacherUploads: 'teacher_uploads',
      lessonsDelivered: 'lessons_delivered',
      remoteLessons: 'remote_lessons',
      threeClassroomLessons: 'three_classroom_lessons',
    },
  },
  { from: `${SCHEMA}.space_activity where role = 'teacher'`, month: "to_char(day, 'YYYY-MM')", columns: { activeTeacherSpaces: 'count(distinct person)' } },
  {
    from: `${SCHEMA}.attendance where role = 'student'`,
    month: "to_char(day, 'YYYY-MM')",
    columns: { attendanceExpected: 'coalesce(sum(expected), 0)', attendancePresent: 'coalesce(sum(present), 0)' },
  },
  {
    // a status seen before its registration is no device yet
    from: `${SCHEMA}.devices where registered_on is not null`,
    month: "to_char(registered_on, 'YYYY-MM')",
    columns: { devicesAdded: 'count(*)', devicesInUseAdded: "count(*) filter (where status = '在用')" },
  },
  {
    from: `${SCHEMA}.devices where registered_on is not null and status = '报废' and status_on is not null`,
    month: "to_char(status_on, 'YYYY-MM')",
    columns: { devicesWrittenOff: 'count(*)' },
  },
  {
    // each report's change against the school's report before it, by the report's month
    from: `(select school, as_of, teachers - coalesce(lag(teachers) over w, 0) as dt, classes - coalesce(lag(classes) over w, 0) as dc,
        case when row_number() over w = 1 then 1 else 0 end as first
      from ${SCHEMA}.headcounts where teachers is not null window w as (partition by school order by as_of)) h`,
    month: "to_char(as_of, 'YYYY-MM')",
    columns: { teachersDelta: 'sum(dt)', classesDelta: 'sum(dc)', headcountSchoolsDelta: 'sum(first)' },
  },
];

function liveViewSql(): string {
  const branches = SOURCES.map((s) => {
    const cols = FLOW_FIELDS.map((f) => `(${s.columns[f] ?? '0'})::bigint as ${flowColumn(f)}`).join(', ');
    return `select school, ${s.month} as month, ${cols} from ${s.from}${s.grouped === false ? '' : ` group by school, ${s.month}`}`;
  });
  return `select school, month, ${COLUMNS.map((c) => `sum(${c})::bigint as ${c}`).join(', ')} from (\n  ${branches.join('\n  union all\n  ')}\n) t group by school, month`;
}

const flowDdl = COLUMNS.map((c) => `${c} bigint not null default 0`).join(', ');

/** Tables and the view of the monthly activity, as the definitions describe them (see definitionSql). */
export function activityDefinitionSql(): string {
  return [
    `create table ${SCHEMA}.activity_school_months (school text not null, month text not null, region_code text not null, ${flowDdl}, primary key (school, month));`,
    `comment on table ${SCHEMA}.activity_school_months is 'A school''s monthly flows as last recomputed, with the district (identity''s tree) they were added to; '''' = not placed.';`,
    `create table ${SCHEMA}.activity_region_months (region_code text not null, month text not null, ${flowDdl}, primary key (region_code, month));`,
    `comment on table ${SCHEMA}.activity_region_months is 'The sum of activity_school_months per district and month, kept by difference as school-months are recomputed.';`,
    `create table ${SCHEMA}.activity_school_regions (school text primary key, region_code text not null);`,
    `create sequence ${SCHEMA}.activity_dirty_seq;`,
    `create table ${SCHEMA}.activity_dirty (school text not null, month text not null, seq bigint not null, primary key (school, month));`,
    `comment on table ${SCHEMA}.activity_dirty is 'School-months (month '''' = the whole school) a projected batch touched and the roll-up has not recomputed yet.';`,
    `create or replace view ${SCHEMA}.activity_school_months_live as ${liveViewSql()};`,
  ].join('\n');
}

export const ACTIVITY_TABLES = ['activity_school_months', 'activity_region_months', 'activity_school_regions', 'activity_dirty'].map((t) => `${SCHEMA}.${t}`);

/** Inside the projection's transaction: the school-months to recompute (deduplicated by the caller). */
export async function markActivity(tx: SqlClient, marks: readonly ActivityMark[]): Promise<void> {
  if (marks.length === 0) return;
  await tx.query(
    `insert into ${SCHEMA}.activity_dirty (school, month, seq) select s, m, nextval('${SCHEMA}.activity_dirty_seq') from unnest($1::text[], $2::text[]) as u(s, m)
     on conflict (school, month) do update set seq = excluded.seq`,
    [marks.map((m) => m.school), marks.map((m) => m.month)],
  );
}

/** Marks whole schools for recomputation (identity moved them, or a reconcile wants them checked). */
export async function markSchools(db: SqlClient, schools: readonly string[]): Promise<void> {
  await markActivity(
    db,
    [...new Set(schools)].map((school) => ({ school, month: '' })),
  );
}

/** How many school-months wait for the roll-up. */
export async function pendingActivity(db: SqlClient): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`select count(*)::text as n from ${SCHEMA}.activity_dirty`);
  return Number(rows[0]?.n ?? 0);
}

/** The district each school's rows were added to ('' = not placed), as the roll-up last stored it. */
export async function activityPlacements(db: SqlClient): Promise<Map<string, string>> {
  const { rows } = await db.query<{ school: string; region_code: string }>(`select school, region_code from ${SCHEMA}.activity_school_regions`);
  return new Map(rows.map((r) => [r.school, r.region_code]));
}

type FlowRow = Record<string, string | null>;
const flowsOf = (row: FlowRow): MonthFlows => {
  const f = zeroFlows();
  for (const field of FLOW_FIELDS) f[field] = Number(row[flowColumn(field)] ?? 0);
  return f;
};
const selectFlows = COLUMNS.map((c) => `${c}::text as ${c}`).join(', ');

/** School → district on today's tree; a school missing from the answer is not placed (''). */
export type PlaceSchools = (schools: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface DrainResult {
  /** marks taken */
  readonly marks: number;
  readonly schools: number;
  /** school-months written */
  readonly rows: number;
  /** more marks may be waiting */
  readonly more: boolean;
}

/**
 * Recomputes up to `limit` marked school-months and moves the district rows by the difference,
 * in one transaction. The district of each school is asked before the transaction opens (no
 * remote call inside it); a school whose district changed is recomputed whole.
 */
export async function drainActivity(db: SqlDatabase, place: PlaceSchools, limit = 500): Promise<DrainResult> {
  const { rows: taken } = await db.query<{ school: string; month: string; seq: string }>(
    `select school, month, seq::text as seq from ${SCHEMA}.activity_dirty order by seq limit $1`,
    [limit],
  );
  if (taken.length === 0) return { marks: 0, schools: 0, rows: 0, more: false };
  const schools = [...new Set(taken.map((m) => m.school))];
  const placed = await place(schools);
  const regionOf = (school: string): string => placed.get(school) ?? '';

  const written = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
    const { rows: mapping } = await tx.query<{ school: string; region_code: string }>(
      `select school, region_code from ${SCHEMA}.activity_school_regions where school = any($1::text[])`,
      [schools],
    );
    const storedRegion = new Map(mapping.map((r) => [r.school, r.region_code]));
    const whole = new Set(
      taken.filter((m) => m.month === '' || (storedRegion.has(m.school) && storedRegion.get(m.school) !== regionOf(m.school))).map((m) => m.school),
    );
    const pairs = new Set(taken.filter((m) => !whole.has(m.school)).map((m) => `${m.school}\u0000${m.month}`));
    const inScope = (school: string, month: string): boolean => whole.has(school) || pairs.has(`${school}\u0000${month}`);
    const partSchools = [...new Set(taken.filter((m) => !whole.has(m.school)).map((m) => m.school))];
    const partMonths = [...new Set(taken.filter((m) => !whole.has(m.school)).map((m) => m.month))];
    const wholeSchools = [...whole];

    const read = async (table: string, withRegion: boolean): Promise<(FlowRow & { school: string; month: string })[]> => {
      const cols = `school, month, ${withRegion ? 'region_code, ' : ''}${selectFlows}`;
      const { rows } = await tx.query<FlowRow & { school: string; month: string }>(
        `select ${cols} from ${table} where school = any($1::text[])
         union all select ${cols} from ${table} where school = any($2::text[]) and month = any($3::text[])`,
        [wholeSchools, partSchools, partMonths],
      );
      return rows.filter((r) => inScope(r.school, r.month));
    };
    const stored: SchoolMonth[] = (await read(`${SCHEMA}.activity_school_months`, true)).map((r) => ({
      school: r.school,
      month: r.month,
      regionCode: r['region_code'] ?? '',
      flows: flowsOf(r),
    }));
    const fresh: SchoolMonth[] = (await read(`${SCHEMA}.activity_school_months_live`, false))
      .map((r) => ({ school: r.school, month: r.month, regionCode: regionOf(r.school), flows: flowsOf(r) }))
      .filter((r) => !isZeroFlows(r.flows));

    // the school rows in scope are replaced by the fresh ones
    const gone = stored.map((s) => [s.school, s.month] as const);
    if (gone.length) {
      await tx.query(`delete from ${SCHEMA}.activity_school_months d using unnest($1::text[], $2::text[]) as u(s, m) where d.school = u.s and d.month = u.m`, [
        gone.map((g) => g[0]),
        gone.map((g) => g[1]),
      ]);
    }
    if (fresh.length) {
      await tx.query(
        `insert into ${SCHEMA}.activity_school_months (school, month, region_code, ${COLUMNS.join(', ')})
         select * from unnest($1::text[], $2::text[], $3::text[], ${COLUMNS.map((_, i) => `$${i + 4}::bigint[]`).join(', ')})`,
        [
          fresh.map((f) => f.school),
          fresh.map((f) => f.month),
          fresh.map((f) => f.regionCode),
          ...FLOW_FIELDS.map((field) => fresh.map((f) => f.flows[field])),
        ],
      );
    }
    const deltas = regionDeltas(stored, fresh);
    if (deltas.length) {
      await tx.query(
        `insert into ${SCHEMA}.activity_region_months as cur (region_code, month, ${COLUMNS.join(', ')})
         select * from unnest($1::text[], $2::text[], ${COLUMNS.map((_, i) => `$${i + 3}::bigint[]`).join(', ')})
         on conflict (region_code, month) do update set ${COLUMNS.map((c) => `${c} = cur.${c} + excluded.${c}`).join(', ')}`,
        [deltas.map((d) => d.regionCode), deltas.map((d) => d.month), ...FLOW_FIELDS.map((field) => deltas.map((d) => d.flows[field]))],
      );
      // a district row back at zero goes, so a replay and the incremental run hold the same rows
      await tx.query(
        `delete from ${SCHEMA}.activity_region_months d using unnest($1::text[], $2::text[]) as u(r, m)
         where d.region_code = u.r and d.month = u.m and ${COLUMNS.map((c) => `d.${c} = 0`).join(' and ')}`,
        [deltas.map((d) => d.regionCode), deltas.map((d) => d.month)],
      );
    }
    await tx.query(
      `insert into ${SCHEMA}.activity_school_regions (school, region_code) select * from unnest($1::text[], $2::text[])
       on conflict (school) do update set region_code = excluded.region_code`,
      [schools, schools.map(regionOf)],
    );
    // a mark the projection renewed meanwhile (a newer seq) stays for the next round
    await tx.query(
      `delete from ${SCHEMA}.activity_dirty d using unnest($1::text[], $2::text[], $3::bigint[]) as u(s, m, q) where d.school = u.s and d.month = u.m and d.seq = u.q`,
      [taken.map((m) => m.school), taken.map((m) => m.month), taken.map((m) => m.seq)],
    );
    return fresh.length;
  });
  return { marks: taken.length, schools: schools.length, rows: written, more: taken.length === limit };
}

/** Drains until no mark is left (tests, rebuilds, start-up). */
export async function drainAllActivity(db: SqlDatabase, place: PlaceSchools, limit = 500): Promise<number> {
  let marks = 0;
  for (;;) {
    const r = await drainActivity(db, place, limit);
    marks += r.marks;
    if (!r.more) return marks;
  }
}

export interface MonthRow {
  readonly month: string;
  readonly flows: MonthFlows;
}

/** The schools' stored monthly flows up to `to` (the stocks need every month before `from`). */
export async function schoolActivity(db: SqlClient, schools: readonly string[], to: string): Promise<Map<string, MonthRow[]>> {
  const { rows } = await db.query<FlowRow & { school: string; month: string }>(
    `select school, month, ${selectFlows} from ${SCHEMA}.activity_school_months where school = any($1::text[]) and month <= $2 order by school, month`,
    [[...schools], to],
  );
  const out = new Map<string, MonthRow[]>(schools.map((s) => [s, []]));
  for (const r of rows) out.get(r.school)?.push({ month: r.month, flows: flowsOf(r) });
  return out;
}

/** The districts' stored monthly flows up to `to`. */
export async function regionActivity(db: SqlClient, districts: readonly string[], to: string): Promise<MonthRow[]> {
  const { rows } = await db.query<FlowRow & { month: string }>(
    `select month, ${selectFlows} from ${SCHEMA}.activity_region_months where region_code = any($1::text[]) and month <= $2 order by month`,
    [[...districts], to],
  );
  return rows.map((r) => ({ month: r.month, flows: flowsOf(r) }));
}

/** Every stored row of the roll-up, for tests and rebuild checks. */
export async function activityDump(db: SqlClient): Promise<{ schools: SchoolMonth[]; regions: { regionCode: string; month: string; flows: MonthFlows }[] }> {
  const { rows: s } = await db.query<FlowRow & { school: string; month: string; region_code: string }>(
    `select school, month, region_code, ${selectFlows} from ${SCHEMA}.activity_school_months order by school, month`,
  );
  const { rows: r } = await db.query<FlowRow & { region_code: string; month: string }>(
    `select region_code, month, ${selectFlows} from ${SCHEMA}.activity_region_months order by region_code, month`,
  );
  return {
    schools: s.map((x) => ({ school: x.school, month: x.month, regionCode: x.region_code, flows: flowsOf(x) })),
    regions: r.map((x) => ({ regionCode: x.region_code, month: x.month, flows: flowsOf(x) })),
  };
}
