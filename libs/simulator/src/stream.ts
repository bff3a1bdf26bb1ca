import type { CloudEvent, Family, PersonRef, Stage } from '@educube/contracts';
import { MAKERS, type Day, type Gen, type Maker, type PrepQueue } from './makers';
import { backfillOf, inventoryOf, platformPreparers, profileOf, type Inventory } from './maturity';
import { hash32, IdSequence, Rng, Weighted } from './prng';
import { corrupt, type BadSender, type SilentSource } from './quirks';
import { staffRef, studentRef, unlinkedRef, type Province, type SimClass, type SimSchool, type SimStaff } from './province';

export interface StreamOptions {
  readonly seed: number | string;
  /** the first day: its calendar date in China (UTC+8) is day 1; events start at 00:00 +08:00 */
  readonly from: Date;
  readonly days: number;
  /** events per school on a school day (Monday–Friday); default 150 */
  readonly eventsPerSchoolPerDay?: number;
  /** a weekend day's events as a share of a school day's; default 0.2 */
  readonly weekendFactor?: number;
  /**
   * Share of the events that name persons in which one person is named by a local id no
   * LinkId covers (the warehouse must park those). Default 0.
   */
  readonly unlinkedRate?: number;
  /** the CloudEvents `source` of a family's events from a school; default /schools/<code>/<family> */
  readonly sourceFor?: (family: Family, schoolCode: string) => string;
}

export const DEFAULT_EVENTS_PER_SCHOOL_PER_DAY = 150;
export const DEFAULT_WEEKEND_FACTOR = 0.2;

const floor = Math.floor; // see prng.ts: the global Math is slow to reach inside a vm context
const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;
const MINUTES = 1440;

// ---- the day's rhythm ----

const m = (name: string): Maker => {
  const found = MAKERS.get(name);
  if (!found) throw new Error(`no maker for ${name}`);
  return found;
};
const mix = (entries: Record<string, number>): Weighted<Maker> => new Weighted(Object.entries(entries).map(([name, w]) => [m(name), w] as const));
const hm = (h: number, min = 0): number => h * 60 + min;

interface Phase {
  readonly from: number;
  readonly to: number;
  /** the minute of a triangular peak; uniform over [from, to) when absent */
  readonly peak?: number;
  readonly share: number;
  readonly mix: Weighted<Maker>;
  /** what an attendance or gate draw becomes once every class and gate has reported today */
  readonly fallback: Maker;
}

