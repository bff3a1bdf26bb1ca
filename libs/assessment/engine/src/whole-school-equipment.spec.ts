import { type StandardId } from '@educube/assessment-catalog';
import { type CloudEvent, type Stage } from '@educube/contracts';
import * as E from '@educube/contracts';
import { type SchoolFacts } from './facts';
import { type CheckEvidence, type EvaluationOptions } from './evaluate';
import { person, schoolKit } from './testing/school';

// Equipment and rooms registered for the whole school (DeviceRegistered / RoomRegistered with
// no stages: "empty = the whole school") serve every stage, so each stage's ratio counts them.
// The standards set one threshold per stage and a school of several stages meets each:
//   Zhejiang (一)2.(1) "有效生机比高中 5:1, 初中 6:1, 小学 7:1"
//   Wenzhou 3          "有效生机比高中5:1，初中6:1，小学7:1"
//   Jiangsu 一(二)2     "小学生机比不低于10:1，初中不低于8：1，高中不低于6:1"
//   Ningbo B7          "小学每 18 个班级配备新型教学空间不低于 3个，中学每年级配备新型教学空间不低于 2 个"

const SCHOOL = '3302030001';
// contract-valid events of this school, as the hub stores them (testing/school.ts)
const kit = schoolKit(SCHOOL, 'w');
const { ev } = kit;
const facts = (events: CloudEvent[]): SchoolFacts => kit.facts(events);
const options: EvaluationOptions = { asOf: '2026-10-01' };

const check = (standard: StandardId, id: string, label: string, f: SchoolFacts): CheckEvidence => kit.check(standard, id, label, f, options);

const nineYear = ev(E.SchoolRegisteredV1, { schoolType: '九年一贯', stages: ['小学', '初中'], registeredOn: '2020-09-01' });
const students = (stage: '小学' | '初中', n: number) =>
  Array.from({ length: n }, (_, i) =>
    ev(E.StudentEnrolledV1, { student: person(`${stage}-S${i}`), stage, grade: stage === '小学' ? 3 : 8, classId: `C-${stage}`, enrolledOn: '2026-09-01' }),
  );
/** Student computers; `stages: []` is the whole school. */
const computers = (prefix: string, n: number, stages: Stage[]) =>
  Array.from({ length: n }, (_, i) =>
    ev(E.DeviceRegisteredV1, {
      assetId: `${prefix}-${i}`,
      deviceType: '台式计算机',
      ownerRole: 'student',
      roomId: 'R-PC',
      stages,
      capabilities: [],
      status: '在用',
    }),
  );

describe('生机比: computers registered for the whole school count in every stage of a 九年一贯制 school', () => {
  // 100 computers for the whole school, 600 小学 and 300 初中 students: 600 ÷ 100 = 6, 300 ÷ 100 = 3.
  // Before: each stage counted only computers listing it, so 600 ÷ 0 and 300 ÷ 0 had no value (not met).
  const school = facts([nineYear, ...students('小学', 600), ...students('初中', 300), ...computers('PC', 100, [])]);
  const expected = (primary: number, junior: number) => [
    { stage: '小学', value: 6, threshold: primary, met: true },
    { stage: '初中', value: 3, threshold: junior, met: true },
  ];

  it('Zhejiang (一)2.(1) 有效生机比 小学 7:1, 初中 6:1: 6 and 3, both met', () => {
    expect(check('zhejiang', '(一)2.(1)', 'students per computer', school)).toMatchObject({ met: true, byStage: expected(7, 6) });
  });

  it('Wenzhou 3 有效生机比 小学7:1, 初中6:1: 6 and 3, both met', () => {
    expect(check('wenzhou', '3', 'students per computer', school)).toMatchObject({ met: true, byStage: expected(7, 6) });
  });

  it('Jiangsu 一(二)2 小学生机比不低于10:1, 初中不低于8:1: 6 and 3, both met', () => {
    expect(check('jiangsu', '一(二)2', 'students per computer', school)).toMatchObject({ met: true, byStage: expected(10, 8) });
  });

  it('a stage-scoped computer still counts only for its own stage, added to the whole-school ones', () => {
    // 50 whole-school + 20 小学 + 10 初中: 小学 600 ÷ 70 ≈ 8.57 (> 7, not met), 初中 300 ÷ 60 = 5 (≤ 6, met).
    const mixed = facts([
      nineYear,
      ...students('小学', 600),
      ...students('初中', 300),
      ...computers('W', 50, []),
      ...computers('P', 20, ['小学']),
      ...computers('J', 10, ['初中']),
    ]);
    expect(check('zhejiang', '(一)2.(1)', 'students per computer', mixed).byStage).toEqual([
      { stage: '小学', value: 600 / 70, threshold: 7, met: false },
      { stage: '初中', value: 5, threshold: 6, met: true },
    ]);
  });
});

describe('Ningbo B7: new-type teaching spaces registered for the whole school count for 小学 and for 中学', () => {
  // "小学每 18 个班级配备新型教学空间不低于 3个，中学每年级配备新型教学空间不低于 2 个"
  const cls = (stage: '小学' | '初中', grade: number, n: number) =>
    Array.from({ length: n }, (_, i) => ev(E.ClassOpenedV1, { classId: `C-${grade}-${i}`, classKind: '行政班', stage, grade, openedOn: '2026-09-01' }));
  const room = (id: string, stages: Stage[]) =>
    ev(E.RoomRegisteredV1, { roomId: id, roomKind: '智慧教室', newTypeTeachingSpace: true, inUse: true, stages, grades: [], registeredOn: '2026-09-01' });
  // 18 小学 classes, 3 初中 grades; 3 whole-school spaces and 3 初中 spaces.
  // Before: 小学 0 ÷ 18 = 0 (< 3/18), 初中 3 ÷ 3 grades = 1 (< 2): not met.
  // After:  小学 3 ÷ 18 (= 3/18, met), 初中 (3 + 3) ÷ 3 = 2 (met).
  const f = facts([
    nineYear,
    ...[1, 2, 3, 4, 5, 6].flatMap((g) => cls('小学', g, 3)),
    ...[7, 8, 9].flatMap((g) => cls('初中', g, 4)),
    room('W1', []),
    room('W2', []),
    room('W3', []),
    room('J1', ['初中']),
    room('J2', ['初中']),
    room('J3', ['初中']),
  ]);

  it('counts the whole-school spaces in both stages', () => {
    expect(check('ningbo', 'B7', 'primary per 18 classes', f).byStage).toEqual([{ stage: '小学', value: 3 / 18, threshold: 3 / 18, met: true }]);
    expect(check('ningbo', 'B7', 'secondary per grade', f).byStage).toEqual([{ stage: '初中', value: 2, threshold: 2, met: true }]);
  });
});
