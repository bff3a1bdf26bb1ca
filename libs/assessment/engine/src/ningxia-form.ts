import type { Verdict } from './scoring';

/**
 * The filled 宁夏中小学“互联网+教育”智慧校园星级认定表 (附件2 of 宁教发〔2022〕33号): the
 * school's self-assessment and the two reviews' scores per first-level group, side by side,
 * with the applied and granted stars. A column whose review has not happened stays blank.
 * Signatures and seals stay blank lines: they are made on paper.
 */

export const NINGXIA_FORM_TITLE = '宁夏中小学“互联网+教育”智慧校园星级认定表';

/**
 * The six rows as printed on 附件2, with the catalog group each sums. 附件2 prints its own
 * names, which differ from 附件1's group names (三、应用融合 vs 融合应用), so the printed
 * text is kept here as data; the spec checks ids and maxima against the catalog.
 */
export const NINGXIA_FORM_GROUPS: readonly { readonly printed: string; readonly group: string; readonly max: number }[] = [
  { printed: '一、基础设施（15分）', group: '基础设施', max: 15 },
  { printed: '二、数字资源（15分）', group: '数字资源', max: 15 },
  { printed: '三、应用融合（40分）', group: '融合应用', max: 40 },
  { printed: '四、师生能力与发展（10分）', group: '师生能力 与发展', max: 10 },
  { printed: '五、保障体系（10分）', group: '保障 体系', max: 10 },
  { printed: '六、示范成果（10分）', group: '示范成果', max: 10 },
];

export type PointsVerdict = Extract<Verdict, { kind: 'points' }>;

export interface NingxiaFormInput {
  readonly schoolName: string;
  /** 已获星级: stars held before this rating; 0 or absent is 未定级. */
  readonly currentStars?: number;
  readonly contact?: string;
  readonly contactPhone?: string;
  /** 学校自评得分. */
  readonly selfAssessment?: Verdict;
  /** 教育局评定得分 (市、县（区）教育局). */
  readonly bureauAssessment?: Verdict;
  /** 教育厅评定得分 (自治区教育厅; only for four-star applications). */
  readonly departmentAssessment?: Verdict;
  /** 申报星级. */
  readonly appliedStars?: number;
  /** 市、县（区）教育局认定星级. */
  readonly bureauStars?: number;
  /** 自治区教育厅认定星级. */
  readonly departmentStars?: number;
}

export interface NingxiaFormRow {
  /** As printed: `一、基础设施（15分）` … `合计`. */
  readonly item: string;
  /** Catalog group id; null for 合计. */
  readonly group: string | null;
  readonly max: number;
  readonly self: number | null;
  readonly bureau: number | null;
  readonly department: number | null;
}

export interface NingxiaForm {
  readonly title: string;
  readonly schoolName: string;
  /** `三星级`, or `未定级`. */
  readonly currentStars: string;
  readonly contact: string;
  readonly contactPhone: string;
  readonly rows: readonly NingxiaFormRow[];
  /** Star texts; '' where not yet decided. */
  readonly appliedStars: string;
  readonly bureauStars: string;
  readonly departmentStars: string;
}

// 第十条 has no 一星级: the lowest rating is 二星级 (70 分及以上), so a form never reads 一星级.
const STAR_TEXT: readonly (string | undefined)[] = ['未定级', undefined, '二星级', '三星级', '四星级', '五星级'];

function starText(stars: number | undefined, blank: string): string {
  if (stars === undefined) return blank;
  const text = STAR_TEXT[stars];
  if (!Number.isInteger(stars) || text === undefined) throw new Error(`stars must be 0 (未定级) or 2–5 (第十条 has no 一星级), got ${stars}`);
  return text;
}

