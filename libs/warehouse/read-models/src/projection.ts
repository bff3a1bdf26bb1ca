import * as E from '@educube/contracts';
import { eventRegistry, type CloudEvent, type EventDefinition, type PersonRef } from '@educube/contracts';
import type { z } from 'zod';
import { chinaDateOf, periodOf, utcInstant } from './calendar';
import type { FactChange, LatestChange, Value } from './changes';
import type { TableName } from './tables';
import { monthOf, REMOTE_LESSON_MODES, THREE_CLASSROOM_MODES } from './activity';

// What each event type contributes to the read models. Every change is either a counter
// increment or a last-writer-wins set keyed by the event's (time, id), so the result does not
// depend on the order events arrive in. Applying one event twice WOULD count it twice: that
// is deliberately not handled here — the event store stores an id once, and the adapter skips
// positions at or below its checkpoint — so the projection stays a plain function.

type Key = Record<string, string | number | boolean>;
type Data<D extends EventDefinition> = z.output<D['data']>;

interface Context {
  readonly school: string;
  readonly clock: string;
  readonly latest: (table: TableName, key: Key, group: string, set: Record<string, Value>) => LatestChange;
}

const count = (table: TableName, key: Key, add: Record<string, number>): FactChange => ({ kind: 'count', table, key, add });
/** Persons are keyed by their source-system id; resolving them to one unified id is the identity service's job. */
const person = (p: PersonRef): string => `${p.system}/${p.localId}`;

type Projector = (event: CloudEvent, ctx: Context) => FactChange[];
const projectors = new Map<string, Projector>();

function on<D extends EventDefinition>(def: D, project: (data: Data<D>, ctx: Context) => FactChange[]): void {
  projectors.set(def.type, (event, ctx) => project(event.data as Data<D>, ctx));
}

// ---- roster ----

// The one roster fact kept here: the denominators of the dashboards' per-teacher and per-class
// ratios (专任教师, 行政班), as of the report's date; a corrected report for the same date wins.
on(E.HeadcountReportedV1, (d, { school, latest }) => [
  latest('headcounts', { school, as_of: d.asOf }, 'counts', {
    teachers: d.byStage.reduce((n, s) => n + s.teachers, 0),
    students: d.byStage.reduce((n, s) => n + s.students, 0),
    classes: d.byStage.reduce((n, s) => n + s.classes, 0),
  }),
]);

// ---- timetabling ----

// v2 only: a v1 event is upcast to v2 before it is projected (changesOf), so both read alike.
on(E.LessonTimetabledV2, (d, { school, latest }) => {
  const p = periodOf(d.date);
  return [
    latest('lessons', { school, lesson_id: d.lessonId }, 'timetable', {
      ...p,
      period: d.period,
      periods: d.periods,
      stage: d.stage,
      class_id: d.classId,
      subject: d.subject,
      course_id: d.courseId ?? null,
      room_id: d.roomId ?? null,
      mode: d.mode,
      partner_schools: d.partnerSchoolCodes.length,
    }),
    // a reschedule after a cancellation brings the lesson back; a later cancellation wins again
    latest('lessons', { school, lesson_id: d.lessonId }, 'status', { cancelled: false }),
  ];
});

on(E.LessonCancelledV1, (d, { school, latest }) => [latest('lessons', { school, lesson_id: d.lessonId }, 'status', { cancelled: true })]);

on(E.LessonDeliveredV1, (d, { school }) => [
  count(
    'lessons_delivered',
    { school, ...periodOf(d.deliveredOn), mode: d.mode, subject: d.subject },
    {
      lessons: 1,
      periods: d.periods,
      recorded: d.recorded ? 1 : 0,
      on_platform: d.platform !== undefined ? 1 : 0,
    },
  ),
  count(
    'activity_months',
    { school, month: monthOf(d.deliveredOn) },
    {
      lessons_delivered: 1,
      remote_lessons: REMOTE_LESSON_MODES.includes(d.mode) ? 1 : 0,
      three_classroom_lessons: THREE_CLASSROOM_MODES.includes(d.mode) ? 1 : 0,
    },
  ),
]);

