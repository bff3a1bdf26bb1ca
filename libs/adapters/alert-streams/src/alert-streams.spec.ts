import { PGlite } from '@electric-sql/pglite';
import { alertsConfig, evaluateRejectSpike, type Evaluation } from '@educube/alerts';
import { aRejectWindow, DISTRICT, SCHOOL } from '@educube/alerts/testing';
import { PostgresEventStore } from '@educube/event-store';
import { fromPGlite } from '@educube/postgres';
import { AlertStreams, eventIdOf } from './alert-streams';
import { disabledRules } from './config';

// On the event store the services use (PostgreSQL's adapter on PGlite): what is appended to
// which stream, what a second process sees, and what two deciders racing on one stream leave.

const NOW = '2026-11-06T02:00:00.000Z';
const LATER = '2026-11-06T03:00:00.000Z';
const OTHER_DISTRICT = '330212';
const OTHER_SCHOOL = '3302120001';
const config = alertsConfig();

const spike = (more: Parameters<typeof aRejectWindow>[2] = {}) => aRejectWindow({ accepted: 10, rejected: 40 }, undefined, more);
const calm = (more: Parameters<typeof aRejectWindow>[2] = {}) => aRejectWindow({ accepted: 100, rejected: 0 }, undefined, more);
const evaluate = (...observations: ReturnType<typeof aRejectWindow>[]): Evaluation[] => [evaluateRejectSpike(config, observations, NOW)];
const officer = { subject: 'officer-1', role: 'district_officer' };

async function aStore(): Promise<PostgresEventStore> {
  return PostgresEventStore.open(fromPGlite(new PGlite()));
}

