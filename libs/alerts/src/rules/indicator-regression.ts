import { regionCode, schoolCode } from '@educube/contracts';
import { z } from 'zod';
import { normalizeInstant } from '../china-time';
import type { AlertsConfig } from '../config';
import { subjectOf, type Condition, type Evaluation } from '../condition';
import { idPart } from '../events';
import { parseObservations } from '../observations';

// Indicator regression: a school loses something it had under a standard — an item it met, or
// a star (Ningxia). One alert per item lost and per star lost (3 → 1 stars is two alerts: the
// 3rd and the 2nd star), so each resolves on its own when regained. Items gained raise nothing.
// `previous` is the standing the caller last evaluated, `current` the new one: an alert is
// raised on the change; after that it stays open while the item is unmet (or the star missing),
// whatever later pairs say, and resolves when `current` meets the item (has the star) again.

const standing = z.strictObject({
  /** Ids of the items met (catalog item ids, e.g. Ningxia "18"). */
  itemsMet: z.array(idPart),
  /** Stars, for standards with stars (Ningxia 0–5 after the ★ veto). */
  stars: z.number().int().min(0).max(5).optional(),
});

export const indicatorRegressionObservationSchema = z.strictObject({
  school: schoolCode,
  district: regionCode,
  standard: idPart,
  previous: standing,
  current: standing,
  /** The standard's ★ (veto) items, from the catalog: losing one is `severity.vetoItem`. */
  vetoItems: z.array(idPart).default([]),
  /** The standard as people name it (the catalog's title), for the messages; else its id. */
  standardName: z.strictObject({ zh: z.string().min(1).max(100), en: z.string().min(1).max(200) }).optional(),
});
export type IndicatorRegressionObservation = z.input<typeof indicatorRegressionObservationSchema>;

export function evaluateIndicatorRegression(config: AlertsConfig, observations: readonly IndicatorRegressionObservation[], now: string): Evaluation {
  const c = config.indicatorRegression;
  if (!c.enabled) return { rule: 'indicator-regression', conditions: [], cleared: [] };
  const list = parseObservations(
    indicatorRegressionObservationSchema,
    observations,
    (o) => subjectOf(o.school, o.standard),
    'indicator-regression observations',
  );
  const episode = normalizeInstant(now);
  const conditions: Condition[] = [];
  const cleared: string[] = [];
  for (const o of list) {
    const zhName = o.standardName ? `《${o.standardName.zh}》` : ` ${o.standard} 标准`;
    const enName = o.standardName?.en ?? o.standard;
    const met = new Set(o.current.itemsMet);
    const veto = new Set(o.vetoItems);
    for (const itemId of o.current.itemsMet) cleared.push(subjectOf(o.school, o.standard, 'item', itemId));
    for (const itemId of new Set(o.previous.itemsMet)) {
      if (met.has(itemId)) continue;
      const isVeto = veto.has(itemId);
      conditions.push({
        rule: 'indicator-regression',
        subject: subjectOf(o.school, o.standard, 'item', itemId),
        episode,
        severity: isVeto ? c.severity.vetoItem : c.severity.item,
        school: o.school,
        district: o.district,
        standard: o.standard,
        itemId,
        message: {
          zh: `学校 ${o.school} 在${zhName}下不再达成第 ${itemId} 项${isVeto ? '（★否决项）' : ''}。`,
          en: `School ${o.school} no longer meets item ${itemId} of ${enName}${isVeto ? ' (a ★ veto item)' : ''}.`,
        },
        observed: { met: 0, veto: isVeto ? 1 : 0 },
        thresholds: { met: 1 },
      });
    }
    const before = o.previous.stars;
    const after = o.current.stars;
    if (after === undefined) continue;
    for (let star = 1; star <= after; star++) cleared.push(subjectOf(o.school, o.standard, 'star', star));
    if (before === undefined || after >= before) continue;
    for (let star = before; star > after; star--) {
      conditions.push({
        rule: 'indicator-regression',
        subject: subjectOf(o.school, o.standard, 'star', star),
        episode,
        severity: c.severity.star,
        school: o.school,
        district: o.district,
        standard: o.standard,
        message: {
          zh: `学校 ${o.school} 在${zhName}下由 ${before} 星降为 ${after} 星，失去第 ${star} 星。`,
          en: `School ${o.school} fell from ${before} to ${after} stars under ${enName}, losing star ${star}.`,
        },
        observed: { stars: after, previousStars: before },
        thresholds: { stars: star },
      });
    }
  }
  return { rule: 'indicator-regression', conditions, cleared };
}
