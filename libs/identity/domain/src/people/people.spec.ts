import { IdentityErrorCode } from '../shared/errors';
import { deciderSpec } from '../shared/testing';
import { applyOrgEvents } from '../org-tree/decider';
import { aSchool, zhejiangRegions } from '../org-tree/testing';
import { applyPeopleEvents, evolvePeople, peopleBatch, peopleDecider, personStream, type PeopleEvent } from './people';
import { headcountAsOf, resolveBatch } from './queries';

const tree = applyOrgEvents([
  ...zhejiangRegions(),
  aSchool({ code: '3302030001', schoolType: '九年一贯', effectiveOn: '2020-09-01' }),
  aSchool({ code: '3302120002', regionCode: '330212', schoolType: '高中', effectiveOn: '2020-09-01' }),
  aSchool({ code: '3302030003', schoolType: '小学', effectiveOn: '2020-09-01' }),
  { type: 'SchoolClosed', data: { code: '3302030003', effectiveOn: '2023-07-01' } },
]);
const given = deciderSpec(peopleDecider, { tree });

const T = 'a1b2c3d4-0000-4000-8000-000000000001';
const S = 'a1b2c3d4-0000-4000-8000-000000000002';
const registered = (personId: string, kind: 'teacher' | 'student' | 'staff' | 'officer' = 'teacher'): PeopleEvent => ({
  type: 'PersonRegistered',
  data: { personId, kind, effectiveOn: '2020-01-01' },
});
const teaching = { schoolCode: '3302030001', post: '专任教师', stages: ['初中'], subjects: ['数学'] } as const;
const assigned: PeopleEvent = {
  type: 'PersonAssigned',
  data: { personId: T, placement: { ...teaching, stages: ['初中'], subjects: ['数学'], grade: undefined, classId: undefined }, effectiveOn: '2021-09-01' },
};
const enrolled: PeopleEvent = {
  type: 'PersonAssigned',
  data: {
    personId: S,
    placement: { schoolCode: '3302030001', post: undefined, stages: ['小学'], subjects: [], grade: 3, classId: 'c-3-1' },
    effectiveOn: '2021-09-01',
  },
};
const timetabling = (localId: string) => ({ system: 'timetabling', localId });