describe('AlertStreams', () => {
  let store: PostgresEventStore;
  beforeEach(async () => {
    store = await aStore();
  });
  afterEach(() => store.close());

  it('appends a raised alert to its district’s stream, with an id that names the event', async () => {
    const events = await new AlertStreams(store).record(evaluate(spike(), calm({ school: OTHER_SCHOOL, district: OTHER_DISTRICT })), NOW, [
      DISTRICT,
      OTHER_DISTRICT,
    ]);
    expect(events.map((e) => e.type)).toEqual(['AlertRaised']);
    const recorded = await store.readStream(`alerts-${DISTRICT}`);
    expect(recorded.map((r) => [r.id, r.type])).toEqual([[`alerts/AlertRaised/reject-spike:${SCHOOL}:grading:${NOW}`, 'AlertRaised']]);
    expect(await store.readStream(`alerts-${OTHER_DISTRICT}`)).toEqual([]);
    expect(eventIdOf(events[0]!)).toBe(recorded[0]!.id);
  });

  it('a condition still true raises nothing more; a cleared subject resolves it in the stream that holds it', async () => {
    const streams = new AlertStreams(store);
    await streams.record(evaluate(spike()), NOW, [DISTRICT]);
    expect(await streams.record(evaluate(spike()), LATER, [DISTRICT])).toEqual([]);
    const resolved = await streams.record([evaluateRejectSpike(config, [calm()], LATER)], LATER, [DISTRICT, OTHER_DISTRICT]);
    expect(resolved).toEqual([
      { type: 'AlertResolved', version: 1, data: { alertId: `reject-spike:${SCHOOL}:grading:${NOW}`, at: LATER, reason: 'condition-cleared' } },
    ]);
    expect((await store.readStream(`alerts-${DISTRICT}`)).map((r) => r.type)).toEqual(['AlertRaised', 'AlertResolved']);
  });

  it('another process reading the same store sees what this one appended', async () => {
    await new AlertStreams(store).record(evaluate(spike()), NOW, [DISTRICT]);
    const other = new AlertStreams(store);
    expect((await other.list([DISTRICT])).map((a) => [a.rule, a.school, a.status])).toEqual([['reject-spike', SCHOOL, 'raised']]);
  });

  it('two deciders racing on one stream leave one alert: the loser decides again on what the winner wrote', async () => {
    const a = new AlertStreams(store);
    const b = new AlertStreams(store);
    await Promise.all([a.load(DISTRICT), b.load(DISTRICT)]); // both have read the empty stream
    const [fromA, fromB] = await Promise.all([a.record(evaluate(spike()), NOW, [DISTRICT]), b.record(evaluate(spike()), NOW, [DISTRICT])]);
    expect(fromA.length + fromB.length).toBe(1);
    expect((await store.readStream(`alerts-${DISTRICT}`)).map((r) => r.type)).toEqual(['AlertRaised']);
  });

  it('lists open alerts by default and resolved ones on request, most urgent first, at most `limit`', async () => {
    const streams = new AlertStreams(store);
    await streams.record(evaluate(spike(), spike({ source: 'attendance-card' }), spike({ school: OTHER_SCHOOL, district: OTHER_DISTRICT })), NOW, []);
    await streams.record([evaluateRejectSpike(config, [calm({ source: 'attendance-card' })], LATER)], LATER, [DISTRICT]);
    expect((await streams.list([DISTRICT])).map((a) => a.source)).toEqual(['grading']);
    expect((await streams.list([DISTRICT], { status: 'all' })).map((a) => `${a.source} ${a.status}`)).toEqual(['grading raised', 'attendance-card resolved']);
    expect(await streams.list([DISTRICT, OTHER_DISTRICT], { limit: 1 })).toHaveLength(1);
    expect(streams.cachedCounts()).toEqual({ raised: 2, acknowledged: 0, resolved: 1 });
  });

  describe('acknowledge', () => {
    const id = `reject-spike:${SCHOOL}:grading:${NOW}`;
    let streams: AlertStreams;
    beforeEach(async () => {
      streams = new AlertStreams(store);
      await streams.record(evaluate(spike()), NOW, [DISTRICT]);
    });

    it('records who acknowledged, when and why; the alert stays open', async () => {
      const outcome = await streams.acknowledge(DISTRICT, { alertId: id, by: officer, at: LATER, note: '已联系厂商' });
      expect(outcome).toMatchObject({ ok: true, alert: { status: 'acknowledged', acknowledged: { by: officer, at: LATER, note: '已联系厂商' } } });
      expect((await store.readStream(`alerts-${DISTRICT}`)).map((r) => r.type)).toEqual(['AlertRaised', 'AlertAcknowledged']);
      expect((await new AlertStreams(store).list([DISTRICT]))[0]).toMatchObject({ status: 'acknowledged' });
    });

    it('the same officer again is a retry: accepted, nothing appended', async () => {
      await streams.acknowledge(DISTRICT, { alertId: id, by: officer, at: LATER });
      expect(await streams.acknowledge(DISTRICT, { alertId: id, by: officer, at: LATER })).toMatchObject({ ok: true, events: [] });
      expect(await store.readStream(`alerts-${DISTRICT}`)).toHaveLength(2);
    });

    it('refuses, naming the rule: an alert of another stream, one acknowledged by someone else, a blank note', async () => {
      expect(await streams.acknowledge(OTHER_DISTRICT, { alertId: id, by: officer, at: LATER })).toEqual({
        ok: false,
        problems: [expect.objectContaining({ rule: 'alert.unknown' })],
      });
      await streams.acknowledge(DISTRICT, { alertId: id, by: officer, at: LATER });
      expect(await streams.acknowledge(DISTRICT, { alertId: id, by: { subject: 'officer-2', role: 'city_officer' }, at: LATER })).toEqual({
        ok: false,
        problems: [expect.objectContaining({ rule: 'alert.acknowledged', message: expect.stringContaining('officer-1') })],
      });
      expect(await streams.acknowledge(DISTRICT, { alertId: id, by: officer, at: LATER, note: '   ' })).toEqual({
        ok: false,
        problems: [expect.objectContaining({ path: 'note' })],
      });
      expect(await store.readStream(`alerts-${DISTRICT}`)).toHaveLength(2);
    });
  });

  it('a rule switched off resolves its open alerts once (rule-disabled), in whichever district holds them', async () => {
    const streams = new AlertStreams(store);
    await streams.record(evaluate(spike(), spike({ school: OTHER_SCHOOL, district: OTHER_DISTRICT })), NOW, []);
    const off = disabledRules(alertsConfig({ rejectSpike: { enabled: false } }), ['reject-spike', 'silent-source']);
    expect(off).toEqual(['reject-spike']);
    const retired = await streams.retire(off, LATER, [DISTRICT, OTHER_DISTRICT]);
    expect(retired.map((e) => [e.type, e.type === 'AlertResolved' ? e.data.reason : ''])).toEqual([
      ['AlertResolved', 'rule-disabled'],
      ['AlertResolved', 'rule-disabled'],
    ]);
    expect(await streams.retire(off, LATER, [DISTRICT, OTHER_DISTRICT])).toEqual([]);
    expect(await streams.list([DISTRICT, OTHER_DISTRICT])).toEqual([]);
  });

  it('refuses a stream whose events are not alert events, naming the field', async () => {
    await store.append(`alerts-${DISTRICT}`, [{ id: 'x', type: 'AlertRaised', data: { type: 'AlertRaised', version: 1, data: { alertId: 'a' } } }]);
    await expect(new AlertStreams(store).list([DISTRICT])).rejects.toThrow(/rule/);
  });
});
