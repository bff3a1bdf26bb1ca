import { z } from 'zod';

/** 学校标识码: the ministry's 10-digit school identifier. */
export const schoolCode = z.string().regex(/^\d{10}$/, 'must be the 10-digit school identifier (学校标识码)');
/** 行政区划代码: 6 digits, e.g. 330000 Zhejiang, 330200 Ningbo, 330203 Haishu. */
export const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative division code (行政区划代码)');

/**
 * A short identifier from a source system: no whitespace, bounded so it can be a key. Ids of
 * things another family registers (a room, a class, a resource) are the ids that family
 * publishes, e.g. the room code of asset.RoomRegistered.
 */
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

/** 学年: "2026-2027", 1 September to 31 August. */
export const schoolYear = z
  .string()
  .regex(/^(\d{4})-(\d{4})$/, 'must be a school year such as 2026-2027')
  .refine((s) => !/^\d{4}-\d{4}$/.test(s) || Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, {
    message: 'the second year must follow the first (2026-2027)',
    params: { rule: 'school-year' },
  })
  .describe('学年, 1 Sep – 31 Aug, e.g. 2026-2027');
/** 学期 within a school year. */
export const semester = z.enum(['第一学期', '第二学期']).describe('学期: 第一学期 (autumn) or 第二学期 (spring)');

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

/** 年级 1–12 across stages; 小学 1–6, 初中 6–9 (6 for 五四制), 高中 and 中职 10–12. */
export const grade = z.number().int().min(1).max(12).describe('年级 1–12');
export const GRADES_OF_STAGE: Record<Stage, readonly [number, number]> = { 小学: [1, 6], 初中: [6, 9], 高中: [10, 12], 中职: [10, 12] };

/**
 * 级别, ordered from school to national. One scale for platforms, awards, training, research
 * and activities: county = 县级/区级, city = 市级/地市级, province = 省级/自治区级.
 */
export const level = z
  .enum(['school', 'county', 'city', 'province', 'national'])
  .describe('级别: school 校级, county 县(区)级, city 市(地市)级, province 省(自治区)级, national 国家级');
export type Level = z.infer<typeof level>;
export const LEVELS: readonly Level[] = level.options;
export const levelAtLeast = (l: Level, min: Level): boolean => LEVELS.indexOf(l) >= LEVELS.indexOf(min);

/** 平台层级: where a space is opened or a resource shared (Jiangsu counts county-or-higher). */
export const platformLevel = level.describe('平台层级 of the platform: school 校级, county 县级, city 市级, province 省级/自治区级, national 国家级');
export type PlatformLevel = Level;

/**
 * 平台: the learning and resource platforms the standards name. 学校自建 is a school's own
 * platform or 校本资源库; any other regional platform is 其他 with its platformLevel.
 */
export const platform = z
  .enum(['国家中小学智慧教育平台', '之江汇', '甬上云校', '温州教育影院', '云图', '宁夏教育云', '学校自建', '其他'])
  .describe('平台: 国家中小学智慧教育平台, 之江汇 (浙江), 甬上云校 (宁波), 温州教育影院/云图 (温州), 宁夏教育云, 学校自建 (校本资源库), 其他');
export type Platform = z.infer<typeof platform>;
/** The level of a named platform; a platformLevel that contradicts it is refused. */
export const PLATFORM_LEVEL: Partial<Record<Platform, Level>> = {
  国家中小学智慧教育平台: 'national',
  之江汇: 'province',
  宁夏教育云: 'province',
  甬上云校: 'city',
  温州教育影院: 'city',
  学校自建: 'school',
};
/** 平台模块: the modules the standards name (宁夏教育云 学校空间/云上学校/机构空间/数字学校; 甬上云校/之江汇 同步课程). */
export const platformModule = z.enum(['学校空间', '云上学校', '机构空间', '数字学校', '同步课程']).describe('平台模块');
export type PlatformModule = z.infer<typeof platformModule>;
export const PLATFORMS_OF_MODULE: Record<PlatformModule, readonly Platform[]> = {
  学校空间: ['国家中小学智慧教育平台', '之江汇', '甬上云校', '宁夏教育云', '其他'],
  云上学校: ['宁夏教育云'],
  机构空间: ['宁夏教育云'],
  数字学校: ['宁夏教育云'],
  同步课程: ['之江汇', '甬上云校'],
};

/** Who a thing is for or by: the hub's own role codes. */
export const personRole = z.enum(['teacher', 'student', 'parent', 'staff']);
export const audience = z.enum(['teacher', 'student', 'parent', 'staff', 'public']).describe('面向: 教师/学生/家长/职工/社会公众');

