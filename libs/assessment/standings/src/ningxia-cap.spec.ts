import { capByDistrictAndYear } from './ningxia-cap';
import { aNingxiaSchool } from './testing';

const tenSchools = (district: string, threeStar: number, year = 2027) =>
  Array.from({ length: 10 }, (_, i) =>
    aNingxiaSchool(`${district}${String(i).padStart(4, '0')}`, {
      district,
      year,
      ...(i < threeStar ? { total: 90 - i } : { total: 60, stars: 0, starsByScore: 0 }),
    }),
  );

describe('第十一条 three-star cap per district and year', () => {
  it("gives floor(30 %) of each district's schools three stars, to the highest totals; the rest keep two", () => {
    const { caps, starsAfterCap } = capByDistrictAndYear(tenSchools('640104', 4));
    expect(caps).toEqual([{ district: '640104', year: 2027, cultivated: 10, places: 3, threeStarByScore: 4, threeStarAfterCap: 3, heldBack: ['6401040003'] }]);
    expect(starsAfterCap.get('6401040000')).toBe(3);
    expect(starsAfterCap.get('6401040003')).toBe(2);
    expect(starsAfterCap.get('6401040009')).toBe(0);
  });

  it('caps each district on its own: one full district does not hold back another', () => {
    const { caps } = capByDistrictAndYear([...tenSchools('640104', 5), ...tenSchools('640105', 2)]);
    expect(caps.map((c) => [c.district, c.threeStarAfterCap, c.heldBack.length])).toEqual([
      ['640104', 3, 2],
      ['640105', 2, 0],
    ]);
  });

  it('caps each year on its own within a district', () => {
    const { caps } = capByDistrictAndYear([...tenSchools('640104', 3, 2026), ...tenSchools('640104', 4, 2027).map((s) => ({ ...s, school: `${s.school}b` }))]);
    expect(caps.map((c) => [c.year, c.places, c.threeStarAfterCap, c.heldBack.length])).toEqual([
      [2026, 3, 3, 0],
      [2027, 3, 3, 1],
    ]);
  });

  it('holds a school below 70 points at no stars, and lets four and five stars pass (the region rates them)', () => {
    const schools = [
      aNingxiaSchool('a', { total: 91, stars: 4, starsByScore: 4 }),
      // 3 stars after the ★ veto but a lower total than b: beyond the one place
      aNingxiaSchool('b', { total: 85 }),
      aNingxiaSchool('c', { total: 80 }),
      aNingxiaSchool('d', { total: 50, stars: 0, starsByScore: 0 }),
    ];
    const { caps, starsAfterCap } = capByDistrictAndYear(schools);
    expect(caps[0]).toMatchObject({ cultivated: 4, places: 1, threeStarByScore: 2, threeStarAfterCap: 1, heldBack: ['c'] });
    expect(Object.fromEntries(starsAfterCap)).toEqual({ a: 4, b: 3, c: 2, d: 0 });
  });
});
