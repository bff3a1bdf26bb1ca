import * as E from '@educube/contracts';
import { eventRegistry, type CloudEvent, type EventDefinition } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { canonicalDump, changesOf, checksumOf, InMemoryReadModels, NOT_PROJECTED, PROJECTED_TYPES, TABLES, UPCAST_TYPES, type Row } from './index';
import { mixedHistory, shuffled, valid } from './testing';

const at = (time: string) => ({ time });

/** Rows of a table without the clocks, which tests rarely care about. */
function rows(model: InMemoryReadModels, table: string): Row[] {
  return model.table(table).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_clock'))));
}

function modelOf(...events: CloudEvent[]): InMemoryReadModels {
  return new InMemoryReadModels().applyEvents(events);
}

describe('which event types are projected', () => {
  it('places every registry type exactly once: projected, NOT_PROJECTED with a reason, or upcast to a newer version', () => {
    const registry = eventRegistry.definitions.map((d) => d.type).sort();
    const placed = [...PROJECTED_TYPES, ...Object.keys(NOT_PROJECTED), ...UPCAST_TYPES].sort();
    expect(registry).toHaveLength(63);
    expect(placed).toEqual(registry);
    expect(PROJECTED_TYPES.filter((t) => t in NOT_PROJECTED)).toEqual([]);
    expect(Object.values(NOT_PROJECTED).every((reason) => reason.length > 10)).toBe(true);
  });

  it.each(eventRegistry.definitions.map((d) => [d.type, d] as const))('%s: the sample event projects without error', (_type, def: EventDefinition) => {
    const changes = changesOf(valid(anEvent(def)));
    expect(changes.length > 0).toBe(PROJECTED_TYPES.includes(eventRegistry.upcast(valid(anEvent(def))).type));
    expect(() => new InMemoryReadModels().applyChanges(changes)).not.toThrow();
  });

  it('refuses a type nobody placed rather than skipping it', () => {
    expect(() => changesOf({ ...anEvent(E.LessonCancelledV1), type: 'cn.educube.timetabling.LessonCancelled.v2' })).toThrow(/no projection decided/);
  });
});

describe('timetabling', () => {
  it('counts lessons timetabled by mode and subject, a reschedule replacing the lesson and a cancellation taking it out', () => {
    const model = modelOf(
      valid(
        anEvent(
          E.LessonTimetabledV1,
          { lessonId: 'L-1', date: '2026-09-07', mode: '线下', partnerSchoolCodes: [], subject: '数学' },
          at('2026-09-01T08:00:00+08:00'),
        ),
      ),
      valid(
        anEvent(
          E.LessonTimetabledV1,
          { lessonId: 'L-1', date: '2026-09-08', mode: '线下', partnerSchoolCodes: [], subject: '数学' },
          at('2026-09-02T08:00:00+08:00'),
        ),
      ),
      valid(
        anEvent(E.LessonTimetabledV1, { lessonId: 'L-2', date: '2027-03-01', mode: '专递课堂', subject: '美术', periods: 2 }, at('2026-09-01T08:00:00+08:00')),
      ),
      valid(
        anEvent(
          E.LessonTimetabledV1,
          { lessonId: 'L-3', date: '2026-09-07', mode: '线下', partnerSchoolCodes: [], subject: '数学' },
          at('2026-09-01T08:00:00+08:00'),
        ),
      ),
      valid(anEvent(E.LessonCancelledV1, { lessonId: 'L-3' }, at('2026-09-03T08:00:00+08:00'))),
    );
    const lessons = rows(model, 'lessons');
    expect(lessons).toHaveLength(3);
    expect(lessons.find((l) => l['lesson_id'] === 'L-1')).toMatchObject({
      day: '2026-09-08',
      school_year: '2026-2027',
      semester: '第一学期',
      mode: '线下',
      subject: '数学',
      cancelled: false,
    });
    expect(lessons.find((l) => l['lesson_id'] === 'L-2')).toMatchObject({
      day: '2027-03-01',
      semester: '第二学期',
      mode: '专递课堂',
      periods: 2,
      partner_schools: 1,
      cancelled: false,
    });
    expect(lessons.find((l) => l['lesson_id'] === 'L-3')).toMatchObject({ cancelled: true });
  });

  it('keeps a cancellation that arrives before the lesson it cancels, and a later reschedule brings the lesson back', () => {
    const timetabled = valid(anEvent(E.LessonTimetabledV1, { lessonId: 'L-9' }, at('2026-09-01T08:00:00+08:00')));
    const cancelled = valid(anEvent(E.LessonCancelledV1, { lessonId: 'L-9' }, at('2026-09-02T08:00:00+08:00')));
    const rescheduled = valid(anEvent(E.LessonTimetabledV1, { lessonId: 'L-9', date: '2026-09-14' }, at('2026-09-03T08:00:00+08:00')));
    expect(rows(modelOf(cancelled, timetabled), 'lessons')[0]).toMatchObject({ day: '2026-09-07', cancelled: true });
    expect(rows(modelOf(rescheduled, cancelled, timetabled), 'lessons')[0]).toMatchObject({ day: '2026-09-14', cancelled: false });
  });

  it('sums lessons delivered by day, mode and subject', () => {
    const model = modelOf(
      valid(anEvent(E.LessonDeliveredV1, { lessonId: 'L-1', periods: 1 })),
      valid(anEvent(E.LessonDeliveredV1, { lessonId: 'L-2', periods: 2, recorded: false })),
      valid(anEvent(E.LessonDeliveredV1, { lessonId: 'L-3', mode: '线下', partnerSchoolCodes: [] })),
    );
    expect(rows(model, 'lessons_delivered').sort((a, b) => String(a['mode']).localeCompare(String(b['mode'])))).toEqual([
      {
        school: '3302030001',
        day: '2026-09-07',
        school_year: '2026-2027',
        semester: '第一学期',
        mode: '专递课堂',
        subject: '数学',
        lessons: 2,
        periods: 3,
        recorded: 1,
        on_platform: 2,
      },
      {
        school: '3302030001',
        day: '2026-09-07',
        school_year: '2026-2027',
        semester: '第一学期',
        mode: '线下',
        subject: '数学',
        lessons: 1,
        periods: 1,
        recorded: 1,
        on_platform: 1,
      },
    ]);
  });

  it('keeps the published semester windows', () => {
    expect(rows(modelOf(valid(anEvent(E.SchoolCalendarPublishedV1))), 'school_calendars')).toEqual([
      { school: '3302030001', school_year: '2026-2027', semester: '第一学期', starts_on: '2026-09-01', ends_on: '2027-01-22', teaching_weeks: 20 },
      { school: '3302030001', school_year: '2026-2027', semester: '第二学期', starts_on: '2027-02-22', ends_on: '2027-07-02', teaching_weeks: 19 },
    ]);
  });
});

