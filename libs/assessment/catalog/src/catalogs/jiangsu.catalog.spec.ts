import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelCounts, squeeze } from '../reconcile/reconcile';
import { allItems, itemPoints } from '../schema';
import { jiangsu } from './jiangsu';

const document = readFileSync(join(__dirname, '../../../../../docs/standards/originals', jiangsu.sourceFile), 'utf8');

/** The table's non-empty cells in order, page headers (一级指标 二级指标 三级指标 权重) dropped. */
function cells(from: string, to: string): string[] {
  return document
    .slice(document.indexOf(from), document.indexOf(to))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !['一级指标', '二级指标', '三级指标', '权重'].includes(l));
}

// 权重分配表: "评价项目 / 评价指标 / 权重" rows — a first-level cell "一、智慧环境（25分）" opens
// a run of (second-level name, weight) pairs.
const allocation = cells('权重分配表', '江苏省中小学智慧校园建设指标体系\n');
const allocated: Record<string, number> = {};
const firstStated: number[] = [];
for (let k = allocation.indexOf('评价指标') + 1; k < allocation.length; k++) {
  const first = /^[一二三四五六]、.+（(\d+)分）$/u.exec(allocation[k]!);
  if (first) firstStated.push(Number(first[1]));
  else allocated[allocation[k]!] = Number(allocation[++k]);
}

// 指标体系: a third-level cell "N.text" (or the one unnumbered cell) is followed by its weight.
const system = cells('江苏省中小学智慧校园建设指标体系\n', '注：评价指标共');
const itemWeights: number[] = [];
for (let k = 1; k < system.length; k++) {
  if (/^\d+(\.\d+)?$/u.test(system[k]!) && !/^[一二三四五六]$/u.test(system[k - 1]!)) itemWeights.push(Number(system[k]));
}

describe('Jiangsu catalog against 江苏省中小学智慧校园建设指标体系', () => {
  const items = allItems(jiangsu.groups);
  const seconds = jiangsu.groups.flatMap((g) => g.groups ?? []);

  it('has 6 first-level, 21 second-level indicators and 73 items, as the 注 states', () => {
    expect(document).toContain('注：评价指标共21大类73小项，评价总分值110分（含特色发展10分），达标分值为80分。');
    expect(levelCounts(jiangsu)).toEqual({ groups: [6, Object.keys(allocated).length], items: itemWeights.length });
    expect(levelCounts(jiangsu)).toEqual({ groups: [6, 21], items: 73 });
  });

  it('gives each item the 权重 of its row', () => {
    expect(items.map((i) => i.points)).toEqual(itemWeights);
  });

  it('gives each second-level indicator the weight of the allocation table, and its items add up to it', () => {
    expect(Object.fromEntries(seconds.map((s) => [s.name, s.points]))).toEqual(allocated);
    for (const s of seconds) expect([s.name, itemPoints(s)]).toEqual([s.name, s.points]);
  });

  it('gives each first-level indicator its stated points, which its indicators add up to: 25+20+15+25+15+10 = 110', () => {
    expect(jiangsu.groups.map((g) => g.points)).toEqual(firstStated);
    expect(jiangsu.groups.map((g) => itemPoints(g))).toEqual(firstStated);
    expect(firstStated).toEqual([25, 20, 15, 25, 15, 10]);
    expect(items.reduce((sum, i) => sum + (i.points ?? 0), 0)).toBe(110);
    expect(jiangsu.scoring).toEqual({ kind: 'points', total: 110, passMark: 80 });
  });

  it("numbers items 1…n under each second-level indicator; 机制创新's single item is printed unnumbered", () => {
    for (const s of seconds) {
      const numbers = (s.items ?? []).map((i) => i.number);
      if (s.name === '机制创新') expect(numbers).toEqual([null]);
      else expect(numbers).toEqual(numbers.map((_, k) => String(k + 1)));
    }
  });

  it('puts every item text in the document right after its number', () => {
    for (const item of items.filter((i) => i.number !== null)) {
      expect(squeeze(document)).toContain(squeeze(`${item.number}.${item.text}`));
    }
  });
});
