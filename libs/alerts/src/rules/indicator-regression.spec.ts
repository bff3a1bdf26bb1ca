import { alertsConfig, DEFAULT_ALERTS_CONFIG } from '../config';
import { aStandingChange, cn, SCHOOL } from '../testing';
import { evaluateIndicatorRegression } from './indicator-regression';

const NOW = cn('2026-11-04 10:00');
const evaluate = (...observations: Parameters<typeof aStandingChange>) =>
  evaluateIndicatorRegression(DEFAULT_ALERTS_CONFIG, [aStandingChange(...observations)], NOW);
const raisedSubjects = (...observations: Parameters<typeof aStandingChange>) => evaluate(...observations).conditions.map((c) => `${c.subject} ${c.severity}`);

describe('indicator regression: one alert per item lost and per star lost', () => {
  it.each([
    ['an item gained → nothing', { itemsMet: ['1'] }, { itemsMet: ['1', '2'] }, {}, []],
    ['no change → nothing', { itemsMet: ['1', '2'] }, { itemsMet: ['2', '1'] }, {}, []],
    ['an item lost → a warning for that item', { itemsMet: ['1', '18'] }, { itemsMet: ['1'] }, {}, [`${SCHOOL}:ningxia:item:18 warning`]],
    ['a ★ veto item lost → critical', { itemsMet: ['1', '5'] }, { itemsMet: ['1'] }, { vetoItems: ['5'] }, [`${SCHOOL}:ningxia:item:5 critical`]],
    ['one lost and one gained → only the lost one', { itemsMet: ['1', '2'] }, { itemsMet: ['1', '3'] }, {}, [`${SCHOOL}:ningxia:item:2 warning`]],
    ['stars 3 → 2 → the 3rd star lost, critical', { itemsMet: [], stars: 3 }, { itemsMet: [], stars: 2 }, {}, [`${SCHOOL}:ningxia:star:3 critical`]],
    [
      'stars 3 → 1 → the 3rd and the 2nd star',
      { itemsMet: [], stars: 3 },
      { itemsMet: [], stars: 1 },
      {},
      [`${SCHOOL}:ningxia:star:3 critical`, `${SCHOOL}:ningxia:star:2 critical`],
    ],
    ['stars 2 → 3 → nothing', { itemsMet: [], stars: 2 }, { itemsMet: [], stars: 3 }, {}, []],
    ['stars unknown before → nothing', { itemsMet: [] }, { itemsMet: [], stars: 1 }, {}, []],
    [
      'a veto item lost that takes a star with it → both',
      { itemsMet: ['5'], stars: 3 },
      { itemsMet: [], stars: 2 },
      { vetoItems: ['5'] },
      [`${SCHOOL}:ningxia:item:5 critical`, `${SCHOOL}:ningxia:star:3 critical`],
    ],
  ])('%s', (_case, previous, current, more, expected) => {
    expect(raisedSubjects(previous, current, more)).toEqual(expected);
  });
});

describe('indicator regression: what is checked clear (resolves an open alert when regained)', () => {
  it('every item met now and every star held now', () => {
    expect(evaluate({ itemsMet: ['1'], stars: 1 }, { itemsMet: ['1', '18'], stars: 2 }).cleared).toEqual([
      `${SCHOOL}:ningxia:item:1`,
      `${SCHOOL}:ningxia:item:18`,
      `${SCHOOL}:ningxia:star:1`,
      `${SCHOOL}:ningxia:star:2`,
    ]);
  });

  it('an item still unmet on the next pair is neither raised nor cleared (its alert stays open)', () => {
    const e = evaluate({ itemsMet: ['1'] }, { itemsMet: ['1'] });
    expect(e.conditions).toEqual([]);
    expect(e.cleared).not.toContain(`${SCHOOL}:ningxia:item:18`);
  });
});

describe('indicator regression: conditions', () => {
  it('name the standard and item, in both languages', () => {
    const [c] = evaluate({ itemsMet: ['5'] }, { itemsMet: [] }, { vetoItems: ['5'] }).conditions;
    expect(c).toMatchObject({
      rule: 'indicator-regression',
      standard: 'ningxia',
      itemId: '5',
      episode: '2026-11-04T02:00:00.000Z',
      observed: { met: 0, veto: 1 },
    });
    expect(c!.message).toEqual({
      zh: `学校 ${SCHOOL} 在 ningxia 标准下不再达成第 5 项（★否决项）。`,
      en: `School ${SCHOOL} no longer meets item 5 of ningxia (a ★ veto item).`,
    });
  });

  it('name the standard as people know it when the caller gives its title', () => {
    const standardName = { zh: '宁夏中小学“互联网+教育”智慧校园认定标准', en: 'Ningxia smart-campus rating standard' };
    const [item, star] = evaluateIndicatorRegression(
      DEFAULT_ALERTS_CONFIG,
      [aStandingChange({ itemsMet: ['18'], stars: 3 }, { itemsMet: [], stars: 2 }, { standardName })],
      NOW,
    ).conditions;
    expect(item!.message).toEqual({
      zh: `学校 ${SCHOOL} 在《宁夏中小学“互联网+教育”智慧校园认定标准》下不再达成第 18 项。`,
      en: `School ${SCHOOL} no longer meets item 18 of Ningxia smart-campus rating standard.`,
    });
    expect(star!.message.zh).toBe(`学校 ${SCHOOL} 在《宁夏中小学“互联网+教育”智慧校园认定标准》下由 3 星降为 2 星，失去第 3 星。`);
  });

  it('take their severities from the configuration', () => {
    const config = alertsConfig({ indicatorRegression: { severity: { item: 'critical', star: 'warning' } } });
    const e = evaluateIndicatorRegression(config, [aStandingChange({ itemsMet: ['1'], stars: 2 }, { itemsMet: [], stars: 1 })], NOW);
    expect(e.conditions.map((c) => c.severity)).toEqual(['critical', 'warning']);
  });

  it('refuses an item id with the subject separator', () => {
    expect(() => evaluate({ itemsMet: ['a:b'] }, { itemsMet: [] })).toThrow(/0\.previous\.itemsMet\.0: must not contain whitespace, ":" or "\/"/);
  });
});