describe('grading', () => {
  it('keeps scores per exam, class and subject; a corrected registration replaces the first', () => {
    const model = modelOf(
      valid(anEvent(E.ExamScheduledV1)),
      valid(anEvent(E.ExamScoresPublishedV1, { classId: 'C-1', candidates: 40, scored: 38 }, at('2026-11-12T08:00:00+08:00'))),
      valid(anEvent(E.ExamScoresPublishedV1, { classId: 'C-1', candidates: 40, scored: 40 }, at('2026-11-13T08:00:00+08:00'))),
      valid(anEvent(E.ExamScoresPublishedV1, { classId: 'C-2', candidates: 41, scored: 41, markingMode: '人工' })),
    );
    expect(rows(model, 'exams')).toEqual([
      {
        school: '3302030001',
        exam_id: 'X-1',
        kind: '期中',
        stage: '小学',
        starts_on: '2026-11-10',
        ends_on: '2026-11-11',
        school_year: '2026-2027',
        semester: '第一学期',
      },
    ]);
    const scores = rows(model, 'exam_scores').sort((a, b) => String(a['class_id']).localeCompare(String(b['class_id'])));
    expect(scores.map((s) => [s['exam_id'], s['class_id'], s['subject'], s['candidates'], s['scored'], s['marking_mode'], s['school_year']])).toEqual([
      ['X-1', 'C-1', '数学', 40, 40, '网络阅卷', '2026-2027'],
      ['X-1', 'C-2', '数学', 41, 41, '人工', '2026-2027'],
    ]);
  });
});

describe('asset', () => {
  it('keeps one row per device with its latest status, whichever event arrives first', () => {
    const registered = valid(anEvent(E.DeviceRegisteredV1, { assetId: 'A-1', status: '在用' }, at('2026-09-01T08:00:00+08:00')));
    const broken = valid(anEvent(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '故障', changedOn: '2026-10-01' }, at('2026-10-01T08:00:00+08:00')));
    const expected = {
      school: '3302030001',
      asset_id: 'A-1',
      device_type: '交互式多媒体教学设备',
      owner_role: 'shared',
      room_id: 'R-101',
      registered_on: '2025-08-21',
      status: '故障',
      status_on: '2026-10-01',
    };
    expect(rows(modelOf(registered, broken), 'devices')).toEqual([expected]);
    expect(rows(modelOf(broken, registered), 'devices')).toEqual([expected]);
  });

  it('lets a re-registration after the status change set the status again (it is the newer word)', () => {
    const broken = valid(anEvent(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '故障' }, at('2026-10-01T08:00:00+08:00')));
    const reregistered = valid(anEvent(E.DeviceRegisteredV1, { assetId: 'A-1', status: '在用', ownerRole: 'teacher' }, at('2026-10-05T08:00:00+08:00')));
    expect(rows(modelOf(reregistered, broken), 'devices')[0]).toMatchObject({ owner_role: 'teacher', status: '在用' });
  });
});

