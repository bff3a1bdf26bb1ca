import * as E from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import {
  activityMarks,
  activitySeries,
  addFlows,
  monthOf,
  monthsBetween,
  monthSpan,
  ratio,
  regionDeltas,
  sumByMonth,
  zeroFlows,
  type MonthFlows,
  type SchoolMonth,
} from './activity';
import { changesOf } from './projection';
import { valid } from './testing';

const flows = (f: Partial<MonthFlows>): MonthFlows => ({ ...zeroFlows(), ...f });
const row = (school: string, month: string, regionCode: string, f: Partial<MonthFlows>): SchoolMonth => ({ school, month, regionCode, flows: flows(f) });

describe('months', () => {
  it.each([
    ['2026-09-01', '2026-09'],
    ['2027-01-31', '2027-01'],
  ])('the month of %s is %s', (day, month) => expect(monthOf(day)).toBe(month));

  it('lists the months of a span across a year end, both ends included', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-10')).toEqual([]);
    expect(monthSpan('2026-01', '2027-12')).toBe(24);
  });

  it('refuses what is not a month or a date', () => {
    expect(() => monthsBetween('2026-13', '2027-01')).toThrow(/not a month/);
    expect(() => monthOf('2026-9-1')).toThrow(/not a calendar date/);
  });
});

describe('ratios', () => {
  it.each([
    [3, 4, 0.75],
    [1, 3, 0.3333],
    [5, 0, null],
  ])('%d / %d = %s', (n, d, r) => expect(ratio(n, d)).toBe(r));
});

describe('which school-months a batch touches', () => {
  it("marks flows by month, teachers' activity and students' attendance by the day's month, stocks as the whole school", () => {
    const marks = activityMarks([
      ...changesOf(valid(anEvent(E.LessonDeliveredV1, { deliveredOn: '2026-10-09' }))),
      ...changesOf(valid(anEvent(E.DailyAttendanceRecordedV1, { date: '2026-09-08' }))),
      ...changesOf(
        valid(
          anEvent(E.DailyAttendanceRecordedV1, {
            role: 'teacher',
            classId: undefined,
            stage: undefined,
            grade: undefined,
            expected: 80,
            present: 76,
            late: 0,
            onLeave: 4,
            absent: 0,
            date: '2026-11-02',
          }),
        ),
      ),
      ...changesOf(valid(anEvent(E.LearningActivitySummarizedV1))),
      ...changesOf(valid(anEvent(E.DeviceStatusChangedV1))),
      ...changesOf(valid(anEvent(E.HeadcountReportedV1, {}, { subject: '3302030002' }))),
      ...changesOf(valid(anEvent(E.ExamScheduledV1))),
    ]);
    expect(marks).toEqual([
      { school: '3302030001', month: '2026-10' },
      { school: '3302030001', month: '2026-09' },
      { school: '3302030001', month: '' },
      { school: '3302030002', month: '' },
    ]);
  });
});

describe('district deltas of a recomputation', () => {
  it('adds the difference in the same district', () => {
    expect(
      regionDeltas([row('S1', '2026-09', '330203', { resourceUploads: 2 })], [row('S1', '2026-09', '330203', { resourceUploads: 5, lessonsDelivered: 1 })]),
    ).toEqual([{ regionCode: '330203', month: '2026-09', flows: flows({ resourceUploads: 3, lessonsDelivered: 1 }) }]);
  });

  it('moves a school: its stored flows leave the old district, its fresh flows enter the new one', () => {
    const stored = [row('S1', '2026-09', '330203', { resourceUploads: 2 }), row('S1', '2026-10', '330203', { devicesAdded: 1 })];
    const fresh = [row('S1', '2026-09', '330205', { resourceUploads: 2 }), row('S1', '2026-10', '330205', { devicesAdded: 1 })];
    expect(regionDeltas(stored, fresh)).toEqual([
      { regionCode: '330203', month: '2026-09', flows: flows({ resourceUploads: -2 }) },
      { regionCode: '330203', month: '2026-10', flows: flows({ devicesAdded: -1 }) },
      { regionCode: '330205', month: '2026-09', flows: flows({ resourceUploads: 2 }) },
      { regionCode: '330205', month: '2026-10', flows: flows({ devicesAdded: 1 }) },
    ]);
  });

  it('leaves out what changes nothing and schools identity does not place', () => {
    expect(regionDeltas([row('S1', '2026-09', '330203', { resourceUploads: 2 })], [row('S1', '2026-09', '330203', { resourceUploads: 2 })])).toEqual([]);
    expect(regionDeltas([], [row('S9', '2026-09', '', { resourceUploads: 2 })])).toEqual([]);
  });
});

describe('the series a dashboard reads', () => {
  const byMonth = sumByMonth([
    { month: '2026-08', flows: flows({ devicesAdded: 10, devicesInUseAdded: 8, teachersDelta: 4, classesDelta: 2, headcountSchoolsDelta: 1 }) },
    {
      month: '2026-09',
      flows: flows({
        teacherUploads: 6,
        resourceUploads: 7,
        attendanceExpected: 40,
        attendancePresent: 38,
        devicesAdded: 2,
        devicesWrittenOff: 1,
        lessonsDelivered: 3,
        remoteLessons: 2,
        threeClassroomLessons: 1,
      }),
    },
    { month: '2026-09', flows: flows({ teachersDelta: 1 }) },
    { month: '2026-11', flows: flows({ teachersDelta: -1 }) },
  ]);

  it("cumulates the stocks from the months before the span and keeps each month's flows as they are", () => {
    const series = activitySeries(byMonth, '2026-09', '2026-11');
    expect(series.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(series[0]).toMatchObject({
      teachers: 5,
      schoolsWithHeadcount: 1,
      teacherUploads: 6,
      uploadsPerTeacher: 1.2,
      attendanceRate: 0.95,
      devices: 11,
      devicesInUse: 8,
      classes: 2,
      devicesPerTeacher: 2.2,
      devicesPerClass: 5.5,
      remoteLessons: 2,
      threeClassroomLessons: 1,
    });
    expect(series[1]).toMatchObject({ teachers: 5, teacherUploads: 0, uploadsPerTeacher: 0, attendanceRate: null, devices: 11 });
    expect(series[2]).toMatchObject({ teachers: 4, devicesPerTeacher: 2.75 });
  });

  it('sums schools (or districts) month by month', () => {
    const a = flows({ resourceUploads: 1 });
    expect(
      sumByMonth([
        { month: '2026-09', flows: a },
        { month: '2026-09', flows: a },
      ]).get('2026-09'),
    ).toEqual(addFlows(a, a));
  });
});
