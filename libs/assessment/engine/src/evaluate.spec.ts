import { CATALOGS, allItems, type StandardId } from '@educube/assessment-catalog';
import { eventRegistry, type CloudEvent, type EventDefinition } from '@educube/contracts';
import * as E from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { CLASSIFICATIONS } from './classification';
import { applyAll, emptyFacts, entitiesAsOf, evolveFacts, type SchoolFacts } from './facts';
import { evaluateItem, type EvaluationOptions, type Evidence } from './evaluate';

// Hand-computed cases at the boundaries the standards draw. Every event is checked against
// the contracts first, so the engine is fed only what the warehouse would accept.

const SCHOOL = '3302030001';
let seq = 0;
function ev<D extends EventDefinition>(def: D, data: Parameters<typeof anEvent<D>>[1], id?: string): CloudEvent {
  seq += 1;
  const e = anEvent(def, data, { id: id ?? `t-${seq}`, subject: SCHOOL, time: '2026-09-07T08:00:00+08:00' });
  const result = eventRegistry.validate(e, { now: new Date('2031-01-01T00:00:00Z') });
  if (!result.ok) throw new Error(`${def.name} is not contract-valid: ${JSON.stringify(result.problems)}`);
  return e;
}
/** A plain (non-course) upload: the sample is a 微课程 with its components. */
const plain = { components: [] as never[], lessonCount: undefined, problemSolvingGuidance: undefined };
const person = (localId: string) => ({ system: 'identity', localId });
const facts = (events: CloudEvent[]): SchoolFacts => applyAll(emptyFacts(SCHOOL), events);

function evaluate(standard: StandardId, id: string, f: SchoolFacts, options: EvaluationOptions): Evidence {
  const item = allItems(CATALOGS[standard].groups).find((i) => i.id === id);
  const c = CLASSIFICATIONS[standard][id];
  if (!item || !c) throw new Error(`no item ${standard} ${id}`);
  return evaluateItem(item, c, f, options);
}
const checkOf = (e: Evidence, label: string) => {
  const c = e.checks.find((x) => x.label === label);
  if (!c) throw new Error(`no check ${label}`);
  return c;
};

describe('Ningbo B22: an active space has a yearly experience value greater than 60 (大于60)', () => {
  const teachers = [1, 2, 3, 4, 5].map((n) =>
    ev(E.TeacherAssignedV1, { teacher: person(`T${n}`), post: '专任教师', stages: ['小学'], subjects: ['数学'], assignedOn: '2026-09-01' }),
  );
  const points = (n: number, value: number, reportedOn = '2027-06-30') =>
    ev(E.ExperiencePointsReportedV1, {
      spaceId: `SP-${n}`,
      owner: person(`T${n}`),
      points: value,
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
      reportedOn,
    });
  const options = { asOf: '2027-07-01' };

  it('4 of 5 teachers above 60 is 80 %: met', () => {
    const e = evaluate('ningbo', 'B22', facts([...teachers, points(1, 61), points(2, 90), points(3, 61), points(4, 200), points(5, 10)]), options);
    expect(checkOf(e, 'active teacher spaces')).toMatchObject({
      value: 0.8,
      threshold: 0.8,
      met: true,
      window: { kind: 'schoolYear', from: '2026-09-01', to: '2027-07-01' },
    });
  });

  it('a teacher at exactly 60 is not active: 3 of 5 is 60 %, not met', () => {
    const e = evaluate('ningbo', 'B22', facts([...teachers, points(1, 60), points(2, 90), points(3, 61), points(4, 200), points(5, 10)]), options);
    expect(checkOf(e, 'active teacher spaces')).toMatchObject({ value: 0.6, met: false });
  });

  it('the latest report of a space and year counts, not the sum of running totals', () => {
    const e = evaluate(
      'ningbo',
      'B22',
      facts([...teachers, points(1, 40, '2027-01-31'), points(1, 61, '2027-06-30'), points(2, 90), points(3, 61), points(4, 200)]),
      options,
    );
    expect(checkOf(e, 'active teacher spaces').value).toBe(0.8);
    // As of a date before the later report, only the first one is known.
    const earlier = evaluate('ningbo', 'B22', facts([...teachers, points(1, 40, '2027-01-31'), points(1, 61, '2027-06-30')]), { asOf: '2027-03-01' });
    expect(checkOf(earlier, 'active teacher spaces').value).toBe(0);
  });
});

