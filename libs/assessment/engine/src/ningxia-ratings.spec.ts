import { applyStallDowngrade, applyThreeStarCap, type ThreeStarCandidate } from './ningxia-ratings';

// Hand-computed cases at the boundaries of 第十一条（二） and 第十四条.

const three = (school: string, total: number): ThreeStarCandidate => ({ school, total, starsByScore: 3, stars: 3 });
const starsOf = (r: ReturnType<typeof applyThreeStarCap>) => Object.fromEntries(r.ratings.map((x) => [x.school, x.stars]));

describe("第十一条（二）: three-star ratings ≤ 30 % of the district's cultivated schools a year", () => {
  it('exactly 30 %: 10 cultivated give 3 places and the 4th best is held at two stars', () => {
    const r = applyThreeStarCap({
      district: '640104',
      year: 2027,
      cultivatedSchools: 10,
      candidates: [three('A', 88), three('B', 85), three('C', 82), three('D', 81)],
    });
    expect(r).toMatchObject({ places: 3, alreadyUsed: 0, granted: 3 });
    expect(starsOf(r)).toEqual({ A: 3, B: 3, C: 3, D: 2 });
    const d = r.ratings.find((x) => x.school === 'D');
    expect(d).toMatchObject({ proposedStars: 3, capped: true });
    expect(d?.reasons).toEqual([
      '3 of 10 cultivated schools may be three-star in 640104 in 2027 (第十一条（二）: ≤ 30 %); 4th by score: beyond the cap, held at two stars (81 ≥ 70)',
    ]);
    expect(r.ratings.find((x) => x.school === 'C')?.reasons[0]).toContain('3rd by score: within the cap');
  });

  it('7 cultivated give floor(2.1) = 2 places', () => {
    const r = applyThreeStarCap({ district: 'D', year: 2027, cultivatedSchools: 7, candidates: [three('A', 80), three('B', 89.5), three('C', 84)] });
    expect(r.places).toBe(2);
    expect(starsOf(r)).toEqual({ A: 2, B: 3, C: 3 });
  });

  it('3 cultivated give no place (0.9 rounds down)', () => {
    const r = applyThreeStarCap({ district: 'D', year: 2027, cultivatedSchools: 3, candidates: [three('A', 89)] });
    expect(r).toMatchObject({ places: 0, granted: 0 });
    expect(starsOf(r)).toEqual({ A: 2 });
  });

  it('breaks ties at the cap by school code and says the document has no tie rule', () => {
    const r = applyThreeStarCap({
      district: 'D',
      year: 2027,
      cultivatedSchools: 10,
      candidates: [three('6401040003', 85), three('6401040009', 89), three('6401040001', 85), three('6401040002', 85)],
    });
    expect(starsOf(r)).toEqual({ '6401040009': 3, '6401040001': 3, '6401040002': 3, '6401040003': 2 });
    const held = r.ratings.find((x) => x.school === '6401040003');
    expect(held?.reasons).toContain('tied at 85 points with another school: ordered by school code (ascending), as the document gives no tie rule');
    expect(held?.reasons[0]).toContain('4th by score');
    expect(r.ratings.find((x) => x.school === '6401040009')?.reasons.some((s) => s.startsWith('tied'))).toBe(false);
  });

  it('counts places already granted that year', () => {
    const r = applyThreeStarCap({
      district: 'D',
      year: 2027,
      cultivatedSchools: 10,
      alreadyThreeStar: ['X', 'Y'],
      candidates: [three('A', 83), three('B', 86), three('X', 80)],
    });
    expect(r).toMatchObject({ places: 3, alreadyUsed: 2, granted: 1 });
    expect(starsOf(r)).toEqual({ A: 2, B: 3, X: 3 });
    expect(r.ratings.find((x) => x.school === 'A')?.reasons[0]).toBe(
      '3 of 10 cultivated schools may be three-star in D in 2027 (第十一条（二）: ≤ 30 %) (2 already granted this year); 2nd by score: beyond the cap, held at two stars (83 ≥ 70)',
    );
  });

  it('a 96 missing a ★ item (3 stars after the veto) competes for a place and wins it by score', () => {
    const vetoed: ThreeStarCandidate = { school: 'V', total: 96, starsByScore: 5, stars: 3 };
    const r = applyThreeStarCap({ district: 'D', year: 2027, cultivatedSchools: 4, candidates: [three('A', 89), vetoed] });
    expect(r.places).toBe(1);
    expect(starsOf(r)).toEqual({ V: 3, A: 2 });
    expect(r.ratings.find((x) => x.school === 'V')?.reasons[0]).toBe(
      'its score alone gives 5 stars; the ★ veto holds it at 3, so it competes for a district place',
    );
  });

  it('leaves four- and five-star proposals to the region and below-three ratings as they are', () => {
    const r = applyThreeStarCap({
      district: 'D',
      year: 2027,
      cultivatedSchools: 3,
      candidates: [{ school: 'F', total: 92, starsByScore: 4, stars: 4 }, { school: 'T', total: 75, starsByScore: 2, stars: 2 }, three('A', 80)],
    });
    expect(starsOf(r)).toEqual({ F: 4, T: 2, A: 2 });
    expect(r.ratings.find((x) => x.school === 'F')).toMatchObject({
      capped: false,
      reasons: ["4 stars are rated by the region (第十条), not under the district's three-star cap"],
    });
  });

  it('rejects a fractional count and a school named twice', () => {
    expect(() => applyThreeStarCap({ district: 'D', year: 2027, cultivatedSchools: 2.5, candidates: [] })).toThrow('whole number');
    expect(() => applyThreeStarCap({ district: 'D', year: 2027, cultivatedSchools: 10, candidates: [three('A', 80), three('A', 81)] })).toThrow('twice');
  });
});

