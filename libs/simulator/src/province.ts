import { GRADES_OF_STAGE, STAGES_OF_SCHOOL_TYPE, type PersonRef, type SchoolType, type Stage } from '@educube/contracts';
import { hash32, Rng, Weighted } from './prng';
import { spreadMaturity } from './maturity';
import { quirksOf, type Quirks } from './quirks';
import { ALL_REGIONS, DISTRICTS, type SimDistrict, type SimRegion } from './regions';

// ---- the shapes identity accepts, as plain data (identity's own types stay in its scope) ----

/** A body item of identity's POST /v1/org/commands. */
export interface RegisterRegionCommand {
  readonly type: 'RegisterRegion';
  readonly data: { readonly code: string; readonly name: string; readonly effectiveOn: string };
}

export type Post = '专任教师' | '管理人员' | '教辅人员' | '工勤人员';

export interface PlacementSpec {
  readonly schoolCode: string;
  readonly post?: Post;
  readonly stages: readonly Stage[];
  readonly subjects?: readonly string[];
  readonly grade?: number;
  readonly classId?: string;
}

/** A body item of identity's POST /v1/people/commands (at most 10,000 per request). */
export type PeopleCommand =
  | {
      readonly type: 'RegisterPerson';
      readonly data: { readonly personId: string; readonly kind: 'teacher' | 'student' | 'staff'; readonly effectiveOn: string };
    }
  | { readonly type: 'AssignStaff'; readonly data: { readonly personId: string; readonly placement: PlacementSpec; readonly effectiveOn: string } }
  | { readonly type: 'EnrolStudent'; readonly data: { readonly personId: string; readonly placement: PlacementSpec; readonly effectiveOn: string } }
  | { readonly type: 'LinkId'; readonly data: { readonly personId: string; readonly ref: PersonRef; readonly effectiveOn: string } };

// ---- the province ----

export interface SimClass {
  readonly classId: string;
  readonly stage: Stage;
  readonly grade: number;
  readonly size: number;
  /** the school-local index of its first student; its students are firstStudent … firstStudent + size − 1 */
  readonly firstStudent: number;
  readonly homeRoomId: string;
}

export interface SimStaff {
  readonly index: number;
  readonly post: Post;
  readonly stage: Stage;
  readonly subjects: readonly string[];
}

export interface SimSchool {
  /** position in the province, 0-based */
  readonly index: number;
  /** 学校标识码: the district's 6-digit code and a 4-digit serial within it */
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly cityCode: string;
  readonly schoolType: SchoolType;
  readonly stages: readonly Stage[];
  readonly classes: readonly SimClass[];
  readonly staff: readonly SimStaff[];
  readonly students: number;
  /** 出入口 with a gate system: GATE-1 … GATE-n */
  readonly gates: number;
  /** devices in the asset inventory: A-0001 … */
  readonly devices: number;
  /**
   * How far its smart campus has come, 0–1, when the province was built with a `maturity`
   * option (see maturity.ts): it decides what the school's systems report. Absent otherwise.
   */
  readonly maturity?: number;
}

/**
 * The source systems whose local ids identity links to persons. Every system numbers people
 * province-wide unique, because identity keys a link by (system, localId) alone: a school's
 * timetabling id `T0001` therefore travels as `<school code>-T0001`.
 */
export const SYSTEMS = {
  /** each school's timetabling (排课) system: staff numbers, e.g. 3302030001-T0001 */
  timetabling: 'timetabling',
  /** the campus card (一卡通) that attendance, gates and grading share: 10-digit card numbers */
  card: 'attendance-card',
  /** 之江汇 (Zhejiang's provincial learning platform) accounts, used by space and resource events */
  zhijianghui: 'zhijianghui',
} as const;

export interface ProvinceOptions {
  readonly seed: number | string;
  readonly schools: number;
  /** staff per school, of whom about 85% 专任教师 (default 60) */
  readonly teachersPerSchool?: number;
  /** students per school, spread over the school's grades in classes of about 42 (default 900) */
  readonly studentsPerSchool?: number;
  /** the date regions, schools, placements and links take effect (default 2026-09-01, the school year's start) */
  readonly effectiveOn?: string;
  /**
   * Each school's maturity (maturity.ts): `'spread'` draws it per school from MATURITY_SPREAD
   * (10 % leaders, 65 % established, 25 % starters), a number gives every school that one.
   * Absent (the default): no maturity, and the stream is the one it always was.
   */
  readonly maturity?: 'spread' | number;
  /** A few silent sources and bad senders (quirks.ts), listed in `province.quirks`. Default off. */
  readonly quirks?: boolean;
}

