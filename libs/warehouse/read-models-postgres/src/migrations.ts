import type { SchemaOwner } from '@educube/postgres';

// Published migrations never change (the migrator refuses an edited one). The baseline is the
// SQL the read models' start-up generated from their table definitions before there were
// migrations, written out (with its `if not exists`, so that it adopts a database that code
// made). The definitions must still describe what the migrations make (migrations.spec.ts
// compares the two): a changed definition comes with a migration at the end of this list, or
// a rebuild's reset replays into tables that no longer fit it.
export const READ_MODELS_SCHEMA: SchemaOwner = {
  owner: 'warehouse-read-models',
  schema: 'read_models',
  migrations: [
    {
      name: '0001-baseline',
      sql: `
create schema if not exists read_models;
create table if not exists read_models.checkpoints (projection text primary key, position bigint not null check (position >= 0));
create table if not exists read_models."lessons" (
  "school" text not null,
  "lesson_id" text not null,
  "day" date,
  "school_year" text,
  "semester" text,
  "period" bigint,
  "periods" bigint,
  "stage" text,
  "class_id" text,
  "subject" text,
  "course_id" text,
  "room_id" text,
  "mode" text,
  "partner_schools" bigint,
  "timetable_clock" text collate "C",
  "cancelled" boolean,
  "status_clock" text collate "C",
  primary key ("school", "lesson_id")
);
comment on table read_models."lessons" is 'One row per timetabled lesson (LessonTimetabled, rescheduling: latest wins; LessonCancelled). Views count lessons by day, mode and subject.';
create table if not exists read_models."lessons_delivered" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "mode" text not null,
  "subject" text not null,
  "lessons" bigint not null default 0,
  "periods" bigint not null default 0,
  "recorded" bigint not null default 0,
  "on_platform" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "mode", "subject")
);
comment on table read_models."lessons_delivered" is 'Lessons that took place (LessonDelivered) per school, day, mode and subject; the remote modes are the synchronous lessons (三个课堂, 同步课堂).';
create table if not exists read_models."school_calendars" (
  "school" text not null,
  "school_year" text not null,
  "semester" text not null,
  "starts_on" date,
  "ends_on" date,
  "teaching_weeks" bigint,
  "calendar_clock" text collate "C",
  primary key ("school", "school_year", "semester")
);
comment on table read_models."school_calendars" is 'The semester windows a school published (SchoolCalendarPublished), latest wins per school year and semester.';
create table if not exists read_models."exams" (
  "school" text not null,
  "exam_id" text not null,
  "kind" text,
  "stage" text,
  "starts_on" date,
  "ends_on" date,
  "school_year" text,
  "semester" text,
  "schedule_clock" text collate "C",
  primary key ("school", "exam_id")
);
comment on table read_models."exams" is 'One row per exam (ExamScheduled, latest wins): its kind and dates, joined to the scores.';
create table if not exists read_models."exam_scores" (
  "school" text not null,
  "exam_id" text not null,
  "class_id" text not null,
  "subject" text not null,
  "day" date,
  "school_year" text,
  "semester" text,
  "candidates" bigint,
  "scored" bigint,
  "marking_mode" text,
  "platform_level" text,
  "scores_clock" text collate "C",
  primary key ("school", "exam_id", "class_id", "subject")
);
comment on table read_models."exam_scores" is 'One row per exam, class and subject (ExamScoresPublished, latest wins: a corrected registration replaces the first); views sum them by exam and subject.';
create table if not exists read_models."devices" (
  "school" text not null,
  "asset_id" text not null,
  "device_type" text,
  "owner_role" text,
  "room_id" text,
  "registered_on" date,
  "registration_clock" text collate "C",
  "status" text,
  "status_on" date,
  "state_clock" text collate "C",
  primary key ("school", "asset_id")
);
comment on table read_models."devices" is 'One row per device: what it is (DeviceRegistered) and its latest status (DeviceRegistered or DeviceStatusChanged); counts by type, owner role and status are a GROUP BY view.';
create table if not exists read_models."attendance" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "role" text not null,
  "class_id" text not null,
  "stage" text,
  "grade" bigint,
  "expected" bigint,
  "present" bigint,
  "late" bigint,
  "on_leave" bigint,
  "absent" bigint,
  "method" text,
  "counts_clock" text collate "C",
  primary key ("school", "day", "school_year", "semester", "role", "class_id")
);
comment on table read_models."attendance" is 'One row per school, day, role and class (DailyAttendanceRecorded, latest wins: a corrected day replaces the first); the rate is derived in a view as present / expected.';
create table if not exists read_models."learning_spaces" (
  "school" text not null,
  "space_id" text not null,
  "owner_role" text,
  "owner" text,
  "class_id" text,
  "platform" text,
  "platform_level" text,
  "real_name" boolean,
  "opened_on" date,
  "school_year" text,
  "semester" text,
  "opened_clock" text collate "C",
  "closed_on" date,
  "closed_clock" text collate "C",
  primary key ("school", "space_id")
);
comment on table read_models."learning_spaces" is 'One row per learning space: opened (LearningSpaceOpened, latest wins) and closed (LearningSpaceClosed).';
create table if not exists read_models."space_activity" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "role" text not null,
  "person" text not null,
  "summaries" bigint not null default 0,
  "activities" bigint not null default 0,
  "on_mobile" bigint not null default 0,
  "teacher_guided" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "role", "person")
);
comment on table read_models."space_activity" is 'A person''s learning-space activity (LearningActivitySummarized) by the day its period starts; a person with a row in a period is active in it.';
create table if not exists read_models."space_activity_kinds" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "role" text not null,
  "person" text not null,
  "kind" text not null,
  "activities" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "role", "person", "kind")
);
comment on table read_models."space_activity_kinds" is 'The same activity counted per kind (自主学习, 合作学习, …) and person, for the items that ask for one kind.';
create table if not exists read_models."experience_points" (
  "school" text not null,
  "space_id" text not null,
  "platform" text not null,
  "period_start" date not null,
  "period_end" date not null,
  "person" text,
  "role" text,
  "school_year" text,
  "points" double precision,
  "reported_on" date,
  "report_clock" text collate "C",
  primary key ("school", "space_id", "platform", "period_start", "period_end")
);
comment on table read_models."experience_points" is 'A person''s yearly experience value or points per space and platform period (ExperiencePointsReported; the latest report for a space and period wins).';
create table if not exists read_models."training_hours" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "trainee" text not null,
  "kind" text not null,
  "level" text not null,
  "mode" text not null,
  "hours" double precision not null default 0,
  "trainings" bigint not null default 0,
  "passed" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "trainee", "kind", "level", "mode")
);
comment on table read_models."training_hours" is 'Training hours (学时) per teacher, day, kind, level and mode (TrainingCompleted).';
create table if not exists read_models."research_activities" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "kind" text not null,
  "mode" text not null,
  "synchronous" boolean not null,
  "organiser_level" text not null,
  "activities" bigint not null default 0,
  "participants" bigint not null default 0,
  "partner_schools" bigint not null default 0,
  "outcomes_recorded" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "kind", "mode", "synchronous", "organiser_level")
);
comment on table read_models."research_activities" is 'Teaching-research activities (ResearchActivityHeld) per day, kind, mode, synchronous or not, and organiser level.';
create table if not exists read_models."resource_uploads" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "kind" text not null,
  "platform_level" text not null,
  "platform" text not null,
  "uploader_role" text not null,
  "uploads" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "kind", "platform_level", "platform", "uploader_role")
);
comment on table read_models."resource_uploads" is 'Resources uploaded (ResourceUploaded) per China-local day of uploadedAt, kind, platform level, platform and uploader role.';
create table if not exists read_models."resource_shares" (
  "school" text not null,
  "day" date not null,
  "school_year" text not null,
  "semester" text not null,
  "kind" text not null,
  "platform_level" text not null,
  "platform" text not null,
  "shares" bigint not null default 0,
  "open_to_public" bigint not null default 0,
  primary key ("school", "day", "school_year", "semester", "kind", "platform_level", "platform")
);
comment on table read_models."resource_shares" is 'Resources shared (ResourceShared) per China-local day of sharedAt, kind, platform level and platform.';
create table if not exists read_models."activity_months" (
  "school" text not null,
  "month" text not null,
  "teacher_space_summaries" bigint not null default 0,
  "teacher_space_activities" bigint not null default 0,
  "resource_uploads" bigint not null default 0,
  "teacher_uploads" bigint not null default 0,
  "lessons_delivered" bigint not null default 0,
  "remote_lessons" bigint not null default 0,
  "three_classroom_lessons" bigint not null default 0,
  primary key ("school", "month")
);
comment on table read_models."activity_months" is 'A school''s activity flows per calendar month (YYYY-MM, China-local dates): teachers'' learning-space activity (by the month its period starts), resources uploaded, lessons delivered and those in the remote modes (三个课堂: 专递课堂, 名师课堂, 名校网络课堂; and 同步课堂). Counters, so rebuild and incremental agree; the dashboards'' per-school and per-region series start here.';
create table if not exists read_models."headcounts" (
  "school" text not null,
  "as_of" date not null,
  "teachers" bigint,
  "students" bigint,
  "classes" bigint,
  "counts_clock" text collate "C",
  primary key ("school", "as_of")
);
comment on table read_models."headcounts" is 'A school''s headcounts as of a date (HeadcountReported, summed over its stages; a corrected report for the same date wins): 专任教师, students and 行政班, the denominators of the per-teacher and per-class ratios.';
create or replace view read_models."lessons_timetabled" as select school, day, school_year, semester, mode, subject, count(*) as lessons, sum(periods) as periods
      from read_models.lessons where day is not null and cancelled is not true
      group by school, day, school_year, semester, mode, subject;
create or replace view read_models."exam_scores_by_subject" as select s.school, s.exam_id, e.kind as exam_kind, s.subject, s.school_year, s.semester, count(*) as classes,
        sum(s.candidates) as candidates, sum(s.scored) as scored, count(*) filter (where s.marking_mode = '网络阅卷') as classes_marked_online
      from read_models.exam_scores s left join read_models.exams e on e.school = s.school and e.exam_id = s.exam_id
      group by s.school, s.exam_id, e.kind, s.subject, s.school_year, s.semester;
create or replace view read_models."devices_by_status" as select school, device_type, owner_role, status, count(*) as devices
      from read_models.devices where device_type is not null
      group by school, device_type, owner_role, status;
create or replace view read_models."attendance_rates" as select school, day, school_year, semester, role, class_id, expected, present,
        case when expected > 0 then present::double precision / expected end as rate
      from read_models.attendance;
create or replace view read_models."attendance_rates_daily" as select school, day, school_year, semester, role, sum(expected) as expected, sum(present) as present,
        case when sum(expected) > 0 then sum(present)::double precision / sum(expected) end as rate
      from read_models.attendance group by school, day, school_year, semester, role;
create or replace view read_models."learning_spaces_opened" as select school, opened_on as day, school_year, semester, owner_role, platform_level, count(*) as opened,
        count(*) filter (where closed_on is null) as still_open
      from read_models.learning_spaces where opened_on is not null
      group by school, opened_on, school_year, semester, owner_role, platform_level;
create or replace view read_models."learning_spaces_active" as select school, school_year, semester, role, count(distinct person) as active_persons, sum(activities) as activities
      from read_models.space_activity group by school, school_year, semester, role;
create or replace view read_models."experience_by_person_year" as select school, person, role, school_year, sum(points) as points
      from read_models.experience_points where person is not null group by school, person, role, school_year;
create or replace view read_models."training_hours_by_teacher" as select school, trainee, school_year, semester, sum(hours) as hours, sum(trainings) as trainings, sum(passed) as passed
      from read_models.training_hours group by school, trainee, school_year, semester;
create table if not exists read_models.activity_school_months (school text not null, month text not null, region_code text not null, teacher_space_events bigint not null default 0, active_teacher_spaces bigint not null default 0, resource_uploads bigint not null default 0, teacher_uploads bigint not null default 0, lessons_delivered bigint not null default 0, remote_lessons bigint not null default 0, three_classroom_lessons bigint not null default 0, attendance_expected bigint not null default 0, attendance_present bigint not null default 0, devices_added bigint not null default 0, devices_written_off bigint not null default 0, devices_in_use_added bigint not null default 0, teachers_delta bigint not null default 0, classes_delta bigint not null default 0, headcount_schools_delta bigint not null default 0, primary key (school, month));
comment on table read_models.activity_school_months is 'A school''s monthly flows as last recomputed, with the district (identity''s tree) they were added to; '''' = not placed.';
create table if not exists read_models.activity_region_months (region_code text not null, month text not null, teacher_space_events bigint not null default 0, active_teacher_spaces bigint not null default 0, resource_uploads bigint not null default 0, teacher_uploads bigint not null default 0, lessons_delivered bigint not null default 0, remote_lessons bigint not null default 0, three_classroom_lessons bigint not null default 0, attendance_expected bigint not null default 0, attendance_present bigint not null default 0, devices_added bigint not null default 0, devices_written_off bigint not null default 0, devices_in_use_added bigint not null default 0, teachers_delta bigint not null default 0, classes_delta bigint not null default 0, headcount_schools_delta bigint not null default 0, primary key (region_code, month));
comment on table read_models.activity_region_months is 'The sum of activity_school_months per district and month, kept by difference as school-months are recomputed.';
create table if not exists read_models.activity_school_regions (school text primary key, region_code text not null);
create sequence if not exists read_models.activity_dirty_seq;
create table if not exists read_models.activity_dirty (school text not null, month text not null, seq bigint not null, primary key (school, month));
comment on table read_models.activity_dirty is 'School-months (month '''' = the whole school) a projected batch touched and the roll-up has not recomputed yet.';
create or replace view read_models.activity_school_months_live as select school, month, sum(teacher_space_events)::bigint as teacher_space_events, sum(active_teacher_spaces)::bigint as active_teacher_spaces, sum(resource_uploads)::bigint as resource_uploads, sum(teacher_uploads)::bigint as teacher_uploads, sum(lessons_delivered)::bigint as lessons_delivered, sum(remote_lessons)::bigint as remote_lessons, sum(three_classroom_lessons)::bigint as three_classroom_lessons, sum(attendance_expected)::bigint as attendance_expected, sum(attendance_present)::bigint as attendance_present, sum(devices_added)::bigint as devices_added, sum(devices_written_off)::bigint as devices_written_off, sum(devices_in_use_added)::bigint as devices_in_use_added, sum(teachers_delta)::bigint as teachers_delta, sum(classes_delta)::bigint as classes_delta, sum(headcount_schools_delta)::bigint as headcount_schools_delta from (
  select school, month as month, (teacher_space_activities)::bigint as teacher_space_events, (0)::bigint as active_teacher_spaces, (resource_uploads)::bigint as resource_uploads, (teacher_uploads)::bigint as teacher_uploads, (lessons_delivered)::bigint as lessons_delivered, (remote_lessons)::bigint as remote_lessons, (three_classroom_lessons)::bigint as three_classroom_lessons, (0)::bigint as attendance_expected, (0)::bigint as attendance_present, (0)::bigint as devices_added, (0)::bigint as devices_written_off, (0)::bigint as devices_in_use_added, (0)::bigint as teachers_delta, (0)::bigint as classes_delta, (0)::bigint as headcount_schools_delta from read_models.activity_months
  union all
  select school, to_char(day, 'YYYY-MM') as month, (0)::bigint as teacher_space_events, (count(distinct person))::bigint as active_teacher_spaces, (0)::bigint as resource_uploads, (0)::bigint as teacher_uploads, (0)::bigint as lessons_delivered, (0)::bigint as remote_lessons, (0)::bigint as three_classroom_lessons, (0)::bigint as attendance_expected, (0)::bigint as attendance_present, (0)::bigint as devices_added, (0)::bigint as devices_written_off, (0)::bigint as devices_in_use_added, (0)::bigint as teachers_delta, (0)::bigint as classes_delta, (0)::bigint as headcount_schools_delta from read_models.space_activity where role = 'teacher' group by school, to_char(day, 'YYYY-MM')
  union all
  select school, to_char(day, 'YYYY-MM') as month, (0)::bigint as teacher_space_events, (0)::bigint as active_teacher_spaces, (0)::bigint as resource_uploads, (0)::bigint as teacher_uploads, (0)::bigint as lessons_delivered, (0)::bigint as remote_lessons, (0)::bigint as three_classroom_lessons, (coalesce(sum(expected), 0))::bigint as attendance_expected, (coalesce(sum(present), 0))::bigint as attendance_present, (0)::bigint as devices_added, (0)::bigint as devices_written_off, (0)::bigint as devices_in_use_added, (0)::bigint as teachers_delta, (0)::bigint as classes_delta, (0)::bigint as headcount_schools_delta from read_models.attendance where role = 'student' group by school, to_char(day, 'YYYY-MM')
  union all
  select school, to_char(registered_on, 'YYYY-MM') as month, (0)::bigint as teacher_space_events, (0)::bigint as active_teacher_spaces, (0)::bigint as resource_uploads, (0)::bigint as teacher_uploads, (0)::bigint as lessons_delivered, (0)::bigint as remote_lessons, (0)::bigint as three_classroom_lessons, (0)::bigint as attendance_expected, (0)::bigint as attendance_present, (count(*))::bigint as devices_added, (0)::bigint as devices_written_off, (count(*) filter (where status = '在用'))::bigint as devices_in_use_added, (0)::bigint as teachers_delta, (0)::bigint as classes_delta, (0)::bigint as headcount_schools_delta from read_models.devices where registered_on is not null group by school, to_char(registered_on, 'YYYY-MM')
  union all
  select school, to_char(status_on, 'YYYY-MM') as month, (0)::bigint as teacher_space_events, (0)::bigint as active_teacher_spaces, (0)::bigint as resource_uploads, (0)::bigint as teacher_uploads, (0)::bigint as lessons_delivered, (0)::bigint as remote_lessons, (0)::bigint as three_classroom_lessons, (0)::bigint as attendance_expected, (0)::bigint as attendance_present, (0)::bigint as devices_added, (count(*))::bigint as devices_written_off, (0)::bigint as devices_in_use_added, (0)::bigint as teachers_delta, (0)::bigint as classes_delta, (0)::bigint as headcount_schools_delta from read_models.devices where registered_on is not null and status = '报废' and status_on is not null group by school, to_char(status_on, 'YYYY-MM')
  union all
  select school, to_char(as_of, 'YYYY-MM') as month, (0)::bigint as teacher_space_events, (0)::bigint as active_teacher_spaces, (0)::bigint as resource_uploads, (0)::bigint as teacher_uploads, (0)::bigint as lessons_delivered, (0)::bigint as remote_lessons, (0)::bigint as three_classroom_lessons, (0)::bigint as attendance_expected, (0)::bigint as attendance_present, (0)::bigint as devices_added, (0)::bigint as devices_written_off, (0)::bigint as devices_in_use_added, (sum(dt))::bigint as teachers_delta, (sum(dc))::bigint as classes_delta, (sum(first))::bigint as headcount_schools_delta from (select school, as_of, teachers - coalesce(lag(teachers) over w, 0) as dt, classes - coalesce(lag(classes) over w, 0) as dc,
        case when row_number() over w = 1 then 1 else 0 end as first
      from read_models.headcounts where teachers is not null window w as (partition by school order by as_of)) h group by school, to_char(as_of, 'YYYY-MM')
) t group by school, month;`,
    },
  ],
};