describe('第十四条: three consecutive years without moving up lowers the rating', () => {
  const h = (...stars: number[]) => stars.map((s, i) => ({ year: 2025 + i, stars: s }));

  it('[2, 2, 2]: a two-star school that cannot move up loses its title (取消其“星级”称号), as 第十条 has no 一星级 (70 分及以上为二星级 is the lowest)', () => {
    expect(applyStallDowngrade(h(2, 2, 2), 2027)).toEqual({
      stars: 0,
      downgraded: true,
      reason:
        '2 stars held 3 consecutive years 2025–2027 without moving up: the 星级 title is cancelled, as there is no star below 2 (第十条: 70 分及以上为二星级) (第十四条)',
    });
  });

  it('[3, 3, 3] is lowered to two stars (降低其“星级”级别)', () => {
    expect(applyStallDowngrade(h(3, 3, 3), 2027)).toEqual({
      stars: 2,
      downgraded: true,
      reason: '3 stars held 3 consecutive years 2025–2027 without moving up: lowered to 2 stars (第十四条)',
    });
  });

  it('[2, 2, 3] moved up: not lowered', () => {
    expect(applyStallDowngrade(h(2, 2, 3), 2027)).toMatchObject({
      stars: 3,
      downgraded: false,
      reason: '3 stars held 1 year to 2027; 第十四条 lowers after 3',
    });
  });

  it('[3, 3] is not yet three years', () => {
    expect(applyStallDowngrade(h(3, 3), 2026)).toMatchObject({ stars: 3, downgraded: false });
  });

  it('refuses a one-star rating: 第十条 rates 二星级 to 五星级 only', () => {
    expect(() => applyStallDowngrade(h(1, 1, 1), 2027)).toThrow('2025: 1 stars is no 星级 of 第十条 (0, or 2 to 5)');
  });

  it('five stars are exempt: there is nothing higher', () => {
    expect(applyStallDowngrade(h(5, 5, 5, 5), 2028)).toMatchObject({ stars: 5, downgraded: false, reason: expect.stringContaining('top rating') });
  });

  it('a year without a rating carries the held title and counts as not moving up', () => {
    const r = applyStallDowngrade(
      [
        { year: 2025, stars: 3 },
        { year: 2027, stars: 3 },
      ],
      2027,
    );
    expect(r).toEqual({
      stars: 2,
      downgraded: true,
      reason: '3 stars held 3 consecutive years 2025–2027 without moving up (no rating in 2026: the held title carries over): lowered to 2 stars (第十四条)',
    });
  });

  it('a lower rating starts a new run, so a downgrade does not cascade', () => {
    // Lowered to 2 in 2027 (stored as granted); 2028 at 2 is the second year at that level.
    expect(applyStallDowngrade(h(3, 3, 2, 2), 2028)).toMatchObject({ stars: 2, downgraded: false });
    expect(applyStallDowngrade(h(3, 3, 2, 2, 2), 2029)).toMatchObject({ stars: 0, downgraded: true });
  });

  it('ignores ratings after the year asked about and rejects two ratings in one year', () => {
    expect(applyStallDowngrade(h(2, 2, 2), 2026)).toMatchObject({ stars: 2, downgraded: false });
    expect(applyStallDowngrade([], 2027)).toMatchObject({ stars: 0, downgraded: false });
    expect(() =>
      applyStallDowngrade(
        [
          { year: 2025, stars: 2 },
          { year: 2025, stars: 3 },
        ],
        2025,
      ),
    ).toThrow('two ratings for 2025');
  });
});
