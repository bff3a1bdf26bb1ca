import { compareAlerts, RULES, type AlertView, type Rule } from '@educube/alerts';
import type { Upstreams } from './context';
import type { AlertsApi } from './upstream/clients';
import { AlertKind, AlertStatus, type Alert } from './types/viewer.types';

// Alerts live in the streams of the services that hold their facts (ADR 4): the warehouse's
// ingestion and attendance rules, the assessment's indicator regression. The gateway reads both
// and merges them in one order; it decides nothing about them.

const KIND: Record<Rule, AlertKind> = {
  'silent-source': AlertKind.SILENT_SOURCE,
  'reject-spike': AlertKind.REJECT_SPIKE,
  'attendance-anomaly': AlertKind.ATTENDANCE_ANOMALY,
  'indicator-regression': AlertKind.INDICATOR_REGRESSION,
};

/** Which service's stream holds an alert of each rule. */
export function ownerOf(upstreams: Pick<Upstreams, 'warehouse' | 'assessment'>, rule: Rule): AlertsApi {
  return rule === 'indicator-regression' ? upstreams.assessment.alerts : upstreams.warehouse.alerts;
}

/** `<rule>:<school>:…` → the rule and the school, or undefined for an id no rule makes. */
export function parseAlertId(id: string): { rule: Rule; school: string } | undefined {
  const [rule, school] = id.split(':');
  if (!rule || !school || !(RULES as readonly string[]).includes(rule)) return undefined;
  return { rule: rule as Rule, school };
}

const STATUS: Record<AlertView['status'], AlertStatus> = { raised: AlertStatus.RAISED, acknowledged: AlertStatus.ACKNOWLEDGED, resolved: AlertStatus.RESOLVED };
const text = (v: string | number | null | undefined): string | null => (v === undefined || v === null ? null : String(v));
const looksLikeTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}/.test(s);

export function alertOf(v: AlertView): Alert {
  const names = [...new Set([...Object.keys(v.observed), ...Object.keys(v.thresholds)])];
  return {
    id: v.alertId,
    kind: KIND[v.rule],
    severity: v.severity,
    status: STATUS[v.status],
    school: v.school,
    source: v.source ?? null,
    standard: v.standard ?? null,
    itemId: v.itemId ?? null,
    region: v.district,
    message: v.message.zh,
    messageEn: v.message.en,
    since: looksLikeTime(v.episode) ? v.episode : v.raisedAt,
    raisedAt: v.raisedAt,
    acknowledgement: v.acknowledged
      ? { by: v.acknowledged.by.subject, role: v.acknowledged.by.role, at: v.acknowledged.at, note: v.acknowledged.note ?? null }
      : null,
    resolvedAt: v.resolved?.at ?? null,
    measures: names.map((name) => ({ name, observed: text(v.observed[name]), threshold: text(v.thresholds[name]) })),
  };
}

/** A region's alerts from every owner, most urgent first (open before resolved, critical first, newest first). */
export async function regionAlerts(
  upstreams: Pick<Upstreams, 'warehouse' | 'assessment'>,
  region: string,
  status: 'open' | 'all',
  first: number,
): Promise<AlertView[]> {
  const answers = await Promise.all([upstreams.warehouse.alerts.list(region, status, first), upstreams.assessment.alerts.list(region, status, first)]);
  return answers
    .flatMap((a) => a?.alerts ?? [])
    .sort(compareAlerts)
    .slice(0, first);
}
