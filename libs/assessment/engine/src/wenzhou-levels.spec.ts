import { CATALOGS, allItems } from '@educube/assessment-catalog';
import * as E from '@educube/contracts';
import type { CloudEvent } from '@educube/contracts';
import { score, type ItemResults } from './scoring';
import { person, schoolKit } from './testing/school';

// Wenzhou 6 and 14: the ▲ columns word each level's requirement differently (附件1 指标体系,
// columns 智慧校园达标校 / 智慧校园2.0学校), so the item carries a result per level and the
// levels verdict reads each level's own. Each case is computed by hand.

const k = schoolKit('3303020001', 'wl');
const T = person('T1');
// The fall semester without a published calendar (1 Sep – end of Feb), assessed on 31 October:
// the teaching months are those with a delivered lesson, here September and October.
const options = { asOf: '2026-10-31' };
const byLevel = (events: CloudEvent[], id: string) =>
  Object.fromEntries((k.evaluate('wenzhou', id, events, options).levels ?? []).map((l) => [l.level, l.met]));

describe('Wenzhou 14 "教师利用网络教学空间或智能备课平台开展备课、利用交互式多媒体开展互动课堂教学、开展智能改作、开展在线辅导": 达标 ▲至少有1个学科开展至少一个项目试点应用, 2.0 ▲至少有2个学科开展至少2个项目常态使用', () => {
  const prepared = (n: number, subject: string, on: string) =>
    k.ev(E.LessonPreparedV1, {
      prepId: `P-${n}`,
      teacher: T,
      stage: '初中',
      subject,
      lessonIds: [],
      platform: '其他',
      platformLevel: 'school',
      preparedOn: on,
    });
  const marked = (n: number, subject: string, on: string) =>
    k.ev(E.HomeworkGradedV1, {
      assignmentId: `H-${n}`,
      classId: 'C-1',
      subject,
      teacher: T,
      assignedOn: on,
      gradedOn: on,
      gradingMode: '智能改作',
      recipients: 40,
      submissions: 38,
    });
  const taught = (n: number, subject: string, on: string) =>
    k.ev(E.LessonDeliveredV1, {
      lessonId: `L-${n}`,
      deliveredOn: on,
      periods: 1,
      stage: '初中',
      subject,
      classIds: ['C-1'],
      teachers: [T],
      roomId: undefined,
      mode: '线下',
      partnerSchoolCodes: [],
      platform: undefined,
      platformLevel: undefined,
      teachingModels: [],
      lessonKind: '常规课',
      openLessonLevel: undefined,
      ictEnvironment: true,
    });
  // Lessons in September and October make those the teaching months.
  const lessons = [taught(1, '语文', '2026-09-10'), taught(2, '语文', '2026-10-10')];

  it('one subject piloting one 项目 meets 达标 and not 2.0 (before: not met at either level, the four 项目 were all required)', () => {
    const levels = byLevel([...lessons, prepared(1, '数学', '2026-09-15')], '14');
    expect(levels).toEqual({ standard: true, v2: false });
  });

  it('no 项目 in any subject misses 达标', () => {
    expect(byLevel(lessons, '14')).toEqual({ standard: false, v2: false });
  });

  // 数学 and 英语 each prepare on a platform and mark by 智能改作 in September and October.
  const regular = (subject: string, n: number) => [
    prepared(n, subject, '2026-09-15'),
    prepared(n + 1, subject, '2026-10-15'),
    marked(n, subject, '2026-09-16'),
    marked(n + 1, subject, '2026-10-16'),
  ];

  it('two subjects using two 项目 in every teaching month meet 2.0', () => {
    const e = k.evaluate('wenzhou', '14', [...lessons, ...regular('数学', 10), ...regular('英语', 20)], options);
    expect(e.levels?.find((l) => l.level === 'v2')).toMatchObject({ met: true, checks: [{ value: 2, threshold: 2 }] });
  });

  it('one of them skipping 智能改作 in October is no longer 常态使用: 1 subject, 2.0 not met, 达标 still met', () => {
    const english = regular('英语', 20).filter((e) => !(e.type.includes('HomeworkGraded') && (e.data as { gradedOn: string }).gradedOn.startsWith('2026-10')));
    const e = k.evaluate('wenzhou', '14', [...lessons, ...regular('数学', 10), ...english], options);
    expect(e.levels?.map((l) => [l.level, l.met, l.checks[0]?.value])).toEqual([
      ['standard', true, 2],
      ['v2', false, 1],
    ]);
  });
});