on(E.SchoolCalendarPublishedV1, (d, { school, latest }) =>
  d.semesters.map((s) =>
    latest('school_calendars', { school, school_year: d.schoolYear, semester: s.semester }, 'calendar', {
      starts_on: s.startsOn,
      ends_on: s.endsOn,
      teaching_weeks: s.teachingWeeks,
    }),
  ),
);

// ---- grading ----

on(E.ExamScheduledV1, (d, { school, latest }) => {
  const { school_year, semester } = periodOf(d.startsOn);
  return [
    latest('exams', { school, exam_id: d.examId }, 'schedule', {
      kind: d.kind,
      stage: d.stage,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
      school_year,
      semester,
    }),
  ];
});

on(E.ExamScoresPublishedV1, (d, { school, latest }) => [
  latest('exam_scores', { school, exam_id: d.examId, class_id: d.classId, subject: d.subject }, 'scores', {
    ...periodOf(d.publishedOn),
    candidates: d.candidates,
    scored: d.scored,
    marking_mode: d.markingMode,
    platform_level: d.platformLevel ?? null,
  }),
]);

// ---- asset ----

on(E.DeviceRegisteredV1, (d, { school, latest }) => [
  latest('devices', { school, asset_id: d.assetId }, 'registration', {
    device_type: d.deviceType,
    owner_role: d.ownerRole,
    room_id: d.roomId ?? null,
    registered_on: d.registeredOn,
  }),
  latest('devices', { school, asset_id: d.assetId }, 'state', { status: d.status, status_on: d.registeredOn }),
]);

on(E.DeviceStatusChangedV1, (d, { school, latest }) => [
  latest('devices', { school, asset_id: d.assetId }, 'state', { status: d.status, status_on: d.changedOn }),
]);

// ---- attendance ----

on(E.DailyAttendanceRecordedV1, (d, { school, latest }) => [
  latest('attendance', { school, ...periodOf(d.date), role: d.role, class_id: d.classId ?? '' }, 'counts', {
    stage: d.stage ?? null,
    grade: d.grade ?? null,
    expected: d.expected,
    present: d.present,
    late: d.late,
    on_leave: d.onLeave,
    absent: d.absent,
    method: d.method,
  }),
]);

// ---- space ----

on(E.LearningSpaceOpenedV1, (d, { school, latest }) => {
  const { school_year, semester } = periodOf(d.openedOn);
  return [
    latest('learning_spaces', { school, space_id: d.spaceId }, 'opened', {
      owner_role: d.ownerRole,
      owner: d.owner ? person(d.owner) : null,
      class_id: d.classId ?? null,
      platform: d.platform,
      platform_level: d.platformLevel,
      real_name: d.realName,
      opened_on: d.openedOn,
      school_year,
      semester,
    }),
  ];
});

on(E.LearningSpaceClosedV1, (d, { school, latest }) => [latest('learning_spaces', { school, space_id: d.spaceId }, 'closed', { closed_on: d.closedOn })]);

on(E.ExperiencePointsReportedV1, (d, { school, latest }) => [
  latest('experience_points', { school, space_id: d.spaceId, platform: d.platform, period_start: d.periodStart, period_end: d.periodEnd }, 'report', {
    // the platform's year is credited to the school year it starts in
    person: person(d.owner),
    role: d.ownerRole,
    school_year: periodOf(d.periodStart).school_year,
    points: d.points,
    reported_on: d.reportedOn,
  }),
]);

on(E.LearningActivitySummarizedV1, (d, { school }) => {
  const key = { school, ...periodOf(d.periodStart), role: d.role, person: person(d.person) };
  const total = d.activities.reduce((n, a) => n + a.count, 0);
  return [
    count('space_activity', key, { summaries: 1, activities: total, on_mobile: d.onMobile, teacher_guided: d.teacherGuided }),
    ...d.activities.map((a) => count('space_activity_kinds', { ...key, kind: a.kind }, { activities: a.count })),
    ...(d.role === 'teacher'
      ? [count('activity_months', { school, month: monthOf(d.periodStart) }, { teacher_space_summaries: 1, teacher_space_activities: total })]
      : []),
  ];
});

on(E.TrainingCompletedV1, (d, { school }) => [
  count(
    'training_hours',
    { school, ...periodOf(d.completedOn), trainee: person(d.trainee), kind: d.kind, level: d.level, mode: d.mode },
    { hours: d.hours, trainings: 1, passed: d.passed ? 1 : 0 },
  ),
]);

