import type { AlertEvent, AlertRaised } from './events';
import { alertCounts, evolve, evolveAll, initialState, openAlerts, visibleTo, withinByPrefix } from './state';
import { cn, SCHOOL } from './testing';

const aRaised = (alertId: string, more: Partial<AlertRaised['data']> = {}): AlertRaised => ({
  type: 'AlertRaised',
  version: 1,
  data: {
    alertId,
    rule: 'silent-source',
    severity: 'warning',
    school: SCHOOL,
    district: '330203',
    subject: `${SCHOOL}:timetabling`,
    episode: '2026-11-06T09:00:00.000Z',
    source: 'timetabling',
    message: { zh: '静默', en: 'silent' },
    observed: { silentSchoolMinutes: 89 },
    thresholds: { silentAfterMinutes: 60 },
    raisedAt: cn('2026-11-09 08:29'),
    ...more,
  },
});
const acked: AlertEvent = {
  type: 'AlertAcknowledged',
  version: 1,
  data: { alertId: 'a1', by: { subject: 'officer.330203', role: 'district_officer' }, at: cn('2026-11-09 08:40'), note: '已电话联系学校' },
};
const resolved: AlertEvent = { type: 'AlertResolved', version: 1, data: { alertId: 'a1', at: cn('2026-11-09 09:00'), reason: 'condition-cleared' } };

describe('evolve', () => {
  it('raised → acknowledged → resolved, keeping who acknowledged', () => {
    const state = evolveAll([aRaised('a1'), acked, resolved]);
    expect(state.alerts['a1']).toMatchObject({
      status: 'resolved',
      acknowledged: { by: { subject: 'officer.330203', role: 'district_officer' }, at: cn('2026-11-09 08:40'), note: '已电话联系学校' },
      resolved: { at: cn('2026-11-09 09:00'), reason: 'condition-cleared' },
    });
  });

  it.each([
    ['AlertRaised', [aRaised('a1')], aRaised('a1', { severity: 'critical' })],
    ['AlertAcknowledged', [aRaised('a1'), acked], { ...acked, data: { ...acked.data, by: { subject: 'someone.else', role: 'city_officer' } } } as AlertEvent],
    ['AlertResolved', [aRaised('a1'), resolved], { ...resolved, data: { ...resolved.data, at: cn('2026-11-09 10:00') } } as AlertEvent],
  ])('%s applied twice (even with other data) changes nothing: the first one wins', (_type, before, again) => {
    const state = evolveAll(before);
    expect(evolve(state, before[before.length - 1]!)).toBe(state);
    expect(evolve(state, again)).toBe(state);
  });

  it('acknowledging or resolving an unknown alert changes nothing', () => {
    expect(evolveAll([acked, resolved])).toBe(initialState);
  });

  it('an acknowledgement arriving after the resolution is recorded but the alert stays resolved', () => {
    expect(evolveAll([aRaised('a1'), resolved, acked]).alerts['a1']).toMatchObject({ status: 'resolved', acknowledged: { at: cn('2026-11-09 08:40') } });
  });
});

describe('withinByPrefix (行政区划代码 prefixes)', () => {
  it.each([
    ['330203', '330203', true],
    ['330203', '330200', true],
    ['330203', '330000', true],
    ['330281', '330200', true],
    ['330203', '330100', false],
    ['330203', '330204', false],
    ['330203', '320000', false],
    ['3302', '330000', false],
  ])('%s within %s → %s', (district, region, expected) => {
    expect(withinByPrefix(district, region)).toBe(expected);
  });

  it('visibleTo uses the function it is given (identity’s tree)', () => {
    const tree = (district: string, region: string) => district === '330203' && region === '339900';
    expect(visibleTo({ district: '330203' }, '339900', tree)).toBe(true);
    expect(visibleTo({ district: '330203' }, '330200', tree)).toBe(false);
  });
});

describe('queries', () => {
  const state = evolveAll([
    aRaised('a1', { raisedAt: cn('2026-11-09 08:00') }),
    aRaised('a2', { raisedAt: cn('2026-11-09 09:00') }),
    aRaised('a3', { severity: 'critical', rule: 'indicator-regression', raisedAt: cn('2026-11-09 07:00') }),
    aRaised('a4', { district: '330106', school: '3301060001' }),
    aRaised('a5'),
    { type: 'AlertResolved', version: 1, data: { alertId: 'a5', at: cn('2026-11-09 10:00'), reason: 'condition-cleared' } },
  ]);

  it('openAlerts: raised and acknowledged alerts in the region, critical first, then newest first', () => {
    expect(openAlerts(state, '330200', withinByPrefix).map((a) => a.alertId)).toEqual(['a3', 'a2', 'a1']);
    expect(openAlerts(state, '330000', withinByPrefix).map((a) => a.alertId)).toEqual(['a3', 'a2', 'a4', 'a1']);
    expect(openAlerts(state, '330100', withinByPrefix).map((a) => a.alertId)).toEqual(['a4']);
    expect(openAlerts(state, '330204', withinByPrefix)).toEqual([]);
  });

  it('alertCounts: by severity and by rule and severity, zeros included', () => {
    expect(alertCounts(openAlerts(state, '330200', withinByPrefix))).toEqual({
      total: 3,
      bySeverity: { warning: 2, critical: 1 },
      byRule: {
        'silent-source': { total: 2, warning: 2, critical: 0 },
        'reject-spike': { total: 0, warning: 0, critical: 0 },
        'indicator-regression': { total: 1, warning: 0, critical: 1 },
        'attendance-anomaly': { total: 0, warning: 0, critical: 0 },
      },
    });
  });
});