describe('Wenzhou 6 "建有新型教学空间，包含交互式多媒体、录播系统和教学应用平台": 达标 ▲有少部分通用教室建成新型教学空间, 2.0 ▲通用教室规模化建成新型空间有常态化应用场景', () => {
  const room = (n: number, newType: boolean) =>
    k.ev(E.RoomRegisteredV1, {
      roomId: `R-${n}`,
      roomKind: '普通教室',
      areaKind: '教学',
      mainArea: true,
      newTypeTeachingSpace: newType,
      stages: [],
      grades: [],
      wiredNetwork: true,
      wirelessNetwork: true,
      registeredOn: '2026-08-20',
    });
  const device = (id: string, deviceType: '交互式多媒体教学设备' | '录播系统') =>
    k.ev(E.DeviceRegisteredV1, { assetId: id, deviceType, ownerRole: 'shared', roomId: 'R-1', stages: [], capabilities: [], status: '在用' });
  const lessonIn = (n: number, on: string) =>
    k.ev(E.LessonDeliveredV1, {
      lessonId: `RL-${n}-${on}`,
      deliveredOn: on,
      periods: 1,
      stage: '初中',
      subject: '数学',
      classIds: ['C-1'],
      teachers: [T],
      roomId: `R-${n}`,
      mode: '线下',
      partnerSchoolCodes: [],
      teachingModels: [],
      lessonKind: '常规课',
      openLessonLevel: undefined,
      ictEnvironment: true,
    });
  const equipment = [device('IP-1', '交互式多媒体教学设备'), device('RB-1', '录播系统')];
  // Ten 普通教室; the first `newType` of them built as new-type spaces, each with a lesson in September and October.
  const school = (newType: number) => [
    ...equipment,
    ...Array.from({ length: 10 }, (_, i) => room(i + 1, i < newType)),
    ...Array.from({ length: newType }, (_, i) => [lessonIn(i + 1, '2026-09-14'), lessonIn(i + 1, '2026-10-14')]).flat(),
  ];

  it('1 of 10 普通教室 new-type (少部分) meets 达标, not 2.0 (10 % is not 规模化)', () => {
    expect(byLevel(school(1), '6')).toEqual({ standard: true, v2: false });
  });

  it('a new-type space that is not a 普通教室 does not meet 达标', () => {
    const lab = k.ev(E.RoomRegisteredV1, {
      roomId: 'LAB',
      roomKind: '创新实验室',
      areaKind: '教学',
      mainArea: true,
      newTypeTeachingSpace: true,
      wiredNetwork: true,
      wirelessNetwork: true,
      registeredOn: '2026-08-20',
    });
    const e = k.evaluate('wenzhou', '6', [...school(0), lab], options);
    // The item's own text (a new-type space with its equipment) holds; the 达标 qualifier does not.
    expect({ met: e.met, levels: e.levels?.map((l) => [l.level, l.met]) }).toEqual({
      met: true,
      levels: [
        ['standard', false],
        ['v2', false],
      ],
    });
  });

  it('5 of 10 new-type, each taught in every teaching month, meets 2.0; 4 of 10 does not', () => {
    expect(byLevel(school(5), '6')).toEqual({ standard: true, v2: true });
    expect(byLevel(school(4), '6')).toEqual({ standard: true, v2: false });
  });

  it('one of the five without a lesson in October is not 常态化: 2.0 not met', () => {
    const events = school(5).filter((e) => !(e.type.includes('LessonDelivered') && (e.data as { lessonId: string }).lessonId === 'RL-5-2026-10-14'));
    const v2 = k.evaluate('wenzhou', '6', events, options).levels?.find((l) => l.level === 'v2');
    expect(v2?.met).toBe(false);
    expect(v2?.checks.find((c) => c.label.startsWith('new-type classrooms in regular use'))?.value).toBeCloseTo(0.8);
  });
});

describe("the levels verdict reads each level's own result", () => {
  const items = allItems(CATALOGS.wenzhou.groups);
  // Every item met, except 14 at 2.0 (one subject piloting one 项目).
  const results: ItemResults = Object.fromEntries(
    items.map((i) => [i.id, i.id === '14' ? { met: true, byLevel: { standard: true, v2: false } } : { met: true }]),
  );

  it('reaches 达标 and not 2.0, naming 14 as what 2.0 misses', () => {
    const verdict = score(CATALOGS.wenzhou, results);
    expect(verdict).toMatchObject({ kind: 'levels', level: 'standard' });
    if (verdict.kind !== 'levels') throw new Error('not a levels verdict');
    expect(verdict.levels.find((l) => l.id === 'v2')?.missingRequired).toEqual(['14']);
  });
});
