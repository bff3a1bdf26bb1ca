// The read-model tables as data. An adapter generates its DDL and its upserts from these
// definitions alone; the in-memory reference applies the same definitions, so the two cannot
// drift apart.
//
// Two kinds of column make every table commutative, so events of one school may arrive in
// any order and a rebuild ends where the incremental run ended:
// - counters are summed (a flow: lessons delivered, uploads, training hours);
// - "latest" columns come in groups, each with its own clock `<group>_clock`, the event's
//   (time, id); a group takes the values of the change with the greatest clock
//   (last writer wins, per group, so a cancellation and a reschedule of one lesson never
//   overwrite each other's columns).

/** `int` is a bigint, `float` a double (only halves are summed, which binary floats add exactly). */
export type ColumnType = 'text' | 'date' | 'int' | 'float' | 'bool';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
}

export interface LatestGroupDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
}

export interface TableDef {
  readonly name: string;
  readonly description: string;
  /** The primary key; never null (an absent optional part is the empty string). */
  readonly keys: readonly ColumnDef[];
  readonly counters: readonly ColumnDef[];
  readonly latest: readonly LatestGroupDef[];
}

export const clockColumn = (group: LatestGroupDef | string): string => `${typeof group === 'string' ? group : group.name}_clock`;

/** Every column of a table, in the canonical order: keys, counters, then each group's columns and clock. */
export function columnsOf(table: TableDef): ColumnDef[] {
  return [...table.keys, ...table.counters, ...table.latest.flatMap((g) => [...g.columns, { name: clockColumn(g), type: 'text' as const }])];
}

const text = (name: string): ColumnDef => ({ name, type: 'text' });
const date = (name: string): ColumnDef => ({ name, type: 'date' });
const int = (name: string): ColumnDef => ({ name, type: 'int' });
const float = (name: string): ColumnDef => ({ name, type: 'float' });
const bool = (name: string): ColumnDef => ({ name, type: 'bool' });
/** day, school_year, semester: the day decides the other two, they are in the key so views can group by them. */
const period = [date('day'), text('school_year'), text('semester')];

function table(def: TableDef): TableDef {
  const names = columnsOf(def).map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`table ${def.name} has column ${dup} twice`);
  if (def.counters.some((c) => c.type !== 'int' && c.type !== 'float')) throw new Error(`table ${def.name}: counters are int or float`);
  return def;
}

