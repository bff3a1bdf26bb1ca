import { allItems, CATALOGS, STANDARD_IDS, type StandardId } from '@educube/assessment-catalog';

// An alert id (`<rule>:<subject>:<episode>`) is printable ASCII, since it travels in URLs, and an
// item alert's subject holds the item's id. Every catalog id is a valid id part (no whitespace,
// ':' or '/'), but Zhejiang's and Jiangsu's carry Chinese numerals (`(一)1.(1)`, `一(一)1`), which
// an alert id may not: the stream would refuse to read its own event back. So the item's part of
// the subject is the id percent-encoded (`(%E4%B8%80)1.(1)`), reversibly; ASCII ids (Ningxia's
// `18`, Ningbo's `B1`, Wenzhou's `7`) stay exactly as the catalog prints them.

export const alertItemId = (catalogId: string): string => encodeURIComponent(catalogId);

export const catalogItemId = (itemIdInAlert: string): string => decodeURIComponent(itemIdInAlert);

const VETO_ITEMS: ReadonlyMap<StandardId, readonly string[]> = new Map(
  STANDARD_IDS.map((standard) => [
    standard,
    allItems(CATALOGS[standard].groups)
      .filter((item) => item.veto === true)
      .map((item) => alertItemId(item.id)),
  ]),
);

/** The standard's ★ (veto) items (Ningxia's), as alert item ids: losing one is the `vetoItem` severity. */
export const vetoItemsOf = (standard: StandardId): readonly string[] => VETO_ITEMS.get(standard) ?? [];
