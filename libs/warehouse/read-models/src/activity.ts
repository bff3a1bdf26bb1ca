// Monthly activity, pure: month keys, the flows a school contributes to its district per month,
// the marks that say which school-months a batch touched, and the series a dashboard reads
// (stocks cumulated from flows, ratios). No I/O; the PostgreSQL adapter stores and sums.
import { REMOTE_LESSON_MODES } from '@educube/contracts';
import type { FactChange } from './changes';

/** 三个课堂 (the ministry's three classrooms); 同步课堂 is a remote mode too, but the city guides'. */
export const THREE_CLASSROOM_MODES: readonly string[] = ['专递课堂', '名师课堂', '名校网络课堂'];
export { REMOTE_LESSON_MODES };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isMonth = (text: string): boolean => MONTH.test(text);

/** The month (YYYY-MM) of a calendar date (YYYY-MM-DD). */
export function monthOf(day: string): string {
  if (!DAY.test(day)) throw new Error(`not a calendar date (YYYY-MM-DD): ${day}`);
  return day.slice(0, 7);
}

const index = (month: string): number => {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
};
const fromIndex = (i: number): string => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = index(from), end = index(to); i <= end; i++) out.push(fromIndex(i));
  return out;
}

/** How many months `from`..`to` spans (0 when reversed). */
export const monthSpan = (from: string, to: string): number => Math.max(0, index(to) - index(from) + 1);

/**
 * What one school adds to its district in one month. Flows of the month (activity, uploads,
 * lessons, attendance) and changes of the stocks (devices, teachers, classes): a stock at a
 * month's end is the sum of its changes up to that month, so a device registered in September
 * counts in every later month without touching the later rows.
 */
export interface MonthFlows {
  /** activities in teachers' learning spaces, summed over kinds (LearningActivitySummarized, role teacher) */
  teacherSpaceEvents: number;
  /** teachers with at least one activity summary whose period starts in the month */
  activeTeacherSpaces: number;
  resourceUploads: number;
  /** of which uploaded by teachers (uploaderRole teacher) */
  teacherUploads: number;
  lessonsDelivered: number;
  /** 专递课堂, 名师课堂, 名校网络课堂, 同步课堂 */
  remoteLessons: number;
  /** 专递课堂, 名师课堂, 名校网络课堂 (三个课堂) */
  threeClassroomLessons: number;
  /** students' daily attendance, summed over class-days of the month (a corrected day counts once) */
  attendanceExpected: number;
  attendancePresent: number;
  /** devices registered in the month (by registeredOn) */
  devicesAdded: number;
  /** devices whose latest status is 报废, by the month of that status */
  devicesWrittenOff: number;
  /** devices registered in the month whose latest status is 在用 */
  devicesInUseAdded: number;
  /** change of 专任教师 by the latest headcount report of the month against the one before */
  teachersDelta: number;
  classesDelta: number;
  /** 1 in the month of a school's first headcount report */
  headcountSchoolsDelta: number;
}

export const FLOW_FIELDS = [
  'teacherSpaceEvents',
  'activeTeacherSpaces',
  'resourceUploads',
  'teacherUploads',
  'lessonsDelivered',
  'remoteLessons',
  'threeClassroomLessons',
  'attendanceExpected',
  'attendancePresent',
  'devicesAdded',
  'devicesWrittenOff',
  'devicesInUseAdded',
  'teachersDelta',
  'classesDelta',
  'headcountSchoolsDelta',
] as const satisfies readonly (keyof MonthFlows)[];

/** The column of each field in SQL (snake case). */
export const flowColumn = (field: keyof MonthFlows): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const zeroFlows = (): MonthFlows => Object.fromEntries(FLOW_FIELDS.map((f) => [f, 0])) as unknown as MonthFlows;

export function addFlows(a: MonthFlows, b: MonthFlows, sign: 1 | -1 = 1): MonthFlows {
  const out = zeroFlows();
  for (const f of FLOW_FIELDS) out[f] = a[f] + sign * b[f];
  return out;
}

export const isZeroFlows = (f: MonthFlows): boolean => FLOW_FIELDS.every((k) => f[k] === 0);

/** A school's flows of one month, and the district they were added to ('' = identity does not place the school). */
export interface SchoolMonth {
  readonly school: string;
  readonly month: string;
  readonly regionCode: string;
  readonly flows: MonthFlows;
}

export interface RegionDelta {
  readonly regionCode: string;
  readonly month: string;
  readonly flows: MonthFlows;
}

/**
 * What a recomputation changes in the district rows: for each month of the school, the new
 * flows minus the stored ones, in the district it now belongs to; when the district changed,
 * the stored flows leave the old one and the new flows enter the new one. Rows of region ''
 * (not placed) add to no district.
 */
export function regionDeltas(stored: readonly SchoolMonth[], fresh: readonly SchoolMonth[]): RegionDelta[] {
  const out = new Map<string, RegionDelta>();
  const add = (regionCode: string, month: string, flows: MonthFlows, sign: 1 | -1): void => {
    if (regionCode === '') return;
    const key = `${regionCode}\u0000${month}`;
    const current = out.get(key);
    out.set(key, { regionCode, month, flows: addFlows(current?.flows ?? zeroFlows(), flows, sign) });
  };
  for (const s of stored) add(s.regionCode, s.month, s.flows, -1);
  for (const f of fresh) add(f.regionCode, f.month, f.flows, 1);
  return [...out.values()].filter((d) => !isZeroFlows(d.flows)).sort((a, b) => (a.regionCode + a.month < b.regionCode + b.month ? -1 : 1));
}