const NIGHT = mix({
  DeviceTelemetryReported: 60,
  SystemUsageSummarized: 10,
  LogRetentionReported: 4,
  DataSyncedToAuthority: 8,
  ExperiencePointsReported: 6,
  DigitalLibraryHoldingsReported: 1,
  SecurityIncidentRecorded: 0.3,
});
const ARRIVAL = mix({ DailyAttendanceRecorded: 80, LessonTimetabled: 6, LessonDelivered: 6, DeviceStatusChanged: 2, ActivityHeld: 0.5 });
const LESSONS = mix({
  LessonDelivered: 45,
  LessonTimetabled: 14,
  LessonCancelled: 1,
  ActivityHeld: 1.5,
  CourseOffered: 0.5,
  CourseSelectionClosed: 0.1,
  SchoolCalendarPublished: 0.05,
  SubjectKnowledgePointsReported: 0.05,
  HomeworkGraded: 4,
  ExamScoresPublished: 3,
  ScoreAnalysisGenerated: 1,
  ExamScheduled: 0.4,
  TeacherRecordAdded: 0.8,
  GrowthRecordAdded: 2,
  LessonPrepared: 4,
  TrainingCompleted: 1,
  ResearchActivityHeld: 0.8,
  LearningSpaceOpened: 0.8,
  LearningSpaceClosed: 0.05,
  AwardReceived: 0.2,
  CompetitionEntered: 0.2,
  ArticlePublished: 0.1,
  ResearchProjectApproved: 0.06,
  ResearchProjectConcluded: 0.04,
  DesignationConferred: 0.04,
  ResourceUploaded: 3,
  ResourceReviewed: 1.2,
  ResourceShared: 1,
  ResourceUpdated: 0.6,
  ResourceRecommended: 0.4,
  ResourceWithdrawn: 0.1,
  DeviceStatusChanged: 1.2,
  DeviceRegistered: 0.5,
  RoomRegistered: 0.15,
  NetworkLinkRegistered: 0.08,
  InformationSystemRegistered: 0.1,
  AppReviewed: 0.1,
  SecurityAssessmentCompleted: 0.06,
  SecurityIncidentRecorded: 0.04,
  TeacherAssigned: 0.3,
  StudentEnrolled: 0.5,
  ClassOpened: 0.15,
  ClassClosed: 0.04,
  TeacherLeft: 0.05,
  StudentLeft: 0.08,
  HeadcountReported: 0.08,
  SchoolRegistered: 0.03,
  RoleAssigned: 0.15,
  RoleRevoked: 0.08,
  OrgUnitEstablished: 0.05,
  OrgUnitDissolved: 0.05,
  CredentialRecorded: 0.08,
});
const LUNCH = mix({
  HomeworkGraded: 30,
  LessonPrepared: 20,
  ResourceUploaded: 12,
  LearningActivitySummarized: 15,
  GrowthRecordAdded: 8,
  OnlineTutoringHeld: 5,
  TeacherRecordAdded: 3,
  ResourceShared: 4,
  ScoreAnalysisGenerated: 3,
});
const DEPARTURE = mix({
  GatePassesSummarized: 25,
  DailyAttendanceRecorded: 15,
  HomeworkGraded: 20,
  ScoreAnalysisGenerated: 6,
  ExamScoresPublished: 6,
  ActivityHeld: 3,
  ResearchActivityHeld: 2,
  TrainingCompleted: 3,
  LessonPrepared: 8,
  GrowthRecordAdded: 8,
});
const EVENING = mix({
  HomeworkGraded: 25,
  LearningActivitySummarized: 30,
  OnlineTutoringHeld: 10,
  GrowthRecordAdded: 8,
  ResourceUploaded: 8,
  ResourceShared: 3,
  LessonPrepared: 10,
  ExperiencePointsReported: 3,
  ResourceRecommended: 2,
  TrainingCompleted: 1,
});
const WEEKEND_DAY = mix({
  LearningActivitySummarized: 30,
  ResourceUploaded: 10,
  TrainingCompleted: 5,
  HomeworkGraded: 10,
  OnlineTutoringHeld: 6,
  LessonPrepared: 10,
  DeviceTelemetryReported: 15,
  GrowthRecordAdded: 5,
  ResearchActivityHeld: 1,
  ActivityHeld: 1,
  CompetitionEntered: 0.5,
});

const LESSON = m('LessonDelivered');
const HOMEWORK = m('HomeworkGraded');
const TELEMETRY = m('DeviceTelemetryReported');
const ATTENDANCE = m('DailyAttendanceRecorded');
const GATE = m('GatePassesSummarized');
const PREPARED = m('LessonPrepared');

/**
 * A school day: arrival (07:00–08:20, peaking at 07:35 with about ten times the day's mean
 * rate: every class's attendance and the first lessons), lessons in the morning and afternoon,
 * homework and the learning space at lunch and in the evening, gates at departure, and the
 * systems' nightly batches (telemetry, usage, syncs) after midnight.
 */
const WEEKDAY: readonly Phase[] = [
  { from: 0, to: hm(6), share: 0.04, mix: NIGHT, fallback: TELEMETRY },
  { from: hm(6), to: hm(7), share: 0.02, mix: ARRIVAL, fallback: LESSON },
  { from: hm(7), to: hm(8, 20), peak: hm(7, 35), share: 0.28, mix: ARRIVAL, fallback: LESSON },
  { from: hm(8, 20), to: hm(11, 45), share: 0.24, mix: LESSONS, fallback: LESSON },
  { from: hm(11, 45), to: hm(13, 30), share: 0.05, mix: LUNCH, fallback: HOMEWORK },
  { from: hm(13, 30), to: hm(16, 45), share: 0.17, mix: LESSONS, fallback: LESSON },
  { from: hm(16, 45), to: hm(18, 30), share: 0.07, mix: DEPARTURE, fallback: HOMEWORK },
  { from: hm(18, 30), to: hm(23), share: 0.11, mix: EVENING, fallback: HOMEWORK },
  { from: hm(23), to: MINUTES, share: 0.02, mix: NIGHT, fallback: TELEMETRY },
];
const WEEKEND: readonly Phase[] = [
  { from: 0, to: hm(7), share: 0.15, mix: NIGHT, fallback: TELEMETRY },
  { from: hm(7), to: hm(18), share: 0.5, mix: WEEKEND_DAY, fallback: HOMEWORK },
  { from: hm(18), to: hm(23), share: 0.3, mix: EVENING, fallback: HOMEWORK },
  { from: hm(23), to: MINUTES, share: 0.05, mix: NIGHT, fallback: TELEMETRY },
];