describe('people decider', () => {
  it('registers a person once; the same again is a no-op, another kind an error', () => {
    given([])
      .when({ type: 'RegisterPerson', data: { personId: T, kind: 'teacher', effectiveOn: '2020-01-01' } })
      .then([registered(T)]);
    given([registered(T)])
      .when({ type: 'RegisterPerson', data: { personId: T, kind: 'teacher', effectiveOn: '2020-01-01' } })
      .then([]);
    given([registered(T)])
      .when({ type: 'RegisterPerson', data: { personId: T, kind: 'student', effectiveOn: '2020-01-01' } })
      .thenFails(IdentityErrorCode.DUPLICATE_PERSON, T);
  });

  it('assigns a teacher to a school, stage and subject', () => {
    given([registered(T)])
      .when({ type: 'AssignStaff', data: { personId: T, placement: teaching, effectiveOn: '2021-09-01' } })
      .then([assigned]);
  });

  it.each([
    ['a school that does not exist', { ...teaching, schoolCode: '3302039999' }, IdentityErrorCode.UNKNOWN_SCHOOL, '3302039999'],
    ['a closed school', { ...teaching, schoolCode: '3302030003', stages: ['小学'] }, IdentityErrorCode.SCHOOL_CLOSED, '3302030003'],
    ['a stage the school does not run', { ...teaching, stages: ['高中'] }, IdentityErrorCode.STAGES_MISMATCH, '高中'],
    ['no post', { schoolCode: '3302030001', stages: ['初中'] }, IdentityErrorCode.WRONG_PERSON_KIND, 'post'],
  ] as const)('refuses a placement in %s', (_what, placement, code, named) => {
    given([registered(T)])
      .when({ type: 'AssignStaff', data: { personId: T, placement, effectiveOn: '2024-09-01' } })
      .thenFails(code, named);
  });

  it('enrols a student in one stage, grade and class; a grade outside the stage is refused', () => {
    given([registered(S, 'student')])
      .when({
        type: 'EnrolStudent',
        data: { personId: S, placement: { schoolCode: '3302030001', stages: ['小学'], grade: 3, classId: 'c-3-1' }, effectiveOn: '2021-09-01' },
      })
      .then([enrolled]);
    given([registered(S, 'student')])
      .when({
        type: 'EnrolStudent',
        data: { personId: S, placement: { schoolCode: '3302030001', stages: ['小学'], grade: 8, classId: 'c' }, effectiveOn: '2021-09-01' },
      })
      .thenFails(IdentityErrorCode.INVALID_CLASSES, 'grade 8');
    given([registered(T)])
      .when({
        type: 'EnrolStudent',
        data: { personId: T, placement: { schoolCode: '3302030001', stages: ['小学'], grade: 3, classId: 'c' }, effectiveOn: '2021-09-01' },
      })
      .thenFails(IdentityErrorCode.WRONG_PERSON_KIND);
    given([registered('officer-1', 'officer')])
      .when({ type: 'AssignStaff', data: { personId: 'officer-1', placement: teaching, effectiveOn: '2021-09-01' } })
      .thenFails(IdentityErrorCode.WRONG_PERSON_KIND, 'officer');
  });

  it('asks for a transfer to move someone to another school, and transfers', () => {
    const toHigh = { schoolCode: '3302120002', post: '专任教师', stages: ['高中'], subjects: ['数学'] } as const;
    given([registered(T), assigned])
      .when({ type: 'AssignStaff', data: { personId: T, placement: toHigh, effectiveOn: '2023-09-01' } })
      .thenFails(IdentityErrorCode.TRANSFER_REQUIRED, '3302120002');
    given([registered(T), assigned])
      .when({ type: 'TransferPerson', data: { personId: T, placement: toHigh, effectiveOn: '2023-09-01' } })
      .then([
        {
          type: 'PersonTransferred',
          data: {
            personId: T,
            fromSchoolCode: '3302030001',
            placement: { ...toHigh, stages: ['高中'], subjects: ['数学'], grade: undefined, classId: undefined },
            effectiveOn: '2023-09-01',
          },
        },
      ]);
    given([registered(T)])
      .when({ type: 'TransferPerson', data: { personId: T, placement: toHigh, effectiveOn: '2023-09-01' } })
      .thenFails(IdentityErrorCode.NOT_PLACED);
  });

  it('records leaving; a person who left cannot be changed; back-dated changes are refused', () => {
    const left: PeopleEvent = { type: 'PersonLeft', data: { personId: T, reason: '退休', effectiveOn: '2025-07-01' } };
    given([registered(T), assigned])
      .when({ type: 'RecordLeaving', data: { personId: T, reason: '退休', effectiveOn: '2025-07-01' } })
      .then([left]);
    given([registered(T), assigned, left])
      .when({ type: 'AssignStaff', data: { personId: T, placement: teaching, effectiveOn: '2025-09-01' } })
      .thenFails(IdentityErrorCode.PERSON_LEFT);
    given([registered(T), assigned])
      .when({ type: 'RecordLeaving', data: { personId: T, reason: '离职', effectiveOn: '2021-01-01' } })
      .thenFails(IdentityErrorCode.OUT_OF_ORDER, '2021-01-01');
  });

  describe('id links', () => {
    const linked: PeopleEvent = { type: 'IdLinked', data: { personId: T, ref: timetabling('T-0042'), effectiveOn: '2021-09-01' } };
    it('links a local id to a person; linking it again is a no-op', () => {
      given([registered(T)])
        .when({ type: 'LinkId', data: { personId: T, ref: timetabling('T-0042'), effectiveOn: '2021-09-01' } })
        .then([linked]);
      given([registered(T), linked])
        .when({ type: 'LinkId', data: { personId: T, ref: timetabling('T-0042'), effectiveOn: '2022-09-01' } })
        .then([]);
    });
    it('refuses the same local id for a second person, naming both', () => {
      given([registered(T), registered(S, 'student'), linked])
        .when({ type: 'LinkId', data: { personId: S, ref: timetabling('T-0042'), effectiveOn: '2022-09-01' } })
        .thenFails(IdentityErrorCode.ID_LINK_CONFLICT, `timetabling/T-0042 is already linked to person ${T}, not ${S}`);
    });
    it.each([
      ['whitespace', { system: 'timetabling', localId: 'T 42' }],
      ['a slash', { system: 'time/tabling', localId: 'T42' }],
      ['an empty id', { system: 'timetabling', localId: '' }],
    ])('refuses a local id with %s', (_what, ref) => {
      given([registered(T)])
        .when({ type: 'LinkId', data: { personId: T, ref, effectiveOn: '2021-09-01' } })
        .thenFails(IdentityErrorCode.INVALID_REF);
    });
    it('unlinks, so a wrong link can be corrected', () => {
      given([registered(T), linked])
        .when({ type: 'UnlinkId', data: { ref: timetabling('T-0042'), effectiveOn: '2022-01-01' } })
        .then([{ type: 'IdUnlinked', data: { personId: T, ref: timetabling('T-0042'), effectiveOn: '2022-01-01' } }]);
    });
  });

  it('names person streams and refuses ids with a separator', () => {
    expect(personStream(T)).toBe(`identity.person-${T}`);
    expect(() => personStream('a/b')).toThrow(/personId/);
  });
});

