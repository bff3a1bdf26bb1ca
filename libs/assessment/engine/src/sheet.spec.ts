import { CATALOGS } from '@educube/assessment-catalog';
import { CLASSIFICATIONS } from './classification';
import { scoreSheet, sheetToCsv } from './sheet';

// Attestations and reviewer overrides on the sheet, hand-checked on Ningxia.

describe('Ningxia score sheet', () => {
  const catalog = CATALOGS.ningxia;

  it('takes attested results as reviewed and shows where each review stands', () => {
    const { rows, verdict } = scoreSheet(catalog, CLASSIFICATIONS.ningxia, [], {
      '18': { met: true, status: 'accepted by district' },
      '56': { met: false, status: 'rejected by district' },
    });
    const row18 = rows.find((r) => r.itemId === '18');
    expect(row18).toMatchObject({ basis: 'attested', met: true, points: 2, status: 'accepted by district', groups: ['数字资源', '基础性 课程资源'] });
    expect(rows.find((r) => r.itemId === '56')).toMatchObject({ met: false, points: 0, status: 'rejected by district' });
    expect(rows.find((r) => r.itemId === '1')).toMatchObject({ basis: 'derived', met: false, status: '' });
    expect(verdict).toMatchObject({ kind: 'points', total: 2 });
  });

  it('lets a reviewer override an item only with a reason, and shows it', () => {
    const { rows, verdict } = scoreSheet(
      catalog,
      CLASSIFICATIONS.ningxia,
      [],
      {},
      { '1': { met: true, reason: 'bandwidth contract shows 1000M; the link register is out of date' } },
    );
    expect(rows.find((r) => r.itemId === '1')).toMatchObject({
      met: true,
      points: 1,
      override: 'met: bandwidth contract shows 1000M; the link register is out of date',
    });
    expect(verdict).toMatchObject({ total: 1 });
    expect(() => scoreSheet(catalog, CLASSIFICATIONS.ningxia, [], {}, { '1': { met: true, reason: ' ' } })).toThrow('has no reason');
  });

  it('quotes CSV fields with commas and quotes', () => {
    const { rows } = scoreSheet(catalog, CLASSIFICATIONS.ningxia, []);
    const csv = sheetToCsv(rows.slice(1, 2));
    expect(csv.startsWith('itemId,number,groups,text,')).toBe(true);
    expect(csv).toContain(',"Network security devices (firewall, antivirus, IPS, traffic and behaviour management) with unified supervision",');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
