import { eventRegistry, type CloudEvent } from '@educube/contracts';
import { createHash } from 'node:crypto';
import { CAPABILITIES, coverage, MATURITY_SPREAD } from './maturity';
import { eventStream, expectedEventCount, simulateProvince, type Province } from './index';

const NOW = { now: new Date('2031-01-01') };
const FROM = new Date('2026-12-04T00:00:00+08:00'); // a Friday: one school day, then a weekend

const digest = (events: Iterable<CloudEvent>): string => {
  const h = createHash('sha256');
  for (const e of events) h.update(JSON.stringify(e));
  return h.digest('hex');
};
const nameOf = (type: string): string => type.split('.').slice(-2, -1)[0] ?? type;
const bySchool = (events: readonly CloudEvent[], code: string) => events.filter((e) => e.subject === code);

describe('maturity', () => {
  it('spreads schools as documented, from hashes of their own: the rest of the province is the same with or without it', () => {
    const spread = simulateProvince({ seed: 7, schools: 400, teachersPerSchool: 4, studentsPerSchool: 24, maturity: 'spread' });
    const plain = simulateProvince({ seed: 7, schools: 400, teachersPerSchool: 4, studentsPerSchool: 24 });
    const levels = spread.schools.map((s) => s.maturity as number);
    expect(levels.every((m) => m >= 0 && m <= 1)).toBe(true);
    const share = (from: number, to: number) => levels.filter((m) => m >= from && m <= to).length / levels.length;
    const [leaders, established, starters] = MATURITY_SPREAD;
    expect(share(leaders.from, leaders.to)).toBeGreaterThan(0.05);
    expect(share(leaders.from, leaders.to)).toBeLessThan(0.16);
    expect(share(established.from, established.to)).toBeGreaterThan(0.55);
    expect(share(starters.from, starters.to)).toBeGreaterThan(0.18);
    expect(share(starters.from, starters.to)).toBeLessThan(0.32);
    // an established school holds every capability but the province commendation, whatever its jitter (±0.06)
    const needed = Object.entries(CAPABILITIES)
      .filter(([c]) => c !== 'commendation')
      .map(([, m]) => m);
    expect(Math.max(...needed) + 0.06).toBeLessThan(established.from);
    // same seed, same maturities; the province otherwise identical to one built without the option
    expect(simulateProvince({ seed: 7, schools: 400, teachersPerSchool: 4, studentsPerSchool: 24, maturity: 'spread' }).schools.map((s) => s.maturity)).toEqual(
      levels,
    );
    expect(spread.schools.map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'maturity')))).toEqual(plain.schools);
    expect(spread.registryCsv).toBe(plain.registryCsv);
    expect(plain.schools.some((s) => 'maturity' in s)).toBe(false);
    expect(
      simulateProvince({ seed: 8, schools: 400, teachersPerSchool: 4, studentsPerSchool: 24, maturity: 'spread' }).schools.map((s) => s.maturity),
    ).not.toEqual(levels);
    expect(() => simulateProvince({ seed: 1, schools: 1, maturity: 1.5 })).toThrow(/maturity/);
    expect([coverage(0.05), coverage(0.5), coverage(0.85), coverage(1)]).toEqual([0, expect.closeTo(0.533, 3), 1, 1]);
  });

  describe('a stream from schools of every maturity', () => {
    // fixed maturities across the range, one school each: a province per level keeps them comparable
    const LEVELS = [0.05, 0.3, 0.55, 0.75, 0.95];
    const runs = LEVELS.map((m) => {
      const province = simulateProvince({ seed: 3, schools: 3, teachersPerSchool: 20, studentsPerSchool: 120, maturity: m });
      const events = [...eventStream(province, { seed: 3, from: FROM, days: 2 })];
      return { m, province, events, school: province.schools[0]!, mine: bySchool(events, province.schools[0]!.code) };
    });

    it('is contract-valid, counted exactly by expectedEventCount, and the same for the same seed', () => {
      for (const { province, events } of runs) {
        expect(events.filter((e) => !eventRegistry.validate(e, NOW).ok)).toEqual([]);
        expect(events).toHaveLength(expectedEventCount(province, { from: FROM, days: 2 }));
        expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      }
      const { province } = runs[3]!;
      expect(digest(eventStream(province, { seed: 3, from: FROM, days: 2 }))).toBe(digest(runs[3]!.events));
      expect(digest(eventStream(province, { seed: 4, from: FROM, days: 2 }))).not.toBe(digest(runs[3]!.events));
    });

    it('opens with a catch-up sync at 00:00 of the first day that grows with maturity, then the ordinary day', () => {
      const catchUp = runs.map(({ mine }) => mine.filter((e) => e.time.endsWith('T00:00:00+08:00')).length);
      for (let i = 1; i < catchUp.length; i++) expect(catchUp[i]!).toBeGreaterThan(catchUp[i - 1]!);
      for (const { mine } of runs) {
        const times = mine.map((e) => e.time);
        expect([...times].sort()).toEqual(times); // each school's events in time order
        expect(mine.filter((e) => !e.time.endsWith('T00:00:00+08:00')).length).toBe(150 + 30); // Friday and Saturday as always
      }
      // a province without maturity has no catch-up: its first minute holds a handful of events at most
      const plain = simulateProvince({ seed: 3, schools: 3, teachersPerSchool: 20, studentsPerSchool: 120 });
      expect([...eventStream(plain, { seed: 3, from: FROM, days: 1 })].filter((e) => e.time.endsWith('T00:00:00+08:00')).length).toBeLessThan(5);
    });

    it('scales what the engine measures: spaces, uploads, training, 三个课堂, rooms and systems', () => {
      const measure = ({ mine, school }: (typeof runs)[number]) => {
        const of = (name: string) => mine.filter((e) => nameOf(e.type) === name).map((e) => e.data as Record<string, unknown>);
        const teachers = school.staff.filter((s) => s.post === '专任教师').length - (school.staff.at(-1)?.post === '专任教师' ? 1 : 0);
        const teacherSpaces = new Set(
          of('LearningSpaceOpened')
            .filter((d) => d['ownerRole'] === 'teacher')
            .map((d) => JSON.stringify(d['owner'])),
        ).size;
        return {
          teacherSpaces: teacherSpaces / teachers,
          uploadsPerTeacher: of('ResourceUploaded').filter((d) => d['uploaderRole'] === 'teacher').length / teachers,
          regionSharesPerTeacher: of('ResourceShared').filter((d) => d['platformLevel'] === 'province').length / teachers,
          trained:
            new Set(
              of('TrainingCompleted')
                .filter((d) => d['kind'] === '信息技术应用能力提升工程')
                .map((d) => JSON.stringify(d['trainee'])),
            ).size / teachers,
          threeClassroomPeriods: of('LessonDelivered')
            .filter((d) => ['专递课堂', '名师课堂', '名校网络课堂', '同步课堂'].includes(d['mode'] as string))
            .reduce((n, d) => n + ((d['periods'] as number) ?? 1), 0),
          rooms: new Set(of('RoomRegistered').map((d) => d['roomId'])).size,
          systems: new Set(of('InformationSystemRegistered').map((d) => d['systemId'])).size,
          growthRecords: of('GrowthRecordAdded').length / school.students,
          roster: of('TeacherAssigned').length,
        };
      };
      const [starter, , lateStarter, established, leader] = runs.map(measure);
      expect(leader).toMatchObject({ teacherSpaces: 1, trained: 1 });
      expect(leader!.uploadsPerTeacher).toBeGreaterThanOrEqual(10);
      expect(leader!.threeClassroomPeriods).toBeGreaterThanOrEqual(100);
      expect(leader!.growthRecords).toBeGreaterThan(0.99);
      expect(leader!.systems).toBeGreaterThanOrEqual(11);
      expect(established!.teacherSpaces).toBeGreaterThan(0.7);
      expect(established!.teacherSpaces).toBeLessThan(1);
      // Ningxia 16's quotas (10 uploads, 5 region shares per 专任教师) from the established band on, not below it
      expect(established!.uploadsPerTeacher).toBeGreaterThanOrEqual(10);
      expect(established!.regionSharesPerTeacher).toBeGreaterThanOrEqual(5);
      expect(lateStarter!.uploadsPerTeacher).toBeLessThan(10);
      expect(starter!.teacherSpaces).toBe(0);
      expect(starter!.uploadsPerTeacher).toBeLessThan(1);
      expect(starter!.threeClassroomPeriods).toBeLessThan(10);
      expect(starter!.systems).toBeLessThanOrEqual(5);
      expect(starter!.rooms).toBeLessThan(leader!.rooms);
      expect(starter!.roster).toBeGreaterThan(15); // every school with a maturity keeps its roster
    });

    it('names people by the roster ids everywhere once the school has unified identity, and re-sends its inventory', () => {
      const leader = runs[4]!;
      const spaceOwners = leader.mine
        .filter((e) => nameOf(e.type) === 'LearningSpaceOpened')
        .map((e) => (e.data as { owner?: { system: string } }).owner?.system)
        .filter(Boolean);
      expect(new Set(spaceOwners)).toEqual(new Set(['timetabling', 'attendance-card']));
      const starter = runs[0]!;
      expect(starter.mine.some((e) => JSON.stringify(e.data).includes('"zhijianghui"'))).toBe(true);
      // the ordinary day's registrations of a school with an inventory repeat it
      const catchUp = new Set(
        leader.mine.filter((e) => e.time.endsWith('T00:00:00+08:00') && nameOf(e.type) === 'RoomRegistered').map((e) => JSON.stringify(e.data)),
      );
      const later = leader.mine.filter((e) => !e.time.endsWith('T00:00:00+08:00') && nameOf(e.type) === 'RoomRegistered');
      expect(later.every((e) => catchUp.has(JSON.stringify(e.data)))).toBe(true);
    });
  });
});

