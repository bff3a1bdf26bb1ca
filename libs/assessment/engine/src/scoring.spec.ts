import { CATALOGS, allItems, type Catalog } from '@educube/assessment-catalog';
import { score, type ItemResults } from './scoring';

// Verdicts computed by hand from each standard's rule.

const allMet = (catalog: Catalog, except: readonly string[] = []): ItemResults =>
  Object.fromEntries(allItems(catalog.groups).map((i) => [i.id, { met: !except.includes(i.id) }]));

describe('Jiangsu: pass at 80 of 110', () => {
  const items = allItems(CATALOGS.jiangsu.groups);
  /** Unmet items worth exactly `target` points: one half-point item, then whole points. */
  function unmetWorth(target: number): string[] {
    const half = items.find((i) => i.points === 0.5);
    const picked: string[] = target % 1 ? [half?.id ?? ''] : [];
    let sum = target % 1 ? 0.5 : 0;
    for (const i of items) {
      if (sum === target) break;
      if (i.points && Number.isInteger(i.points) && sum + i.points <= target) {
        picked.push(i.id);
        sum += i.points;
      }
    }
    return picked;
  }

  it('110 with everything met', () => {
    expect(score(CATALOGS.jiangsu, allMet(CATALOGS.jiangsu))).toMatchObject({ total: 110, passed: true });
  });
  it('79.5 fails', () => {
    expect(score(CATALOGS.jiangsu, allMet(CATALOGS.jiangsu, unmetWorth(30.5)))).toMatchObject({
      total: 79.5,
      passed: false,
      reasons: ['79.5 of 110 < pass mark 80'],
    });
  });
  it('80 passes', () => {
    expect(score(CATALOGS.jiangsu, allMet(CATALOGS.jiangsu, unmetWorth(30)))).toMatchObject({ total: 80, passed: true });
  });
});

describe('Ningxia: stars, ★ vetoes and item 64', () => {
  const nx = CATALOGS.ningxia;
  // Item 64 is the alternative to 61–63, not an extra: without it, 61–63 make 示范成果's 10.
  const full = allMet(nx, ['64']);

  it('100 points and every ★ met: five stars', () => {
    expect(score(nx, full)).toMatchObject({ total: 100, stars: 5 });
  });

  it('96 points missing one ★ item (21, 1 point) gets three stars', () => {
    // 21 (★, 1) + 13 (1) + 15 (1) + 14 (1) = 4 points short: 96.
    const v = score(nx, allMet(nx, ['64', '21', '13', '14', '15']));
    expect(v).toMatchObject({ total: 96, starsByScore: 5, stars: 3, unmetVeto: ['21'] });
    if (v.kind === 'points') expect(v.reasons[0]).toContain('hold the rating at 3');
  });

  it('96 points with every ★ met: five stars; 87.5 with partial credit: three stars', () => {
    expect(score(nx, allMet(nx, ['64', '13', '14', '15', '1']))).toMatchObject({ total: 96, stars: 5 });
    const partial = { ...allMet(nx, ['64', '30']), '30': { met: true, points: 0.5 }, '31': { met: true, points: 0 }, '16': { met: false, points: 1 } };
    // 100 − 4.5 (item 30 at 0.5 of 5) − 4 (item 31 at 0) − 4 (item 16 at 1 of 5) = 87.5; ★16 unmet does not matter below four stars.
    expect(score(nx, partial)).toMatchObject({ total: 87.5, stars: 3, unmetVeto: ['16'] });
  });

  it('item 64 gives 示范成果 its 10 in place of 61–63', () => {
    const v = score(nx, allMet(nx, ['61', '62', '63']));
    expect(v).toMatchObject({ total: 100 });
    if (v.kind === 'points') {
      expect(v.groups.find((g) => g.group === '示范成果')).toEqual({ group: '示范成果', points: 10, max: 10, overriddenBy: '64' });
      expect(v.reasons).toContain('item 64 gives 示范成果 10 in place of its other items');
    }
    // Both 64 and 61–63 met: still 10, never 20.
    expect(score(nx, allMet(nx))).toMatchObject({ total: 100 });
  });

  it('below 70 there is no star rating', () => {
    const low = allMet(nx, ['64', '16', '17', '19', '22', '25', '30', '31', '62', '63', '18', '20', '23', '24']);
    const v = score(nx, low);
    expect(v).toMatchObject({ stars: 0 });
    if (v.kind === 'points') expect(v.total).toBeLessThan(70);
  });
});

describe('Wenzhou: every ▲ of a level plus at least one other indicator', () => {
  const wz = CATALOGS.wenzhou;
  const items = allItems(wz.groups);
  const v2Only = items.filter((i) => i.requiredAt?.some((r) => r.level === 'v2') && !i.requiredAt.some((r) => r.level === 'standard')).map((i) => i.id);
  const unmarked = items.filter((i) => !i.requiredAt?.length).map((i) => i.id);

  it('the 16 standard ▲ and one other: 达标校, not 2.0', () => {
    const v = score(wz, allMet(wz, [...v2Only, ...unmarked.slice(1)]));
    expect(v).toMatchObject({ level: 'standard' });
    if (v.kind === 'levels') expect(v.levels[1]?.missingRequired).toEqual(v2Only);
  });

  it('the 16 standard ▲ and nothing else: no level (needs one more)', () => {
    const v = score(wz, allMet(wz, [...v2Only, ...unmarked]));
    expect(v).toMatchObject({ level: null });
    if (v.kind === 'levels') expect(v.levels[0]).toMatchObject({ missingRequired: [], othersMet: [] });
  });

  it('all 22 ▲ and one unmarked: 2.0 school', () => {
    expect(score(wz, allMet(wz, unmarked.slice(1)))).toMatchObject({ level: 'v2' });
  });
});

describe('Zhejiang and Ningbo', () => {
  it('Zhejiang passes when every basic item is met, whatever the optional ones', () => {
    const optional = allItems(CATALOGS.zhejiang.groups)
      .filter((i) => i.requirement === 'optional')
      .map((i) => i.id);
    expect(score(CATALOGS.zhejiang, allMet(CATALOGS.zhejiang, optional))).toMatchObject({ passed: true, basicMet: 65, optionalMet: 0, optionalTotal: 23 });
    expect(score(CATALOGS.zhejiang, allMet(CATALOGS.zhejiang, ['(一)2.(1)']))).toMatchObject({ passed: false, unmetBasic: ['(一)2.(1)'] });
  });

  it('Ningbo weighs the basic and featured halves 50 % each', () => {
    const v = score(CATALOGS.ningbo, allMet(CATALOGS.ningbo, ['F1', 'F2', 'F3']));
    expect(v).toMatchObject({ score: 50 });
    if (v.kind === 'weighted-parts')
      expect(v.parts.map((p) => [p.part, p.met, p.total])).toEqual([
        ['basic', 39, 39],
        ['featured', 0, 3],
      ]);
  });
});
