import { districtRollup } from './district';
import { distributionOf, itemCounts, itemRates, semestersOf, sumDistributions, trendOf } from './rollup';
import { aStanding } from './testing';

describe('region roll-ups', () => {
  it('counts labels with every label of the standard listed, and refuses a label it does not have', () => {
    expect(distributionOf('jiangsu', ['passed', 'not-passed', 'passed'])).toEqual([
      { label: 'not-passed', count: 1 },
      { label: 'passed', count: 2 },
    ]);
    expect(distributionOf('wenzhou', [])).toEqual([
      { label: 'none', count: 0 },
      { label: 'standard', count: 0 },
      { label: 'v2', count: 0 },
    ]);
    expect(() => distributionOf('jiangsu', ['3-star'])).toThrow(/not a jiangsu label/);
  });

  it('sums districts into a city', () => {
    const city = sumDistributions('zhejiang', [
      { label: 'basic-met', count: 2 },
      { label: 'basic-unmet', count: 5 },
      { label: 'basic-met', count: 1 },
    ]);
    expect(city).toEqual([
      { label: 'basic-unmet', count: 5 },
      { label: 'basic-met', count: 3 },
    ]);
  });

  it("counts each item's met schools in sheet order, and sums districts into rates", () => {
    const a = itemCounts('ningxia', [['1', '2'], ['1'], []]);
    expect(a.find((i) => i.itemId === '1')).toEqual({ itemId: '1', met: 2, schools: 3 });
    expect(a.find((i) => i.itemId === '3')).toEqual({ itemId: '3', met: 0, schools: 3 });
    const b = itemCounts('ningxia', [['2']]);
    const rates = itemRates('ningxia', [...a, ...b]);
    expect(rates.map((r) => r.itemId).slice(0, 3)).toEqual(a.map((r) => r.itemId).slice(0, 3));
    expect(rates.find((r) => r.itemId === '2')).toMatchObject({ met: 2, schools: 4, rate: 0.5, basis: expect.stringMatching(/derived|attested/) });
    expect(itemRates('ningxia', []).every((r) => r.rate === 0 && r.schools === 0)).toBe(true);
  });

  it("carries a district's last snapshot forward and starts the trend at the first kept month", () => {
    const rows = [
      { district: 'A', month: '2027-01', label: 'passed', count: 1 },
      { district: 'A', month: '2027-01', label: 'not-passed', count: 2 },
      { district: 'A', month: '2027-03', label: 'passed', count: 3 },
      { district: 'B', month: '2027-02', label: 'not-passed', count: 4 },
    ];
    const trend = trendOf('jiangsu', rows, ['2026-12', '2027-01', '2027-02', '2027-03']);
    expect(trend.map((t) => [t.month, t.semester, t.schools, t.distribution.map((d) => d.count)])).toEqual([
      ['2027-01', '2026-2027 第一学期', 3, [2, 1]],
      ['2027-02', '2026-2027 第二学期', 7, [6, 1]],
      ['2027-03', '2026-2027 第二学期', 7, [4, 3]],
    ]);
    expect(semestersOf(trend).map((t) => [t.semester, t.month])).toEqual([
      ['2026-2027 第一学期', '2027-01'],
      ['2026-2027 第二学期', '2027-03'],
    ]);
  });

  it("applies Ningxia's cap in a district roll-up: the distribution after the cap, the sheets' before", () => {
    const schools = Array.from({ length: 4 }, (_, i) =>
      aStanding(`s${i}`, {
        label: i < 2 ? '3-star' : '0-star',
        score: i < 2 ? 85 - i : 40,
        stars: i < 2 ? 3 : 0,
        starsByScore: i < 2 ? 3 : 0,
        metItems: ['1'],
      }),
    );
    const rollup = districtRollup('ningxia', '640104', schools);
    expect(rollup.caps).toEqual([{ district: '640104', year: 2027, cultivated: 4, places: 1, threeStarByScore: 2, threeStarAfterCap: 1, heldBack: ['s1'] }]);
    expect(rollup.regionLabels.get('s1')).toBe('2-star');
    expect(rollup.distribution.filter((d) => d.count)).toEqual([
      { label: '0-star', count: 2 },
      { label: '2-star', count: 1 },
      { label: '3-star', count: 1 },
    ]);
    expect(rollup.sheetDistribution.filter((d) => d.count)).toEqual([
      { label: '0-star', count: 2 },
      { label: '3-star', count: 2 },
    ]);
    expect(rollup.items.find((i) => i.itemId === '1')).toEqual({ itemId: '1', met: 4, schools: 4 });
  });

  it("leaves the other standards' labels as the sheets give them", () => {
    const rollup = districtRollup('zhejiang', '330203', [aStanding('a', { label: 'basic-met' }), aStanding('b')]);
    expect(rollup.caps).toEqual([]);
    expect(rollup.distribution).toEqual(rollup.sheetDistribution);
    expect(Object.fromEntries(rollup.regionLabels)).toEqual({ a: 'basic-met', b: 'basic-unmet' });
  });
});