interface Rhythm {
  /** cumulative share of the day's events by the start of each minute; cdf[1440] = 1 */
  readonly cdf: Float64Array;
  readonly phaseOf: readonly Phase[];
}

function rhythmOf(phases: readonly Phase[]): Rhythm {
  const density = new Float64Array(MINUTES);
  const phaseOf: Phase[] = new Array<Phase>(MINUTES);
  for (const p of phases) {
    const weights: number[] = [];
    for (let k = p.from; k < p.to; k++) {
      const x = k + 0.5;
      const peak = p.peak;
      weights.push(peak === undefined ? 1 : x < peak ? (x - p.from) / (peak - p.from) : (p.to - x) / (p.to - peak));
    }
    const sum = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      density[p.from + i] = (p.share * w) / sum;
      phaseOf[p.from + i] = p;
    });
  }
  const cdf = new Float64Array(MINUTES + 1);
  for (let k = 0; k < MINUTES; k++) cdf[k + 1] = (cdf[k] ?? 0) + (density[k] ?? 0);
  const total = cdf[MINUTES] ?? 1;
  for (let k = 0; k <= MINUTES; k++) cdf[k] = (cdf[k] ?? 0) / total;
  cdf[MINUTES] = 1;
  return { cdf, phaseOf };
}

const RHYTHM = { weekday: rhythmOf(WEEKDAY), weekend: rhythmOf(WEEKEND) };

/** The share of a day's events in each minute (index 0 = 00:00), for charts and tests. */
export function dailyRhythm(weekend = false): Float64Array {
  const { cdf } = weekend ? RHYTHM.weekend : RHYTHM.weekday;
  return cdf.slice(1).map((c, k) => c - (cdf[k] ?? 0));
}

// ---- calendar ----

const isoDate = (ms: number): string => new Date(ms + CST_MS).toISOString().slice(0, 10);
/** "YYYY-MM-DDTHH:mm:" of a minute, to which a second and the offset are appended. */
const minutePrefix = (ms: number): string => new Date(ms + CST_MS).toISOString().slice(0, 17);
const SECONDS = Array.from({ length: 60 }, (_, i) => `${String(i).padStart(2, '0')}+08:00`);

function dayOf(startMs: number): Day {
  const date = isoDate(startMs);
  const y = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const dow = new Date(startMs + CST_MS).getUTCDay();
  const autumn = month >= 9;
  const yearStart = autumn ? y : y - 1;
  return {
    date,
    compact: date.replace(/-/g, ''),
    yesterday: isoDate(startMs - DAY_MS),
    weekAgo: isoDate(startMs - 7 * DAY_MS),
    nextWeek: isoDate(startMs + 7 * DAY_MS),
    nextWeekPlus1: isoDate(startMs + 8 * DAY_MS),
    monthStart: `${date.slice(0, 7)}-01`,
    schoolYearStart: `${yearStart}-09-01`,
    schoolYear: `${yearStart}-${yearStart + 1}`,
    semester: autumn || month === 1 ? '第一学期' : '第二学期',
    weekend: dow === 0 || dow === 6,
  };
}

/** Local midnight (UTC+8) of the day `from` falls on, as epoch ms. */
const localMidnight = (from: Date): number => Math.floor((from.getTime() + CST_MS) / DAY_MS) * DAY_MS - CST_MS;

/** How many events `eventStream` yields for these options. */
export function expectedEventCount(province: Province, options: Pick<StreamOptions, 'from' | 'days' | 'eventsPerSchoolPerDay' | 'weekendFactor'>): number {
  const { weekday, weekend } = perDay(options);
  let total = 0;
  const start = localMidnight(options.from);
  for (let d = 0; d < options.days; d++) total += dayOf(start + d * DAY_MS).weekend ? weekend : weekday;
  const backfill = options.days > 0 ? maturityPlans(province).reduce((n, p) => n + (p?.backfill.length ?? 0), 0) : 0;
  return total * province.schools.length + backfill;
}