describe('attendance', () => {
  it('stores present and expected per class and day; the later record of a day replaces the earlier', () => {
    const model = modelOf(
      valid(anEvent(E.DailyAttendanceRecordedV1, { expected: 40, present: 36, late: 0, onLeave: 2, absent: 2 }, at('2026-09-07T09:00:00+08:00'))),
      valid(anEvent(E.DailyAttendanceRecordedV1, { expected: 40, present: 38, late: 0, onLeave: 2, absent: 0 }, at('2026-09-07T17:00:00+08:00'))),
      valid(
        anEvent(E.DailyAttendanceRecordedV1, {
          role: 'teacher',
          classId: undefined,
          stage: undefined,
          grade: undefined,
          expected: 80,
          present: 79,
          late: 0,
          onLeave: 1,
          absent: 0,
        }),
      ),
    );
    const att = rows(model, 'attendance').sort((a, b) => String(a['role']).localeCompare(String(b['role'])));
    expect(att.map((r) => [r['role'], r['class_id'], r['day'], r['expected'], r['present']])).toEqual([
      ['student', 'C-2026-1-1', '2026-09-07', 40, 38],
      ['teacher', '', '2026-09-07', 80, 79],
    ]);
  });
});

describe('space', () => {
  it('keeps learning spaces opened and closed', () => {
    const model = modelOf(
      valid(anEvent(E.LearningSpaceClosedV1, { spaceId: 'SP-1', closedOn: '2027-02-01' })),
      valid(anEvent(E.LearningSpaceOpenedV1, { spaceId: 'SP-1' })),
      valid(anEvent(E.LearningSpaceOpenedV1, { spaceId: 'SP-2', ownerRole: 'student', owner: { system: 'card', localId: 'S1' } })),
    );
    const spaces = rows(model, 'learning_spaces').sort((a, b) => String(a['space_id']).localeCompare(String(b['space_id'])));
    expect(spaces.map((s) => [s['space_id'], s['owner_role'], s['owner'], s['platform_level'], s['opened_on'], s['school_year'], s['closed_on']])).toEqual([
      ['SP-1', 'teacher', 'timetabling/T0001', 'province', '2026-09-01', '2026-2027', '2027-02-01'],
      ['SP-2', 'student', 'card/S1', 'province', '2026-09-01', '2026-2027', null],
    ]);
  });

  it('sums activity per person and period, and per kind', () => {
    const model = modelOf(
      valid(anEvent(E.LearningActivitySummarizedV1)),
      valid(anEvent(E.LearningActivitySummarizedV1, { activities: [{ kind: '自主学习', count: 3 }], onMobile: 0, teacherGuided: 0 })),
    );
    expect(rows(model, 'space_activity')).toEqual([
      {
        school: '3302030001',
        day: '2026-09-01',
        school_year: '2026-2027',
        semester: '第一学期',
        role: 'student',
        person: 'attendance-card/S0001',
        summaries: 2,
        activities: 18,
        on_mobile: 5,
        teacher_guided: 4,
      },
    ]);
    expect(
      rows(model, 'space_activity_kinds')
        .map((r) => [r['kind'], r['activities']])
        .sort(),
    ).toEqual([
      ['在线测试', 3],
      ['自主学习', 15],
    ]);
  });

  it('keeps the latest experience value per space and platform year', () => {
    const model = modelOf(
      valid(anEvent(E.ExperiencePointsReportedV1, { points: 40 }, at('2027-01-31T08:00:00+08:00'))),
      valid(anEvent(E.ExperiencePointsReportedV1, { points: 75 }, at('2027-06-30T08:00:00+08:00'))),
    );
    expect(rows(model, 'experience_points')).toEqual([
      {
        school: '3302030001',
        space_id: 'SP-1',
        platform: '之江汇',
        period_start: '2026-09-01',
        period_end: '2027-08-31',
        person: 'timetabling/T0001',
        role: 'teacher',
        school_year: '2026-2027',
        points: 75,
        reported_on: '2027-01-31',
      },
    ]);
  });

  it('sums training hours per teacher', () => {
    const model = modelOf(
      valid(anEvent(E.TrainingCompletedV1, { hours: 2.5 })),
      valid(anEvent(E.TrainingCompletedV1, { trainingId: 'TR-2', hours: 1.5, passed: false })),
    );
    expect(rows(model, 'training_hours')).toEqual([
      {
        school: '3302030001',
        day: '2026-10-15',
        school_year: '2026-2027',
        semester: '第一学期',
        trainee: 'timetabling/T0001',
        kind: '教育信息化培训',
        level: 'city',
        mode: '线上',
        hours: 4,
        trainings: 2,
        passed: 1,
      },
    ]);
  });

  it('counts research activities, synchronous ones apart', () => {
    const model = modelOf(
      valid(anEvent(E.ResearchActivityHeldV1)),
      valid(
        anEvent(E.ResearchActivityHeldV1, {
          activityId: 'R-2',
          kind: '集体备课',
          mode: '线下',
          synchronous: false,
          platform: undefined,
          platformLevel: undefined,
          organiserLevel: 'school',
          partnerSchoolCodes: [],
        }),
      ),
    );
    expect(
      rows(model, 'research_activities')
        .map((r) => [r['kind'], r['synchronous'], r['activities'], r['participants'], r['partner_schools']])
        .sort(),
    ).toEqual([
      ['同步研修', true, 1, 1, 2],
      ['集体备课', false, 1, 1, 0],
    ]);
  });
});