on(E.ResearchActivityHeldV1, (d, { school }) => [
  count(
    'research_activities',
    { school, ...periodOf(d.heldOn), kind: d.kind, mode: d.mode, synchronous: d.synchronous, organiser_level: d.organiserLevel },
    {
      activities: 1,
      participants: d.participants.length,
      partner_schools: d.partnerSchoolCodes.length,
      outcomes_recorded: d.outcomeRecorded ? 1 : 0,
    },
  ),
]);

// ---- resource ----

on(E.ResourceUploadedV1, (d, { school }) => {
  const day = chinaDateOf(d.uploadedAt);
  return [
    count(
      'resource_uploads',
      { school, ...periodOf(day), kind: d.kind, platform_level: d.platformLevel, platform: d.platform, uploader_role: d.uploaderRole },
      { uploads: 1 },
    ),
    count('activity_months', { school, month: monthOf(day) }, { resource_uploads: 1, teacher_uploads: d.uploaderRole === 'teacher' ? 1 : 0 }),
  ];
});

on(E.ResourceSharedV1, (d, { school }) => [
  count(
    'resource_shares',
    { school, ...periodOf(chinaDateOf(d.sharedAt)), kind: d.kind, platform_level: d.platformLevel, platform: d.platform },
    { shares: 1, open_to_public: d.openToPublic ? 1 : 0 },
  ),
]);

/**
 * Event types this projection reads nothing from, each with the reason. Together with the
 * projected types they are exactly the registry's 62 (a test says so), so a new type or
 * version fails that test until someone decides where it goes.
 */