interface MaturityPlan {
  readonly maturity: number;
  readonly inventory: Inventory;
  /** its systems name people by the roster's ids (timetabling, card) everywhere: one directory, 统一身份认证 */
  readonly unified: boolean;
  /** the catch-up sync the school's systems send at the start of the stream */
  readonly backfill: readonly Maker[];
  /** staff indices of the teachers who prepare their lessons on a platform (the covered share) */
  readonly preparers: ReadonlySet<number>;
}

/** At most this many lessons wait for a preparation per school; older ones go unprepared. */
const PREP_QUEUE_MAX = 64;

/** A school's queue of lessons to prepare (makers.ts PrepQueue): only its platform preparers' lessons. */
function prepQueue(preparers: ReadonlySet<number>): PrepQueue {
  const queued: { teacher: SimStaff; lessonId: string }[] = [];
  return {
    add(teacher, lessonId) {
      if (!preparers.has(teacher.index)) return;
      queued.push({ teacher, lessonId });
      if (queued.length > PREP_QUEUE_MAX) queued.shift();
    },
    take(max) {
      const first = queued[0];
      if (!first) return undefined;
      const lessonIds: string[] = [];
      for (let i = 0; i < queued.length && lessonIds.length < max;) {
        const q = queued[i] as { teacher: SimStaff; lessonId: string };
        if (q.teacher.index === first.teacher.index) {
          lessonIds.push(q.lessonId);
          queued.splice(i, 1);
        } else i++;
      }
      return { teacher: first.teacher, lessonIds };
    },
  };
}

/** Per school, its maturity plan (undefined for a school without a maturity). */
function maturityPlans(province: Province): (MaturityPlan | undefined)[] {
  const all = province.schools;
  return all.map((school, i) => {
    if (school.maturity === undefined) return undefined;
    const profile = profileOf(province.seed, school, school.maturity);
    const inventory = inventoryOf(school, profile, province.effectiveOn);
    // partner schools for remote lessons: the next schools of the province
    const partners = all.length < 2 ? [] : [1, 2].map((k) => all[(i + k) % all.length]?.code ?? '').filter((c) => c && c !== school.code);
    return {
      maturity: school.maturity,
      inventory,
      unified: profile.has('unifiedIdentity'),
      backfill: backfillOf(school, profile, inventory, [...new Set(partners)]),
      preparers: new Set(platformPreparers(school, profile).map((t) => t.index)),
    };
  });
}

function perDay(options: Pick<StreamOptions, 'eventsPerSchoolPerDay' | 'weekendFactor'>): { weekday: number; weekend: number } {
  const weekday = options.eventsPerSchoolPerDay ?? DEFAULT_EVENTS_PER_SCHOOL_PER_DAY;
  return { weekday, weekend: Math.round(weekday * (options.weekendFactor ?? DEFAULT_WEEKEND_FACTOR)) };
}

// ---- per-school lookups, built once per stream ----

interface SchoolIndex {
  readonly school: SimSchool;
  readonly activeStaff: readonly SimStaff[];
  readonly teaching: readonly SimStaff[];
  readonly teachingByStage: ReadonlyMap<Stage, readonly SimStaff[]>;
  readonly classesByStage: ReadonlyMap<Stage, readonly SimClass[]>;
  /** school-local index of the student who leaves */
  readonly leaverStudent: number;
}

function indexOf(school: SimSchool): SchoolIndex {
  const activeStaff = school.staff.slice(0, -1); // the last one is the leaver
  const teaching = activeStaff.filter((s) => s.post === '专任教师');
  const teachingByStage = new Map<Stage, SimStaff[]>();
  for (const s of teaching) teachingByStage.set(s.stage, [...(teachingByStage.get(s.stage) ?? []), s]);
  const classesByStage = new Map<Stage, SimClass[]>();
  for (const c of school.classes) classesByStage.set(c.stage, [...(classesByStage.get(c.stage) ?? []), c]);
  return {
    school,
    activeStaff: activeStaff.length ? activeStaff : school.staff,
    teaching: teaching.length ? teaching : school.staff,
    teachingByStage,
    classesByStage,
    leaverStudent: school.students - 1,
  };
}

// ---- the stream ----

/**
 * A lazy, deterministic stream of CloudEvents over all seven families: days in order, within a
 * day minute by minute, each school's events in time order (so a school's Kafka partition sees
 * them as they happened). Nothing is kept but a few counters per school, so a million events
 * cost no more memory than a thousand.
 */
