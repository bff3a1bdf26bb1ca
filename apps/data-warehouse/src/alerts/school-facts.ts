import type { SqlClient } from '@educube/postgres';
import { qualified } from '@educube/warehouse-read-models-postgres';

// What the silent-source and attendance rules read of the read models: the terms a school
// published (SchoolCalendarPublished) and its students' daily attendance (DailyAttendanceRecorded).

/** 学期: the days a school is in session (China-time dates, both ends included). */
export interface Term {
  readonly school: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

export async function schoolTerms(db: SqlClient, schools: readonly string[]): Promise<Term[]> {
  if (schools.length === 0) return [];
  const { rows } = await db.query<{ school: string; starts_on: string; ends_on: string }>(
    `select school, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on
     from ${qualified('school_calendars')}
     where school = any($1::text[]) and starts_on is not null and ends_on is not null
     order by school, starts_on`,
    [[...schools]],
  );
  return rows.map((r) => ({ school: r.school, startsOn: r.starts_on, endsOn: r.ends_on }));
}

/** A school's students' attendance rate on a day: present / expected, summed over its classes. */
export interface AttendanceDay {
  readonly school: string;
  readonly date: string;
  readonly rate: number;
}

/**
 * Each school's latest `daysPerSchool` recorded days up to `today`, newest first. Only days within
 * `calendarDays` before today are read, so a year-old history is not scanned every evaluation.
 */
export async function studentAttendanceDays(db: SqlClient, today: string, daysPerSchool: number, calendarDays: number): Promise<AttendanceDay[]> {
  const { rows } = await db.query<{ school: string; day: string; rate: number }>(
    `with days as (
       select school, day, sum(present)::float8 / sum(expected)::float8 as rate
       from ${qualified('attendance')}
       where role = 'student' and day <= $1::date and day > $1::date - $2::int
       group by school, day
       having sum(expected) > 0
     ), ranked as (
       select school, day, rate, row_number() over (partition by school order by day desc) as n from days
     )
     select school, to_char(day, 'YYYY-MM-DD') as day, least(rate, 1) as rate from ranked where n <= $3 order by school, day desc`,
    [today, calendarDays, daysPerSchool],
  );
  return rows.map((r) => ({ school: r.school, date: r.day, rate: Number(r.rate) }));
}
