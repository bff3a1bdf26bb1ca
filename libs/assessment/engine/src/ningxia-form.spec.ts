import { CATALOGS } from '@educube/assessment-catalog';
import { NINGXIA_FORM_GROUPS, ningxiaForm, ningxiaFormToCsv, ningxiaFormToHtml, type NingxiaFormInput, type PointsVerdict } from './ningxia-form';

// The filled 附件2 星级认定表, checked cell by cell against hand-built verdicts.

const GROUP_IDS = ['基础设施', '数字资源', '融合应用', '师生能力 与发展', '保障 体系', '示范成果'];
const MAXIMA = [15, 15, 40, 10, 10, 10];

/** A Ningxia points verdict with the given group points (document order). */
function aVerdict(points: readonly number[]): PointsVerdict {
  const groups = GROUP_IDS.map((group, i) => ({ group, points: points[i] ?? 0, max: MAXIMA[i] }));
  const total = Math.round(groups.reduce((a, g) => a + g.points, 0) * 1000) / 1000;
  return { kind: 'points', total, max: 100, groups, stars: 3, starsByScore: 3, unmetVeto: [], reasons: [] };
}

const input = (extra: Partial<NingxiaFormInput> = {}): NingxiaFormInput => ({
  schoolName: '银川市兴庆区第一小学',
  contact: '马老师',
  contactPhone: '0951-1234567',
  selfAssessment: aVerdict([14, 13, 35.5, 8, 9, 6]),
  appliedStars: 3,
  ...extra,
});

/** Splits the CSV back into cells (no field here has a quoted line break). */
function cells(csv: string): string[][] {
  return csv
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n')
    .map((line) => {
      const out: string[] = [];
      let i = 0;
      for (;;) {
        let field = '';
        if (line[i] === '"') {
          i += 1;
          while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
            field += line[i];
            i += line[i] === '"' ? 2 : 1;
          }
          i += 1;
        } else while (i < line.length && line[i] !== ',') field += line[i++];
        out.push(field);
        if (line[i] !== ',') return out;
        i += 1;
      }
    });
}

describe('Ningxia 星级认定表 (附件2)', () => {
  it('prints the six groups of 附件1 with the maxima of the catalog', () => {
    expect(NINGXIA_FORM_GROUPS.map((g) => g.group)).toEqual(CATALOGS.ningxia.groups.map((g) => g.id));
    expect(NINGXIA_FORM_GROUPS.map((g) => g.max)).toEqual(CATALOGS.ningxia.groups.map((g) => g.points));
  });

  it('fills the self-assessment column and leaves unscored reviews blank', () => {
    const form = ningxiaForm(input());
    expect(form.currentStars).toBe('未定级');
    expect(form.rows[2]).toEqual({ item: '三、应用融合（40分）', group: '融合应用', max: 40, self: 35.5, bureau: null, department: null });
    expect(form.rows[6]).toEqual({ item: '合计', group: null, max: 100, self: 85.5, bureau: null, department: null });
    expect(form).toMatchObject({ appliedStars: '三星级', bureauStars: '', departmentStars: '' });
  });

  it('renders CSV laid out like the printed form: BOM, CRLF, cell by cell', () => {
    const csv = ningxiaFormToCsv(ningxiaForm(input({ currentStars: 2, bureauAssessment: aVerdict([13, 12, 33, 8, 8, 6]), bureauStars: 2 })));
    expect(csv.startsWith('\uFEFF宁夏中小学“互联网+教育”智慧校园星级认定表,,,,\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const grid = cells(csv);
    expect(grid[1]).toEqual(['学校名称', '银川市兴庆区第一小学', '', '已获星级', '二星级']);
    expect(grid[2]).toEqual(['联系人', '马老师', '', '联系方式', '0951-1234567']);
    expect(grid[3]).toEqual(['评定得分', '项目', '学校自评得分', '教育局评定得分', '教育厅评定得分']);
    expect(grid.slice(4, 11).map((r) => r[1])).toEqual([
      '一、基础设施（15分）',
      '二、数字资源（15分）',
      '三、应用融合（40分）',
      '四、师生能力与发展（10分）',
      '五、保障体系（10分）',
      '六、示范成果（10分）',
      '合计',
    ]);
    expect(grid[4]).toEqual(['', '一、基础设施（15分）', '14', '13', '']);
    expect(grid[6]).toEqual(['', '三、应用融合（40分）', '35.5', '33', '']);
    expect(grid[10]).toEqual(['', '合计', '85.5', '80', '']);
    expect(grid[11]).toEqual(['申报星级', '三星级', '', '', '']);
    expect(grid[13]).toEqual(['市、县（区）教育局认定星级', '二星级', '', '', '']);
    expect(grid[16]).toEqual(['自治区教育厅认定星级', '', '', '', '']);
    expect(grid.every((r) => r.length === 5)).toBe(true);
  });

  it('quotes fields with commas and quotes (RFC 4180)', () => {
    const csv = ningxiaFormToCsv(ningxiaForm(input({ schoolName: '第一小学, "东校区"' })));
    expect(csv).toContain('\r\n学校名称,"第一小学, ""东校区""",,已获星级,未定级\r\n');
  });

  it('renders a printable HTML table with every value escaped', () => {
    const html = ningxiaFormToHtml(
      ningxiaForm(input({ contact: '<script>alert(1)</script>', departmentAssessment: aVerdict([15, 15, 38, 9, 9, 6]), departmentStars: 4 })),
    );
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<th rowspan="8">评定得分</th>');
    expect(html).toContain('<tr><td>合计</td><td>85.5</td><td></td><td>92</td></tr>');
    expect(html).toContain('<tr><th>自治区教育厅认定星级</th><td colspan="2">四星级</td><td colspan="2"></td></tr>');
  });

  it('refuses a verdict that is not a Ningxia points verdict, stars outside 0–5, and 一星级 (第十条: 70分及以上为二星级 is the lowest)', () => {
    expect(() =>
      ningxiaForm(
        input({ selfAssessment: { kind: 'requirements', passed: true, basicMet: 1, basicTotal: 1, optionalMet: 0, optionalTotal: 0, unmetBasic: [] } }),
      ),
    ).toThrow('not a Ningxia points verdict');
    expect(() => ningxiaForm(input({ bureauAssessment: { ...aVerdict([1]), groups: [] } }))).toThrow('no group 基础设施');
    expect(() => ningxiaForm(input({ appliedStars: 6 }))).toThrow('2–5');
    expect(() => ningxiaForm(input({ appliedStars: 1 }))).toThrow('第十条 has no 一星级');
  });
});