describe('quirks', () => {
  const make = (seed: number): Province => simulateProvince({ seed, schools: 40, teachersPerSchool: 6, studentsPerSchool: 48, quirks: true });
  const province = make(5);
  const events = [...eventStream(province, { seed: 5, from: FROM, days: 3 })];

  it('picks a few silent sources and bad senders, the same for the same seed, none without the option', () => {
    const q = province.quirks!;
    expect(q.silent).toHaveLength(2);
    expect(q.badSenders).toHaveLength(2);
    expect(make(5).quirks).toEqual(q);
    expect(make(6).quirks).not.toEqual(q);
    expect(simulateProvince({ seed: 5, schools: 40, teachersPerSchool: 6, studentsPerSchool: 48 }).quirks).toBeUndefined();
    expect(new Set([...q.silent, ...q.badSenders].map((x) => x.schoolCode)).size).toBe(4);
  });

  it('a silent source sends its family until the second day at 10:00, then nothing', () => {
    for (const s of province.quirks!.silent) {
      const family = events.filter((e) => e.subject === s.schoolCode && e.source.endsWith(`/${s.family}`));
      expect(family.length).toBeGreaterThan(0);
      expect(family.every((e) => e.time < '2026-12-05T10:00')).toBe(true);
      // its other families keep going
      expect(events.some((e) => e.subject === s.schoolCode && e.time > '2026-12-06' && !e.source.endsWith(`/${s.family}`))).toBe(true);
    }
  });

  it('a bad sender breaks the contract in a share of its events, and nobody else does', () => {
    const invalid = events.filter((e) => !eventRegistry.validate(e, NOW).ok);
    const bad = province.quirks!.badSenders;
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((e) => bad.some((b) => b.schoolCode === e.subject && e.source.endsWith(`/${b.family}`)))).toBe(true);
    for (const b of bad) {
      const theirs = events.filter((e) => e.subject === b.schoolCode && e.source.endsWith(`/${b.family}`));
      const broken = theirs.filter((e) => !eventRegistry.validate(e, NOW).ok).length;
      expect(broken / theirs.length).toBeGreaterThan(b.rate / 3);
      expect(broken / theirs.length).toBeLessThan(Math.min(1, b.rate * 2.5));
    }
  });
});
