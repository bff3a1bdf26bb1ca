import type { StandardId } from '@educube/assessment-catalog';

/** The roles this lib knows (the identity service's roles; the assessment scope may not import identity's libs). */
export const ROLES = ['province_officer', 'city_officer', 'district_officer', 'principal', 'cio', 'teacher', 'student', 'parent', 'school_system'] as const;
export type Role = (typeof ROLES)[number];
export type OfficerRole = Extract<Role, 'province_officer' | 'city_officer' | 'district_officer'>;
/** Who attests for a school: the CIO or the principal of that school. */
export const ATTESTING_ROLES: readonly Role[] = ['cio', 'principal'];

export type ReviewLevelId = 'district' | 'county' | 'city' | 'region' | 'province';

export interface ReviewLevel {
  readonly id: ReviewLevelId;
  /** The body that reviews, in the document's words. */
  readonly name: string;
  readonly label: string;
  readonly roles: readonly OfficerRole[];
  /** When the level takes part only for some schools (Ningxia's 自治区认定 for four stars and above). */
  readonly onlyWhen?: string;
  /** The clause that sets this step: file under shared/standards and its words. */
  readonly source: string;
}

/**
 * Each standard's review steps after the school's own self-assessment (学校自评), lowest first.
 * A level acts only on what every earlier level has accepted (see decide.ts).
 */
export const REVIEW_CHAINS: Readonly<Record<StandardId, readonly ReviewLevel[]>> = {
  // The Zhejiang guide (001) names no review procedure; the chain is the administrative one the
  // hub's officers already have (district → city → province), an assumption, not the document's.
  zhejiang: [
    {
      id: 'district',
      name: '县（市、区）教育局',
      label: 'district education bureau',
      roles: ['district_officer'],
      source: '001_35f9ce5dbf32ae54.txt names no procedure; administrative chain assumed',
    },
    {
      id: 'city',
      name: '设区市教育局',
      label: 'city education bureau',
      roles: ['city_officer'],
      source: '001_35f9ce5dbf32ae54.txt names no procedure; administrative chain assumed',
    },
    {
      id: 'province',
      name: '省教育厅',
      label: 'provincial education department',
      roles: ['province_officer'],
      source: '001_35f9ce5dbf32ae54.txt names no procedure; administrative chain assumed',
    },
  ],
  ningbo: [
    {
      id: 'district',
      name: '区县（市）教育装备电教部门',
      label: 'district equipment and e-learning office',
      roles: ['district_officer'],
      source: '000_e16403275660a341.txt （三）组织分工: 各区县（市）教育装备电教部门…负责本地区…创建工作的组织与推进',
    },
    {
      id: 'city',
      name: '宁波市教育服务与电化教育中心',
      label: 'Ningbo education service and e-learning centre (acceptance)',
      roles: ['city_officer'],
      source: '000_e16403275660a341.txt: 宁波市教育服务与电化教育中心将组织专家进行验收和授牌; （三）组织分工: 开展…评估验收',
    },
  ],
  wenzhou: [
    {
      id: 'county',
      name: '县（市、区）教育行政部门（县级初评）',
      label: 'county review',
      roles: ['district_officer'],
      source: '003_0985258ed77a543f.txt 附件2: 向所在县（市、区）教育行政部门提出验收申请，各县组织有关专家进行初评',
    },
    {
      id: 'city',
      name: '温州市教育局（市级验收）',
      label: 'city acceptance',
      roles: ['city_officer'],
      source: '003_0985258ed77a543f.txt 附件2: 通过后报市教育局申请验收。市教育局组织开展现场验收认定',
    },
  ],
  ningxia: [
    {
      id: 'district',
      name: '教育局（各地认定）',
      label: 'district or city education bureau',
      roles: ['district_officer', 'city_officer'],
      source: '002_0941ca4fe4a28e7e.txt 第十一条（二）各地认定; 附件2 认定表: 教育局评定得分',
    },
    {
      id: 'region',
      name: '自治区教育厅（自治区认定）',
      label: 'region education department',
      roles: ['province_officer'],
      onlyWhen: 'only for schools applying for four stars or more',
      source: '002_0941ca4fe4a28e7e.txt 第十一条（三）自治区认定: 对各地申报四星级的学校进行认定; 附件2 认定表: 教育厅评定得分',
    },
  ],
  jiangsu: [
    {
      id: 'county',
      name: '县（市、区）审核',
      label: 'county review',
      roles: ['district_officer'],
      source: '004_d78454cb1c5bcd61.txt （六）: 按照学校申报、县（市、区）审核、市评估、省抽查的程序进行',
    },
    { id: 'city', name: '市评估', label: 'city assessment', roles: ['city_officer'], source: '004_d78454cb1c5bcd61.txt （六）: 市评估' },
    {
      id: 'province',
      name: '省抽查',
      label: 'provincial spot check',
      roles: ['province_officer'],
      source: '004_d78454cb1c5bcd61.txt （六）: 省抽查; 省教育厅、省经信委、省财政厅定期开展抽查验收',
    },
  ],
};

export function levelIndex(standard: StandardId, level: string): number {
  return REVIEW_CHAINS[standard].findIndex((l) => l.id === level);
}

export const levelTitle = (l: ReviewLevel): string => `${l.id} (${l.name})`;

/** The region shapes of 行政区划代码: XX0000 a province, XXXX00 a city, anything else a county-level district. */
const REGION_OF_ROLE: Record<OfficerRole, { shape: RegExp; prefix: number; what: string }> = {
  province_officer: { shape: /^\d{2}0000$/, prefix: 2, what: 'a province code (XX0000)' },
  city_officer: { shape: /^\d{4}00$/, prefix: 4, what: 'a city code (XXXX00)' },
  district_officer: { shape: /^\d{6}$/, prefix: 6, what: 'a district code' },
};

/**
 * Why an officer's region does not cover a school's region, or undefined when it does. Fails
 * closed: an officer whose code does not have the shape of their level covers nothing (a district
 * officer given a city code does not review the whole city).
 */
export function coverProblem(role: OfficerRole, officerRegion: string, schoolRegion: string): string | undefined {
  const rule = REGION_OF_ROLE[role];
  const wrongShape =
    !rule.shape.test(officerRegion) || (role === 'city_officer' && /0000$/.test(officerRegion)) || (role === 'district_officer' && /00$/.test(officerRegion));
  if (wrongShape) return `a ${role} is scoped to ${rule.what}, got ${officerRegion}`;
  if (officerRegion.slice(0, rule.prefix) !== schoolRegion.slice(0, rule.prefix))
    return `region ${officerRegion} does not cover the school's region ${schoolRegion}`;
  return undefined;
}