export interface Province {
  readonly seed: number | string;
  readonly effectiveOn: string;
  readonly regions: readonly SimRegion[];
  /** POST /v1/org/commands before the registry import: the registry's districts must exist */
  readonly regionCommands: readonly RegisterRegionCommand[];
  readonly schools: readonly SimSchool[];
  /** the registry file for POST /v1/registry/import?effectiveOn=<effectiveOn> (identity's columns, CRLF) */
  readonly registryCsv: string;
  /**
   * People commands for POST /v1/people/commands, in order: per person RegisterPerson,
   * AssignStaff or EnrolStudent, then one LinkId per source system. Lazy and re-iterable: a
   * province of 10,000 schools has tens of millions of them; use `batches()` to send them.
   */
  readonly peopleCommands: Iterable<PeopleCommand>;
  readonly counts: {
    readonly schools: number;
    readonly staff: number;
    readonly students: number;
    readonly classes: number;
    readonly peopleCommands: number;
    readonly links: number;
  };
  /** The silent sources and bad senders the stream plays, when built with `quirks: true`. */
  readonly quirks?: Quirks;
}

const SCHOOL_TYPES = new Weighted<SchoolType>([
  ['小学', 45],
  ['初中', 22],
  ['九年一贯', 12],
  ['高中', 8],
  ['完中', 4],
  ['十二年一贯', 2],
  ['中职', 7],
]);
const SUFFIX: Record<SchoolType, string> = {
  小学: '小学',
  初中: '初级中学',
  高中: '高级中学',
  完中: '中学',
  九年一贯: '实验学校',
  十二年一贯: '外国语学校',
  中职: '职业高级中学',
};
const NAME_STEMS = [
  '实验',
  '育才',
  '文澜',
  '崇文',
  '求是',
  '春晖',
  '明德',
  '新城',
  '东方',
  '阳光',
  '城南',
  '城北',
  '启明',
  '行知',
  '紫金',
  '青蓝',
  '丰潭',
  '天长',
  '胜利',
  '学军',
  '景华',
  '湖滨',
  '江南',
  '钱塘',
];

/** 学科 per stage; the core subjects repeat, so more teachers teach them. */
export const SUBJECTS: Record<Stage, readonly string[]> = {
  小学: ['语文', '数学', '语文', '数学', '英语', '语文', '数学', '科学', '道德与法治', '体育与健康', '音乐', '美术', '信息科技', '劳动', '英语'],
  初中: ['语文', '数学', '英语', '语文', '数学', '英语', '物理', '化学', '生物学', '历史', '地理', '道德与法治', '体育与健康', '信息科技', '音乐', '美术'],
  高中: ['语文', '数学', '英语', '语文', '数学', '英语', '物理', '化学', '生物学', '历史', '地理', '思想政治', '信息技术', '通用技术', '体育与健康', '艺术'],
  中职: ['语文', '数学', '英语', '思想政治', '信息技术', '体育与健康', '计算机应用', '电子商务', '机电技术应用', '会计事务'],
};