/** 授课/活动方式: 线上, 线下, 线上线下混合. */
export const deliveryMode = z.enum(['线下', '线上', '混合']).describe('方式: 线下, 线上, 线上线下混合');

/**
 * 主题: one tag vocabulary for courses, activities, training, research and publications, so
 * "信息化-related" is the same set everywhere (e.g. Ningxia 31 三个课堂/人工智能/虚拟现实/大数据).
 */
export const topic = z
  .enum([
    '教育信息化',
    '信息技术',
    '信息技术融合',
    '网络学习空间',
    '三个课堂',
    '互联网+教育',
    '宁夏教育云',
    '人工智能',
    '大数据',
    '虚拟现实',
    '编程',
    '创客',
    'STEAM',
    '机器人',
    '3D打印',
    '探究实验',
    '信息素养',
    '信息伦理',
    '信息安全',
    '网络安全',
    '家庭教育',
    '传统文化',
    '其他',
  ])
  .describe('主题');

export const subject = z.string().min(1).max(32).describe('学科, e.g. 语文, 数学, 信息科技');
export const classId = localId.describe("the class's id in the source system");
export const roomId = localId.describe('场所: the room code registered by asset.RoomRegistered');
export const count = z.number().int().min(0).max(10_000_000);

// ---- helpers for cross-field rules (.superRefine). Each problem carries a rule name. ----

export type Ctx = z.RefinementCtx;
export type Path = (string | number)[];

export function issue(ctx: Ctx, path: Path, rule: string, message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { rule } });
}

/** Reports duplicates in a list (of values, or of objects by a key). */
export function unique<T>(ctx: Ctx, items: readonly T[] | undefined, path: Path, key: (t: T) => string = (t) => JSON.stringify(t)): void {
  const seen = new Set<string>();
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) issue(ctx, [...path, i], 'unique', `duplicates an earlier entry (${k})`);
    seen.add(k);
  });
}

/** `to` must not be before `from` (ISO dates/timestamps of one form compare as strings). */
export function dateOrder(ctx: Ctx, from: string | undefined, to: string | undefined, path: Path, fromName: string): void {
  if (from !== undefined && to !== undefined && to < from) issue(ctx, path, 'date-order', `must not be before ${fromName} (${from})`);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export function gradeInStage(ctx: Ctx, st: Stage | undefined, grades: readonly number[] | number | undefined, path: Path): void {
  if (st === undefined || grades === undefined) return;
  const [lo, hi] = GRADES_OF_STAGE[st];
  const list = typeof grades === 'number' ? [grades] : grades;
  list.forEach((g, i) => {
    if (g < lo || g > hi) issue(ctx, typeof grades === 'number' ? path : [...path, i], 'grade-in-stage', `grade ${g} is not a ${st} grade (${lo}–${hi})`);
  });
}

/** A field allowed (or required) only for some values of another field. */
export function onlyFor(ctx: Ctx, present: boolean, allowed: boolean, path: Path, when: string): void {
  if (present && !allowed) issue(ctx, path, 'only-for-kind', `is only allowed ${when}`);
}
export function requiredFor(ctx: Ctx, present: boolean, needed: boolean, path: Path, when: string): void {
  if (!present && needed) issue(ctx, path, 'required-for-kind', `is required ${when}`);
}

/**
 * platform, platformLevel and platformModule travel together: the level of a named platform
 * is fixed (之江汇 is provincial), and a module belongs to its platform.
 */
export function checkPlatform(
  ctx: Ctx,
  d: { platform?: Platform | undefined; platformLevel?: Level | undefined; platformModule?: PlatformModule | undefined },
): void {
  if (d.platform === undefined) {
    if (d.platformLevel !== undefined) issue(ctx, ['platform'], 'required', 'is required when platformLevel is given');
    if (d.platformModule !== undefined) issue(ctx, ['platform'], 'required', 'is required when platformModule is given');
    return;
  }
  if (d.platformLevel === undefined) {
    issue(ctx, ['platformLevel'], 'required', 'is required when platform is given');
  } else {
    const fixed = PLATFORM_LEVEL[d.platform];
    if (fixed && fixed !== d.platformLevel)
      issue(ctx, ['platformLevel'], 'platform-level', `${d.platform} is a ${fixed}-level platform, not ${d.platformLevel}`);
  }
  if (d.platformModule !== undefined && !PLATFORMS_OF_MODULE[d.platformModule].includes(d.platform)) {
    issue(
      ctx,
      ['platformModule'],
      'platform-module',
      `${d.platformModule} is a module of ${PLATFORMS_OF_MODULE[d.platformModule].join('/')}, not of ${d.platform}`,
    );
  }
}
