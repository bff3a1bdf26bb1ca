import {
  alertsConfig,
  decide,
  evaluateIndicatorRegression,
  evaluateRejectSpike,
  evaluateSilentSource,
  evolveAll,
  initialState,
  type AlertEvent,
  type AlertView,
} from '@educube/alerts';
import { aRejectWindow, aSilentSource, aStandingChange, cn, SCHOOL } from '@educube/alerts/testing';
import { alertOf, parseAlertId, regionAlerts } from './alerts';
import type { AlertsApi } from './upstream/clients';

// The gateway reads alerts the owners decided: these views come from the alert lib's own
// rules and decisions, as the owners' streams hold them.

const config = alertsConfig();
const NOW = cn('2026-11-06 15:00');

function viewsOf(events: readonly AlertEvent[]): AlertView[] {
  return Object.values(evolveAll(events).alerts);
}
const silent = () => viewsOf(decide(initialState, evaluateSilentSource(config, [aSilentSource(cn('2026-11-06 09:00'))], NOW), NOW));
const spike = () => viewsOf(decide(initialState, evaluateRejectSpike(config, [aRejectWindow({ accepted: 10, rejected: 40 })], NOW), NOW));
const lostStar = () =>
  viewsOf(decide(initialState, evaluateIndicatorRegression(config, [aStandingChange({ itemsMet: ['18'], stars: 3 }, { itemsMet: [], stars: 2 })], NOW), NOW));

const owner = (alerts: AlertView[]): Pick<AlertsApi, 'list'> => ({
  list: async (_region, status, limit) => ({
    region: { code: '330203', name: '海曙区', level: 'district' },
    status,
    evaluatedAt: null,
    counts: { total: alerts.length, bySeverity: { warning: 0, critical: 0 }, byRule: {} as never },
    alerts: alerts.slice(0, limit),
  }),
});

describe('alerts as the gateway serves them', () => {
  it('a silent source: its kind, district, both messages, since its last event, and what was measured', () => {
    const [view] = silent();
    const alert = alertOf(view!);
    expect(alert).toMatchObject({
      kind: 'SILENT_SOURCE',
      status: 'RAISED',
      severity: 'warning',
      school: SCHOOL,
      region: '330203',
      source: 'timetabling',
      standard: null,
      since: view!.episode,
      acknowledgement: null,
      resolvedAt: null,
    });
    expect(alert.message).toMatch(/timetabling/);
    expect(alert.messageEn).toMatch(/timetabling/);
    expect(alert.measures.find((m) => m.name === 'silentAfterMinutes')?.threshold).toBe('60');
  });

  it('an indicator regression names the standard and item; a lost star is its own alert', () => {
    const alerts = lostStar().map(alertOf);
    expect(alerts.map((a) => [a.kind, a.standard, a.itemId, a.severity])).toEqual([
      ['INDICATOR_REGRESSION', 'ningxia', '18', 'warning'],
      ['INDICATOR_REGRESSION', 'ningxia', null, 'critical'],
    ]);
  });

  it('an acknowledged alert shows who, when and why', () => {
    const [raised] = spike();
    const acknowledged = viewsOf([
      ...decide(initialState, evaluateRejectSpike(config, [aRejectWindow({ accepted: 10, rejected: 40 })], NOW), NOW),
      {
        type: 'AlertAcknowledged',
        version: 1,
        data: { alertId: raised!.alertId, by: { subject: 'u-1', role: 'district_officer' }, at: NOW, note: '已联系厂商' },
      },
    ]);
    expect(alertOf(acknowledged[0]!)).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgement: { by: 'u-1', role: 'district_officer', at: NOW, note: '已联系厂商' },
    });
  });

  it('parses the rule and school out of an id; ids no rule makes are refused', () => {
    expect(parseAlertId(silent()[0]!.alertId)).toEqual({ rule: 'silent-source', school: SCHOOL });
    expect(parseAlertId('silent:3302030001:grading')).toBeUndefined();
    expect(parseAlertId('reject-spike')).toBeUndefined();
  });

  it('merges both owners’ alerts, most urgent first, at most `first`', async () => {
    const upstreams = { warehouse: { alerts: owner([...silent(), ...spike()]) }, assessment: { alerts: owner(lostStar()) } } as never;
    const merged = await regionAlerts(upstreams, '330203', 'open', 3);
    // the critical star first; then warnings raised at the same time, by id
    expect(merged.map((a) => `${a.rule} ${a.severity} ${a.itemId ?? a.source ?? ''}`.trim())).toEqual([
      'indicator-regression critical',
      'indicator-regression warning 18',
      'reject-spike warning grading',
    ]);
  });
});