describe('people evolve and queries', () => {
  const history: PeopleEvent[] = [
    registered(T),
    registered(S, 'student'),
    registered('staff-1', 'staff'),
    registered('t-2'),
    assigned,
    enrolled,
    {
      type: 'PersonAssigned',
      data: {
        personId: 'staff-1',
        placement: { schoolCode: '3302030001', post: '教辅人员', stages: ['小学', '初中'], subjects: [], grade: undefined, classId: undefined },
        effectiveOn: '2021-09-01',
      },
    },
    {
      type: 'PersonAssigned',
      data: {
        personId: 't-2',
        placement: { schoolCode: '3302030001', post: '专任教师', stages: ['小学', '初中'], subjects: ['信息科技'], grade: undefined, classId: undefined },
        effectiveOn: '2022-09-01',
      },
    },
    { type: 'IdLinked', data: { personId: T, ref: timetabling('T-0042'), effectiveOn: '2021-09-01' } },
    { type: 'IdLinked', data: { personId: S, ref: { system: 'attendance-card', localId: '0099887766' }, effectiveOn: '2021-09-01' } },
    {
      type: 'PersonTransferred',
      data: {
        personId: T,
        fromSchoolCode: '3302030001',
        placement: { schoolCode: '3302120002', post: '专任教师', stages: ['高中'], subjects: ['数学'], grade: undefined, classId: undefined },
        effectiveOn: '2023-09-01',
      },
    },
    { type: 'PersonLeft', data: { personId: S, reason: '毕业', effectiveOn: '2024-07-01' } },
    { type: 'IdUnlinked', data: { personId: T, ref: timetabling('T-0042'), effectiveOn: '2024-09-01' } },
  ];

  it.each(history.map((e, i) => [e.type, i] as const))('applying %s (#%i) twice changes nothing', (_type, i) => {
    const once = evolvePeople(applyPeopleEvents(history.slice(0, i)), history[i]!);
    expect(evolvePeople(once, history[i]!)).toEqual(once);
  });

  const state = applyPeopleEvents(history);
  it.each([
    ['2021-08-31', '3302030001', { students: 0, teachers: 0, staff: 0 }, []],
    [
      '2021-09-01',
      '3302030001',
      { students: 1, teachers: 1, staff: 1 },
      [
        ['小学', 1, 0, 1],
        ['初中', 0, 1, 1],
      ],
    ],
    [
      '2022-09-01',
      '3302030001',
      { students: 1, teachers: 2, staff: 1 },
      [
        ['小学', 1, 1, 1],
        ['初中', 0, 2, 1],
      ],
    ],
    [
      '2023-09-01',
      '3302030001',
      { students: 1, teachers: 1, staff: 1 },
      [
        ['小学', 1, 1, 1],
        ['初中', 0, 1, 1],
      ],
    ],
    ['2023-09-01', '3302120002', { students: 0, teachers: 1, staff: 0 }, [['高中', 0, 1, 0]]],
    [
      '2024-07-01',
      '3302030001',
      { students: 0, teachers: 1, staff: 1 },
      [
        ['小学', 0, 1, 1],
        ['初中', 0, 1, 1],
      ],
    ],
  ] as const)('headcount as of %s at %s', (date, school, totals, byStage) => {
    const h = headcountAsOf(state, school, date);
    expect(h.totals).toEqual(totals);
    expect(h.byStage.map((s) => [s.stage, s.students, s.teachers, s.staff])).toEqual(byStage);
  });

  it('resolves a batch: linked, not yet linked, unlinked and malformed refs each get an answer', () => {
    const refs = [{ system: 'attendance-card', localId: '0099887766' }, timetabling('T-0042'), timetabling('T-9999'), { system: 'x' }, 'nonsense'];
    const answers = resolveBatch(state, refs);
    expect(answers.map((a) => (a.status === 'resolved' ? a.personId : a.reason))).toEqual([S, 'no-link', 'no-link', 'invalid-ref', 'invalid-ref']);
    expect(answers[2]).toMatchObject({ message: 'no person is linked to timetabling/T-9999 yet' });
  });
});

describe('applying people events in batches', () => {
  it('never changes the state it was given, though a batch applies its events to one private copy', () => {
    const before = applyPeopleEvents([registered(T), assigned]);
    const snapshot = JSON.stringify(before);
    const after = applyPeopleEvents(
      [registered(S, 'student'), enrolled, { type: 'PersonLeft', data: { personId: T, reason: '调出', effectiveOn: '2022-01-01' } }],
      before,
    );
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(Object.keys(after.persons).sort()).toEqual([T, S].sort());
    expect(after.persons[T]?.left?.on).toBe('2022-01-01');

    const batch = peopleBatch(before);
    batch.apply([registered(S, 'student')]);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(batch.state.persons[S]).toBeDefined();
  });

  it('gives the same state applied as one batch or event by event', () => {
    const events = [
      registered(T),
      assigned,
      registered(S, 'student'),
      enrolled,
      { type: 'IdLinked', data: { personId: T, ref: timetabling('T-1'), effectiveOn: '2021-09-01' } } as const,
    ];
    expect(applyPeopleEvents(events)).toEqual(events.reduce(evolvePeople, applyPeopleEvents([])));
  });
});
