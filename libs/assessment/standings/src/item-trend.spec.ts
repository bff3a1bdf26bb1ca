import { everyItem, itemTrendOf } from './rollup';

describe('item met-rate trend', () => {
  const row = (district: string, month: string, itemId: string, met: number, schools: number) => ({ district, month, itemId, met, schools });
  const rateOf = (point: { items: { itemId: string; rate: number }[] } | undefined, itemId: string) => point?.items.find((i) => i.itemId === itemId)?.rate;

  it('sums districts month by month, a quiet district carrying its last month forward', () => {
    const [first] = everyItem('jiangsu', []);
    const id = first?.itemId as string;
    const trend = itemTrendOf(
      'jiangsu',
      [row('A', '2026-10', id, 1, 4), row('B', '2026-10', id, 3, 4), row('A', '2026-11', id, 4, 4)],
      ['2026-09', '2026-10', '2026-11', '2026-12'],
    );
    expect(trend.map((p) => p.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(rateOf(trend[0], id)).toBe(0.5);
    expect(rateOf(trend[1], id)).toBe(0.875);
    expect(rateOf(trend[2], id)).toBe(0.875);
    expect(trend[0]?.semester).toBe('2026-2027 第一学期');
  });

  it('lists every item of the standard, in sheet order, with zeros where none was counted', () => {
    const all = everyItem('ningxia', []);
    expect(all.length).toBeGreaterThan(50);
    expect(all.every((i) => i.met === 0 && i.schools === 0)).toBe(true);
  });
});
