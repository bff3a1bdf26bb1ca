import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelCounts, squeeze } from '../reconcile/reconcile';
import { allItems } from '../schema';
import { ningbo } from './ningbo';

const document = readFileSync(join(__dirname, '../../../../../docs/standards/originals', ningbo.sourceFile), 'utf8');

// The annex table (附表) in two halves; its page footer "- 16 -" separates them.
const lines = document.split('\n').map((l) => l.trim());
const basicTable = lines.slice(lines.indexOf('（基本要求）'), lines.indexOf('- 16 -'));
const featuredTable = lines.slice(lines.indexOf('（特色要求）'), lines.indexOf('附件 2'));
const NUMBERED = /^(\d+)\./u;

const [basic, featured] = ningbo.groups;

describe('Ningbo catalog against 宁波市中小学智慧校园标杆学校建设指南 附表', () => {
  it('has 5 indicators → 15 sub-indicators → 39 basic items and 1 indicator → 3 featured items', () => {
    expect(levelCounts(ningbo)).toEqual({ groups: [2, 6, 15], items: 42 });
    expect(basic!.groups).toHaveLength(5);
    expect(allItems([basic!])).toHaveLength(basicTable.filter((l) => NUMBERED.test(l)).length);
    expect(allItems([basic!])).toHaveLength(39);
    expect(allItems([featured!])).toHaveLength(featuredTable.filter((l) => NUMBERED.test(l)).length);
    expect(allItems([featured!])).toHaveLength(3);
  });

  it('has as many items under each sub-indicator as the table, numbered from 1 without gaps', () => {
    // Each sub-indicator name stands on a line of its own, its items follow until the next name.
    const names = (basic!.groups ?? []).flatMap((g) => [g.name, ...(g.groups ?? []).map((s) => s.name)]);
    const perSub: Record<string, string[]> = {};
    let current = '';
    for (const line of basicTable) {
      if (names.includes(line)) perSub[(current = line)] ??= [];
      const n = NUMBERED.exec(line);
      if (n) perSub[current]!.push(n[1]!);
    }
    for (const sub of (basic!.groups ?? []).flatMap((g) => g.groups ?? [])) {
      expect({ sub: sub.name, numbers: (sub.items ?? []).map((i) => i.number) }).toEqual({
        sub: sub.name,
        numbers: perSub[sub.name],
      });
    }
  });

  it('weighs basic and featured requirements 50% each, as the guide says', () => {
    expect(squeeze(document)).toContain(squeeze('建设内容分基础要求和特色要求，两者各占 50%的比例'));
    expect(ningbo.groups.map((g) => [g.part, g.weightPercent])).toEqual([
      ['basic', 50],
      ['featured', 50],
    ]);
    expect(allItems([basic!]).every((i) => i.part === 'basic')).toBe(true);
    expect(allItems([featured!]).every((i) => i.part === 'featured')).toBe(true);
  });

  it('gives no item points (the document gives none)', () => {
    expect(allItems(ningbo.groups).every((i) => i.points === undefined)).toBe(true);
  });
});