describe('school years: uploads on 31 August and 1 September fall in different years (China time)', () => {
  const upload = (resourceId: string, uploadedAt: string) => ev(E.ResourceUploadedV1, { ...plain, resourceId, kind: '校本课程资源', uploadedAt });
  const f = facts([
    upload('RS-A', '2026-08-31T23:30:00+08:00'), // 31 Aug in China
    upload('RS-B', '2026-08-31T16:30:00Z'), // 1 Sep 00:30 in China
    upload('RS-C', '2026-09-01T09:00:00+08:00'),
  ]);

  it('counts 1 upload in 2025-2026 and 2 in 2026-2027', () => {
    const before = evaluate('ningbo', 'B9', f, { asOf: '2026-08-31' });
    const after = evaluate('ningbo', 'B9', f, { asOf: '2027-08-31' });
    expect(before).toMatchObject({ value: 1, window: { from: '2025-09-01', to: '2026-08-31' } });
    expect(after).toMatchObject({ value: 2, window: { from: '2026-09-01', to: '2027-08-31' } });
    expect(after.sampleIds).toHaveLength(2);
  });

  it('an explicit school year before the as-of date is evaluated whole', () => {
    expect(evaluate('ningbo', 'B9', f, { asOf: '2027-10-01', schoolYear: '2025-2026' })).toMatchObject({
      value: 1,
      window: { from: '2025-09-01', to: '2026-08-31' },
    });
  });
});

describe('duplicate events count once', () => {
  const upload = ev(E.ResourceUploadedV1, { ...plain, resourceId: 'RS-1', kind: '校本课程资源', uploadedAt: '2026-10-01T10:00:00+08:00' }, 'dup-1');

  it('the same id applied twice is one record', () => {
    const once = evolveFacts(emptyFacts(SCHOOL), upload);
    const twice = evolveFacts(once, upload);
    expect(twice).toBe(once);
    expect(evaluate('ningbo', 'B9', twice, { asOf: '2026-12-31' })).toMatchObject({ value: 1, contributing: 1, sampleIds: ['dup-1'] });
  });

  it('the same id with another payload is a conflict: the first stands and the conflict is reported', () => {
    const other = { ...upload, data: { ...(upload.data as object), kind: '微课' } } as CloudEvent;
    const f = applyAll(emptyFacts(SCHOOL), [upload, other, other]);
    expect(f.conflicts).toEqual(['dup-1']);
    expect(f.records.get('dup-1')?.data['kind']).toBe('校本课程资源');
  });

  it("events of another school are not this school's facts", () => {
    const elsewhere = anEvent(E.ResourceUploadedV1, {}, { subject: '3302030002' });
    expect(evolveFacts(emptyFacts(SCHOOL), elsewhere).records.size).toBe(0);
  });
});

