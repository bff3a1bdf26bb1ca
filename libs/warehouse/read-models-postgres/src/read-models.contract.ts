// One suite for the adapter on PGlite (unit tier) and on a real PostgreSQL (integration tier).
import * as E from '@educube/contracts';
import type { SqlDatabase, SqlTransaction } from '@educube/postgres';
import { anEvent } from '@educube/contracts/testing';
import { activitySeries, InMemoryReadModels, sumByMonth } from '@educube/warehouse-read-models';
import { batches, history, valid } from './history.fixture';
import { activityDump, drainActivity, drainAllActivity, markSchools, pendingActivity, regionActivity, schoolActivity, type PlaceSchools } from './activity';
import { applyBatch, checkpoint, checksum, reset, tableRows, type PositionedEvent } from './read-models';
import { migrate, SCHEMA } from './schema';

const P = 'warehouse-facts';

function reference(events: readonly PositionedEvent[]): string {
  return new InMemoryReadModels().applyEvents(events.map((e) => e.event)).checksum();
}

async function applyAll(db: SqlDatabase, events: readonly PositionedEvent[], size: number): Promise<void> {
  for (const batch of batches(events, size)) await applyBatch(db, P, batch);
}

/** The database crashes after the batch's writes reached the server but before the commit. */
function crashingBeforeCommit(db: SqlDatabase): SqlDatabase {
  return {
    ...db,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          async query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> {
            const result = await tx.query<R>(sql, params);
            if (/^\s*(with|update)\b/i.test(sql)) throw new Error('simulated crash after the writes, before commit');
            return result;
          },
          exec: (sql: string) => tx.exec(sql),
        } satisfies SqlTransaction),
      ),
  };
}

