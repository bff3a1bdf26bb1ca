import { csvLine, type OrgCommand } from '@educube/identity-domain';

/** Test factories for the identity app: real Zhejiang codes, a deterministic registry of any size. */
export const REGIONS = [
  { code: '330000', name: '浙江省' },
  { code: '330100', name: '杭州市' },
  { code: '330102', name: '上城区' },
  { code: '330106', name: '西湖区' },
  { code: '330200', name: '宁波市' },
  { code: '330203', name: '海曙区' },
  { code: '330205', name: '江北区' },
  { code: '330212', name: '鄞州区' },
] as const;
export const DISTRICTS = REGIONS.filter((r) => !r.code.endsWith('00'));

export const registerRegions = (effectiveOn = '2000-01-01'): { commands: OrgCommand[] } => ({
  commands: REGIONS.map((r) => ({ type: 'RegisterRegion', data: { code: r.code, name: r.name, effectiveOn } })),
});

export const HEADER = ['学校标识码', '学校名称', '行政区划代码', '办学类型', '学段', '小学班级数', '初中班级数', '高中班级数', '中职班级数', '状态'] as const;
export type Row = Record<(typeof HEADER)[number], string>;

const grades = (from: number, to: number, n: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}:${n}`).join(';');

/** The i-th school: districts in rotation, code = district code + 4-digit serial; primary, junior and complete secondary schools. */
export function aRow(i: number, overrides: Partial<Row> = {}): Row {
  const district = DISTRICTS[i % DISTRICTS.length] ?? { code: '330203', name: '海曙区' };
  const serial = String(Math.floor(i / DISTRICTS.length) + 1).padStart(4, '0');
  const kind = i % 3;
  const n = 2 + (i % 4);
  return {
    学校标识码: `${district.code}${serial}`,
    学校名称: `${district.name}第${serial}${kind === 0 ? '小学' : kind === 1 ? '初级中学' : '中学'}`,
    行政区划代码: district.code,
    办学类型: kind === 0 ? '小学' : kind === 1 ? '初中' : '完中',
    学段: '',
    小学班级数: kind === 0 ? grades(1, 6, n) : '',
    初中班级数: kind === 0 ? '' : grades(7, 9, n),
    高中班级数: kind === 2 ? grades(10, 12, n) : '',
    中职班级数: '',
    状态: '办学',
    ...overrides,
  };
}

export const registry = (rows: readonly Row[]): string => [csvLine(HEADER), ...rows.map((r) => csvLine(HEADER.map((h) => r[h])))].join('\r\n') + '\r\n';

export const aRegistry = (count: number): string => registry(Array.from({ length: count }, (_, i) => aRow(i)));
