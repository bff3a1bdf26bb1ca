import type { Catalog, CatalogGroup } from '../schema';
import { allGroups, allItems } from '../schema';

/**
 * Pure helpers the reconciliation specs use to hold a catalog against its document's text.
 * The text is passed in; reading the file is the spec's job (this lib does no I/O).
 */

/**
 * Drops every whitespace character. The documents are PDF/Word extractions whose line breaks
 * fall inside Chinese sentences, so whitespace carries no meaning when matching wording.
 */
export function squeeze(text: string): string {
  return text.replace(/\s+/gu, '');
}

export interface Placement {
  /** Texts found nowhere in the document. */
  missing: string[];
  /** Texts found, but only before the previous text's place: the catalog's order is not the document's. */
  outOfOrder: string[];
}

/** Finds each text verbatim (whitespace aside) in the document, each after the one before. */
export function placeInOrder(document: string, texts: readonly string[]): Placement {
  const doc = squeeze(document);
  const result: Placement = { missing: [], outOfOrder: [] };
  let from = 0;
  for (const text of texts) {
    const needle = squeeze(text);
    const at = doc.indexOf(needle, from);
    if (at >= 0) {
      from = at + needle.length;
    } else if (doc.includes(needle)) {
      result.outOfOrder.push(text);
    } else {
      result.missing.push(text);
    }
  }
  return result;
}

/** What follows `text` in the document (whitespace dropped), `length` characters of it. */
export function textAfter(document: string, text: string, length: number): string {
  const doc = squeeze(document);
  const needle = squeeze(text);
  const at = doc.indexOf(needle);
  return at < 0 ? '' : doc.slice(at + needle.length, at + needle.length + length);
}

/** What precedes `text` in the document (whitespace dropped), `length` characters of it. */
export function textBefore(document: string, text: string, length: number): string {
  const doc = squeeze(document);
  const at = doc.indexOf(squeeze(text));
  return at < 0 ? '' : doc.slice(Math.max(0, at - length), at);
}

export interface LevelCounts {
  /** Number of groups at each depth, top first. */
  groups: number[];
  items: number;
}

export function levelCounts(catalog: Catalog): LevelCounts {
  const groups: number[] = [];
  const walk = (list: readonly CatalogGroup[], depth: number): void => {
    for (const group of list) {
      groups[depth] = (groups[depth] ?? 0) + 1;
      walk(group.groups ?? [], depth + 1);
    }
  };
  walk(catalog.groups, 0);
  return { groups, items: allItems(catalog.groups).length };
}

/** Every original-wording string of a catalog in document order: group names, item names and texts. */
export function originalTexts(catalog: Catalog): string[] {
  const out: string[] = [];
  const walk = (list: readonly CatalogGroup[]): void => {
    for (const group of list) {
      out.push(group.name);
      walk(group.groups ?? []);
      for (const item of group.items ?? []) {
        if (item.name !== undefined) out.push(item.name);
        out.push(item.text);
      }
    }
  };
  walk(catalog.groups);
  return out;
}

/** Items per group id (a group's own items, not its subgroups'). */
export function itemsPerGroup(catalog: Catalog): Record<string, number> {
  return Object.fromEntries(allGroups(catalog.groups).map((g) => [g.id, g.items?.length ?? 0]));
}
