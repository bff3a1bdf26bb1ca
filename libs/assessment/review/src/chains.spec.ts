import { STANDARD_IDS } from '@educube/assessment-catalog';
import { REVIEW_CHAINS } from './chains';

describe('REVIEW_CHAINS', () => {
  it.each(STANDARD_IDS)('%s: levels with distinct ids, officer roles and a cited source', (standard) => {
    const chain = REVIEW_CHAINS[standard];
    expect(chain.length).toBeGreaterThan(0);
    expect(new Set(chain.map((l) => l.id)).size).toBe(chain.length);
    for (const level of chain) {
      expect(level.roles.length).toBeGreaterThan(0);
      expect(level.source).toMatch(/^00\d_[0-9a-f]{16}\.txt/);
    }
  });

  it('follows the documents: Ningxia 教育局 → 教育厅, Wenzhou county → city, Jiangsu county → city → province, Ningbo district → city', () => {
    const ids = Object.fromEntries(STANDARD_IDS.map((s) => [s, REVIEW_CHAINS[s].map((l) => l.id).join(' → ')]));
    expect(ids).toEqual({
      zhejiang: 'district → city → province',
      ningbo: 'district → city',
      wenzhou: 'county → city',
      ningxia: 'district → region',
      jiangsu: 'county → city → province',
    });
  });
});
