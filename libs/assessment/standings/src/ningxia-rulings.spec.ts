import { ningxiaRulings } from './ningxia-rulings';
import { aNingxiaSchool } from './testing';

// 宁夏 管理办法 第十一条（二）: 每年确定为三星级学校的数量不得高于当地培育学校总数的30%;
// 第十四条: 对连续三年不能晋级的学校，自治区教育厅将降低其“星级”级别或取消其“星级”称号.

describe('Ningxia region rulings for one district and year', () => {
  // Ten cultivated schools in 640104 in 2027: floor(30 % × 10) = 3 three-star places. Four score three stars.
  const schools = [
    aNingxiaSchool('S01', { total: 88 }),
    aNingxiaSchool('S02', { total: 86 }),
    aNingxiaSchool('S03', { total: 84 }),
    aNingxiaSchool('S04', { total: 82 }),
    ...Array.from({ length: 6 }, (_, i) => aNingxiaSchool(`S1${i}`, { total: 72, stars: 2, starsByScore: 2 })),
  ];

  it('holds the fourth three-star school at two stars, and cancels its title after two earlier two-star years', () => {
    const granted = new Map([
      [
        'S04',
        [
          { year: 2025, stars: 2 },
          { year: 2026, stars: 2 },
        ],
      ],
    ]);
    const r = ningxiaRulings('640104', 2027, schools, granted);
    expect(r).toMatchObject({ cultivated: 10, places: 3, threeStarByScore: 4, threeStarAfterCap: 3, heldBack: ['S04'], downgraded: ['S04'] });
    const s04 = r.schools.find((s) => s.school === 'S04');
    expect(s04).toMatchObject({ stars: 3, starsAfterCap: 2, capped: true, finalStars: 0, downgraded: true });
    expect(s04?.reasons.join(' ')).toMatch(/4th by score: beyond the cap, held at two stars.*2 stars held 3 consecutive years 2025–2027.*cancelled/);
  });

  it('lowers a three-star school held three years to two stars; two years is not yet a stall', () => {
    const three = ningxiaRulings(
      '640104',
      2027,
      schools,
      new Map([
        [
          'S01',
          [
            { year: 2025, stars: 3 },
            { year: 2026, stars: 3 },
          ],
        ],
      ]),
    );
    expect(three.schools.find((s) => s.school === 'S01')).toMatchObject({ starsAfterCap: 3, finalStars: 2, downgraded: true });
    const two = ningxiaRulings('640104', 2027, schools, new Map([['S01', [{ year: 2026, stars: 3 }]]]));
    expect(two.schools.find((s) => s.school === 'S01')).toMatchObject({ starsAfterCap: 3, finalStars: 3, downgraded: false });
    expect(two.downgraded).toEqual([]);
  });

  it('counts only earlier granted years: a rating recorded for the year ruled on, or a later one, is not history', () => {
    const r = ningxiaRulings(
      '640104',
      2027,
      schools,
      new Map([
        [
          'S10',
          [
            { year: 2026, stars: 2 },
            { year: 2027, stars: 2 },
            { year: 2028, stars: 2 },
          ],
        ],
      ]),
    );
    expect(r.schools.find((s) => s.school === 'S10')).toMatchObject({ history: [{ year: 2026, stars: 2 }], finalStars: 2, downgraded: false });
  });

  it('rules only on the district and year asked', () => {
    const r = ningxiaRulings('640104', 2027, [...schools, aNingxiaSchool('X1', { district: '640105' }), aNingxiaSchool('Y1', { year: 2026 })], new Map());
    expect(r.schools.map((s) => s.school)).not.toContain('X1');
    expect(r.schools.map((s) => s.school)).not.toContain('Y1');
    expect(r.cultivated).toBe(10);
  });
});
