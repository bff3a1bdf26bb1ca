import { STANDING_LABELS, ningboBand, standingOf } from './labels';
import { levelsVerdict, pointsVerdict, requirementsVerdict, weightedVerdict } from './testing';

describe('standing labels', () => {
  it('lists every label of each standard, lowest first', () => {
    expect(STANDING_LABELS).toEqual({
      zhejiang: ['basic-unmet', 'basic-met'],
      ningbo: ['0-10', '10-20', '20-30', '30-40', '40-50', '50-60', '60-70', '70-80', '80-90', '90-100'],
      wenzhou: ['none', 'standard', 'v2'],
      // 第十条: 70分及以上为二星级 is the lowest rating; there is no 一星级
      ningxia: ['0-star', '2-star', '3-star', '4-star', '5-star'],
      jiangsu: ['not-passed', 'passed'],
    });
  });

  it('zhejiang: basic-met only when every basic item is met, with the counts', () => {
    expect(standingOf('zhejiang', requirementsVerdict(10))).toMatchObject({ label: 'basic-met', passed: true, basicMet: 10, basicTotal: 10, score: null });
    expect(standingOf('zhejiang', requirementsVerdict(9))).toMatchObject({ label: 'basic-unmet', passed: false, basicMet: 9, basicTotal: 10 });
  });

  it.each([
    [0, '0-10'],
    [9.9994, '0-10'],
    // 30 reached through floating point sums (e.g. 50 × 23 / 39 + …) still counts as 30
    [29.99999999, '30-40'],
    [10, '10-20'],
    [89.99, '80-90'],
    [90, '90-100'],
    [100, '90-100'],
  ])('ningbo: a score of %d is in band %s', (score, band) => {
    expect(ningboBand(score)).toBe(band);
    expect(standingOf('ningbo', weightedVerdict(score, 12))).toMatchObject({ label: band, basicMet: 12, basicTotal: 39 });
  });

  it('ningbo: refuses a negative score', () => {
    expect(() => ningboBand(-1)).toThrow(RangeError);
  });

  it.each([
    [null, 'none'],
    ['standard', 'standard'],
    ['v2', 'v2'],
  ])('wenzhou: level %s is labelled %s', (level, label) => {
    expect(standingOf('wenzhou', levelsVerdict(level))).toMatchObject({ label, level });
  });

  it('ningxia: the stars after the ★ veto, with the stars the score alone gives', () => {
    expect(standingOf('ningxia', pointsVerdict(96, { stars: 3, starsByScore: 5 }))).toMatchObject({ label: '3-star', score: 96, stars: 3, starsByScore: 5 });
    expect(standingOf('ningxia', pointsVerdict(40, { stars: 0, starsByScore: 0 }))).toMatchObject({ label: '0-star', stars: 0 });
  });

  it('jiangsu: passed or not-passed, with the score', () => {
    expect(standingOf('jiangsu', pointsVerdict(80, { passed: true }))).toMatchObject({ label: 'passed', passed: true, score: 80 });
    expect(standingOf('jiangsu', pointsVerdict(79.5, { passed: false }))).toMatchObject({ label: 'not-passed', passed: false, score: 79.5 });
  });

  it('refuses a verdict of another kind than the standard scores by', () => {
    expect(() => standingOf('wenzhou', requirementsVerdict(1))).toThrow(/wenzhou's verdict is levels, got requirements/);
  });
});