export const TABLES = [
  table({
    name: 'lessons',
    description: 'One row per timetabled lesson (LessonTimetabled, rescheduling: latest wins; LessonCancelled). Views count lessons by day, mode and subject.',
    keys: [text('school'), text('lesson_id')],
    counters: [],
    latest: [
      {
        name: 'timetable',
        columns: [
          date('day'),
          text('school_year'),
          text('semester'),
          int('period'),
          int('periods'),
          text('stage'),
          text('class_id'),
          text('subject'),
          text('course_id'),
          text('room_id'),
          text('mode'),
          int('partner_schools'),
        ],
      },
      { name: 'status', columns: [bool('cancelled')] },
    ],
  }),
  table({
    name: 'lessons_delivered',
    description:
      'Lessons that took place (LessonDelivered) per school, day, mode and subject; the remote modes are the synchronous lessons (三个课堂, 同步课堂).',
    keys: [text('school'), ...period, text('mode'), text('subject')],
    counters: [int('lessons'), int('periods'), int('recorded'), int('on_platform')],
    latest: [],
  }),
  table({
    name: 'school_calendars',
    description: 'The semester windows a school published (SchoolCalendarPublished), latest wins per school year and semester.',
    keys: [text('school'), text('school_year'), text('semester')],
    counters: [],
    latest: [{ name: 'calendar', columns: [date('starts_on'), date('ends_on'), int('teaching_weeks')] }],
  }),
  table({
    name: 'exams',
    description: 'One row per exam (ExamScheduled, latest wins): its kind and dates, joined to the scores.',
    keys: [text('school'), text('exam_id')],
    counters: [],
    latest: [{ name: 'schedule', columns: [text('kind'), text('stage'), date('starts_on'), date('ends_on'), text('school_year'), text('semester')] }],
  }),
  table({
    name: 'exam_scores',
    description:
      'One row per exam, class and subject (ExamScoresPublished, latest wins: a corrected registration replaces the first); views sum them by exam and subject.',
    keys: [text('school'), text('exam_id'), text('class_id'), text('subject')],
    counters: [],
    latest: [
      {
        name: 'scores',
        columns: [date('day'), text('school_year'), text('semester'), int('candidates'), int('scored'), text('marking_mode'), text('platform_level')],
      },
    ],
  }),
  table({
    name: 'devices',
    description:
      'One row per device: what it is (DeviceRegistered) and its latest status (DeviceRegistered or DeviceStatusChanged); counts by type, owner role and status are a GROUP BY view.',
    keys: [text('school'), text('asset_id')],
    counters: [],
    latest: [
      { name: 'registration', columns: [text('device_type'), text('owner_role'), text('room_id'), date('registered_on')] },
      { name: 'state', columns: [text('status'), date('status_on')] },
    ],
  }),
  table({
    name: 'attendance',
    description:
      'One row per school, day, role and class (DailyAttendanceRecorded, latest wins: a corrected day replaces the first); the rate is derived in a view as present / expected.',
    keys: [text('school'), ...period, text('role'), text('class_id')],
    counters: [],
    latest: [
      { name: 'counts', columns: [text('stage'), int('grade'), int('expected'), int('present'), int('late'), int('on_leave'), int('absent'), text('method')] },
    ],
  }),
  table({
    name: 'learning_spaces',
    description: 'One row per learning space: opened (LearningSpaceOpened, latest wins) and closed (LearningSpaceClosed).',
    keys: [text('school'), text('space_id')],
    counters: [],
    latest: [
      {
        name: 'opened',
        columns: [
          text('owner_role'),
          text('owner'),
          text('class_id'),
          text('platform'),
          text('platform_level'),
          bool('real_name'),
          date('opened_on'),
          text('school_year'),
          text('semester'),
        ],
      },
      { name: 'closed', columns: [date('closed_on')] },
    ],
  }),
  table({
    name: 'space_activity',
    description:
      "A person's learning-space activity (LearningActivitySummarized) by the day its period starts; a person with a row in a period is active in it.",
    keys: [text('school'), ...period, text('role'), text('person')],
    counters: [int('summaries'), int('activities'), int('on_mobile'), int('teacher_guided')],
    latest: [],
  }),
  table({
    name: 'space_activity_kinds',
    description: 'The same activity counted per kind (自主学习, 合作学习, …) and person, for the items that ask for one kind.',
    keys: [text('school'), ...period, text('role'), text('person'), text('kind')],
    counters: [int('activities')],
    latest: [],
  }),
  table({
    name: 'experience_points',
    description:
      "A person's yearly experience value or points per space and platform period (ExperiencePointsReported; the latest report for a space and period wins).",
    keys: [text('school'), text('space_id'), text('platform'), date('period_start'), date('period_end')],
    counters: [],
    latest: [{ name: 'report', columns: [text('person'), text('role'), text('school_year'), float('points'), date('reported_on')] }],
  }),
  table({
    name: 'training_hours',
    description: 'Training hours (学时) per teacher, day, kind, level and mode (TrainingCompleted).',
    keys: [text('school'), ...period, text('trainee'), text('kind'), text('level'), text('mode')],
    counters: [float('hours'), int('trainings'), int('passed')],
    latest: [],
  }),
  table({
    name: 'research_activities',
    description: 'Teaching-research activities (ResearchActivityHeld) per day, kind, mode, synchronous or not, and organiser level.',
    keys: [text('school'), ...period, text('kind'), text('mode'), bool('synchronous'), text('organiser_level')],
    counters: [int('activities'), int('participants'), int('partner_schools'), int('outcomes_recorded')],
    latest: [],
  }),
  table({
    name: 'resource_uploads',
    description: 'Resources uploaded (ResourceUploaded) per China-local day of uploadedAt, kind, platform level, platform and uploader role.',
    keys: [text('school'), ...period, text('kind'), text('platform_level'), text('platform'), text('uploader_role')],
    counters: [int('uploads')],
    latest: [],
  }),
  table({
    name: 'resource_shares',
    description: 'Resources shared (ResourceShared) per China-local day of sharedAt, kind, platform level and platform.',
    keys: [text('school'), ...period, text('kind'), text('platform_level'), text('platform')],
    counters: [int('shares'), int('open_to_public')],
    latest: [],
  }),
  table({
    name: 'activity_months',
    description:
      "A school's activity flows per calendar month (YYYY-MM, China-local dates): teachers' learning-space activity (by the month its period starts), resources uploaded, lessons delivered and those in the remote modes (三个课堂: 专递课堂, 名师课堂, 名校网络课堂; and 同步课堂). Counters, so rebuild and incremental agree; the dashboards' per-school and per-region series start here.",
    keys: [text('school'), text('month')],
    counters: [
      int('teacher_space_summaries'),
      int('teacher_space_activities'),
      int('resource_uploads'),
      int('teacher_uploads'),
      int('lessons_delivered'),
      int('remote_lessons'),
      int('three_classroom_lessons'),
    ],
    latest: [],
  }),
  table({
    name: 'headcounts',
    description:
      "A school's headcounts as of a date (HeadcountReported, summed over its stages; a corrected report for the same date wins): 专任教师, students and 行政班, the denominators of the per-teacher and per-class ratios.",
    keys: [text('school'), date('as_of')],
    counters: [],
    latest: [{ name: 'counts', columns: [int('teachers'), int('students'), int('classes')] }],
  }),
] as const satisfies readonly TableDef[];

export type TableName = (typeof TABLES)[number]['name'];

/** Tables in the canonical order of the checksum: by name. */
export const TABLES_BY_NAME: ReadonlyMap<string, TableDef> = new Map([...TABLES].sort((a, b) => (a.name < b.name ? -1 : 1)).map((t) => [t.name, t]));

export function tableDef(name: string): TableDef {
  const def = TABLES_BY_NAME.get(name);
  if (!def) throw new Error(`no read-model table ${name}`);
  return def;
}
