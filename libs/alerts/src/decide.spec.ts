import type { Condition, Evaluation } from './condition';
import { DEFAULT_ALERTS_CONFIG } from './config';
import { alertIdOf, decide, retireRule } from './decide';
import { alertEventSchema, type AlertEvent } from './events';
import { evaluateAttendanceAnomaly } from './rules/attendance-anomaly';
import { evaluateIndicatorRegression } from './rules/indicator-regression';
import { evaluateRejectSpike } from './rules/reject-spike';
import { evaluateSilentSource } from './rules/silent-source';
import { evolveAll, initialState, type AlertsState } from './state';
import { aHistory, anAttendanceDay, aRejectWindow, aSilentSource, aStandingChange, cn, given, SCHOOL } from './testing';

const C = DEFAULT_ALERTS_CONFIG;
const silent = (last: string | null, now: string): Evaluation => evaluateSilentSource(C, [aSilentSource(last)], now);
const spike = (window: { accepted: number; rejected: number }, now: string): Evaluation => evaluateRejectSpike(C, [aRejectWindow(window)], now);

/** Runs evaluations one after another, each against the state the previous ones left; returns every event. */
function run(steps: readonly [now: string, evaluation: Evaluation][], state: AlertsState = initialState): AlertEvent[] {
  const all: AlertEvent[] = [];
  for (const [now, evaluation] of steps) {
    const events = decide(evolveAll(all, state), evaluation, now);
    all.push(...events);
  }
  return all;
}
const summary = (events: readonly AlertEvent[]) => events.map((e) => `${e.type} ${e.data.alertId}${e.type === 'AlertResolved' ? ` ${e.data.reason}` : ''}`);

const SILENCE_1 = `silent-source:${SCHOOL}:timetabling:2026-11-06T09:00:00.000Z`;