describe('resource', () => {
  it('puts an upload on 31 August and one on 1 September (China time) in different school years', () => {
    const model = modelOf(
      valid(anEvent(E.ResourceUploadedV1, { uploadedAt: '2026-08-31T23:30:00+08:00' })),
      valid(anEvent(E.ResourceUploadedV1, { resourceId: 'RS-2', uploadedAt: '2026-08-31T16:30:00Z' })),
    );
    expect(
      rows(model, 'resource_uploads')
        .map((r) => [r['day'], r['school_year'], r['semester'], r['uploads']])
        .sort(),
    ).toEqual([
      ['2026-08-31', '2025-2026', '第二学期', 1],
      ['2026-09-01', '2026-2027', '第一学期', 1],
    ]);
  });

  it('counts uploads and shares by kind and platform level', () => {
    const model = modelOf(
      valid(anEvent(E.ResourceUploadedV1)),
      valid(anEvent(E.ResourceUploadedV1, { resourceId: 'RS-2' })),
      valid(anEvent(E.ResourceSharedV1)),
      valid(anEvent(E.ResourceSharedV1, { platform: '之江汇', platformLevel: 'province', openToPublic: true })),
    );
    expect(rows(model, 'resource_uploads')).toEqual([
      {
        school: '3302030001',
        day: '2026-09-10',
        school_year: '2026-2027',
        semester: '第一学期',
        kind: '微课程',
        platform_level: 'city',
        platform: '甬上云校',
        uploader_role: 'teacher',
        uploads: 2,
      },
    ]);
    expect(
      rows(model, 'resource_shares')
        .map((r) => [r['platform_level'], r['shares'], r['open_to_public']])
        .sort(),
    ).toEqual([
      ['county', 1, 0],
      ['province', 1, 1],
    ]);
  });
});

