import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { itemsPerGroup, levelCounts, textAfter } from '../reconcile/reconcile';
import { allItems } from '../schema';
import { zhejiang } from './zhejiang';

const document = readFileSync(join(__dirname, '../../../../../docs/standards/originals', zhejiang.sourceFile), 'utf8');

// The requirements live in 三、建设内容; the headings' markdown depth varies (## to #####) in the
// extraction, so areas and sub-headings are told apart by their numbering, not by '#'.
const section = document.slice(document.indexOf('## 三、建设内容'), document.indexOf('## 四、组织实施'));
const lines = section.split('\n').map((l) => l.trim());
const AREA = /^#+\s*[（(]([一二三四五六])[）)]\s*(\S.*)$/u;
const SUB = /^#+\s*(\d+)\.\s*(\S.*)$/u;
const ITEM = /^[（(](\d+)[）)]/u;
const OPTIONAL = /[（(]0[）)]/gu;

/** Items per sub-heading as the document lays them out, keyed like the catalog's group ids. */
function documentItemsPerSub(): Record<string, number> {
  const counts: Record<string, number> = {};
  let area = '';
  let sub = '';
  for (const line of lines) {
    const a = AREA.exec(line);
    const s = SUB.exec(line);
    if (a) area = a[1]!;
    else if (s) counts[(sub = `(${area})${s[1]}`)] = 0;
    else if (ITEM.test(line)) counts[sub] = (counts[sub] ?? 0) + 1;
  }
  return counts;
}

describe('Zhejiang catalog against 浙江省普通中小学智慧校园建设指南', () => {
  const items = allItems(zhejiang.groups);

  it('has the six areas, 27 sub-headings and 88 numbered requirements the document has', () => {
    expect(levelCounts(zhejiang)).toEqual({
      groups: [lines.filter((l) => AREA.test(l)).length, lines.filter((l) => SUB.test(l)).length],
      items: lines.filter((l) => ITEM.test(l)).length,
    });
    expect(levelCounts(zhejiang)).toEqual({ groups: [6, 27], items: 88 });
    expect(document).toContain('六个方面');
  });

  it('has as many requirements under each sub-heading as the document', () => {
    const catalogCounts = Object.fromEntries(Object.entries(itemsPerGroup(zhejiang)).filter(([id]) => /\d$/u.test(id)));
    expect(catalogCounts).toEqual(documentItemsPerSub());
  });

  it('marks optional exactly the items the document ends with (0): 23 of 88', () => {
    expect(document).toContain('本指南增加了可选项，用0标识');
    expect(section.match(OPTIONAL)).toHaveLength(23);
    for (const item of items) {
      const marked = /^[（(]0[）)]/u.test(textAfter(section, item.text, 3));
      expect({ id: item.id, optional: item.requirement === 'optional' }).toEqual({ id: item.id, optional: marked });
    }
    expect(items.filter((i) => i.requirement === 'optional')).toHaveLength(23);
    expect(items.filter((i) => i.requirement === 'basic')).toHaveLength(65);
  });

  it('numbers the requirements (1)…(n) under each sub-heading, with no gaps', () => {
    for (const sub of zhejiang.groups.flatMap((g) => g.groups ?? [])) {
      expect((sub.items ?? []).map((i) => i.number)).toEqual((sub.items ?? []).map((_, k) => String(k + 1)));
    }
  });

  it('has no points: the guide sets requirements, not scores', () => {
    expect(items.every((i) => i.points === undefined)).toBe(true);
    expect(zhejiang.scoring).toEqual({ kind: 'requirements' });
  });
});
