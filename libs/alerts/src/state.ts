import type { Severity } from './config';
import { instantOf } from './china-time';
import { RULES, type ActorRef, type AlertEvent, type AlertRaised, type ResolutionReason, type Rule } from './events';

// An alert stream's state: every alert by id with its status. `evolve` is idempotent per event
// (a redelivered event changes nothing): a second AlertRaised for a known id is ignored, the
// first acknowledgement and the first resolution win.

export type AlertStatus = 'raised' | 'acknowledged' | 'resolved';

export type AlertView = AlertRaised['data'] & {
  readonly status: AlertStatus;
  readonly acknowledged?: { readonly by: ActorRef; readonly at: string; readonly note?: string };
  readonly resolved?: { readonly at: string; readonly reason: ResolutionReason };
};

export interface AlertsState {
  readonly alerts: Readonly<Record<string, AlertView>>;
}

export const initialState: AlertsState = { alerts: {} };

const put = (state: AlertsState, alert: AlertView): AlertsState => ({ alerts: { ...state.alerts, [alert.alertId]: alert } });

export function evolve(state: AlertsState, event: AlertEvent): AlertsState {
  switch (event.type) {
    case 'AlertRaised': {
      if (state.alerts[event.data.alertId]) return state;
      return put(state, { ...event.data, status: 'raised' });
    }
    case 'AlertAcknowledged': {
      const alert = state.alerts[event.data.alertId];
      if (!alert || alert.acknowledged) return state;
      const { by, at, note } = event.data;
      return put(state, {
        ...alert,
        status: alert.status === 'resolved' ? 'resolved' : 'acknowledged',
        acknowledged: note === undefined ? { by, at } : { by, at, note },
      });
    }
    case 'AlertResolved': {
      const alert = state.alerts[event.data.alertId];
      if (!alert || alert.resolved) return state;
      return put(state, { ...alert, status: 'resolved', resolved: { at: event.data.at, reason: event.data.reason } });
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled alert event ${JSON.stringify(unhandled)}`);
    }
  }
}

export const evolveAll = (events: readonly AlertEvent[], state: AlertsState = initialState): AlertsState => events.reduce(evolve, state);

/** Is `district` within `region`? The caller passes identity's tree; `withinByPrefix` is the code rule. */
export type Within = (district: string, region: string) => boolean;

/**
 * The 行政区划代码 prefix rule: a province (`330000`) holds the codes starting `33`, a city
 * (`330200`) those starting `3302`, a county-level code only itself. Right for the ordinary
 * tree; identity's tree knows the exceptions (e.g. districts re-parented to a new-area
 * committee), so a service should pass that instead.
 */
export function withinByPrefix(district: string, region: string): boolean {
  if (!/^\d{6}$/.test(district) || !/^\d{6}$/.test(region)) return false;
  if (region.endsWith('0000')) return district.startsWith(region.slice(0, 2));
  if (region.endsWith('00')) return district.startsWith(region.slice(0, 4));
  return district === region;
}

/** An officer whose scope is `region` sees an alert of a school in a district within it. */
export const visibleTo = (alert: Pick<AlertView, 'district'>, region: string, within: Within): boolean => within(alert.district, region);

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1 };

/** The order alerts are shown in: open before resolved, critical first, then newest first (ties by id). */
export function compareAlerts(a: AlertView, b: AlertView): number {
  const closed = (x: AlertView): number => (x.status === 'resolved' ? 1 : 0);
  return (
    closed(a) - closed(b) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    instantOf(b.raisedAt) - instantOf(a.raisedAt) ||
    (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0)
  );
}

/** Open (raised or acknowledged) alerts an officer of `region` sees: critical first, then newest first. */
export function openAlerts(state: AlertsState, region: string, within: Within): AlertView[] {
  return Object.values(state.alerts)
    .filter((a) => a.status !== 'resolved' && visibleTo(a, region, within))
    .sort(compareAlerts);
}

export interface AlertCounts {
  readonly total: number;
  readonly bySeverity: Record<Severity, number>;
  readonly byRule: Record<Rule, { readonly total: number } & Record<Severity, number>>;
}

/** Counts by rule and severity (every rule and severity present, zero when none). */
export function alertCounts(alerts: readonly Pick<AlertView, 'rule' | 'severity'>[]): AlertCounts {
  const bySeverity: Record<Severity, number> = { warning: 0, critical: 0 };
  const byRule = Object.fromEntries(RULES.map((r) => [r, { total: 0, warning: 0, critical: 0 }])) as Record<
    Rule,
    { total: number; warning: number; critical: number }
  >;
  for (const a of alerts) {
    bySeverity[a.severity] += 1;
    byRule[a.rule].total += 1;
    byRule[a.rule][a.severity] += 1;
  }
  return { total: alerts.length, bySeverity, byRule };
}
