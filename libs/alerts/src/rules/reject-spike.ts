import { count, regionCode, schoolCode } from '@educube/contracts';
import { z } from 'zod';
import { normalizeInstant } from '../china-time';
import type { AlertsConfig } from '../config';
import { atLeast, subjectOf, type Condition, type Evaluation } from '../condition';
import { idPart } from '../events';
import { parseObservations } from '../observations';

// Reject-rate spike: a source whose events the hub suddenly rejects (contract violations, an
// upgrade gone wrong). Raised when, in the last window, all three hold:
//   rejected ≥ minRejects             (a handful of rejects is not a spike)
//   rate ≥ minRate                    (rate = rejected / (accepted + rejected) in the window)
//   rate ≥ factor × baseline rate     (the source's own rate over the days before; a baseline
//                                      of 0 is passed by any rate, so minRate alone decides)
// Hysteresis: an open alert resolves only once rejected < clearBelowRejects or rate <
// clearBelowRate (both lower than the raise thresholds), so a rate wobbling around 20 % does
// not raise and resolve an alert every evaluation. Between the two bars nothing changes.

const counts = z.strictObject({ accepted: count, rejected: count });

export const rejectSpikeObservationSchema = z.strictObject({
  school: schoolCode,
  district: regionCode,
  source: idPart,
  /** Events of this source accepted and rejected in the last `windowMinutes`. */
  window: counts,
  /** The same over the `baselineDays` days before the window. */
  baseline: counts,
});
export type RejectSpikeObservation = z.input<typeof rejectSpikeObservationSchema>;

const rateOf = (c: { accepted: number; rejected: number }): number => (c.accepted + c.rejected === 0 ? 0 : c.rejected / (c.accepted + c.rejected));
const percent = (r: number): string => `${(Math.round(r * 1000) / 10).toString()}%`;
const round4 = (r: number): number => Math.round(r * 10_000) / 10_000;

export function evaluateRejectSpike(config: AlertsConfig, observations: readonly RejectSpikeObservation[], now: string): Evaluation {
  const c = config.rejectSpike;
  if (!c.enabled) return { rule: 'reject-spike', conditions: [], cleared: [] };
  const list = parseObservations(rejectSpikeObservationSchema, observations, (o) => subjectOf(o.school, o.source), 'reject-spike observations');
  const episode = normalizeInstant(now);
  const conditions: Condition[] = [];
  const cleared: string[] = [];
  for (const o of list) {
    const subject = subjectOf(o.school, o.source);
    const rate = rateOf(o.window);
    const baseline = rateOf(o.baseline);
    const spike = o.window.rejected >= c.minRejects && atLeast(rate, c.minRate) && (baseline === 0 || atLeast(rate, c.factor * baseline));
    if (!spike) {
      if (o.window.rejected < c.clearBelowRejects || !atLeast(rate, c.clearBelowRate)) cleared.push(subject);
      continue;
    }
    const total = o.window.accepted + o.window.rejected;
    conditions.push({
      rule: 'reject-spike',
      subject,
      episode,
      severity: c.severity,
      school: o.school,
      district: o.district,
      source: o.source,
      message: {
        zh: `学校 ${o.school} 的 ${o.source} 系统近 ${c.windowMinutes} 分钟有 ${o.window.rejected}/${total} 条数据被拒收（${percent(rate)}），前 ${c.baselineDays} 天为 ${percent(baseline)}。`,
        en: `${o.source} of school ${o.school}: ${o.window.rejected} of ${total} events rejected in the last ${c.windowMinutes} minutes (${percent(rate)}), against ${percent(baseline)} over the ${c.baselineDays} days before.`,
      },
      observed: {
        accepted: o.window.accepted,
        rejected: o.window.rejected,
        rate: round4(rate),
        baselineRate: round4(baseline),
        baselineAccepted: o.baseline.accepted,
        baselineRejected: o.baseline.rejected,
      },
      thresholds: { windowMinutes: c.windowMinutes, baselineDays: c.baselineDays, minRejects: c.minRejects, minRate: c.minRate, factor: c.factor },
    });
  }
  return { rule: 'reject-spike', conditions, cleared };
}
