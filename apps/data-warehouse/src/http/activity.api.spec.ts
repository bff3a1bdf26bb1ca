import * as E from '@educube/contracts';
import type { CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { actors } from '@educube/oidc/testing';
import { writeFileSync } from 'node:fs';
import { ActivityRollup } from '../activity/rollup';
import { Projector } from '../projection/projector';
import { startTestWarehouse, type TestWarehouse } from '../testing/warehouse';

// Monthly activity per region and school, and ingestion health per region, through the real
// service: events in over HTTP, projected, rolled up into districts, read back as an officer or
// as the gateway's service.

const S1 = '3302030001';
const S2 = '3302030002';
const PEOPLE = 'educube-gateway';
const gateway = actors.service('educube-gateway-service', 'educube-warehouse');
type Json = Record<string, unknown> & { months: Record<string, unknown>[] };
type ProblemBody = { status: number; title: string; detail: string; problems: { path: string; rule: string; value: unknown }[] };

/** One school's month of activity: lessons (one 三个课堂, one 同步课堂, one in class), uploads, a headcount, devices, attendance, teachers' space activity. */
function aSchoolsSeptember(school: string, teachers: number): CloudEvent[] {
  const at = { subject: school, time: '2026-09-30T18:00:00+08:00' };
  return [
    anEvent(E.LessonDeliveredV1, { lessonId: 'L-1', mode: '专递课堂' }, at),
    anEvent(E.LessonDeliveredV1, { lessonId: 'L-2', mode: '同步课堂' }, at),
    anEvent(E.LessonDeliveredV1, { lessonId: 'L-3', mode: '线下', partnerSchoolCodes: [] }, at),
    anEvent(E.ResourceUploadedV1, { resourceId: 'RS-1' }, at),
    anEvent(E.ResourceUploadedV1, { resourceId: 'RS-2' }, at),
    anEvent(E.ResourceUploadedV1, { resourceId: 'RS-3', uploaderRole: 'school', uploader: undefined }, at),
    anEvent(E.HeadcountReportedV1, { asOf: '2026-09-01', byStage: [{ stage: '小学', teachers, students: 1200, classes: 30 }] }, at),
    anEvent(E.DeviceRegisteredV1, { assetId: 'A-1', registeredOn: '2026-09-02' }, at),
    anEvent(E.DeviceRegisteredV1, { assetId: 'A-2', registeredOn: '2026-09-02', status: '故障' }, at),
    anEvent(E.DailyAttendanceRecordedV1, { date: '2026-09-07', expected: 40, present: 38, late: 0, onLeave: 2, absent: 0 }, at),
    anEvent(
      E.LearningActivitySummarizedV1,
      { person: { system: 'timetabling', localId: 'T0001' }, role: 'teacher', activities: [{ kind: '任务布置', count: 6 }], onMobile: 0, teacherGuided: 0 },
      at,
    ),
  ];
}

describe('monthly activity and ingestion health per region (embedded store, identity from memory)', () => {
  let running: TestWarehouse;
  const send = async (events: CloudEvent[], school: string) => {
    const res = await running.post(events, school);
    const body = (await res.json()) as { results: { status: string; problems?: unknown }[] };
    expect(body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
  };
  /** The projection has every stored event and the roll-up has recomputed what they touched. */
  const settled = async () => {
    const health = (await (await running.get('/v1/ingestion/health')).json()) as { headPosition: string };
    await running.app.get(Projector).caughtUp(BigInt(health.headPosition));
    await running.app.get(ActivityRollup).drain();
  };
  const getJson = async (path: string, as = gateway) => {
    const res = await running.get(path, as);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json & ProblemBody };
  };
  const postJson = async (path: string, body: unknown, as = gateway) => {
    const res = await running.call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, as);
    return { status: res.status, body: (await res.json()) as Json & ProblemBody & { schools: (Json & { school: string })[] } };
  };
  const september = (body: Json) => body.months.find((m) => m['month'] === '2026-09');

  beforeAll(async () => {
    running = await startTestWarehouse({ ACTIVITY_ROLLUP_MS: '0', ACTIVITY_RECONCILE_MS: '0' });
    await send(aSchoolsSeptember(S1, 40), S1);
    await send(aSchoolsSeptember(S2, 60), S2);
    await settled();
  }, 60_000);
  afterAll(() => running.close());

  it("serves a district's months from its precomputed rows once the events are projected", async () => {
    const { status, body } = await getJson('/v1/activity/regions/330203?from=2026-08&to=2026-10');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      region: { code: '330203', level: 'district' },
      from: '2026-08',
      to: '2026-10',
      schools: 10,
      teachersSource: expect.stringContaining('HeadcountReported'),
    });
    expect(body.months.map((m) => m['month'])).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(september(body)).toEqual({
      month: '2026-09',
      teacherSpaceEvents: 12,
      activeTeacherSpaces: 2,
      resourceUploads: 6,
      teacherUploads: 4,
      teachers: 100,
      schoolsWithHeadcount: 2,
      uploadsPerTeacher: 0.04,
      lessonsDelivered: 6,
      remoteLessons: 4,
      threeClassroomLessons: 2,
      attendanceExpected: 80,
      attendancePresent: 76,
      attendanceRate: 0.95,
      devices: 4,
      devicesInUse: 2,
      classes: 60,
      devicesPerTeacher: 0.04,
      devicesPerClass: 0.0667,
    });
    // stocks carry into the next month, flows do not
    expect(body.months[2]).toMatchObject({ lessonsDelivered: 0, devices: 4, teachers: 100 });
    // the city and the province sum their districts
    expect(september((await getJson('/v1/activity/regions/330200?from=2026-09&to=2026-09')).body)).toMatchObject({ lessonsDelivered: 6, teachers: 100 });
    expect(september((await getJson('/v1/activity/regions/330000?from=2026-09&to=2026-09')).body)).toMatchObject({ lessonsDelivered: 6, teachers: 100 });
    writeExample('region', body);
  });

  it('keeps the figures current as more events arrive', async () => {
    await send(
      [anEvent(E.LessonDeliveredV1, { lessonId: 'L-9', mode: '名师课堂', deliveredOn: '2026-10-12' }, { subject: S1, time: '2026-10-12T18:00:00+08:00' })],
      S1,
    );
    await settled();
    const { body } = await getJson('/v1/activity/regions/330203?from=2026-10&to=2026-10');
    expect(body.months[0]).toMatchObject({ month: '2026-10', lessonsDelivered: 1, remoteLessons: 1, threeClassroomLessons: 1 });
  });

  it('answers a batch of schools in one call', async () => {
    const { status, body } = await postJson('/v1/activity/schools', { schools: [S1, S2], from: '2026-09', to: '2026-09' });
    expect(status).toBe(200);
    expect(
      body.schools.map((s) => [s.school, s['region'], s.months[0]?.['lessonsDelivered'], s.months[0]?.['teachers'], s.months[0]?.['uploadsPerTeacher']]),
    ).toEqual([
      [S1, '330203', 3, 40, 0.05],
      [S2, '330203', 3, 60, 0.0333],
    ]);
    writeExample('schools', body);
  });

  it('lets an officer read their own region and answers any other exactly as an unknown one', async () => {
    const mine = await getJson('/v1/activity/regions/330203?from=2026-09&to=2026-09', actors.districtOfficer(PEOPLE, '330203'));
    expect(mine.status).toBe(200);
    const theirs = await getJson('/v1/activity/regions/330203?from=2026-09&to=2026-09', actors.districtOfficer(PEOPLE, '330205'));
    const unknown = await getJson('/v1/activity/regions/330299?from=2026-09&to=2026-09', actors.districtOfficer(PEOPLE, '330205'));
    expect([theirs.status, unknown.status]).toEqual([404, 404]);
    expect(theirs.type).toBe(unknown.type);
    expect(JSON.stringify(theirs.body).replaceAll('330203', 'CODE')).toBe(JSON.stringify(unknown.body).replaceAll('330299', 'CODE'));
    expect(theirs.body.problems).toEqual([{ path: '/code', rule: 'known-region', message: 'no region 330203 that you may see', value: '330203' }]);
    // the city above is not within a district officer's region either
    expect((await getJson('/v1/activity/regions/330200?from=2026-09&to=2026-09', actors.districtOfficer(PEOPLE, '330203'))).status).toBe(404);
    // schools: someone else's and an unknown one alike
    const other = await postJson('/v1/activity/schools', { schools: [S1], from: '2026-09', to: '2026-09' }, actors.districtOfficer(PEOPLE, '330205'));
    const none = await postJson('/v1/activity/schools', { schools: ['3302039999'], from: '2026-09', to: '2026-09' }, actors.districtOfficer(PEOPLE, '330205'));
    expect([other.status, none.status]).toEqual([404, 404]);
    expect(JSON.stringify(other.body).replaceAll(S1, 'CODE')).toBe(JSON.stringify(none.body).replaceAll('3302039999', 'CODE'));
    // a school system is not an officer
    expect((await getJson('/v1/activity/regions/330203?from=2026-09&to=2026-09', actors.schoolSystem(S1))).status).toBe(403);
  });

  it('refuses bad input with 400 naming the field and the rule', async () => {
    const problems = async (res: Promise<{ status: number; body: ProblemBody }>) => {
      const { status, body } = await res;
      expect(status).toBe(400);
      return body.problems.map((p) => [p.path, p.rule]);
    };
    expect(await problems(getJson('/v1/activity/regions/330203?from=2026-13&to=2026-09'))).toEqual([['/from', 'invalid_format']]);
    expect(await problems(getJson('/v1/activity/regions/330203?to=2026-09'))).toEqual([['/from', 'invalid_type']]);
    expect(await problems(getJson('/v1/activity/regions/330203?from=2026-10&to=2026-09'))).toEqual([['/to', 'from-not-after-to']]);
    expect(await problems(getJson('/v1/activity/regions/330203?from=2020-01&to=2026-09'))).toEqual([['/to', 'max-months']]);
    expect(await problems(getJson('/v1/activity/regions/33020x?from=2026-09&to=2026-09'))).toEqual([['/code', 'invalid_format']]);
    expect(await problems(postJson('/v1/activity/schools', { schools: ['33020300'], from: '2026-09', to: '2026-09', extra: 1 }))).toEqual([
      ['/schools/0', 'invalid_format'],
      ['', 'unrecognized_keys'],
    ]);
    expect(await problems(postJson('/v1/activity/schools', { schools: Array.from({ length: 501 }, () => S1), from: '2026-09', to: '2026-09' }))).toEqual([
      ['/schools', 'too_big'],
    ]);
    expect(await problems(postJson('/v1/ingestion/schools', { schools: [] }))).toEqual([['/schools', 'too_small']]);
  });

  it("moves a school's figures with it when identity places it in another district", async () => {
    running.relocate(S2, '330205');
    expect(await running.app.get(ActivityRollup).reconcile()).toEqual([S2]);
    const sept = async (code: string) => september((await getJson(`/v1/activity/regions/${code}?from=2026-09&to=2026-09`)).body);
    expect(await sept('330203')).toMatchObject({ lessonsDelivered: 3, teachers: 40, devices: 2 });
    expect(await sept('330205')).toMatchObject({ lessonsDelivered: 3, teachers: 60, devices: 2 });
    expect(await sept('330200')).toMatchObject({ lessonsDelivered: 6, teachers: 100, devices: 4 });
    // and its officers follow: 330205's now see it, 330203's no longer (identity's answer on who
    // sees what is cached 30 s per caller, so these are officers who have not asked before)
    const officer = (region: string) => ({ ...actors.districtOfficer(PEOPLE, region), sub: `officer.${region}.after-the-move` });
    expect((await postJson('/v1/activity/schools', { schools: [S2], from: '2026-09', to: '2026-09' }, officer('330205'))).status).toBe(200);
    expect((await postJson('/v1/activity/schools', { schools: [S2], from: '2026-09', to: '2026-09' }, officer('330203'))).status).toBe(404);
    // a second reconcile finds nothing to move
    expect(await running.app.get(ActivityRollup).reconcile()).toEqual([]);
    running.relocate(S2, '330203');
    await running.app.get(ActivityRollup).reconcile();
  });

  it('reports ingestion health per region and per school', async () => {
    const bad = { ...anEvent(E.LessonDeliveredV1, {}, { subject: S1 }), time: 'soon' };
    await running.post([bad], S1);
    const { status, body } = await getJson('/v1/ingestion/regions/330203');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      region: { code: '330203' },
      schools: 10,
      silentAfterMinutes: 60,
      totals: { accepted: 23, deadLetters: 1, parked: 0 },
      lastEventAt: '2026-10-12T18:00:00+08:00',
      silentSources: [],
      schoolsWithoutEvents: 8,
    });
    // one row per school and source system (each family's system is its own source)
    const sources = body['sources'] as { school: string; source: string; accepted: number; deadLetters: number; silent: boolean }[];
    const perSchool = (school: string) =>
      sources
        .filter((x) => x.school === school)
        .reduce((n, x) => ({ accepted: n.accepted + x.accepted, deadLetters: n.deadLetters + x.deadLetters }), { accepted: 0, deadLetters: 0 });
    expect([perSchool(S1), perSchool(S2)]).toEqual([
      { accepted: 12, deadLetters: 1 },
      { accepted: 11, deadLetters: 0 },
    ]);
    expect(sources.find((x) => x.school === S1 && x.source === bad.source)).toMatchObject({ accepted: 4, deadLetters: 1, silent: false });
    writeExample('ingestion-region', body);
    const batch = await postJson('/v1/ingestion/schools', { schools: [S2, '3302030003'] }, actors.districtOfficer(PEOPLE, '330203'));
    expect(batch.status).toBe(200);
    expect(batch.body.schools.map((s) => [s.school, s['heardFrom'], (s['totals'] as { accepted: number }).accepted])).toEqual([
      [S2, true, 11],
      ['3302030003', false, 0],
    ]);
    expect((await getJson('/v1/ingestion/regions/330203', actors.districtOfficer(PEOPLE, '330205'))).status).toBe(404);
  });
});

/** With ACTIVITY_EXAMPLES=dir, the answers are written there (the README's examples come from a run). */
function writeExample(name: string, body: unknown): void {
  const dir = process.env['ACTIVITY_EXAMPLES'];
  if (dir) writeFileSync(`${dir}/${name}.json`, `${JSON.stringify(body, null, 2)}\n`);
}
