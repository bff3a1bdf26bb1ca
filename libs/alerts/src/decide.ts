import { isoDateTime } from '@educube/contracts';
import type { Condition, Evaluation } from './condition';
import { parseOrThrow } from './errors';
import { type AlertEvent, type AlertRaised, type Rule } from './events';
import type { AlertView, AlertsState } from './state';

// From what the rules found to events. For each evaluation:
//  - a condition with no open alert on its (rule, subject) raises one, id `<rule>:<subject>:<episode>`;
//  - a condition whose subject has an open alert changes nothing (the alert is still true), except
//    for rules whose episode is a fact about the subject (silent-source: the last event): a new
//    episode means the old silence ended, so the old alert resolves and a new one is raised;
//  - a subject the rule checked and found clear resolves its open alert (`condition-cleared`);
//  - anything else — a subject not observed this time, or between a rule's raise and clear
//    thresholds — is left alone. That is the hysteresis, and it is also why a batch that misses
//    a school never resolves that school's alerts.
// An id already used (an alert raised and resolved in the same episode) is not raised again.

/** Rules whose episode names the occurrence itself, so a different episode is a different alert. */
const EPISODIC: ReadonlySet<Rule> = new Set<Rule>(['silent-source']);

const keyOf = (rule: Rule, subject: string): string => `${rule}|${subject}`;
export const alertIdOf = (c: Pick<Condition, 'rule' | 'subject' | 'episode'>): string => `${c.rule}:${c.subject}:${c.episode}`;

function raised(c: Condition, raisedAt: string): AlertRaised {
  return {
    type: 'AlertRaised',
    version: 1,
    data: {
      alertId: alertIdOf(c),
      rule: c.rule,
      severity: c.severity,
      school: c.school,
      district: c.district,
      subject: c.subject,
      episode: c.episode,
      ...(c.source === undefined ? {} : { source: c.source }),
      ...(c.standard === undefined ? {} : { standard: c.standard }),
      ...(c.itemId === undefined ? {} : { itemId: c.itemId }),
      message: c.message,
      observed: c.observed,
      thresholds: c.thresholds,
      raisedAt,
    },
  };
}

export function decide(state: AlertsState, evaluations: Evaluation | readonly Evaluation[], now: string): AlertEvent[] {
  parseOrThrow(isoDateTime, now, 'decision time');
  const open = new Map<string, AlertView>();
  for (const a of Object.values(state.alerts)) if (a.status !== 'resolved') open.set(keyOf(a.rule, a.subject), a);
  const used = new Set(Object.keys(state.alerts));
  const events: AlertEvent[] = [];
  const resolve = (alert: AlertView): void => {
    events.push({ type: 'AlertResolved', version: 1, data: { alertId: alert.alertId, at: now, reason: 'condition-cleared' } });
    open.delete(keyOf(alert.rule, alert.subject));
  };
  for (const evaluation of Array.isArray(evaluations) ? (evaluations as readonly Evaluation[]) : [evaluations as Evaluation]) {
    for (const subject of evaluation.cleared) {
      const alert = open.get(keyOf(evaluation.rule, subject));
      if (alert) resolve(alert);
    }
    for (const c of evaluation.conditions) {
      if (c.rule !== evaluation.rule) throw new RangeError(`a ${c.rule} condition in a ${evaluation.rule} evaluation`);
      const current = open.get(keyOf(c.rule, c.subject));
      if (current && (current.episode === c.episode || !EPISODIC.has(c.rule))) continue;
      const id = alertIdOf(c);
      if (used.has(id)) continue;
      if (current) resolve(current);
      const event = raised(c, now);
      events.push(event);
      used.add(id);
      open.set(keyOf(c.rule, c.subject), { ...event.data, status: 'raised' });
    }
  }
  return events;
}

/** A rule switched off: its open alerts resolve with reason `rule-disabled` (call once when the configuration changes). */
export function retireRule(state: AlertsState, rule: Rule, at: string): AlertEvent[] {
  parseOrThrow(isoDateTime, at, 'resolution time');
  return Object.values(state.alerts)
    .filter((a) => a.rule === rule && a.status !== 'resolved')
    .map((a) => ({ type: 'AlertResolved', version: 1, data: { alertId: a.alertId, at, reason: 'rule-disabled' } }));
}
