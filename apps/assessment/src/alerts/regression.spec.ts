import { allItems, CATALOGS, STANDARD_IDS, type StandardId } from '@educube/assessment-catalog';
import { alertId, alertIdOf, alertsConfig, evaluateIndicatorRegression, idPart } from '@educube/alerts';
import type { PendingStanding } from '../standings/standings-store';
import { alertItemId, catalogItemId, vetoItemsOf } from './catalog-ids';
import { regressionObservations, withCatalogItemIds } from './regression';

// From stored standings to the indicator-regression rule's observations, and the catalog's item
// ids in alert ids. The rule itself is @educube/alerts' (and tested there).

const SCHOOL = '3302030001';
const HAISHU = '330203';
const NOW = '2027-03-02T01:00:00.000Z';

const aPending = (standard: StandardId, alerted: PendingStanding['alerted'], current: PendingStanding['current']): PendingStanding => ({
  school: SCHOOL,
  standard,
  alerted,
  current,
});
const placed = (school: string): string | undefined => (school === SCHOOL ? HAISHU : undefined);
const raisedBy = (pending: PendingStanding[]) => withCatalogItemIds(evaluateIndicatorRegression(alertsConfig(), regressionObservations(pending, placed), NOW));

describe('catalog item ids in alert ids', () => {
  it.each(STANDARD_IDS)('indicator regression: every %s item id is a valid id part, and its alert id part is printable ASCII and maps back', (standard) => {
    for (const { id } of allItems(CATALOGS[standard].groups)) {
      expect({ id, idPart: idPart.safeParse(id).success }).toEqual({ id, idPart: true });
      const subject = `${SCHOOL}:${standard}:item:${alertItemId(id)}`;
      expect({ id, alertId: alertId.safeParse(alertIdOf({ rule: 'indicator-regression', subject, episode: NOW })).success }).toEqual({ id, alertId: true });
      expect(idPart.safeParse(alertItemId(id)).success).toBe(true);
      expect(catalogItemId(alertItemId(id))).toBe(id);
    }
  });

  it('indicator regression: ASCII ids stay as printed, Chinese numerals are percent-encoded', () => {
    expect(alertItemId('18')).toBe('18');
    expect(alertItemId('B1')).toBe('B1');
    expect(alertItemId('(一)1.(4)')).toBe('(%E4%B8%80)1.(4)');
    expect(alertItemId('一(四)4')).toBe('%E4%B8%80(%E5%9B%9B)4');
  });

  it("indicator regression: the veto items are the catalog's ★ items (Ningxia's only)", () => {
    expect(vetoItemsOf('ningxia')).toEqual(
      allItems(CATALOGS.ningxia.groups)
        .filter((i) => i.veto)
        .map((i) => i.id),
    );
    expect(vetoItemsOf('ningxia')).toContain('16');
    expect(STANDARD_IDS.filter((s) => vetoItemsOf(s).length > 0)).toEqual(['ningxia']);
  });
});

describe('standings as indicator-regression observations', () => {
  it("indicator regression: a school's first standing (nothing compared before) raises nothing", () => {
    expect(regressionObservations([aPending('ningxia', null, { metItems: ['10'], stars: 3 })], placed)).toEqual([]);
  });

  it('indicator regression: a school the tree does not place has no district stream, so no observation', () => {
    const pending = [{ ...aPending('ningxia', { metItems: ['10'], stars: 3 }, { metItems: [], stars: 2 }), school: '9999990001' }];
    expect(regressionObservations(pending, placed)).toEqual([]);
  });

  it('indicator regression: Ningxia is observed with its stars and ★ items, the other standards with items only', () => {
    const observations = regressionObservations(
      [
        aPending('ningxia', { metItems: ['10', '16'], stars: 3 }, { metItems: ['10'], stars: 2 }),
        aPending('ningbo', { metItems: ['B1'], stars: null }, { metItems: [], stars: null }),
      ],
      placed,
    );
    // the messages name each standard by its catalog title
    const named = (standard: 'ningxia' | 'ningbo') => ({ zh: CATALOGS[standard].title, en: CATALOGS[standard].titleLabel });
    expect(observations).toEqual([
      {
        school: SCHOOL,
        district: HAISHU,
        standard: 'ningxia',
        standardName: named('ningxia'),
        previous: { itemsMet: ['10', '16'], stars: 3 },
        current: { itemsMet: ['10'], stars: 2 },
        vetoItems: vetoItemsOf('ningxia'),
      },
      {
        school: SCHOOL,
        district: HAISHU,
        standard: 'ningbo',
        standardName: named('ningbo'),
        previous: { itemsMet: ['B1'] },
        current: { itemsMet: [] },
        vetoItems: [],
      },
    ]);
  });

  it('indicator regression: a ★ item and a star lost are critical, another item a warning', () => {
    const { conditions } = raisedBy([aPending('ningxia', { metItems: ['10', '16'], stars: 3 }, { metItems: [], stars: 2 })]);
    expect(conditions.map((c) => [c.subject, c.severity])).toEqual([
      [`${SCHOOL}:ningxia:item:10`, 'warning'],
      [`${SCHOOL}:ningxia:item:16`, 'critical'],
      [`${SCHOOL}:ningxia:star:3`, 'critical'],
    ]);
  });

  it("indicator regression: an alert on a Chinese-numbered item names the catalog's id, its subject the encoded one", () => {
    const [condition] = raisedBy([aPending('jiangsu', { metItems: ['一(四)4'], stars: null }, { metItems: [], stars: null })]).conditions;
    expect(condition).toMatchObject({ subject: `${SCHOOL}:jiangsu:item:%E4%B8%80(%E5%9B%9B)4`, itemId: '一(四)4' });
    expect(condition?.message.zh).toBe(`学校 ${SCHOOL} 在《江苏省中小学智慧校园建设指标体系》下不再达成第 一(四)4 项。`);
    expect(condition?.message.en).toContain('item 一(四)4 of Jiangsu smart-campus indicator system');
  });
});
