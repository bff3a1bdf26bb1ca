import { ningxia } from '../catalogs/ningxia';
import { levelCounts, originalTexts, placeInOrder, squeeze, textAfter } from './reconcile';

// The catalogs' specs are only as good as these checks' power to fail; each is shown failing here.
describe('reconcile helpers', () => {
  const document = '一、总则\n（1）学校光纤接入\n教育城域网。(0)\n（2）建有 录播 教室。';

  it('ignores whitespace, including line breaks inside a sentence', () => {
    expect(squeeze(' a\n b\u3000c\t')).toBe('abc');
    expect(placeInOrder(document, ['学校光纤接入教育城域网。', '建有录播教室。'])).toEqual({ missing: [], outOfOrder: [] });
  });

  it('reports a text with one character changed as missing', () => {
    expect(placeInOrder(document, ['学校光纤接入教育城域网，'])).toEqual({ missing: ['学校光纤接入教育城域网，'], outOfOrder: [] });
  });

  it("reports texts in another order than the document's", () => {
    expect(placeInOrder(document, ['建有录播教室。', '学校光纤接入教育城域网。'])).toEqual({
      missing: [],
      outOfOrder: ['学校光纤接入教育城域网。'],
    });
  });

  it('reads the marker that follows a text', () => {
    expect(textAfter(document, '教育城域网。', 3)).toBe('(0)');
  });

  it('counts groups per depth and items of a catalog', () => {
    expect(levelCounts(ningxia)).toEqual({ groups: [6, 22], items: 64 });
    expect(originalTexts(ningxia)).toHaveLength(6 + 22 + 64);
  });
});
