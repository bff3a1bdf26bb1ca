import type { SchoolType } from '@educube/contracts';
import { ZJ_DISTRICTS } from '../org-tree/testing';
import { csvLine } from './csv';

export const REGISTRY_HEADER = [
  '学校标识码',
  '学校名称',
  '行政区划代码',
  '办学类型',
  '学段',
  '小学班级数',
  '初中班级数',
  '高中班级数',
  '中职班级数',
  '状态',
] as const;
export type RegistryRow = Record<(typeof REGISTRY_HEADER)[number], string>;

const TYPES: readonly SchoolType[] = ['小学', '小学', '小学', '初中', '初中', '高中', '完中', '九年一贯', '十二年一贯', '中职'];
const SUFFIX: Record<SchoolType, string> = {
  小学: '小学',
  初中: '初级中学',
  高中: '高级中学',
  完中: '中学',
  九年一贯: '实验学校',
  十二年一贯: '外国语学校',
  中职: '职业高级中学',
};

const perGrade = (from: number, to: number, n: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}:${n}`).join(';');

/**
 * aRegistryRow(i): the i-th school of a deterministic registry. Schools rotate over six real
 * Zhejiang districts; code = district code + a 4-digit serial, so 3302030001 is in 海曙区.
 */
export function aRegistryRow(i: number, overrides: Partial<RegistryRow> = {}): RegistryRow {
  const district = ZJ_DISTRICTS[i % ZJ_DISTRICTS.length] ?? ZJ_DISTRICTS[0];
  const serial = String(Math.floor(i / ZJ_DISTRICTS.length) + 1).padStart(4, '0');
  const type = TYPES[i % TYPES.length] ?? '小学';
  const n = 2 + (i % 5);
  const runs = (s: string) =>
    (['小学', '九年一贯', '十二年一贯'].includes(type) && s === '小学') ||
    (['初中', '完中', '九年一贯', '十二年一贯'].includes(type) && s === '初中') ||
    (['高中', '完中', '十二年一贯'].includes(type) && s === '高中') ||
    (type === '中职' && s === '中职');
  return {
    学校标识码: `${district.code}${serial}`,
    // every 7th name carries a comma and a quote, to exercise CSV quoting
    学校名称: i % 7 === 0 ? `${district.name}第${serial}${SUFFIX[type]}（"东,西"校区）` : `${district.name}第${serial}${SUFFIX[type]}`,
    行政区划代码: district.code,
    办学类型: type,
    学段: '',
    小学班级数: runs('小学') ? perGrade(1, 6, n) : '',
    初中班级数: runs('初中') ? perGrade(7, 9, n) : '',
    高中班级数: runs('高中') ? perGrade(10, 12, n) : '',
    中职班级数: runs('中职') ? perGrade(10, 12, n) : '',
    状态: '办学',
    ...overrides,
  };
}

export const registryCsv = (rows: readonly RegistryRow[]): string =>
  [csvLine(REGISTRY_HEADER), ...rows.map((r) => csvLine(REGISTRY_HEADER.map((h) => r[h])))].join('\r\n') + '\r\n';