describe('a teacher who left mid-year', () => {
  // Ningxia 16(b): teacher uploads ÷ 专任教师 ≥ 10 per school year, counted as of the assessment date.
  const events = [
    ev(E.TeacherAssignedV1, { teacher: person('T1'), post: '专任教师', stages: ['初中'], subjects: ['数学'], assignedOn: '2025-09-01' }),
    ev(E.TeacherAssignedV1, { teacher: person('T2'), post: '专任教师', stages: ['初中'], subjects: ['语文'], assignedOn: '2025-09-01' }),
    ev(E.TeacherLeftV1, { teacher: person('T2'), leftOn: '2027-01-31', reason: '调出' }),
    ...Array.from({ length: 15 }, (_, i) =>
      ev(E.ResourceUploadedV1, { ...plain, resourceId: `RS-${i}`, uploaderRole: 'teacher', uploadedAt: '2026-10-01T10:00:00+08:00' }),
    ),
  ];
  const f = facts(events);

  it('counts as of the day before leaving, not from the leaving day on', () => {
    expect(entitiesAsOf(f, 'teachers', '2027-01-30')).toHaveLength(2);
    expect(entitiesAsOf(f, 'teachers', '2027-01-31')).toHaveLength(1);
  });

  it('15 uploads over 2 teachers is 7.5 (not met) in January, over 1 teacher 15 (met) in June', () => {
    const jan = evaluate('ningxia', '16', f, { asOf: '2027-01-15' });
    const jun = evaluate('ningxia', '16', f, { asOf: '2027-06-15' });
    expect(checkOf(jan, 'uploads per teacher')).toMatchObject({ value: 7.5, met: false });
    expect(checkOf(jun, 'uploads per teacher')).toMatchObject({ value: 15, met: true });
    // Ningxia 16 scores in parts (2 + 1 + 2): only the upload part is met in June.
    expect(jun.points).toBe(1);
  });
});

describe('a nine-year school meets the primary but not the junior computer ratio (Zhejiang (一)2.(1))', () => {
  const students = (stage: '小学' | '初中', n: number) =>
    Array.from({ length: n }, (_, i) =>
      ev(E.StudentEnrolledV1, { student: person(`${stage}-S${i}`), stage, grade: stage === '小学' ? 3 : 8, classId: `C-${stage}`, enrolledOn: '2026-09-01' }),
    );
  const computers = (stage: '小学' | '初中' | null, n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) =>
      ev(E.DeviceRegisteredV1, {
        assetId: `${prefix}-${i}`,
        deviceType: '台式计算机',
        ownerRole: stage ? 'student' : 'teacher',
        stages: stage ? [stage] : ['小学', '初中'],
        capabilities: [],
        status: '在用',
        roomId: 'R-1',
      }),
    );
  const base = [
    ev(E.SchoolRegisteredV1, { schoolType: '九年一贯', stages: ['小学', '初中'], registeredOn: '2020-09-01' }),
    ...students('小学', 70), // 70 ÷ 10 = 7.0 ≤ 7: met ("7:1")
    ...students('初中', 65), // 65 ÷ 10 = 6.5 > 6: not met
    ...computers('小学', 10, 'P'),
    ...computers('初中', 10, 'J'),
    ev(E.TeacherAssignedV1, { teacher: person('T1'), post: '专任教师', stages: ['小学'], assignedOn: '2026-09-01' }),
    ...computers(null, 1, 'T'),
  ];

  it('reports each stage and fails the item on the junior stage', () => {
    const e = evaluate('zhejiang', '(一)2.(1)', facts(base), { asOf: '2026-10-01' });
    const ratio = checkOf(e, 'students per computer');
    expect(ratio.byStage).toEqual([
      { stage: '小学', value: 7, threshold: 7, met: true },
      { stage: '初中', value: 6.5, threshold: 6, met: false },
    ]);
    expect(ratio).toMatchObject({ met: false, value: 6.5, threshold: 6 });
    expect(checkOf(e, 'teachers per computer')).toMatchObject({ value: 1, met: true });
    expect(e.met).toBe(false);
  });

  it('one more junior computer (65 ÷ 11 ≈ 5.9) meets both stages', () => {
    const e = evaluate('zhejiang', '(一)2.(1)', facts([...base, ...computers('初中', 1, 'J2')]), { asOf: '2026-10-01' });
    expect(e.met).toBe(true);
  });

  it('a broken computer is not effective (有效 = 在用) from the day its status changes', () => {
    const broken = ev(E.DeviceStatusChangedV1, { assetId: 'P-0', status: '故障', changedOn: '2026-10-10' });
    const f = facts([...base, broken]);
    const stage = (asOf: string) => checkOf(evaluate('zhejiang', '(一)2.(1)', f, { asOf }), 'students per computer').byStage?.[0];
    expect(stage('2026-10-09')).toMatchObject({ value: 7, met: true });
    expect(stage('2026-10-10')).toMatchObject({ value: 70 / 9, met: false });
  });
});

