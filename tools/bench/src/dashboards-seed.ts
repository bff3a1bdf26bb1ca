/**
 * What `bench:dashboards` seeds: a region tree with schools spread unevenly over districts (as
 * real ones are), the registry CSV identity imports, a standing per school and standard with a
 * plausible spread of verdicts, and twelve months of activity per school. Deterministic (one
 * seed), so two runs of one size seed the same city or province.
 *
 * The standings and the activity rows are written with SQL beside the services' own code: the
 * lint rule keeps tools from importing apps and other scopes' libs (tools are scope:shared), so
 * the rows are shaped as `StandingsStore.save` (apps/assessment) and the warehouse's read models
 * (libs/warehouse/read-models) write them, and the services' own code then rolls them up.
 */
import { gradesOf, REGISTRY_HEADER, Rng } from '@educube/simulator';

export interface BenchDistrict {
  readonly code: string;
  readonly name: string;
  readonly cityCode: string;
}

export interface BenchSchool {
  readonly code: string;
  readonly name: string;
  readonly district: string;
  readonly schoolType: '小学' | '初中' | '高中' | '九年一贯';
  /** classes per grade, "grade:count" pairs per stage column */
  readonly classes: { readonly 小学: string; readonly 初中: string; readonly 高中: string };
  readonly classCount: number;
}

export interface BenchCity {
  readonly code: string;
  readonly name: string;
}

export interface Tree {
  readonly province: { readonly code: string; readonly name: string };
  readonly cities: readonly BenchCity[];
  readonly districts: readonly BenchDistrict[];
  readonly schools: readonly BenchSchool[];
  /** school codes by region code (province, city, district), sorted */
  readonly schoolsIn: ReadonlyMap<string, readonly string[]>;
}

const NINGBO_DISTRICTS: readonly [string, string][] = [
  ['330203', '海曙区'],
  ['330205', '江北区'],
  ['330206', '北仑区'],
  ['330211', '镇海区'],
  ['330212', '鄞州区'],
  ['330213', '奉化区'],
  ['330225', '象山县'],
  ['330226', '宁海县'],
  ['330281', '余姚市'],
  ['330282', '慈溪市'],
];

/** Zhejiang's eleven prefecture-level cities (GB/T 2260). */
const ZHEJIANG_CITIES: readonly BenchCity[] = [
  { code: '330100', name: '杭州市' },
  { code: '330200', name: '宁波市' },
  { code: '330300', name: '温州市' },
  { code: '330400', name: '嘉兴市' },
  { code: '330500', name: '湖州市' },
  { code: '330600', name: '绍兴市' },
  { code: '330700', name: '金华市' },
  { code: '330800', name: '衢州市' },
  { code: '330900', name: '舟山市' },
  { code: '331000', name: '台州市' },
  { code: '331100', name: '丽水市' },
];

