import { CATALOGS } from '@educube/assessment-catalog';
import type { Evaluation, IndicatorRegressionObservation } from '@educube/alerts';
import type { HeldStanding, PendingStanding } from '../standings/standings-store';
import { alertItemId, catalogItemId, vetoItemsOf } from './catalog-ids';

// From stored standings to the indicator-regression rule's observations and back: `previous` is
// what the alerts last compared for the school and standard, `current` what it holds now.

/** Stars only where the standard rates in stars (Ningxia: after the ★ veto, what the school holds). */
const held = (h: HeldStanding): IndicatorRegressionObservation['current'] => ({
  itemsMet: h.metItems.map(alertItemId),
  ...(h.stars === null ? {} : { stars: h.stars }),
});

/**
 * One observation per pending standing that has something to regress from. A school's first
 * standing has not (nothing raised); a school identity's tree does not place has no district,
 * so no stream and no officer to see it.
 */
export function regressionObservations(
  pending: readonly PendingStanding[],
  districtOf: (school: string) => string | undefined,
): IndicatorRegressionObservation[] {
  return pending.flatMap((p) => {
    const district = districtOf(p.school);
    if (p.alerted === null || district === undefined) return [];
    const catalog = CATALOGS[p.standard];
    return [
      {
        school: p.school,
        district,
        standard: p.standard,
        standardName: { zh: catalog.title, en: catalog.titleLabel },
        previous: held(p.alerted),
        current: held(p.current),
        vetoItems: [...vetoItemsOf(p.standard)],
      },
    ];
  });
}

/**
 * The raised alerts name the item as the catalog does (`itemId`, and in the message), as every
 * other answer of the assessment does; only the subject, and so the alert id, keeps the encoded form.
 */
export function withCatalogItemIds(evaluation: Evaluation): Evaluation {
  const conditions = evaluation.conditions.map((c) => {
    const id = c.itemId === undefined ? undefined : catalogItemId(c.itemId);
    if (c.itemId === undefined || id === undefined || id === c.itemId) return c;
    return { ...c, itemId: id, message: { zh: c.message.zh.replace(c.itemId, id), en: c.message.en.replace(c.itemId, id) } };
  });
  return { ...evaluation, conditions };
}