export function readModelsContract(name: string, open: () => Promise<SqlDatabase>): void {
  describe(name, () => {
    let db: SqlDatabase;

    beforeAll(async () => {
      db = await open();
    });
    afterAll(() => db.close());
    beforeEach(async () => {
      await db.exec(`drop schema if exists ${SCHEMA} cascade`);
      await migrate(db);
    });

    it('migrates twice without harm and starts at checkpoint 0 with the empty checksum', async () => {
      await migrate(db);
      expect(await checkpoint(db, P)).toBe(0n);
      expect(await checksum(db)).toBe(new InMemoryReadModels().checksum());
    });

    it('ends where the in-memory reference ends, batch by batch', async () => {
      const events = history();
      await applyAll(db, events, 4);
      expect(await checkpoint(db, P)).toBe(BigInt(events.length));
      expect(await checksum(db)).toBe(reference(events));
      const memory = new InMemoryReadModels().applyEvents(events.map((e) => e.event));
      const sortKey = (r: object): string => JSON.stringify(r);
      for (const table of ['devices', 'training_hours', 'experience_points', 'lessons']) {
        expect((await tableRows(db, table)).map(sortKey).sort()).toEqual(memory.table(table).map(sortKey).sort());
      }
    });

    it('changes nothing when a batch is applied twice', async () => {
      const events = history();
      const [first, second] = [events.slice(0, 40), events.slice(40)];
      await applyBatch(db, P, first);
      await applyBatch(db, P, second);
      const once = await checksum(db);
      await expect(applyBatch(db, P, second)).resolves.toEqual({ applied: 0, skipped: second.length, checkpoint: BigInt(events.length) });
      await applyBatch(db, P, first);
      expect(await checksum(db)).toBe(once);
      expect(once).toBe(reference(events));
    });

    it('applies only the events above the checkpoint of a batch that overlaps it', async () => {
      const events = history();
      await applyBatch(db, P, events.slice(0, 30));
      await expect(applyBatch(db, P, events.slice(20, 50))).resolves.toEqual({ applied: 20, skipped: 10, checkpoint: 50n });
      await applyBatch(db, P, events.slice(50));
      expect(await checksum(db)).toBe(reference(events));
    });

    it('rebuilds to the same checksum: incremental vs reset and replay from position 0', async () => {
      const events = history();
      await applyAll(db, events, 7);
      const incremental = await checksum(db);
      await reset(db);
      expect(await checkpoint(db, P)).toBe(0n);
      expect(await checksum(db)).toBe(new InMemoryReadModels().checksum());
      await applyAll(db, events, 1000);
      expect(await checksum(db)).toBe(incremental);
      // and a replay whose batches list their events in another order
      await reset(db);
      for (const batch of batches(events, 25)) await applyBatch(db, P, [...batch].reverse());
      expect(await checksum(db)).toBe(incremental);
    });

    it('keeps nothing of a batch whose transaction fails after its writes, and the checkpoint where it was', async () => {
      const events = history();
      await applyBatch(db, P, events.slice(0, 30));
      const before = await checksum(db);
      await expect(applyBatch(crashingBeforeCommit(db), P, events.slice(30, 60))).rejects.toThrow(/simulated crash/);
      expect(await checksum(db)).toBe(before);
      expect(await checkpoint(db, P)).toBe(30n);
      // redelivery after the crash
      await applyBatch(db, P, events.slice(30));
      expect(await checksum(db)).toBe(reference(events));
    });

    it('keeps nothing of a batch with an event it cannot project', async () => {
      const events = history(1);
      const bad = { position: BigInt(events.length + 2), event: { ...valid(anEvent(E.LessonCancelledV1)), type: 'cn.educube.timetabling.LessonCancelled.v9' } };
      await expect(applyBatch(db, P, [...events, bad])).rejects.toThrow(/no projection decided/);
      expect(await checkpoint(db, P)).toBe(0n);
      expect(await checksum(db)).toBe(new InMemoryReadModels().checksum());
    });

    it('lets two appliers of one projection race without applying anything twice', async () => {
      const events = history();
      await Promise.all([applyAll(db, events, 9), applyAll(db, events, 13), applyBatch(db, P, events)]);
      expect(await checksum(db)).toBe(reference(events));
    });

    describe('monthly activity roll-up', () => {
      /** Identity's tree as a map the test changes: school → district. */
      const placing =
        (tree: Map<string, string>): PlaceSchools =>
        async (schools) =>
          new Map(schools.filter((s) => tree.has(s)).map((s) => [s, tree.get(s) as string]));
      const tree = (): Map<string, string> =>
        new Map([
          ['3302030001', '330203'],
          ['3302030002', '330203'],
          ['3302030003', '330205'],
        ]);

      it("marks school-months in the projection's transaction and recomputes them into school and district rows", async () => {
        const events = history();
        await applyAll(db, events, 50);
        expect(await pendingActivity(db)).toBeGreaterThan(0);
        await drainAllActivity(db, placing(tree()));
        expect(await pendingActivity(db)).toBe(0);
        const school = (await schoolActivity(db, ['3302030001'], '2026-12')).get('3302030001') ?? [];
        const series = activitySeries(sumByMonth(school), '2026-08', '2026-09');
        expect(series).toEqual([
          // the sample devices were registered in August 2025: a stock, counted in every month since
          expect.objectContaining({
            month: '2026-08',
            resourceUploads: 1,
            teacherUploads: 1,
            devices: 2,
            devicesInUse: 1,
            teachers: 0,
            devicesPerTeacher: null,
          }),
          expect.objectContaining({
            month: '2026-09',
            resourceUploads: 1,
            teacherUploads: 1,
            lessonsDelivered: 2,
            remoteLessons: 2,
            threeClassroomLessons: 2,
            teacherSpaceEvents: 0,
            activeTeacherSpaces: 0,
            attendanceExpected: 40,
            attendancePresent: 40,
            attendanceRate: 1,
            devices: 2,
            devicesInUse: 1,
            teachers: 82,
            classes: 30,
            schoolsWithHeadcount: 1,
            devicesPerTeacher: 0.0244,
            devicesPerClass: 0.0667,
          }),
        ]);
        // 330203 holds two schools, 330205 one
        const district = activitySeries(sumByMonth(await regionActivity(db, ['330203'], '2026-09')), '2026-09', '2026-09')[0];
        expect(district).toMatchObject({ lessonsDelivered: 4, devices: 4, teachers: 164, schoolsWithHeadcount: 2 });
        const both = activitySeries(sumByMonth(await regionActivity(db, ['330203', '330205'], '2026-09')), '2026-09', '2026-09')[0];
        expect(both).toMatchObject({ lessonsDelivered: 6, teachers: 246 });
      });

      it('ends with the same school and district rows incrementally (drained after every batch) as after a reset and one replay', async () => {
        const events = history();
        for (const batch of batches(events, 5)) {
          await applyBatch(db, P, batch);
          await drainActivity(db, placing(tree()), 3);
        }
        await drainAllActivity(db, placing(tree()));
        const incremental = await activityDump(db);
        expect(incremental.regions.length).toBeGreaterThan(0);
        await reset(db);
        expect(await activityDump(db)).toEqual({ schools: [], regions: [] });
        await applyAll(db, events, 1000);
        await drainAllActivity(db, placing(tree()));
        expect(await activityDump(db)).toEqual(incremental);
        // draining again, with nothing marked or everything marked, changes nothing
        await markSchools(db, ['3302030001', '3302030002', '3302030003']);
        await drainAllActivity(db, placing(tree()));
        expect(await activityDump(db)).toEqual(incremental);
      });

      it("moves a school's rows to the district identity now places it in, as if it had always been there", async () => {
        const events = history();
        await applyAll(db, events, 50);
        const placed = tree();
        await drainAllActivity(db, placing(placed));
        placed.set('3302030002', '330205');
        await markSchools(db, ['3302030002']);
        await drainAllActivity(db, placing(placed));
        const moved = await activityDump(db);
        // the same as a replay with the new tree from the start
        await reset(db);
        await applyAll(db, events, 1000);
        await drainAllActivity(db, placing(placed));
        expect(await activityDump(db)).toEqual(moved);
        const sept = (codes: string[]) => regionActivity(db, codes, '2026-09').then((rows) => activitySeries(sumByMonth(rows), '2026-09', '2026-09')[0]);
        expect(await sept(['330203'])).toMatchObject({ lessonsDelivered: 2, teachers: 82 });
        expect(await sept(['330205'])).toMatchObject({ lessonsDelivered: 4, teachers: 164 });
      });

      it('keeps a school identity does not place out of every district until it is placed', async () => {
        await applyAll(db, history(1), 50);
        await drainAllActivity(db, placing(new Map()));
        expect((await activityDump(db)).regions).toEqual([]);
        expect((await activityDump(db)).schools.every((s) => s.regionCode === '')).toBe(true);
        // the placement changed ('' → 330203): the drain recomputes the school whole
        await markSchools(db, ['3302030001']);
        await drainAllActivity(db, placing(tree()));
        expect((await activityDump(db)).regions.map((r) => r.regionCode)).toEqual(expect.arrayContaining(['330203']));
      });
    });

    it('derives the facts in views: lessons, scores, devices by status, attendance rates, spaces, experience, training', async () => {
      await applyAll(db, history(2), 50);
      const q = async (sql: string): Promise<unknown[]> => (await db.query(sql)).rows;
      const school = "school = '3302030001'";
      expect(await q(`select day::text, mode, subject, lessons::int, periods::int from ${SCHEMA}.lessons_timetabled where ${school} order by mode`)).toEqual([
        { day: '2026-09-07', mode: '线下', subject: '语文', lessons: 1, periods: 1 },
      ]);
      expect(
        await q(
          `select exam_kind, subject, classes::int, candidates::int, scored::int, classes_marked_online::int from ${SCHEMA}.exam_scores_by_subject where ${school}`,
        ),
      ).toEqual([{ exam_kind: '期中', subject: '数学', classes: 1, candidates: 40, scored: 40, classes_marked_online: 1 }]);
      expect(await q(`select device_type, owner_role, status, devices::int from ${SCHEMA}.devices_by_status where ${school} order by device_type`)).toEqual([
        { device_type: '交互式多媒体教学设备', owner_role: 'shared', status: expect.stringMatching(/^(故障|维修)$/), devices: 1 },
        { device_type: '笔记本计算机', owner_role: 'teacher', status: '在用', devices: 1 },
      ]);
      expect(await q(`select role, class_id, rate from ${SCHEMA}.attendance_rates where ${school} order by role`)).toEqual([
        { role: 'student', class_id: 'C-2026-1-1', rate: 1 },
        { role: 'teacher', class_id: '', rate: 0.95 },
      ]);
      expect(await q(`select owner_role, opened::int, still_open::int from ${SCHEMA}.learning_spaces_opened where ${school} order by owner_role`)).toEqual([
        { owner_role: 'student', opened: 1, still_open: 1 },
        { owner_role: 'teacher', opened: 1, still_open: 0 },
      ]);
      expect(await q(`select school_year, semester, role, active_persons::int from ${SCHEMA}.learning_spaces_active where ${school}`)).toEqual([
        { school_year: '2026-2027', semester: '第一学期', role: 'student', active_persons: 2 },
      ]);
      expect(await q(`select person, school_year, points from ${SCHEMA}.experience_by_person_year where ${school}`)).toEqual([
        { person: 'timetabling/T0001', school_year: '2026-2027', points: 61.5 },
      ]);
      expect(await q(`select trainee, school_year, hours, trainings::int from ${SCHEMA}.training_hours_by_teacher where ${school}`)).toEqual([
        { trainee: 'timetabling/T0001', school_year: '2026-2027', hours: 3, trainings: 2 },
      ]);
      expect(await q(`select day::text, school_year, kind, platform_level, uploads::int from ${SCHEMA}.resource_uploads where ${school} order by day`)).toEqual(
        [
          { day: '2026-08-31', school_year: '2025-2026', kind: '课件', platform_level: 'city', uploads: 1 },
          { day: '2026-09-01', school_year: '2026-2027', kind: '微课程', platform_level: 'city', uploads: 1 },
        ],
      );
      expect(await q(`select synchronous, activities::int, participants::int from ${SCHEMA}.research_activities where ${school}`)).toEqual([
        { synchronous: true, activities: 1, participants: 1 },
      ]);
    });
  });
}
