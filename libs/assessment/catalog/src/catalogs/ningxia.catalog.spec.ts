import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelCounts, squeeze } from '../reconcile/reconcile';
import { allItems, itemPoints } from '../schema';
import { ningxia } from './ningxia';

const document = readFileSync(join(__dirname, '../../../../../docs/standards/originals', ningxia.sourceFile), 'utf8');

interface Row {
  number: string;
  /** Cells "name (N分)": the first- and/or second-level indicators that open at this row. */
  groups: { name: string; points: number }[];
  points: number | undefined;
  veto: boolean;
}

/**
 * 附件1 as extracted: one line per item, cells separated by tabs, the 序号 first. Which column a
 * group cell sits in shifts between pages, so group cells are recognised by their "(N分)".
 */
function tableRows(): Row[] {
  const table = document.slice(document.indexOf('序号\t一级指标'), document.indexOf('注:表中指标项'));
  return table
    .split('\n')
    .filter((line) => /^\d+\t/u.test(line))
    .map((line) => {
      const [number, ...cells] = line.split('\t').map((c) => c.trim());
      const groups = cells.flatMap((c) => {
        const m = /^(.{1,16}?)\s*[（(](\d+)分[）)]$/u.exec(c);
        return m ? [{ name: m[1]!, points: Number(m[2]) }] : [];
      });
      const numeric = cells.filter((c) => /^\d+(\.\d+)?$/u.test(c));
      return { number: number!, groups, points: numeric.length ? Number(numeric.at(-1)) : undefined, veto: cells.some((c) => c.startsWith('★')) };
    });
}

const rows = tableRows();
const items = allItems(ningxia.groups);
const FIRST = ['基础设施', '数字资源', '融合应用', '师生能力 与发展', '保障 体系', '示范成果'];

describe('Ningxia catalog against 宁夏中小学“互联网+教育”智慧校园认定标准', () => {
  it('has 6 first-level, 22 second-level groups and 64 items, numbered 1–64 like the table', () => {
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 64 }, (_, k) => String(k + 1)));
    expect(items.map((i) => i.number)).toEqual(rows.map((r) => r.number));
    const opened = rows.flatMap((r) => r.groups);
    expect(levelCounts(ningxia)).toEqual({
      groups: [opened.filter((g) => FIRST.includes(g.name)).length, opened.filter((g) => !FIRST.includes(g.name)).length],
      items: 64,
    });
    expect(levelCounts(ningxia)).toEqual({ groups: [6, 22], items: 64 });
  });

  it('gives each item the 分值 of its row (item 64 has none)', () => {
    expect(items.map((i) => i.points)).toEqual(rows.map((r) => r.points));
    expect(items.filter((i) => i.points === undefined).map((i) => i.id)).toEqual(['64']);
  });

  it('gives each group the points its heading states, and its items add up to them', () => {
    const stated = Object.fromEntries(rows.flatMap((r) => r.groups).map((g) => [g.name, g.points]));
    for (const first of ningxia.groups) {
      expect([first.name, first.points]).toEqual([first.name, stated[first.name]]);
      expect([first.name, itemPoints(first)]).toEqual([first.name, first.points]);
      for (const second of first.groups ?? []) {
        expect([second.name, second.points]).toEqual([second.name, stated[second.name]]);
        expect([second.name, itemPoints(second)]).toEqual([second.name, second.points]);
      }
    }
  });

  it('totals 15 + 15 + 40 + 10 + 10 + 10 = 100, as the 附件2 score form lists the groups', () => {
    const form = document.slice(document.indexOf('附件2'));
    const listed = [...form.matchAll(/[一二三四五六]、(\S+?)（(\d+)分）/gu)].map((m) => Number(m[2]));
    expect(ningxia.groups.map((g) => g.points)).toEqual(listed);
    expect(listed).toEqual([15, 15, 40, 10, 10, 10]);
    expect(ningxia.groups.reduce((sum, g) => sum + itemPoints(g), 0)).toBe(100);
    expect(ningxia.scoring).toMatchObject({ kind: 'points', total: 100 });
  });

  it('lets item 64 replace the rest of 示范成果 with its 10 points, never add to them', () => {
    expect(squeeze(document)).toContain('加10分,示范成果其他项不重复加分');
    const item64 = items.find((i) => i.id === '64')!;
    expect(item64.groupOverride).toEqual({ group: '示范成果', points: 10 });
    expect(ningxia.groups.find((g) => g.id === '示范成果')!.points).toBe(10);
  });

  it('marks as veto exactly the 9 ★ rows, for four stars and above', () => {
    expect(document).toContain('表中指标项带“★”的指标为一票否决的基础指标(限4星级及以上)');
    expect(items.map((i) => i.veto)).toEqual(rows.map((r) => r.veto));
    expect(items.filter((i) => i.veto).map((i) => i.id)).toEqual(['3', '16', '19', '21', '23', '25', '43', '48', '54']);
    expect(ningxia.scoring).toMatchObject({ vetoFromStars: 4 });
  });

  it('takes the star thresholds from 第十条', () => {
    expect(document).toContain('认定得分在95分及以上的为五星级、90分及以上的为四星级、80分及以上为三星级、70分及以上为二星级');
    expect(ningxia.scoring).toMatchObject({
      stars: [
        { stars: 5, minimum: 95 },
        { stars: 4, minimum: 90 },
        { stars: 3, minimum: 80 },
        { stars: 2, minimum: 70 },
      ],
    });
  });
});