/** A standard normal draw (Box–Muller). */
export function gauss(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * 1,000 schools: one city (宁波市, 330200) with its ten real districts. 10,000: the province's
 * eleven cities, 宁波 with its ten districts and the others with eight each (90 districts).
 * District sizes are log-normal (an urban district holds several times a rural county's
 * schools); codes are the district code and a four-digit serial.
 */
export function buildTree(size: number, seed = 'bench-dashboards'): Tree {
  const rng = new Rng(`${seed}:${size}`);
  const cities = size <= 2_000 ? ZHEJIANG_CITIES.filter((c) => c.code === '330200') : ZHEJIANG_CITIES;
  const districts: BenchDistrict[] = cities.flatMap((c) =>
    c.code === '330200'
      ? NINGBO_DISTRICTS.map(([code, name]) => ({ code, name, cityCode: c.code }))
      : Array.from({ length: 8 }, (_, i) => ({
          code: `${c.code.slice(0, 4)}${String(i + 2).padStart(2, '0')}`,
          name: `${c.name.slice(0, -1)}第${i + 1}区`,
          cityCode: c.code,
        })),
  );
  // largest-remainder apportionment of `size` schools by log-normal weights
  const weights = districts.map(() => Math.exp(0.6 * gauss(rng)));
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * size);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, left = size - counts.reduce((a, b) => a + b, 0); left > 0; k++, left--)
    counts[(order[k % order.length] as readonly [number, number])[1]] = (counts[(order[k % order.length] as readonly [number, number])[1]] as number) + 1;

  const schools: BenchSchool[] = [];
  districts.forEach((d, i) => {
    for (let n = 1; n <= (counts[i] as number); n++) {
      const r = rng.next();
      const schoolType = r < 0.58 ? '小学' : r < 0.83 ? '初中' : r < 0.95 ? '高中' : '九年一贯';
      const stages: ('小学' | '初中' | '高中')[] = schoolType === '九年一贯' ? ['小学', '初中'] : [schoolType];
      const perGrade = schoolType === '高中' ? rng.between(4, 14) : rng.between(1, 8);
      let classCount = 0;
      const column = (stage: '小学' | '初中' | '高中'): string => {
        if (!stages.includes(stage)) return '';
        return gradesOf(stage)
          .map((g) => {
            const k = Math.max(1, perGrade + rng.between(-1, 1));
            classCount += k;
            return `${g}:${k}`;
          })
          .join(';');
      };
      const classes = { 小学: column('小学'), 初中: column('初中'), 高中: column('高中') };
      const serial = String(n).padStart(4, '0');
      const suffix = schoolType === '小学' ? '小学' : schoolType === '初中' ? '中学' : schoolType === '高中' ? '高级中学' : '学校';
      schools.push({ code: `${d.code}${serial}`, name: `${d.name}第${serial}${suffix}`, district: d.code, schoolType, classes, classCount });
    }
  });
  const schoolsIn = new Map<string, string[]>();
  const add = (region: string, code: string) => schoolsIn.set(region, [...(schoolsIn.get(region) ?? []), code]);
  const cityOf = new Map(districts.map((d) => [d.code, d.cityCode]));
  for (const s of schools) {
    add('330000', s.code);
    add(cityOf.get(s.district) as string, s.code);
    add(s.district, s.code);
  }
  for (const list of schoolsIn.values()) list.sort();
  return { province: { code: '330000', name: '浙江省' }, cities, districts, schools, schoolsIn };
}

/** RegisterRegion commands, parents first. */
export function regionCommands(tree: Tree): { type: 'RegisterRegion'; data: { code: string; name: string; effectiveOn: string } }[] {
  const effectiveOn = '2000-01-01';
  return [tree.province, ...tree.cities, ...tree.districts].map((r) => ({ type: 'RegisterRegion', data: { code: r.code, name: r.name, effectiveOn } }));
}