export const NOT_PROJECTED: Readonly<Record<string, string>> = {
  // roster: denominators as of a date, which the identity service keeps with their history
  [E.SchoolRegisteredV1.type]: 'registry record; the identity service owns the organisation tree',
  [E.ClassOpenedV1.type]: 'roster denominator as of a date (identity service headcounts), not a per-day fact',
  [E.ClassClosedV1.type]: 'roster denominator as of a date (identity service headcounts), not a per-day fact',
  [E.TeacherAssignedV1.type]: 'roster denominator as of a date (identity service headcounts), not a per-day fact',
  [E.TeacherLeftV1.type]: 'roster denominator as of a date (identity service headcounts), not a per-day fact',
  [E.StudentEnrolledV1.type]: 'roster denominator as of a date (identity service headcounts), not a per-day fact',
  [E.StudentLeftV1.type]: 'roster denominator as of a date (identity service headcounts), not a per-day fact',
  [E.RoleAssignedV1.type]: 'organisation (保障) evidence read as of a date by assessment, not a per-day fact',
  [E.RoleRevokedV1.type]: 'organisation (保障) evidence read as of a date by assessment, not a per-day fact',
  [E.OrgUnitEstablishedV1.type]: 'organisation (保障) evidence read as of a date by assessment, not a per-day fact',
  [E.OrgUnitDissolvedV1.type]: 'organisation (保障) evidence read as of a date by assessment, not a per-day fact',
  [E.CredentialRecordedV1.type]: 'organisation (保障) evidence read as of a date by assessment, not a per-day fact',
  // timetabling
  [E.CourseOfferedV1.type]: 'course catalogue; not among the warehouse facts (assessment reads it from the store per school year)',
  [E.CourseSelectionClosedV1.type]: 'course-selection counts; not among the warehouse facts',
  [E.ActivityHeldV1.type]: 'school activities (讲座, meetings, drills); not among the warehouse facts yet',
  [E.SubjectKnowledgePointsReportedV1.type]:
    "a subject's knowledge points for a school year (curriculum data, Ningxia 17's denominator); assessment reads it from the store per school year",
  // grading
  [E.ScoreAnalysisGeneratedV1.type]: 'presence of analyses; not among the warehouse facts',
  [E.HomeworkGradedV1.type]: 'homework marking; not among the warehouse facts',
  [E.GrowthRecordAddedV1.type]: "students' digital records; not among the warehouse facts",
  [E.TeacherRecordAddedV1.type]: "teachers' development records; not among the warehouse facts",
  // asset
  [E.RoomRegisteredV1.type]: 'room snapshots are as-of inventory evidence; only devices are a warehouse fact',
  [E.DeviceTelemetryReportedV1.type]: 'IoT running data; not among the warehouse facts',
  [E.NetworkLinkRegisteredV1.type]: 'network inventory (as-of evidence); not among the warehouse facts',
  [E.InformationSystemRegisteredV1.type]: 'system inventory (as-of evidence); not among the warehouse facts',
  [E.SystemUsageSummarizedV1.type]: 'system usage; not among the warehouse facts',
  [E.AppReviewedV1.type]: 'app admission reviews; documentary evidence, not a warehouse fact',
  [E.SecurityAssessmentCompletedV1.type]: 'security assessments; documentary evidence, not a warehouse fact',
  [E.SecurityIncidentRecordedV1.type]: 'security incidents; documentary evidence, not a warehouse fact',
  [E.LogRetentionReportedV1.type]: 'log retention; documentary evidence, not a warehouse fact',
  [E.DataSyncedToAuthorityV1.type]: 'data syncs to authorities; not among the warehouse facts',
  // attendance
  [E.GatePassesSummarizedV1.type]: 'gate passes are not attendance rates; not among the warehouse facts',
  // space
  [E.LessonPreparedV1.type]: 'platform lesson preparation; not among the warehouse facts',
  [E.OnlineTutoringHeldV1.type]: 'online tutoring; not among the warehouse facts',
  [E.AwardReceivedV1.type]: 'research output (awards), counted by assessment over the record, not a per-day fact',
  [E.CompetitionEnteredV1.type]: 'research output (competitions), counted by assessment over the record, not a per-day fact',
  [E.ArticlePublishedV1.type]: 'research output (publications), counted by assessment over the record, not a per-day fact',
  [E.ResearchProjectApprovedV1.type]: 'research projects, counted by assessment over the record, not a per-day fact',
  [E.ResearchProjectConcludedV1.type]: 'research projects, counted by assessment over the record, not a per-day fact',
  [E.DesignationConferredV1.type]: 'titles conferred, counted by assessment over the record, not a per-day fact',
  // resource
  [E.ResourceUpdatedV1.type]: 'revisions; uploads and shares are the resource facts',
  [E.ResourceReviewedV1.type]: 'reviews; uploads and shares are the resource facts',
  [E.ResourceRecommendedV1.type]: 'recommendations (pushes); uploads and shares are the resource facts',
  [E.ResourceWithdrawnV1.type]: 'withdrawals end a holding, they do not undo an upload or a share (flows)',
  [E.DigitalLibraryHoldingsReportedV1.type]: 'library holdings as of a date; not among the warehouse facts',
};

/** The event types that change the read models. */
export const PROJECTED_TYPES: readonly string[] = [...projectors.keys()];

/**
 * Older versions read through an upcaster (`eventRegistry.upcast`) as the newer version they
 * map to, which is placed (projected or NOT_PROJECTED) itself: `LessonTimetabled.v1` → `.v2`.
 */
export const UPCAST_TYPES: readonly string[] = eventRegistry.upcastTypes;

/** The (time, id) order of last-writer-wins: fixed-width UTC instant, a space (below every id character), the id. */
export function clockOf(event: Pick<CloudEvent, 'time' | 'id'>): string {
  return `${utcInstant(event.time)} ${event.id}`;
}

/**
 * The read-model changes of one validated event (defaults applied, as `eventRegistry.validate`
 * returns it), of any published version: an older version is upcast first, so the clock (time,
 * id) and the changes are those of its newest-version equivalent. An event of a type that is neither projected nor in NOT_PROJECTED is an error,
 * not a silent skip: a new version must be placed deliberately.
 */
export function changesOf(stored: CloudEvent): FactChange[] {
  // upcast on read: the store keeps the producer's version; the read models see one shape
  const event = eventRegistry.upcast(stored);
  const project = projectors.get(event.type);
  if (!project) {
    if (event.type in NOT_PROJECTED) return [];
    throw new Error(`read models: no projection decided for event type ${event.type}`);
  }
  const clock = clockOf(event);
  const school = event.subject;
  return project(event, { school, clock, latest: (table, key, group, set) => ({ kind: 'latest', table, key, group, clock, set }) });
}