export function* eventStream(province: Province, options: StreamOptions): Generator<CloudEvent> {
  const { seed, days } = options;
  const { weekday, weekend } = perDay(options);
  const unlinkedRate = options.unlinkedRate ?? 0;
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  if (!Number.isInteger(weekday) || weekday < 0) throw new RangeError(`eventsPerSchoolPerDay must be a whole number ≥ 0, got ${weekday}`);
  if (!(unlinkedRate >= 0 && unlinkedRate <= 1)) throw new RangeError(`unlinkedRate must be within 0–1, got ${unlinkedRate}`);
  const sourceFor = options.sourceFor ?? ((family: Family, code: string) => `/schools/${code}/${family}`);

  const start = localMidnight(options.from);
  const rng = new Rng(hash32('stream', seed, start));
  const ids = new IdSequence(seed, start);
  const schools = province.schools.map(indexOf);
  const n = schools.length;
  const districts = [...new Set(province.schools.map((s) => s.regionCode))];
  const seq = new Int32Array(n);
  const attendanceUsed = new Int32Array(n);
  const gatesUsed = new Int32Array(n);
  const uploads = new Int32Array(n);
  const lastLesson: (string | undefined)[] = new Array<string | undefined>(n).fill(undefined);
  const offset = new Float64Array(n);
  const before = new Float64Array(n);
  let counter = 0;
  let unlinkedCounter = 0;
  const plans = maturityPlans(province);
  const queues = plans.map((p) => (p ? prepQueue(p.preparers) : undefined));
  const silent = new Map<number, SilentSource>();
  const bad = new Map<number, BadSender>();
  const indexOfCode = new Map(province.schools.map((x, i) => [x.code, i]));
  for (const q of province.quirks?.silent ?? []) silent.set(indexOfCode.get(q.schoolCode) ?? -1, q);
  for (const q of province.quirks?.badSenders ?? []) bad.set(indexOfCode.get(q.schoolCode) ?? -1, q);
  let defects = 0;

  // One mutable context, re-pointed at each event's school: no allocation per event.
  let ix: SchoolIndex = schools[0] as SchoolIndex;
  let s = 0;
  let day: Day = dayOf(start);
  let time = '';
  let armed = false;
  const swap = (system: string, ref: PersonRef): PersonRef => {
    if (!armed) return ref;
    armed = false;
    unlinkedCounter += 1;
    return unlinkedRef(ix.school, system, unlinkedCounter);
  };
  const g: Gen = {
    rng,
    get school() {
      return ix.school;
    },
    get day() {
      return day;
    },
    get time() {
      return time;
    },
    seq: () => (seq[s] = (seq[s] ?? 0) + 1),
    staff: (teaching, stage) => {
      const list = teaching ? (stage && ix.teachingByStage.get(stage)) || ix.teaching : ix.activeStaff;
      return rng.pick(list);
    },
    staffRef: (st, system) => {
      const sys = plans[s]?.unified ? 'timetabling' : system;
      return swap(sys === 'timetabling' ? 'timetabling' : 'zhijianghui', staffRef(ix.school, st.index, sys));
    },
    aClass: (stage) => rng.pick((stage && ix.classesByStage.get(stage)) || ix.school.classes),
    studentRef: (c, system) => {
      let j = c.firstStudent + rng.int(c.size);
      if (j === ix.leaverStudent) j = c.firstStudent;
      const sys = plans[s]?.unified ? 'card' : system;
      return swap(sys === 'card' ? 'attendance-card' : 'zhijianghui', studentRef(ix.school, j, sys));
    },
    leaverStaffRef: () => staffRef(ix.school, ix.school.staff.length - 1, 'timetabling'),
    leaverStudentRef: () => studentRef(ix.school, ix.leaverStudent, 'card'),
    partners: (max) => {
      if (n < 2) return [];
      const picked = new Set<string>();
      for (let tries = 0; tries < max * 3 && picked.size < max; tries++) {
        const other = province.schools[rng.int(n)];
        if (other && other.code !== ix.school.code) picked.add(other.code);
      }
      return [...picked];
    },
    nextAttendance: () => (attendanceUsed[s] = (attendanceUsed[s] ?? 0) + 1),
    nextGate: () => (gatesUsed[s] = (gatesUsed[s] ?? 0) + 1),
    get lastLesson() {
      return lastLesson[s];
    },
    set lastLesson(v) {
      lastLesson[s] = v;
    },
    get uploads() {
      return uploads[s] ?? 0;
    },
    set uploads(v) {
      uploads[s] = v;
    },
    districts,
    effectiveOn: province.effectiveOn,
    get maturity() {
      return plans[s]?.maturity;
    },
    get inventory() {
      return plans[s]?.inventory;
    },
    get toPrepare() {
      return queues[s];
    },
  };

  // the catch-up sync of schools with a maturity, at 00:00 of the first day, school by school
  if (days > 0) {
    time = `${minutePrefix(start)}${SECONDS[0]}`;
    for (s = 0; s < n; s++) {
      const plan = plans[s];
      if (!plan) continue;
      ix = schools[s] as SchoolIndex;
      const sender = bad.get(s);
      for (const maker of plan.backfill) {
        let data = maker.make(g);
        // a bad sender's sync is as bad as its daily events; decided by hash, so the stream's draws stay as they were
        if (sender && sender.family === maker.def.family && hash32('quirk-bad-backfill', seed, counter) / 4294967296 < sender.rate)
          data = corrupt(data, sender.defects[defects++ % sender.defects.length] ?? 'unknown-field');
        yield {
          id: ids.id(counter++),
          source: sourceFor(maker.def.family, ix.school.code),
          type: maker.def.type,
          specversion: '1.0',
          time,
          subject: ix.school.code,
          data,
        };
      }
    }
  }

  const seconds: number[] = [];
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY_MS;
    day = dayOf(dayStart);
    const perSchool = day.weekend ? weekend : weekday;
    const { cdf, phaseOf } = day.weekend ? RHYTHM.weekend : RHYTHM.weekday;
    seq.fill(0);
    attendanceUsed.fill(0);
    gatesUsed.fill(0);
    // systematic sampling: each school gets exactly perSchool events, spread by the rhythm with
    // a random phase per school, so schools do not all fire in the same minute
    for (let i = 0; i < n; i++) {
      offset[i] = hash32('offset', seed, dayStart, i) / 4294967296;
      before[i] = floor(offset[i] ?? 0);
    }
    for (let minute = 0; minute < MINUTES; minute++) {
      const share = cdf[minute + 1] ?? 1;
      const phase = phaseOf[minute] as Phase;
      let prefix: string | undefined; // built on the first event of the minute
      for (s = 0; s < n; s++) {
        const upto = floor(perSchool * share + (offset[s] ?? 0));
        const count = upto - (before[s] ?? 0);
        if (count <= 0) continue;
        before[s] = upto;
        ix = schools[s] as SchoolIndex;
        seconds.length = 0;
        for (let k = 0; k < count; k++) seconds.push(rng.int(60));
        seconds.sort((a, b) => a - b);
        for (const second of seconds) {
          let maker = phase.mix.draw(rng);
          if (maker === ATTENDANCE && (attendanceUsed[s] ?? 0) > ix.school.classes.length) maker = phase.fallback;
          if (maker === GATE && (gatesUsed[s] ?? 0) >= ix.school.gates) maker = phase.fallback;
          const plan = plans[s];
          // a mature school prepares its lessons on a platform: about m / 2 of lesson draws become preparations
          if (plan && maker === LESSON && rng.next() < plan.maturity / 2) maker = PREPARED;
          const quiet = silent.get(s);
          if (quiet && quiet.family === maker.def.family && (d > quiet.fromDay || (d === quiet.fromDay && minute >= quiet.fromMinute))) continue;
          prefix ??= minutePrefix(dayStart + minute * 60_000);
          time = prefix + SECONDS[second];
          armed = unlinkedRate > 0 && rng.next() < unlinkedRate;
          let data = maker.make(g);
          armed = false;
          const sender = bad.get(s);
          if (sender && sender.family === maker.def.family && rng.next() < sender.rate)
            data = corrupt(data, sender.defects[defects++ % sender.defects.length] ?? 'unknown-field');
          yield {
            id: ids.id(counter++),
            source: sourceFor(maker.def.family, ix.school.code),
            type: maker.def.type,
            specversion: '1.0',
            time,
            subject: ix.school.code,
            data,
          };
        }
      }
    }
  }
}