/** A school-month a batch touched; month '' = the school's stocks (devices, headcounts), every month. */
export interface ActivityMark {
  readonly school: string;
  readonly month: string;
}

/**
 * The school-months whose figures a batch of changes may have moved, deduplicated. Stocks are
 * latest-wins snapshots (a re-registered device may move to another month), so they mark the
 * whole school.
 */
export function activityMarks(changes: Iterable<FactChange>): ActivityMark[] {
  const marks = new Map<string, ActivityMark>();
  const mark = (school: unknown, month: string): void => {
    if (typeof school !== 'string') return;
    marks.set(`${school}\u0000${month}`, { school, month });
  };
  for (const c of changes) {
    const k = c.key;
    switch (c.table) {
      case 'activity_months':
        mark(k['school'], String(k['month']));
        break;
      case 'attendance':
        if (k['role'] === 'student') mark(k['school'], monthOf(String(k['day'])));
        break;
      case 'space_activity':
        if (k['role'] === 'teacher') mark(k['school'], monthOf(String(k['day'])));
        break;
      case 'devices':
      case 'headcounts':
        mark(k['school'], '');
        break;
      default:
        break;
    }
  }
  return [...marks.values()];
}

/** One month of a dashboard series: the month's flows, the stocks at its end, the ratios. */
export interface ActivityMonth {
  readonly month: string;
  readonly teacherSpaceEvents: number;
  readonly activeTeacherSpaces: number;
  readonly resourceUploads: number;
  readonly teacherUploads: number;
  /** 专任教师 at the month's end by the latest HeadcountReported on or before it (summed over schools) */
  readonly teachers: number;
  /** schools whose teachers are counted (those that have reported a headcount by then) */
  readonly schoolsWithHeadcount: number;
  /** teacherUploads / teachers; null without teachers */
  readonly uploadsPerTeacher: number | null;
  readonly lessonsDelivered: number;
  readonly remoteLessons: number;
  readonly threeClassroomLessons: number;
  readonly attendanceExpected: number;
  readonly attendancePresent: number;
  /** attendancePresent / attendanceExpected (students); null without expected */
  readonly attendanceRate: number | null;
  /** devices registered by the month's end and not written off by then */
  readonly devices: number;
  /** of those, the ones whose latest status is 在用 (the warehouse keeps each device's latest status, not its history) */
  readonly devicesInUse: number;
  readonly classes: number;
  readonly devicesPerTeacher: number | null;
  readonly devicesPerClass: number | null;
}

export const ratio = (numerator: number, denominator: number, digits = 4): number | null => {
  if (denominator <= 0) return null;
  const f = 10 ** digits;
  return Math.round((numerator / denominator) * f) / f;
};

/** Sums flows of several rows by month (several schools, or the districts of a city). */
export function sumByMonth(rows: Iterable<{ readonly month: string; readonly flows: MonthFlows }>): Map<string, MonthFlows> {
  const out = new Map<string, MonthFlows>();
  for (const r of rows) out.set(r.month, addFlows(out.get(r.month) ?? zeroFlows(), r.flows));
  return out;
}

/**
 * The series from `from` to `to`: flows of each month as they are, stocks cumulated from every
 * month up to it (so `byMonth` must hold the months before `from` too).
 */
export function activitySeries(byMonth: ReadonlyMap<string, MonthFlows>, from: string, to: string): ActivityMonth[] {
  const months = monthsBetween(from, to);
  let stock = { devices: 0, devicesInUse: 0, teachers: 0, classes: 0, schoolsWithHeadcount: 0 };
  for (const [month, f] of byMonth) if (month < from) stock = grow(stock, f);
  return months.map((month) => {
    const f = byMonth.get(month) ?? zeroFlows();
    stock = grow(stock, f);
    return {
      month,
      teacherSpaceEvents: f.teacherSpaceEvents,
      activeTeacherSpaces: f.activeTeacherSpaces,
      resourceUploads: f.resourceUploads,
      teacherUploads: f.teacherUploads,
      teachers: stock.teachers,
      schoolsWithHeadcount: stock.schoolsWithHeadcount,
      uploadsPerTeacher: ratio(f.teacherUploads, stock.teachers),
      lessonsDelivered: f.lessonsDelivered,
      remoteLessons: f.remoteLessons,
      threeClassroomLessons: f.threeClassroomLessons,
      attendanceExpected: f.attendanceExpected,
      attendancePresent: f.attendancePresent,
      attendanceRate: ratio(f.attendancePresent, f.attendanceExpected),
      devices: stock.devices,
      devicesInUse: stock.devicesInUse,
      classes: stock.classes,
      devicesPerTeacher: ratio(stock.devices, stock.teachers),
      devicesPerClass: ratio(stock.devices, stock.classes),
    };
  });
}

function grow(s: { devices: number; devicesInUse: number; teachers: number; classes: number; schoolsWithHeadcount: number }, f: MonthFlows) {
  return {
    devices: s.devices + f.devicesAdded - f.devicesWrittenOff,
    devicesInUse: s.devicesInUse + f.devicesInUseAdded,
    teachers: s.teachers + f.teachersDelta,
    classes: s.classes + f.classesDelta,
    schoolsWithHeadcount: s.schoolsWithHeadcount + f.headcountSchoolsDelta,
  };
}

/** What `teachers` counts, named in every answer. */
export const TEACHERS_SOURCE = 'HeadcountReported: 专任教师 of the latest report on or before the month’s end, summed over stages and schools';
