import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { levelCounts, squeeze } from '../reconcile/reconcile';
import { allItems, type WenzhouLevel } from '../schema';
import { wenzhou } from './wenzhou';

const document = readFileSync(join(__dirname, '../../../../../docs/standards/originals', wenzhou.sourceFile), 'utf8');

/**
 * The indicator table as extracted: a row starts with a tab and its 序号 ("\t13. "); the next six
 * tab-led lines are its cells (一级, 二级, 三级, 达标校, 2.0学校, 验收方式); an untabbed line
 * continues the cell before it (数据\n驱动).
 */
function tableRows(): string[][] {
  const body = document.slice(document.indexOf('\t验收方式'), document.indexOf('说明：1.'));
  const rows: string[][] = [];
  for (const line of body.split('\n').slice(1)) {
    if (/^\t\d+\. $/u.test(line)) rows.push([line.trim()]);
    else if (line.startsWith('\t')) rows.at(-1)?.push(line.slice(1).trim());
    else if (line.trim() !== '') rows.at(-1)!.push(rows.at(-1)!.pop()! + line.trim());
  }
  return rows;
}

const rows = tableRows();
const items = allItems(wenzhou.groups);
const marked = (level: WenzhouLevel) => items.filter((i) => i.requiredAt!.some((r) => r.level === level));

describe('Wenzhou catalog against 温州市智慧校园2.0创建指导性指标体系（试行）', () => {
  it('has the 6 first-level and 28 third-level indicators the 说明 states, and the 16 second-level the table names', () => {
    expect(document).toContain('一级指标6项，二级指标15项，三级指标28项');
    expect(rows).toHaveLength(28);
    expect(rows.every((r) => r.length === 7)).toBe(true);
    const named = (column: number) => rows.filter((r) => r[column] !== '').length;
    // 说明 1 says 15 second-level indicators; the table names 16 (网络基础 … 特色应用). The table wins.
    expect(levelCounts(wenzhou)).toEqual({ groups: [named(1), named(2)], items: rows.length });
    expect(levelCounts(wenzhou)).toEqual({ groups: [6, 16], items: 28 });
  });

  it('numbers the indicators 1–28 in table order', () => {
    expect(items.map((i) => i.number)).toEqual(rows.map((r) => r[0]!.replace('.', '')));
  });

  it('marks ▲ per level exactly as the table, with each cell qualifier: 16 for 达标校, 22 for 2.0学校', () => {
    expect(document).toContain('必备指标（达标校16项，2.0学校22项）');
    for (const [k, item] of items.entries()) {
      const cells = { standard: rows[k]![4]!, v2: rows[k]![5]! };
      const expected = (Object.keys(cells) as WenzhouLevel[])
        .filter((level) => cells[level].startsWith('▲'))
        .map((level) => (cells[level].length > 1 ? { level, qualifier: cells[level].slice(1) } : { level }));
      expect({ id: item.id, requiredAt: item.requiredAt }).toEqual({ id: item.id, requiredAt: expected });
    }
    expect(marked('standard')).toHaveLength(16);
    expect(marked('v2')).toHaveLength(22);
    expect(wenzhou.scoring).toMatchObject({ levels: [{ required: 16 }, { required: 22 }], minimumOthers: 1 });
    expect(document).toContain('达标校和2.0学校至少选择完成1项');
  });

  it('states every ▲ of 达标校 also for 2.0学校', () => {
    expect(marked('standard').every((i) => i.requiredAt!.some((r) => r.level === 'v2'))).toBe(true);
  });

  it('quotes the 验收方式 cell where the table fills it, and only there', () => {
    expect(items.map((i) => i.acceptance ?? '')).toEqual(rows.map((r) => r[6]));
    expect(items.filter((i) => i.acceptance !== undefined)).toHaveLength(12);
  });

  it('keeps the third-level text as the cell prints it (the Word bookmark tag aside)', () => {
    expect(items.map((i) => squeeze(i.text))).toEqual(rows.map((r) => squeeze(r[3]!.replace('[bookmark: _GoBack]', ''))));
  });
});
