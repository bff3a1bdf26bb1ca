import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from '@educube/contracts';
import type { CloudEvent } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { cn } from '@educube/alerts/testing';
import type { AlertView } from '@educube/alerts';
import type { AlertsAnswer } from '@educube/alert-streams';
import type { EventStore } from '@educube/event-store';
import { actors, type TestTokenSpec } from '@educube/oidc/testing';
import { Projector } from '../projection/projector';
import { EVENT_STORE } from '../storage/storage';
import { startTestWarehouse, type TestWarehouse } from '../testing/warehouse';
import { AlertsService } from './alerts.service';
import { SourceFacts } from './source-facts';

// The warehouse's three alert rules through the real service: events in over HTTP (valid and
// malformed), the clock set, the rules evaluated, the alerts read and acknowledged over the
// alerts API, and a second instance on the same database. One timeline, China time, with the
// default configuration (silent after 60 school minutes, 07:30–17:30; spikes over 60 minutes
// against 7 days; attendance against 10–20 school days):
//   Fri 11-06 10:00  SPIKY sends 20 good events and 1 bad one (its baseline)
//   Fri 11-06 17:00  QUIET (calendar published) and NO_CALENDAR send, then nothing over the weekend
//   Mon 11-09 08:00  60 school minutes later (30 on Friday, 30 on Monday); 08:01: 61
//   Mon 11-09 08:30  QUIET sends again; 08:40 SPIKY sends 2 good and 10 bad; 08:50 ABSENT's attendance

const DISTRICT = '330203';
const QUIET = '3302030001';
const NO_CALENDAR = '3302030002';
const SPIKY = '3302030003';
const ABSENT = '3302030004';
const PEOPLE = 'educube-gateway';
const gateway = actors.service('educube-gateway-service', 'educube-warehouse');
const officer = (region: string, sub = `officer.${region}`): TestTokenSpec => ({ ...actors.districtOfficer(PEOPLE, region), sub });
const utc = (local: string): string => new Date(cn(local)).toISOString();

type ProblemBody = { detail: string; problems: { path: string; rule: string; message?: string }[] };

const lesson = (school: string, more: Partial<Omit<CloudEvent, 'data'>> = {}) => anEvent(E.LessonTimetabledV1, {}, { subject: school, ...more });
/** Contract-invalid (its time is no timestamp) but naming its school and system: a dead letter counted against the system. */
const badLesson = (school: string) => ({ ...lesson(school), time: 'soon' });
const studentDay = (date: string, present: number) =>
  anEvent(
    E.DailyAttendanceRecordedV1,
    { date, expected: 40, present, late: 0, onLeave: 0, absent: 40 - present },
    { subject: ABSENT, time: cn(`${date} 18:00`) },
  );