describe('decide: conditions to events', () => {
  it('raises a new condition with a deterministic id, and every event it emits is a valid v1 event', () => {
    const events = decide(initialState, silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29')), cn('2026-11-09 08:29'));
    expect(summary(events)).toEqual([`AlertRaised ${SILENCE_1}`]);
    expect(events[0]).toMatchObject({
      version: 1,
      data: { rule: 'silent-source', school: SCHOOL, district: '330203', source: 'timetabling', raisedAt: cn('2026-11-09 08:29') },
    });
    for (const e of events) expect(alertEventSchema.parse(e)).toEqual(e);
  });

  it('a condition still true changes nothing (no second alert while one is open)', () => {
    const last = cn('2026-11-06 17:00');
    expect(
      summary(
        run([
          [cn('2026-11-09 08:29'), silent(last, cn('2026-11-09 08:29'))],
          [cn('2026-11-09 09:00'), silent(last, cn('2026-11-09 09:00'))],
        ]),
      ),
    ).toEqual([`AlertRaised ${SILENCE_1}`]);
  });

  it('the source sends again → resolved (condition-cleared)', () => {
    const events = run([
      [cn('2026-11-09 08:29'), silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29'))],
      [cn('2026-11-09 09:00'), silent(cn('2026-11-09 08:45'), cn('2026-11-09 09:00'))],
    ]);
    expect(summary(events)).toEqual([`AlertRaised ${SILENCE_1}`, `AlertResolved ${SILENCE_1} condition-cleared`]);
  });

  it('silent-source: a new silence (a later last event) between two evaluations resolves the old alert and raises a new one', () => {
    const events = run([
      [cn('2026-11-09 08:29'), silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29'))],
      [cn('2026-11-09 12:00'), silent(cn('2026-11-09 09:00'), cn('2026-11-09 12:00'))],
    ]);
    expect(summary(events)).toEqual([
      `AlertRaised ${SILENCE_1}`,
      `AlertResolved ${SILENCE_1} condition-cleared`,
      `AlertRaised silent-source:${SCHOOL}:timetabling:2026-11-09T01:00:00.000Z`,
    ]);
  });

  it('a subject missing from the batch keeps its alert (a school not observed this round is not "cleared")', () => {
    const events = run([
      [cn('2026-11-09 08:29'), silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29'))],
      [cn('2026-11-09 09:00'), evaluateSilentSource(C, [], cn('2026-11-09 09:00'))],
    ]);
    expect(summary(events)).toEqual([`AlertRaised ${SILENCE_1}`]);
  });

  it('reject spike: hysteresis — raised at 20 %, held at 15 %, not raised again at 25 %, resolved below 10 %, raised anew later', () => {
    const events = run([
      [cn('2026-11-04 10:00'), spike({ accepted: 40, rejected: 10 }, cn('2026-11-04 10:00'))],
      [cn('2026-11-04 10:05'), spike({ accepted: 34, rejected: 6 }, cn('2026-11-04 10:05'))],
      [cn('2026-11-04 10:10'), spike({ accepted: 30, rejected: 10 }, cn('2026-11-04 10:10'))],
      [cn('2026-11-04 10:15'), spike({ accepted: 95, rejected: 5 }, cn('2026-11-04 10:15'))],
      [cn('2026-11-04 11:00'), spike({ accepted: 30, rejected: 10 }, cn('2026-11-04 11:00'))],
    ]);
    expect(summary(events)).toEqual([
      `AlertRaised reject-spike:${SCHOOL}:grading:2026-11-04T02:00:00.000Z`,
      `AlertResolved reject-spike:${SCHOOL}:grading:2026-11-04T02:00:00.000Z condition-cleared`,
      `AlertRaised reject-spike:${SCHOOL}:grading:2026-11-04T03:00:00.000Z`,
    ]);
  });

  it('indicator: lost → raised; still unmet → nothing; regained → resolved', () => {
    const at = (now: string, previous: string[], current: string[]) =>
      [now, evaluateIndicatorRegression(C, [aStandingChange({ itemsMet: previous }, { itemsMet: current })], now)] as [string, Evaluation];
    const events = run([
      at(cn('2026-11-04 10:00'), ['1', '18'], ['1']),
      at(cn('2026-11-05 10:00'), ['1'], ['1']),
      at(cn('2026-11-06 10:00'), ['1'], ['1', '18']),
    ]);
    const id = `indicator-regression:${SCHOOL}:ningxia:item:18:2026-11-04T02:00:00.000Z`;
    expect(summary(events)).toEqual([`AlertRaised ${id}`, `AlertResolved ${id} condition-cleared`]);
  });

  it('an acknowledged alert resolves like a raised one', () => {
    const raised = decide(initialState, silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29')), cn('2026-11-09 08:29'));
    const state = given([
      ...raised,
      { type: 'AlertAcknowledged', version: 1, data: { alertId: SILENCE_1, by: { subject: 'u1', role: 'district_officer' }, at: cn('2026-11-09 08:40') } },
    ]);
    expect(summary(decide(state, silent(cn('2026-11-09 08:50'), cn('2026-11-09 09:00')), cn('2026-11-09 09:00')))).toEqual([
      `AlertResolved ${SILENCE_1} condition-cleared`,
    ]);
  });

  it('an id already used is never raised twice (a resolved alert of the same episode stays resolved)', () => {
    const condition = silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29')).conditions[0] as Condition;
    const state = given([
      ...decide(initialState, { rule: 'silent-source', conditions: [condition], cleared: [] }, cn('2026-11-09 08:29')),
      { type: 'AlertResolved', version: 1, data: { alertId: alertIdOf(condition), at: cn('2026-11-09 08:30'), reason: 'condition-cleared' } },
    ]);
    expect(decide(state, { rule: 'silent-source', conditions: [condition], cleared: [] }, cn('2026-11-09 09:00'))).toEqual([]);
  });

  it('attendance: an outlier day raises; the next outlier day keeps the same alert; a normal day resolves it', () => {
    const day = (date: string, rate: number): [string, Evaluation] => [
      `${date}T18:00:00+08:00`,
      evaluateAttendanceAnomaly(C, [anAttendanceDay(rate, aHistory(0.95), { date })], `${date}T18:00:00+08:00`),
    ];
    const events = run([day('2026-11-05', 0.7), day('2026-11-06', 0.75), day('2026-11-09', 0.95)]);
    expect(summary(events)).toEqual([
      `AlertRaised attendance-anomaly:${SCHOOL}:attendance:2026-11-05`,
      `AlertResolved attendance-anomaly:${SCHOOL}:attendance:2026-11-05 condition-cleared`,
    ]);
  });

  it('every rule’s events are valid v1 events', () => {
    const now = cn('2026-11-09 08:29');
    const events = decide(
      initialState,
      [
        silent(cn('2026-11-06 17:00'), now),
        spike({ accepted: 40, rejected: 10 }, now),
        evaluateIndicatorRegression(C, [aStandingChange({ itemsMet: ['5', '18'], stars: 3 }, { itemsMet: [], stars: 1 }, { vetoItems: ['5'] })], now),
        evaluateAttendanceAnomaly(C, [anAttendanceDay(0.5, aHistory(0.95))], now),
      ],
      now,
    );
    expect(events).toHaveLength(7);
    for (const e of events) expect(alertEventSchema.parse(e)).toEqual(e);
  });

  it('takes several evaluations at once', () => {
    const now = cn('2026-11-09 08:29');
    const events = decide(initialState, [silent(cn('2026-11-06 17:00'), now), spike({ accepted: 40, rejected: 10 }, now)], now);
    expect(events.map((e) => e.type === 'AlertRaised' && e.data.rule)).toEqual(['silent-source', 'reject-spike']);
  });

  it('refuses a condition filed under another rule, and a time that is not an ISO timestamp with offset', () => {
    const condition = silent(cn('2026-11-06 17:00'), cn('2026-11-09 08:29')).conditions[0] as Condition;
    expect(() => decide(initialState, { rule: 'reject-spike', conditions: [condition], cleared: [] }, cn('2026-11-09 08:29'))).toThrow(
      'a silent-source condition in a reject-spike evaluation',
    );
    expect(() => decide(initialState, [], '2026-11-09 08:29')).toThrow(/invalid decision time/);
  });
});

describe('retireRule', () => {
  it("resolves the rule's open alerts with reason rule-disabled, and only those", () => {
    const now = cn('2026-11-09 08:29');
    const state = given(decide(initialState, [silent(cn('2026-11-06 17:00'), now), spike({ accepted: 40, rejected: 10 }, now)], now));
    expect(summary(retireRule(state, 'silent-source', cn('2026-11-09 09:00')))).toEqual([`AlertResolved ${SILENCE_1} rule-disabled`]);
  });
});