describe('Ningbo B7: primary 3 new-type spaces per 18 classes, secondary 2 per grade (each stage)', () => {
  const cls = (stage: '小学' | '初中', grade: number, n: number, kind: '行政班' | '教学班' = '行政班') =>
    Array.from({ length: n }, (_, i) => ev(E.ClassOpenedV1, { classId: `C-${grade}-${i}-${kind}`, classKind: kind, stage, grade, openedOn: '2026-09-01' }));
  const room = (id: string, stage: '小学' | '初中') =>
    ev(E.RoomRegisteredV1, {
      roomId: id,
      roomKind: '智慧教室',
      newTypeTeachingSpace: true,
      inUse: true,
      stages: [stage],
      grades: [],
      registeredOn: '2026-09-01',
    });
  const base = [
    ev(E.SchoolRegisteredV1, { schoolType: '九年一贯', stages: ['小学', '初中'], registeredOn: '2020-09-01' }),
    ...[1, 2, 3, 4, 5, 6].flatMap((g) => cls('小学', g, 3)), // 18 行政班
    ...cls('小学', 5, 4, '教学班'), // course groups: not classes in the ratio
    ...[7, 8, 9].flatMap((g) => cls('初中', g, 4)), // 3 grades
    room('P1', '小学'),
    room('P2', '小学'),
    room('P3', '小学'),
    ...[1, 2, 3, 4, 5].map((n) => room(`J${n}`, '初中')),
  ];

  it('3 rooms for 18 classes meets primary; 5 rooms for 3 grades misses 2 per grade', () => {
    const e = evaluate('ningbo', 'B7', facts(base), { asOf: '2026-10-01' });
    expect(checkOf(e, 'primary per 18 classes').byStage).toEqual([{ stage: '小学', value: 3 / 18, threshold: 3 / 18, met: true }]);
    expect(checkOf(e, 'secondary per grade').byStage).toEqual([{ stage: '初中', value: 5 / 3, threshold: 2, met: false }]);
    expect(e.met).toBe(false);
    expect(evaluate('ningbo', 'B7', facts([...base, room('J6', '初中')]), { asOf: '2026-10-01' }).met).toBe(true);
  });
});

describe('headcounts: the person roster, else the reported totals as of the date', () => {
  it('uses HeadcountReported when no person is on the roster (Ningxia 10: e-books per student)', () => {
    const f = facts([
      ev(E.HeadcountReportedV1, { asOf: '2026-09-30', byStage: [{ stage: '小学', teachers: 80, students: 1200, classes: 30 }] }),
      ev(E.HeadcountReportedV1, { asOf: '2027-03-01', byStage: [{ stage: '小学', teachers: 80, students: 1300, classes: 31 }] }),
      ev(E.DigitalLibraryHoldingsReportedV1, { ebooks: 12_600, ejournals: 10, linkedToRegionalLibrary: true, mobileReading: true, reportedOn: '2026-09-15' }),
    ]);
    expect(evaluate('ningxia', '10', f, { asOf: '2026-12-01' })).toMatchObject({ value: 10.5, met: true });
    expect(evaluate('ningxia', '10', f, { asOf: '2027-03-01' })).toMatchObject({ value: 12_600 / 1300, met: false });
  });
});