describe('alerts decided by the warehouse (embedded store on disk, identity from memory, clock set)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warehouse-alerts-'));
  let now = new Date(cn('2026-11-06 10:00'));
  const at = (local: string) => {
    now = new Date(cn(local));
  };
  const start = (env: Record<string, string> = {}) =>
    startTestWarehouse({ WAREHOUSE_DATA_DIR: dir, ACTIVITY_ROLLUP_MS: '0', ACTIVITY_RECONCILE_MS: '0', ...env }, undefined, () => now);
  let running: TestWarehouse;

  const send = async (school: string, events: unknown[]) => {
    const res = await running.post(events, school);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status);
  };
  /** The read models hold every stored event (a calendar, attendance). */
  const settled = async () => {
    const health = (await (await running.get('/v1/ingestion/health')).json()) as { headPosition: string };
    await running.app.get(Projector).caughtUp(BigInt(health.headPosition));
  };
  const evaluate = () => running.app.get(AlertsService).evaluate();
  const list = async (query: string, as: TestTokenSpec = gateway) => {
    const res = await running.get(`/v1/alerts?${query}`, as);
    return { status: res.status, body: (await res.json()) as AlertsAnswer & ProblemBody };
  };
  const acknowledge = async (alertId: string, body: unknown, as: TestTokenSpec = gateway) => {
    const res = await running.call(
      `/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      as,
    );
    return { status: res.status, body: (await res.json()) as { alert: AlertView; appended: number } & ProblemBody };
  };
  const stream = async () =>
    (await running.app.get<EventStore>(EVENT_STORE).readStream(`alerts-${DISTRICT}`)).map((r) => [
      r.type,
      (r.data as { data: { alertId: string } }).data.alertId,
    ]);

  const silenceId = `silent-source:${QUIET}:timetabling:${utc('2026-11-06 17:00')}`;
  const spikeId = `reject-spike:${SPIKY}:timetabling:${utc('2026-11-09 08:45')}`;
  const anomalyId = `attendance-anomaly:${ABSENT}:attendance:2026-11-06`;

  beforeAll(async () => {
    running = await start();
    at('2026-11-06 10:00');
    expect(await send(SPIKY, [...Array.from({ length: 20 }, () => lesson(SPIKY)), badLesson(SPIKY)])).toEqual([...Array(20).fill('accepted'), 'rejected']);
  }, 60_000);
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('silent source: raised when strictly more than 60 school minutes pass without a receipt (Fri 17:00 → Mon 08:00 is 60: not; 08:01: raised), not for a school without a calendar, resolved when the source sends again', async () => {
    at('2026-11-06 17:00');
    expect(await send(QUIET, [anEvent(E.SchoolCalendarPublishedV1, {}, { subject: QUIET }), lesson(QUIET)])).toEqual(['accepted', 'accepted']);
    expect(await send(NO_CALENDAR, [lesson(NO_CALENDAR)])).toEqual(['accepted']);
    await settled();

    at('2026-11-09 08:00');
    expect(await evaluate()).toEqual([]);
    expect((await list(`region=${DISTRICT}`)).body.counts.total).toBe(0);

    at('2026-11-09 08:01');
    const raised = await evaluate();
    // QUIET's silence only: NO_CALENDAR published no terms, so it has no school time to be silent in
    expect(raised.map((e) => [e.type, e.data.alertId])).toEqual([['AlertRaised', silenceId]]);
    expect(await stream()).toEqual([['AlertRaised', silenceId]]);
    const { status, body } = await list(`region=${DISTRICT}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      region: { code: DISTRICT, level: 'district' },
      status: 'open',
      evaluatedAt: utc('2026-11-09 08:01'),
      counts: { total: 1, byRule: { 'silent-source': { total: 1, warning: 1 } } },
    });
    expect(body.alerts).toEqual([
      expect.objectContaining({
        alertId: silenceId,
        rule: 'silent-source',
        school: QUIET,
        district: DISTRICT,
        source: 'timetabling',
        status: 'raised',
        observed: { silentSchoolMinutes: 61, lastEventAt: utc('2026-11-06 17:00') },
      }),
    ]);
    // the city and the province above see it too
    expect((await list('region=330200')).body.alerts.map((a) => a.alertId)).toEqual([silenceId]);

    at('2026-11-09 08:30');
    expect(await send(QUIET, [lesson(QUIET)])).toEqual(['accepted']);
    expect((await evaluate()).map((e) => [e.type, e.data.alertId])).toEqual([['AlertResolved', silenceId]]);
    expect((await list(`region=${DISTRICT}`)).body.alerts).toEqual([]);
    expect((await list(`region=${DISTRICT}&status=all`)).body.alerts).toEqual([
      expect.objectContaining({ alertId: silenceId, status: 'resolved', resolved: { at: utc('2026-11-09 08:30'), reason: 'condition-cleared' } }),
    ]);
  });

  it('reject spike: 10 refused of 12 in the last 60 minutes (≥ minRejects 10, rate ≥ 0.2 and ≥ 3 × the 1-in-21 baseline) raises; what names no school system is not counted', async () => {
    at('2026-11-09 08:40');
    const malformed = [...Array.from({ length: 10 }, () => badLesson(SPIKY)), 'not an event', { ...lesson(SPIKY), source: 'a system with spaces' }];
    expect(await send(SPIKY, [lesson(SPIKY), lesson(SPIKY), ...malformed])).toEqual(['accepted', 'accepted', ...Array(12).fill('rejected')]);
    at('2026-11-09 08:45');
    expect((await evaluate()).map((e) => [e.type, e.data.alertId])).toEqual([['AlertRaised', spikeId]]);
    const [alert] = (await list(`region=${DISTRICT}`)).body.alerts;
    expect(alert).toMatchObject({
      alertId: spikeId,
      rule: 'reject-spike',
      school: SPIKY,
      source: 'timetabling',
      observed: { accepted: 2, rejected: 10, rate: 0.8333, baselineRate: 0.0476, baselineAccepted: 20, baselineRejected: 1 },
      thresholds: { windowMinutes: 60, baselineDays: 7, minRejects: 10, minRate: 0.2, factor: 3 },
    });
  });

  it('attendance anomaly: a day at 50 % against ten school days at 95–97.5 % (|z| ≥ 3) raises; teachers’ attendance does not count', async () => {
    at('2026-11-09 08:50');
    const history = [
      '2026-10-23',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
    ];
    const teachers = anEvent(
      E.DailyAttendanceRecordedV1,
      { date: '2026-11-06', role: 'teacher', classId: undefined, expected: 1000, present: 1000, late: 0, onLeave: 0, absent: 0 },
      { subject: ABSENT, time: cn('2026-11-06 18:00') },
    );
    const statuses = await send(ABSENT, [...history.map((d, i) => studentDay(d, i % 2 === 0 ? 38 : 39)), studentDay('2026-11-06', 20), teachers]);
    expect(statuses.every((s) => s === 'accepted')).toBe(true);
    await settled();
    expect((await evaluate()).map((e) => [e.type, e.data.alertId])).toEqual([['AlertRaised', anomalyId]]);
    const alerts = (await list(`region=${DISTRICT}`)).body.alerts;
    expect(alerts.find((a) => a.alertId === anomalyId)).toMatchObject({
      rule: 'attendance-anomaly',
      school: ABSENT,
      episode: '2026-11-06',
      observed: { date: '2026-11-06', rate: 0.5, median: 0.9625, samples: 10 },
    });
  });

  describe('acknowledging', () => {
    const on = { district: DISTRICT };
    const firstOfficer = { subject: 'officer.330203', role: 'district_officer' };

    it('the hub’s service acknowledges for the officer it names: 200, and the alert shows acknowledged', async () => {
      at('2026-11-09 09:00');
      const { status, body } = await acknowledge(spikeId, { ...on, by: firstOfficer, note: '已联系厂商' });
      expect(status).toBe(200);
      expect(body).toEqual({
        alert: expect.objectContaining({
          alertId: spikeId,
          status: 'acknowledged',
          acknowledged: { by: firstOfficer, at: utc('2026-11-09 09:00'), note: '已联系厂商' },
        }),
        appended: 1,
      });
      expect((await list(`region=${DISTRICT}`)).body.alerts.find((a) => a.alertId === spikeId)?.status).toBe('acknowledged');
      // the same officer again is a retry: nothing appended
      expect((await acknowledge(spikeId, { ...on, by: firstOfficer })).body.appended).toBe(0);
    });

    it('refuses a second officer with 409 and an unknown alert with 404', async () => {
      const second = await acknowledge(spikeId, on, officer(DISTRICT, 'officer.330203.second'));
      expect(second.status).toBe(409);
      expect(second.body.problems).toEqual([
        expect.objectContaining({ path: '/alertId', rule: 'alert.acknowledged', message: expect.stringContaining('officer.330203') }),
      ]);
      const unknown = await acknowledge(`reject-spike:${SPIKY}:timetabling:${utc('2026-11-09 07:00')}`, { ...on, by: firstOfficer });
      expect(unknown.status).toBe(404);
      expect(unknown.body.problems).toEqual([expect.objectContaining({ rule: 'alert.unknown' })]);
    });

    it('refuses with 400 naming `by`: the service without it, a person with it; and a bad body naming the field', async () => {
      const paths = async (reply: Promise<{ status: number; body: ProblemBody }>) => {
        const { status, body } = await reply;
        expect(status).toBe(400);
        return body.problems.map((p) => [p.path, p.rule]);
      };
      expect(await paths(acknowledge(anomalyId, on))).toEqual([['/by', 'required']]);
      expect(await paths(acknowledge(anomalyId, { ...on, by: firstOfficer }, officer(DISTRICT)))).toEqual([['/by', 'by.fromToken']]);
      expect(await paths(acknowledge(anomalyId, { district: '33020', note: ' ', by: firstOfficer }))).toEqual([
        ['/district', 'invalid_format'],
        ['/note', 'custom'],
      ]);
    });

    it('answers an officer of another district 404 for the district’s alerts, listing or acknowledging, exactly as for an unknown region', async () => {
      const theirs = await list(`region=${DISTRICT}`, officer('330205'));
      const unknown = await list('region=330299', officer('330205'));
      expect([theirs.status, unknown.status]).toEqual([404, 404]);
      expect(JSON.stringify(theirs.body).replaceAll(DISTRICT, 'CODE')).toBe(JSON.stringify(unknown.body).replaceAll('330299', 'CODE'));
      expect(theirs.body.problems).toEqual([{ path: '/region', rule: 'known-region', message: expect.any(String), value: DISTRICT }]);
      const ack = await acknowledge(anomalyId, on, officer('330205'));
      expect(ack.status).toBe(404);
      expect(ack.body.problems).toEqual([{ path: '/district', rule: 'known-region', message: expect.any(String), value: DISTRICT }]);
      // the district's own officer may
      expect((await acknowledge(anomalyId, on, officer(DISTRICT))).status).toBe(200);
    });

    it('refuses a bad query with 400 naming each field', async () => {
      const bad = await list(`region=${DISTRICT}&status=closed&limit=0`);
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p) => p.path)).toEqual(['/status', '/limit']);
      expect((await list('status=open')).body.problems.map((p) => [p.path, p.rule])).toEqual([['/region', 'invalid_type']]);
      // a school system is not an officer
      expect((await list(`region=${DISTRICT}`, actors.schoolSystem(SPIKY))).status).toBe(403);
    });
  });

  it('lists at most `limit`, counting every alert that matches; shows the evaluation in the health answer', async () => {
    const { body } = await list(`region=${DISTRICT}&status=all&limit=1`);
    expect(body.alerts.map((a) => a.alertId)).toEqual([anomalyId]);
    expect(body.counts).toMatchObject({
      total: 3,
      byRule: { 'silent-source': { total: 1 }, 'reject-spike': { total: 1 }, 'attendance-anomaly': { total: 1 } },
    });
    const health = (await (await running.get('/v1/ingestion/health')).json()) as { alerts: unknown };
    expect(health.alerts).toEqual({
      evaluateEveryMs: 0,
      lastEvaluatedAt: utc('2026-11-09 08:50'),
      durationMs: expect.any(Number),
      raised: 1,
      resolved: 0,
      error: null,
      counts: { raised: 0, acknowledged: 2, resolved: 1 },
    });
  });

  it('a new instance on the same database lists the same alerts, rebuilt from alerts-330203, decides nothing again, and kept the source facts', async () => {
    const before = (await list(`region=${DISTRICT}&status=all`)).body;
    const facts = await running.app.get(SourceFacts).receipts();
    await running.close();
    running = await start();
    const after = (await list(`region=${DISTRICT}&status=all`)).body;
    expect(after.alerts).toEqual(before.alerts);
    expect(after.evaluatedAt).toBeNull();
    expect(await running.app.get(SourceFacts).receipts()).toEqual(facts);
    expect(facts.find((f) => f.school === QUIET)?.lastReceivedAt).toEqual(new Date(cn('2026-11-09 08:30')));
    at('2026-11-09 09:00');
    expect(await evaluate()).toEqual([]);
    expect((await list(`region=${DISTRICT}`)).body.alerts.find((a) => a.alertId === spikeId)).toMatchObject({ observed: { accepted: 2, rejected: 10 } });
  });

  it('a rule switched off (rejectSpike.enabled false) resolves its open alert once, as rule-disabled; the other rules’ alerts stay', async () => {
    await running.close();
    running = await start({ ALERTS_CONFIG: '{"rejectSpike":{"enabled":false}}' });
    at('2026-11-09 09:05');
    expect((await evaluate()).map((e) => [e.type, e.data.alertId, e.type === 'AlertResolved' ? e.data.reason : ''])).toEqual([
      ['AlertResolved', spikeId, 'rule-disabled'],
    ]);
    expect(await evaluate()).toEqual([]);
    const open = (await list(`region=${DISTRICT}`)).body.alerts.map((a) => a.rule);
    expect(open).not.toContain('reject-spike');
    expect(open.length).toBeGreaterThan(0);
  });
});
