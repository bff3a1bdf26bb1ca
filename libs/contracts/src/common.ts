import { z } from 'zod';

/** 学校标识码: the ministry's 10-digit school identifier. */
export const schoolCode = z.string().regex(/^\d{10}$/, 'must be the 10-digit school identifier (学校标识码)');
/** 行政区划代码: 6 digits, e.g. 330000 Zhejiang, 330200 Ningbo, 330203 Haishu. */
export const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative division code (行政区划代码)');

/** A short identifier from a source system: no whitespace, bounded so it can be a key. */
export const localId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s/]+$/, 'must not contain whitespace or "/"');

/**
 * A person as a source system knows them (its own local id). The hub resolves it to one
 * unified person id in the identity service; names and identity-card numbers never travel
 * in events, so no minor's personal data leaves the identity service in clear.
 */
export const personRef = z.strictObject({
  system: localId.describe('source system that issued the id, e.g. timetabling, attendance-card'),
  localId: localId.describe("the person's id in that system (staff number, card number, account)"),
});
export type PersonRef = z.infer<typeof personRef>;

export const isoDate = z.iso.date().describe('calendar date, YYYY-MM-DD');
export const isoDateTime = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp with offset');

/** 学段: the stages whose thresholds differ (a school of several stages meets each one's ratio). */
export const stage = z.enum(['小学', '初中', '高中', '中职']).describe('学段 school stage');
export type Stage = z.infer<typeof stage>;

/** 办学类型: the school types of the standards; each implies the stages it runs. */
export const schoolType = z.enum(['小学', '初中', '高中', '完中', '九年一贯', '十二年一贯', '中职']).describe('办学类型 school type');
export type SchoolType = z.infer<typeof schoolType>;

export const STAGES_OF_SCHOOL_TYPE: Record<SchoolType, readonly Stage[]> = {
  小学: ['小学'],
  初中: ['初中'],
  高中: ['高中'],
  完中: ['初中', '高中'],
  九年一贯: ['小学', '初中'],
  十二年一贯: ['小学', '初中', '高中'],
  中职: ['中职'],
};

/** 平台层级: where a space is opened or a resource shared (Jiangsu counts county-or-higher). */
export const platformLevel = z.enum(['school', 'county', 'city', 'province', 'national']).describe('平台层级: 校级/县级/市级/省级/国家级');
export type PlatformLevel = z.infer<typeof platformLevel>;

export const personRole = z.enum(['teacher', 'student', 'parent', 'staff']);

export const subject = z.string().min(1).max(32).describe('学科, e.g. 语文, 数学, 信息科技');
export const classId = localId.describe("the class's id in the source system");
export const grade = z.number().int().min(1).max(12).describe('年级 1–12');
export const count = z.number().int().min(0).max(10_000_000);