/** 初中 runs grades 7–9 here (六三制, Zhejiang's usual system), though the contract allows 6. */
export function gradesOf(stage: Stage): readonly number[] {
  const [lo, hi] = stage === '初中' ? [7, 9] : GRADES_OF_STAGE[stage];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

const CLASS_SIZE = 42;
const MAX_SCHOOLS = 50_000;

export function simulateProvince(options: ProvinceOptions): Province {
  const { seed, schools: n } = options;
  const teachersPerSchool = options.teachersPerSchool ?? 60;
  const studentsPerSchool = options.studentsPerSchool ?? 900;
  const effectiveOn = options.effectiveOn ?? '2026-09-01';
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCHOOLS) throw new RangeError(`schools must be a whole number 1–${MAX_SCHOOLS}, got ${n}`);
  if (!Number.isInteger(teachersPerSchool) || teachersPerSchool < 2 || teachersPerSchool > 9999)
    throw new RangeError(`teachersPerSchool must be 2–9999, got ${teachersPerSchool}`);
  if (!Number.isInteger(studentsPerSchool) || studentsPerSchool < 12 || studentsPerSchool > 99_999)
    throw new RangeError(`studentsPerSchool must be 12–99999, got ${studentsPerSchool}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveOn)) throw new RangeError(`effectiveOn must be YYYY-MM-DD, got ${effectiveOn}`);
  const maturity = options.maturity;
  if (maturity !== undefined && maturity !== 'spread' && !(typeof maturity === 'number' && maturity >= 0 && maturity <= 1))
    throw new RangeError(`maturity must be 'spread' or a number within 0–1, got ${String(maturity)}`);

  const rng = new Rng(hash32('province', seed));
  const districtPick = new Weighted<SimDistrict>(DISTRICTS.map((x) => [x, x.weight] as const));
  const serials = new Map<string, number>();
  const usedNames = new Set<string>();
  const schools: SimSchool[] = [];
  for (let i = 0; i < n; i++) {
    const district = districtPick.draw(rng);
    const serial = (serials.get(district.code) ?? 0) + 1;
    if (serial > 9999) throw new RangeError(`district ${district.code} ran out of 4-digit school serials`);
    serials.set(district.code, serial);
    const schoolType = SCHOOL_TYPES.draw(rng);
    const prefix = `${district.cityName}${district.name}`;
    let name = `${prefix}${rng.pick(NAME_STEMS)}${SUFFIX[schoolType]}`;
    if (usedNames.has(name)) name = `${prefix}第${serial}${SUFFIX[schoolType]}`;
    usedNames.add(name);
    const stages = STAGES_OF_SCHOOL_TYPE[schoolType];
    schools.push({
      index: i,
      code: `${district.code}${String(serial).padStart(4, '0')}`,
      name,
      regionCode: district.code,
      cityCode: district.parentCode,
      schoolType,
      stages,
      classes: classesOf(stages, studentsPerSchool),
      staff: staffOf(rng, stages, teachersPerSchool),
      students: studentsPerSchool,
      gates: 2 + rng.int(2),
      devices: 80 + rng.int(120),
      // from its own hash, so the rest of the province is the same with or without it
      ...(maturity === undefined ? {} : { maturity: maturity === 'spread' ? spreadMaturity(seed, i) : maturity }),
    });
  }

  const staff = n * teachersPerSchool;
  const students = n * studentsPerSchool;
  const links = (staff + students) * 2;
  return {
    seed,
    effectiveOn,
    regions: ALL_REGIONS,
    regionCommands: ALL_REGIONS.map((r) => ({ type: 'RegisterRegion', data: { code: r.code, name: r.name, effectiveOn } })),
    schools,
    registryCsv: registryCsv(schools),
    peopleCommands: { [Symbol.iterator]: () => peopleCommandsOf(schools, effectiveOn) },
    counts: { schools: n, staff, students, classes: schools.reduce((k, s) => k + s.classes.length, 0), peopleCommands: (staff + students) * 2 + links, links },
    ...(options.quirks ? { quirks: quirksOf(seed, schools) } : {}),
  };
}

function classesOf(stages: readonly Stage[], students: number): SimClass[] {
  const grades = stages.flatMap((stage) => gradesOf(stage).map((grade) => ({ stage, grade })));
  const classes: SimClass[] = [];
  let first = 0;
  grades.forEach(({ stage, grade }, g) => {
    const inGrade = Math.floor(students / grades.length) + (g < students % grades.length ? 1 : 0);
    const count = Math.max(1, Math.round(inGrade / CLASS_SIZE));
    for (let c = 0; c < count; c++) {
      const size = Math.floor(inGrade / count) + (c < inGrade % count ? 1 : 0);
      const no = String(c + 1).padStart(2, '0');
      classes.push({ classId: `C-${grade}-${no}`, stage, grade, size, firstStudent: first, homeRoomId: `R-${grade}${no}` });
      first += size;
    }
  });
  return classes;
}

function staffOf(rng: Rng, stages: readonly Stage[], count: number): SimStaff[] {
  const teaching = Math.max(1, Math.round(count * 0.85));
  const staff: SimStaff[] = [];
  for (let i = 0; i < count; i++) {
    const stage = stages[i % stages.length] ?? '小学';
    if (i < teaching) {
      const list = SUBJECTS[stage];
      const first = list[Math.floor(i / stages.length) % list.length] ?? '语文';
      const second = rng.chance(0.15) ? rng.pick(list) : first;
      staff.push({ index: i, post: '专任教师', stage, subjects: second === first ? [first] : [first, second] });
    } else {
      const k = i - teaching;
      staff.push({ index: i, post: k % 3 === 0 ? '管理人员' : k % 3 === 1 ? '教辅人员' : '工勤人员', stage, subjects: [] });
    }
  }
  return staff;
}

// ---- person ids and local ids (pure functions of school and index, so events need no lookup) ----

const pad = (x: number, width: number): string => String(x).padStart(width, '0');

export const staffPersonId = (school: SimSchool, i: number): string => `p-${school.code}-t${pad(i + 1, 4)}`;
export const studentPersonId = (school: SimSchool, j: number): string => `p-${school.code}-s${pad(j + 1, 5)}`;

export function staffRef(school: SimSchool, i: number, system: 'timetabling' | 'zhijianghui'): PersonRef {
  return system === 'timetabling'
    ? { system: SYSTEMS.timetabling, localId: `${school.code}-T${pad(i + 1, 4)}` }
    : { system: SYSTEMS.zhijianghui, localId: `zjt${school.code}${pad(i + 1, 4)}` };
}

export function studentRef(school: SimSchool, j: number, system: 'card' | 'zhijianghui'): PersonRef {
  return system === 'card'
    ? { system: SYSTEMS.card, localId: String(1_000_000_000 + school.index * 100_000 + j) }
    : { system: SYSTEMS.zhijianghui, localId: `zjs${school.code}${pad(j + 1, 5)}` };
}

/**
 * Local ids no LinkId covers, in each system's own format (a card number starting with 9, a
 * staff number with X), for the share of events that name someone identity does not know.
 */
export function unlinkedRef(school: SimSchool, system: string, n: number): PersonRef {
  if (system === SYSTEMS.card) return { system, localId: `9${pad(n % 1_000_000_000, 9)}` };
  if (system === SYSTEMS.zhijianghui) return { system, localId: `zjx${school.code}${pad(n % 100_000, 5)}` };
  return { system, localId: `${school.code}-X${pad(n % 100_000, 5)}` };
}

function* peopleCommandsOf(schools: readonly SimSchool[], effectiveOn: string): Generator<PeopleCommand> {
  for (const school of schools) {
    for (const s of school.staff) {
      const personId = staffPersonId(school, s.index);
      yield { type: 'RegisterPerson', data: { personId, kind: s.post === '专任教师' ? 'teacher' : 'staff', effectiveOn } };
      yield {
        type: 'AssignStaff',
        data: { personId, placement: { schoolCode: school.code, post: s.post, stages: [s.stage], subjects: s.subjects }, effectiveOn },
      };
      yield { type: 'LinkId', data: { personId, ref: staffRef(school, s.index, 'timetabling'), effectiveOn } };
      yield { type: 'LinkId', data: { personId, ref: staffRef(school, s.index, 'zhijianghui'), effectiveOn } };
    }
    for (const c of school.classes) {
      for (let j = c.firstStudent; j < c.firstStudent + c.size; j++) {
        const personId = studentPersonId(school, j);
        yield { type: 'RegisterPerson', data: { personId, kind: 'student', effectiveOn } };
        yield {
          type: 'EnrolStudent',
          data: { personId, placement: { schoolCode: school.code, stages: [c.stage], grade: c.grade, classId: c.classId }, effectiveOn },
        };
        yield { type: 'LinkId', data: { personId, ref: studentRef(school, j, 'card'), effectiveOn } };
        yield { type: 'LinkId', data: { personId, ref: studentRef(school, j, 'zhijianghui'), effectiveOn } };
      }
    }
  }
}

/** Groups any iterable into arrays of at most `size` (identity takes 10,000 commands per request). */
export function* batches<T>(items: Iterable<T>, size = 10_000): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

// ---- the registry file ----

/** identity's registry columns (apps/identity registry import), in its order. */
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
const CLASS_COLUMN_STAGE: readonly Stage[] = ['小学', '初中', '高中', '中职'];

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function registryCsv(schools: readonly SimSchool[]): string {
  const lines = [REGISTRY_HEADER.join(',')];
  for (const s of schools) {
    const perStage = CLASS_COLUMN_STAGE.map((stage) => {
      const counts = new Map<number, number>();
      for (const c of s.classes) if (c.stage === stage) counts.set(c.grade, (counts.get(c.grade) ?? 0) + 1);
      return [...counts].map(([grade, k]) => `${grade}:${k}`).join(';');
    });
    lines.push([s.code, s.name, s.regionCode, s.schoolType, s.stages.join('、'), ...perStage, '办学'].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