/** The registry CSV (identity's columns, as tools/embedded's stack test and the simulator write it). */
export function registryCsv(schools: readonly BenchSchool[]): string {
  const lines = [REGISTRY_HEADER.join(',')];
  for (const s of schools) lines.push([s.code, s.name, s.district, s.schoolType, '', s.classes.小学, s.classes.初中, s.classes.高中, '', '办学'].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- standings

/** An item of a standard's sheet, as the assessment's sheet endpoint lists it. */
export interface SheetItem {
  readonly itemId: string;
  readonly flags: string;
}

export type StandardId = 'zhejiang' | 'ningbo' | 'wenzhou' | 'ningxia' | 'jiangsu';
export const STANDARDS: readonly StandardId[] = ['zhejiang', 'ningbo', 'wenzhou', 'ningxia', 'jiangsu'];

/** A row of `assessment_standing` as `StandingsStore.save` writes it. */
export interface StandingRow {
  readonly school: string;
  readonly standard: StandardId;
  readonly district: string;
  readonly label: string;
  readonly score: number | null;
  readonly stars: number | null;
  readonly starsByScore: number | null;
  readonly passed: boolean | null;
  readonly level: string | null;
  readonly basicMet: number | null;
  readonly basicTotal: number | null;
  readonly metItems: readonly string[];
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * One school's standings under the five standards. A latent quality q ~ N(0, 1) per school is
 * shared by every standard (a well-run school does well everywhere), each standard adds its own
 * noise: z = 0.7 q + 0.71 e. The labels follow each standard's rule from its score, with the
 * catalogs' thresholds (libs/assessment/catalog; labels of libs/assessment/standings):
 *
 * - ningxia: total = 72 + 10 z (0–100); stars by score ≥95 5, ≥90 4, ≥80 3, ≥70 2, else 0
 *   (the catalog defines no one-star band); four or five stars with a ★ item unmet (40 % of
 *   them) are held at three. The district's 30 % three-star cap is then the service's own.
 * - jiangsu: total = 86 + 11 z (0–110), passed at 80 (≈ 70 % pass).
 * - zhejiang: basic-met when z > −0.25 (≈ 60 %), every basic item met; otherwise 1–3 unmet.
 * - ningbo: score = 65 + 12 z (0–100), its 10-point band; basic part items met by the same z.
 * - wenzhou: none / standard / v2 for z below 0 / below 1.04 / above (≈ 50 / 35 / 15 %).
 *
 * Items (met_items, the region's item met-rates): item i is met with probability
 * sigmoid(1 + 1.5 z + d_i), d_i ~ N(0, 0.8) fixed per item, so rates differ by item and better
 * schools meet more; only zhejiang's basic items are tied to the label exactly.
 */
export function standingsOf(
  school: string,
  district: string,
  items: ReadonlyMap<StandardId, readonly SheetItem[]>,
  difficulty: ReadonlyMap<string, number>,
  rng: Rng,
): StandingRow[] {
  const q = gauss(rng);
  const z = () => 0.7 * q + 0.71 * gauss(rng);
  const metBy = (standard: StandardId, zs: number, keep: (i: SheetItem) => boolean = () => true): string[] =>
    (items.get(standard) ?? [])
      .filter((i) => keep(i) && rng.chance(sigmoid(1 + 1.5 * zs + (difficulty.get(`${standard}|${i.itemId}`) ?? 0))))
      .map((i) => i.itemId);
  const none = { score: null, stars: null, starsByScore: null, passed: null, level: null, basicMet: null, basicTotal: null };
  const out: StandingRow[] = [];

  {
    const zs = z();
    const total = round1(clamp(72 + 10 * zs, 0, 100));
    const byScore = total >= 95 ? 5 : total >= 90 ? 4 : total >= 80 ? 3 : total >= 70 ? 2 : 0;
    const stars = byScore >= 4 && rng.chance(0.4) ? 3 : byScore;
    out.push({
      ...none,
      school,
      district,
      standard: 'ningxia',
      label: `${stars}-star`,
      score: total,
      stars,
      starsByScore: byScore,
      metItems: metBy('ningxia', zs),
    });
  }
  {
    const zs = z();
    const total = round1(clamp(86 + 11 * zs, 0, 110));
    out.push({
      ...none,
      school,
      district,
      standard: 'jiangsu',
      label: total >= 80 ? 'passed' : 'not-passed',
      score: total,
      passed: total >= 80,
      metItems: metBy('jiangsu', zs),
    });
  }
  {
    const zs = z();
    const all = items.get('zhejiang') ?? [];
    const basic = all.filter((i) => !i.flags.includes('(0)'));
    const met = zs > -0.25;
    const unmet = met ? new Set<string>() : new Set(rng.sample(basic, rng.between(1, Math.min(3, basic.length))).map((i) => i.itemId));
    const optional = metBy('zhejiang', zs, (i) => i.flags.includes('(0)'));
    const metItems = [...basic.filter((i) => !unmet.has(i.itemId)).map((i) => i.itemId), ...optional];
    out.push({
      ...none,
      school,
      district,
      standard: 'zhejiang',
      label: met ? 'basic-met' : 'basic-unmet',
      passed: met,
      basicMet: basic.length - unmet.size,
      basicTotal: basic.length,
      metItems,
    });
  }
  {
    const zs = z();
    const score = round1(clamp(65 + 12 * zs, 0, 100));
    const band = Math.min(9, Math.floor(score / 10));
    const basic = (items.get('ningbo') ?? []).filter((i) => i.flags.includes('basic'));
    const metItems = metBy('ningbo', zs);
    out.push({
      ...none,
      school,
      district,
      standard: 'ningbo',
      label: `${band * 10}-${band * 10 + 10}`,
      score,
      basicMet: basic.filter((i) => metItems.includes(i.itemId)).length,
      basicTotal: basic.length,
      metItems,
    });
  }
  {
    const zs = z();
    const level = zs < 0 ? null : zs < 1.04 ? 'standard' : 'v2';
    out.push({ ...none, school, district, standard: 'wenzhou', label: level ?? 'none', level, metItems: metBy('wenzhou', zs) });
  }
  return out;
}

/** Per-item difficulty d_i ~ N(0, 0.8), fixed by the seed. */
export function itemDifficulty(items: ReadonlyMap<StandardId, readonly SheetItem[]>, seed = 'bench-dashboards'): Map<string, number> {
  const rng = new Rng(`${seed}:items`);
  const out = new Map<string, number>();
  for (const [standard, list] of items) for (const i of list) out.set(`${standard}|${i.itemId}`, 0.8 * gauss(rng));
  return out;
}

// ---------------------------------------------------------------- activity

/** `read_models.activity_months` counters of one school-month (the projection's columns). */
export interface ActivityRow {
  readonly school: string;
  readonly month: string;
  readonly teacherSpaceSummaries: number;
  readonly teacherSpaceActivities: number;
  readonly resourceUploads: number;
  readonly teacherUploads: number;
  readonly lessonsDelivered: number;
  readonly remoteLessons: number;
  readonly threeClassroomLessons: number;
}

/** The `count` months up to `last` (YYYY-MM), oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1);
  return Array.from({ length: count }, (_, i) => {
    const k = index - (count - 1) + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * Twelve months of activity per school: lessons ≈ classes × 5 a day × school days (few in
 * February, almost none in July and August), a tenth of them remote, uploads by teachers
 * (≈ 2.5 teachers per class) with a per-school habit, teacher learning-space activity.
 */
export function activityOf(school: BenchSchool, months: readonly string[], rng: Rng): { rows: ActivityRow[]; teachers: number; students: number } {
  const teachers = Math.round(school.classCount * (2.2 + 0.6 * rng.next()));
  const students = Math.round(school.classCount * (36 + 10 * rng.next()));
  const habit = Math.exp(0.7 * gauss(rng));
  const rows = months.map((month) => {
    const m = Number(month.slice(5));
    const days = m === 7 || m === 8 ? 1 : m === 2 ? 12 : m === 1 ? 15 : 21;
    const lessonsDelivered = Math.round(school.classCount * 5 * days * (0.9 + 0.2 * rng.next()));
    const remoteLessons = Math.round(lessonsDelivered * 0.1 * habit * rng.next());
    const teacherUploads = Math.round(teachers * 2 * habit * (days / 21) * (0.5 + rng.next()));
    const teacherSpaceSummaries = Math.round(teachers * 0.6 * (days / 21));
    return {
      school: school.code,
      month,
      teacherSpaceSummaries,
      teacherSpaceActivities: Math.round(teacherSpaceSummaries * 8 * habit),
      resourceUploads: teacherUploads + Math.round(teacherUploads * 0.2 * rng.next()),
      teacherUploads,
      lessonsDelivered,
      remoteLessons,
      threeClassroomLessons: Math.round(remoteLessons * 0.8),
    };
  });
  return { rows, teachers, students };
}
