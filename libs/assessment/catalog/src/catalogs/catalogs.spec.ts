import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalTexts, placeInOrder, squeeze } from '../reconcile/reconcile';
import { allItems, catalogSchema } from '../schema';
import { CATALOGS } from './index';

// The specs read the repo's read-only copies (CI has no ../shared); the shared originals are
// compared with them wherever they are present.
const ORIGINALS = join(__dirname, '../../../../../docs/standards/originals');
const SHARED = join(__dirname, '../../../../../../shared/standards');

describe.each(Object.values(CATALOGS))('catalog $id', (catalog) => {
  const document = readFileSync(join(ORIGINALS, catalog.sourceFile), 'utf8');

  it('parses against the catalog schema', () => {
    expect(catalogSchema.safeParse(catalog).error?.issues ?? []).toEqual([]);
  });

  it('reads from a copy identical to the shared original', () => {
    const shared = join(SHARED, catalog.sourceFile);
    if (existsSync(shared)) expect(readFileSync(shared, 'utf8')).toBe(document);
  });

  it('quotes the document title, and after the catalog title every group name, item name and text verbatim, in order', () => {
    expect(squeeze(document)).toContain(squeeze(catalog.documentTitle));
    expect(placeInOrder(document, [catalog.title, ...originalTexts(catalog)])).toEqual({ missing: [], outOfOrder: [] });
  });

  it('quotes acceptance methods and ▲ qualifiers verbatim', () => {
    const quoted = allItems(catalog.groups).flatMap((item) => [
      ...(item.acceptance === undefined ? [] : [item.acceptance]),
      ...(item.requiredAt ?? []).flatMap((r) => (r.qualifier === undefined ? [] : [r.qualifier])),
    ]);
    for (const text of quoted) expect(squeeze(document)).toContain(squeeze(text));
  });

  it('names its levels with words the document uses', () => {
    for (const level of catalog.levels) if (level.name !== null) expect(document).toContain(level.name);
  });

  it('labels every item in English and keeps Chinese out of the label', () => {
    for (const item of allItems(catalog.groups)) expect(item.label).not.toMatch(/[\u4e00-\u9fff]/u);
  });
});