describe('monthly activity (activity_months, headcounts)', () => {
  it("counts teachers' space activity, uploads and lessons per school and month, the remote modes and 三个课堂 apart", () => {
    const model = modelOf(
      valid(anEvent(E.LessonDeliveredV1, { lessonId: 'L-1', mode: '专递课堂' })),
      valid(anEvent(E.LessonDeliveredV1, { lessonId: 'L-2', mode: '同步课堂' })),
      valid(anEvent(E.LessonDeliveredV1, { lessonId: 'L-3', mode: '线下', partnerSchoolCodes: [], deliveredOn: '2026-10-09' })),
      valid(
        anEvent(E.LearningActivitySummarizedV1, {
          person: { system: 'timetabling', localId: 'T0001' },
          role: 'teacher',
          activities: [{ kind: '任务布置', count: 4 }],
          onMobile: 0,
          teacherGuided: 0,
        }),
      ),
      // students' activity is not teachers' space activity
      valid(anEvent(E.LearningActivitySummarizedV1)),
      valid(anEvent(E.ResourceUploadedV1)),
      valid(anEvent(E.ResourceUploadedV1, { resourceId: 'RS-2', uploaderRole: 'school', uploader: undefined, uploadedAt: '2026-09-30T16:30:00Z' })),
    );
    expect(rows(model, 'activity_months').sort((a, b) => String(a['month']).localeCompare(String(b['month'])))).toEqual([
      {
        school: '3302030001',
        month: '2026-09',
        teacher_space_summaries: 1,
        teacher_space_activities: 4,
        resource_uploads: 1,
        teacher_uploads: 1,
        lessons_delivered: 2,
        remote_lessons: 2,
        three_classroom_lessons: 1,
      },
      // 2026-09-30T16:30Z is 1 October in China
      {
        school: '3302030001',
        month: '2026-10',
        teacher_space_summaries: 0,
        teacher_space_activities: 0,
        resource_uploads: 1,
        teacher_uploads: 0,
        lessons_delivered: 1,
        remote_lessons: 0,
        three_classroom_lessons: 0,
      },
    ]);
  });

  it('keeps one headcount per school and date, summed over stages; a corrected report for the date wins, whatever the order', () => {
    const first = valid(
      anEvent(
        E.HeadcountReportedV1,
        {
          asOf: '2026-09-01',
          byStage: [
            { stage: '小学', teachers: 80, students: 1200, classes: 30 },
            { stage: '初中', teachers: 20, students: 300, classes: 6 },
          ],
        },
        at('2026-09-01T08:00:00+08:00'),
      ),
    );
    const corrected = valid(
      anEvent(
        E.HeadcountReportedV1,
        { asOf: '2026-09-01', byStage: [{ stage: '小学', teachers: 81, students: 1200, classes: 30 }] },
        at('2026-09-02T08:00:00+08:00'),
      ),
    );
    const expected = [{ school: '3302030001', as_of: '2026-09-01', teachers: 81, students: 1200, classes: 30 }];
    expect(rows(modelOf(first, corrected), 'headcounts')).toEqual(expected);
    expect(rows(modelOf(corrected, first), 'headcounts')).toEqual(expected);
    expect(modelOf(corrected, corrected).checksum()).toBe(modelOf(corrected).checksum());
  });
});

describe('order and repetition', () => {
  it('ends with the same model whatever order the events arrive in', () => {
    const history = mixedHistory();
    const reference = new InMemoryReadModels().applyEvents(history).checksum();
    for (let seed = 1; seed <= 25; seed++) {
      expect(new InMemoryReadModels().applyEvents(shuffled(history, seed)).checksum()).toBe(reference);
    }
    // and in batches of any size, each merged before it is applied
    const batched = new InMemoryReadModels();
    const order = shuffled(history, 99);
    for (let i = 0; i < order.length; i += 7) batched.applyEvents(order.slice(i, i + 7));
    expect(batched.checksum()).toBe(reference);
  });

  it('counts an event applied twice twice: deduplication is the event store’s (by id) and the checkpoint’s (by position), not the projection’s', () => {
    const upload = valid(anEvent(E.ResourceUploadedV1));
    expect(rows(modelOf(upload, upload), 'resource_uploads')[0]).toMatchObject({ uploads: 2 });
    // last-writer-wins sets happen to be idempotent; counters are not
    const lesson = valid(anEvent(E.LessonTimetabledV1));
    expect(modelOf(lesson, lesson).checksum()).toBe(modelOf(lesson).checksum());
  });
});

describe('checksum', () => {
  it('does not depend on the order of rows or tables, and sees every value', () => {
    const model = new InMemoryReadModels().applyEvents(mixedHistory());
    const snapshot = model.snapshot();
    const reversed = new Map([...snapshot].reverse().map(([name, r]) => [name, [...r].reverse()]));
    expect(checksumOf(reversed)).toBe(model.checksum());
    const changed = new Map(snapshot);
    const uploads = snapshot.get('resource_uploads')!;
    changed.set('resource_uploads', [{ ...uploads[0]!, uploads: Number(uploads[0]!['uploads']) + 1 }, ...uploads.slice(1)]);
    expect(checksumOf(changed)).not.toBe(model.checksum());
  });

  it('reads database renderings of values (bigint as text, t/f) as the same values', () => {
    const model = new InMemoryReadModels().applyEvents(mixedHistory());
    const asText = new Map(
      [...model.snapshot()].map(([name, r]) => [
        name,
        r.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v)]))),
      ]),
    );
    expect(canonicalDump(asText)).toBe(canonicalDump(model.snapshot()));
  });

  it('covers every table, the empty ones too', () => {
    expect(JSON.parse(canonicalDump(new Map())).map((t: { table: string }) => t.table)).toEqual(TABLES.map((t) => t.name).sort());
  });
});