function pointsVerdict(v: Verdict | undefined, column: string): PointsVerdict | undefined {
  if (!v) return undefined;
  if (v.kind !== 'points') throw new Error(`${column}: a ${v.kind} verdict is not a Ningxia points verdict`);
  for (const g of NINGXIA_FORM_GROUPS)
    if (!v.groups.some((x) => x.group === g.group)) throw new Error(`${column}: the verdict has no group ${g.group}; is it a Ningxia verdict?`);
  return v;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function ningxiaForm(input: NingxiaFormInput): NingxiaForm {
  const columns = {
    self: pointsVerdict(input.selfAssessment, '学校自评得分'),
    bureau: pointsVerdict(input.bureauAssessment, '教育局评定得分'),
    department: pointsVerdict(input.departmentAssessment, '教育厅评定得分'),
  };
  const groupPoints = (v: PointsVerdict | undefined, group: string): number | null => {
    const g = v?.groups.find((x) => x.group === group);
    return g ? round(g.points) : null;
  };
  const rows: NingxiaFormRow[] = NINGXIA_FORM_GROUPS.map((g) => ({
    item: g.printed,
    group: g.group,
    max: g.max,
    self: groupPoints(columns.self, g.group),
    bureau: groupPoints(columns.bureau, g.group),
    department: groupPoints(columns.department, g.group),
  }));
  const total = (v: PointsVerdict | undefined): number | null => (v ? round(v.total) : null);
  rows.push({
    item: '合计',
    group: null,
    max: NINGXIA_FORM_GROUPS.reduce((a, g) => a + g.max, 0),
    self: total(columns.self),
    bureau: total(columns.bureau),
    department: total(columns.department),
  });
  return {
    title: NINGXIA_FORM_TITLE,
    schoolName: input.schoolName,
    currentStars: starText(input.currentStars ?? 0, '未定级'),
    contact: input.contact ?? '',
    contactPhone: input.contactPhone ?? '',
    rows,
    appliedStars: starText(input.appliedStars, ''),
    bureauStars: starText(input.bureauStars, ''),
    departmentStars: starText(input.departmentStars, ''),
  };
}

const cell = (v: number | null): string => (v === null ? '' : String(v));

/** The form as a 5-column grid, row by row as printed; the CSV and HTML renderings share it. */
export function ningxiaFormGrid(form: NingxiaForm): string[][] {
  return [
    [form.title, '', '', '', ''],
    ['学校名称', form.schoolName, '', '已获星级', form.currentStars],
    ['联系人', form.contact, '', '联系方式', form.contactPhone],
    ['评定得分', '项目', '学校自评得分', '教育局评定得分', '教育厅评定得分'],
    ...form.rows.map((r) => ['', r.item, cell(r.self), cell(r.bureau), cell(r.department)]),
    ['申报星级', form.appliedStars, '', '', ''],
    ['学校（盖章）', '', '', '年　月　日', ''],
    ['市、县（区）教育局认定星级', form.bureauStars, '', '', ''],
    ['评估专家签字', '', '', '', ''],
    ['市、县（区）教育局（盖章）', '', '', '年　月　日', ''],
    ['自治区教育厅认定星级', form.departmentStars, '', '', ''],
    ['评估专家签字', '', '', '', ''],
    ['教育厅网信办（盖章）', '', '', '年　月　日', ''],
    ['备注：本表一式三份，教育厅、教育局、学校各执1份。', '', '', '', ''],
  ];
}

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * RFC 4180 CSV, CRLF line ends, UTF-8 with a byte-order mark: without the BOM Excel reads the
 * file in the system code page and the Chinese is garbled.
 */
export function ningxiaFormToCsv(form: NingxiaForm): string {
  return (
    '\uFEFF' +
    ningxiaFormGrid(form)
      .map((row) => row.map(csvField).join(','))
      .join('\r\n') +
    '\r\n'
  );
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A printable HTML page of the form (one table; 评定得分 spans its rows as on paper). Every value is escaped. */
export function ningxiaFormToHtml(form: NingxiaForm): string {
  const grid = ningxiaFormGrid(form);
  const scoreRows = form.rows.length + 1; // the header row and each group row and 合计
  const headerIndex = 3;
  const body = grid.slice(1).map((row, i) => {
    const index = i + 1;
    const cells = row.map((c) => escapeHtml(c));
    if (index === headerIndex)
      return `<tr><th rowspan="${scoreRows}">${cells[0]}</th>${cells
        .slice(1)
        .map((c) => `<th>${c}</th>`)
        .join('')}</tr>`;
    if (index > headerIndex && index < headerIndex + scoreRows)
      return `<tr>${cells
        .slice(1)
        .map((c) => `<td>${c}</td>`)
        .join('')}</tr>`;
    if (index === 1 || index === 2) return `<tr><th>${cells[0]}</th><td colspan="2">${cells[1]}</td><th>${cells[3]}</th><td>${cells[4]}</td></tr>`;
    const [label = '', value = '', , date = ''] = cells;
    if (index === grid.length - 1) return `<tr><th colspan="5" class="note">${label}</th></tr>`;
    return `<tr><th>${label}</th><td colspan="2">${value}</td><td colspan="2">${date}</td></tr>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(form.title)} — ${escapeHtml(form.schoolName)}</title>`,
    '<style>body{font-family:"SimSun","Songti SC",serif}table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:4px 8px;text-align:center}th.note{text-align:left;font-weight:normal}@media print{body{margin:0}}</style>',
    '</head><body>',
    `<h1>${escapeHtml(form.title)}</h1>`,
    '<table>',
    ...body,
    '</table>',
    '</body></html>',
    '',
  ].join('\n');
}