describe('partial credit and caps: Ningxia 30, 0.5 per 自治区级+ award in the previous calendar year, up to 5', () => {
  const award = (n: number, awardedOn: string, level: 'province' | 'city' = 'province') =>
    ev(E.AwardReceivedV1, { awardId: `AW-${n}`, category: '信息化教学比赛', level, awardedOn, certificateId: `C-${n}` });

  it('3 awards in 2026 score 1.5 when assessed in 2027; city-level and 2027 awards do not count', () => {
    const e = evaluate(
      'ningxia',
      '30',
      facts([award(1, '2026-03-01'), award(2, '2026-06-01'), award(3, '2026-12-31'), award(4, '2026-05-01', 'city'), award(5, '2027-01-01')]),
      { asOf: '2027-03-01' },
    );
    expect(e).toMatchObject({ value: 3, points: 1.5, met: true, window: { kind: 'calendarYear', from: '2026-01-01', to: '2026-12-31' } });
  });

  it('12 awards score the cap of 5', () => {
    const e = evaluate('ningxia', '30', facts(Array.from({ length: 12 }, (_, i) => award(i, '2026-04-01'))), { asOf: '2027-03-01' });
    expect(e).toMatchObject({ value: 12, points: 5 });
  });
});

describe('comparison with the regional average: Ningxia 23 (应用指数 高于全区平均水平)', () => {
  const f = facts([
    ev(E.LearningSpaceOpenedV1, {
      spaceId: 'SP-1',
      owner: person('T1'),
      ownerRole: 'teacher',
      platform: '宁夏教育云',
      platformLevel: 'province',
      openedOn: '2026-09-01',
    }),
    ev(E.LearningSpaceOpenedV1, {
      spaceId: 'SP-2',
      owner: person('T2'),
      ownerRole: 'teacher',
      platform: '宁夏教育云',
      platformLevel: 'province',
      openedOn: '2026-09-01',
    }),
    ev(E.ExperiencePointsReportedV1, {
      spaceId: 'SP-1',
      owner: person('T1'),
      platform: '宁夏教育云',
      points: 300,
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
      reportedOn: '2027-06-01',
    }),
    ev(E.ExperiencePointsReportedV1, {
      spaceId: 'SP-2',
      owner: person('T2'),
      platform: '宁夏教育云',
      points: 100,
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
      reportedOn: '2027-06-01',
    }),
  ]);

  it('an index of 200 is not higher than an average of 200, but is higher than 199', () => {
    expect(evaluate('ningxia', '23', f, { asOf: '2027-07-01', regionalAverages: { 'ningxia.cloudIndex': 200 } })).toMatchObject({
      value: 200,
      threshold: 200,
      met: false,
      points: 0,
    });
    expect(evaluate('ningxia', '23', f, { asOf: '2027-07-01', regionalAverages: { 'ningxia.cloudIndex': 199 } })).toMatchObject({ met: true, points: 2 });
  });

  it('without the regional figure the item is not met and says why', () => {
    const e = evaluate('ningxia', '23', f, { asOf: '2027-07-01' });
    expect(e.met).toBe(false);
    expect(e.checks[0]?.note).toBe('reference figure ningxia.cloudIndex not supplied');
  });
});

describe('replay gives identical evidence whatever the arrival order', () => {
  it('evaluates the same after shuffling and duplicating the events', () => {
    const events = [
      ev(E.TeacherAssignedV1, { teacher: person('T1'), post: '专任教师', stages: ['小学'], assignedOn: '2026-09-01' }),
      ev(E.TeacherLeftV1, { teacher: person('T1'), leftOn: '2026-12-01', reason: '调出' }),
      ev(E.TeacherAssignedV1, { teacher: person('T1'), post: '专任教师', stages: ['小学'], assignedOn: '2027-02-01' }),
      ev(E.DeviceRegisteredV1, { assetId: 'A-1', deviceType: '台式计算机', ownerRole: 'teacher', status: '在用', capabilities: [] }),
      ev(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '维修', changedOn: '2026-10-01' }),
      ev(E.DeviceStatusChangedV1, { assetId: 'A-1', status: '在用', changedOn: '2026-11-01' }),
    ];
    const shuffled = [events[5], events[2], events[0], events[4], events[1], events[3], events[0]] as CloudEvent[];
    const a = evaluate('jiangsu', '一(二)1', facts(events), { asOf: '2027-03-01' });
    const b = evaluate('jiangsu', '一(二)1', facts(shuffled), { asOf: '2027-03-01' });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ value: 1, met: true });
  });
});
