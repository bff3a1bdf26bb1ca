import { GRADES_OF_STAGE, STAGES_OF_SCHOOL_TYPE, type SchoolType, type Stage, stage as stageSchema } from '@educube/contracts';
import { IdentityErrorCode, fail } from '../shared/errors';
import type { IsoDate } from '../shared/dates';

export type RegionLevel = 'province' | 'city' | 'district';
export type SchoolStatus = 'open' | 'closed';

/** Classes of one grade of one stage (初中 grade 6 exists for 五四制 schools). */
export interface ClassCount {
  readonly stage: Stage;
  readonly grade: number;
  readonly classes: number;
}

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  /** undefined for a province */
  readonly parentCode: string | undefined;
  readonly registeredOn: IsoDate;
}

/** What a school is from `from` until the next version. */
export interface SchoolVersion {
  readonly from: IsoDate;
  readonly name: string;
  readonly regionCode: string;
  readonly schoolType: SchoolType;
  readonly stages: readonly Stage[];
  readonly classes: readonly ClassCount[];
  readonly status: SchoolStatus;
}

export interface SchoolHistory {
  readonly code: string;
  /** ordered by `from`, at most one per date */
  readonly versions: readonly SchoolVersion[];
}

export interface OrgTreeState {
  readonly regions: Readonly<Record<string, Region>>;
  readonly schools: Readonly<Record<string, SchoolHistory>>;
}

export const initialOrgTree = (): OrgTreeState => ({ regions: {}, schools: {} });

// ---- codes ----------------------------------------------------------------------------------

const REGION_CODE = /^\d{6}$/;
const SCHOOL_CODE = /^\d{10}$/;

/** 行政区划代码: xx0000 province, xxxx00 city (地级), anything else a district or county. */
export function regionLevelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'district';
}

/** The parent implied by the code: a district's city is its first four digits + 00. */
export function parentCodeOf(code: string): string | undefined {
  switch (regionLevelOf(code)) {
    case 'province':
      return undefined;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'district':
      return `${code.slice(0, 4)}00`;
  }
}

export function assertRegionCode(code: unknown, field = 'regionCode'): string {
  if (typeof code !== 'string' || !REGION_CODE.test(code) || code.startsWith('00')) {
    fail(IdentityErrorCode.INVALID_CODE, `${field} must be a 6-digit administrative division code (行政区划代码), got ${JSON.stringify(code)}`, {
      field,
      rule: 'six-digits',
      value: code,
    });
  }
  return code as string;
}

export function assertSchoolCode(code: unknown, field = 'schoolCode'): string {
  if (typeof code !== 'string' || !SCHOOL_CODE.test(code)) {
    fail(IdentityErrorCode.INVALID_CODE, `${field} must be the 10-digit school identifier (学校标识码), got ${JSON.stringify(code)}`, {
      field,
      rule: 'ten-digits',
      value: code,
    });
  }
  return code as string;
}

export function assertName(name: unknown, field = 'name'): string {
  if (typeof name !== 'string' || name.trim().length < 2 || name.trim() !== name || name.length > 100) {
    fail(IdentityErrorCode.INVALID_NAME, `${field} must be 2–100 characters without surrounding spaces, got ${JSON.stringify(name)}`, {
      field,
      rule: 'name',
      value: name,
    });
  }
  return name as string;
}

// ---- stages and classes ---------------------------------------------------------------------

const STAGE_ORDER: readonly Stage[] = stageSchema.options;

/** Stages in one canonical order so equal sets compare equal. */
export const canonicalStages = (stages: readonly Stage[]): Stage[] => STAGE_ORDER.filter((s) => stages.includes(s));

export const canonicalClasses = (classes: readonly ClassCount[]): ClassCount[] =>
  [...classes]
    .map((c) => ({ stage: c.stage, grade: c.grade, classes: c.classes }))
    .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) || a.grade - b.grade);

/**
 * A school runs at least the stages its type implies (a 完中 runs 初中 and 高中); it may run
 * more (a 完中 with a 中职 class). Unknown stages are refused.
 */
export function checkStages(schoolType: SchoolType, stages: readonly Stage[] | undefined): Stage[] {
  const given = stages ?? STAGES_OF_SCHOOL_TYPE[schoolType];
  const unknown = given.filter((s) => !STAGE_ORDER.includes(s));
  if (unknown.length) fail(IdentityErrorCode.STAGES_MISMATCH, `unknown stage ${unknown.join(', ')}`, { field: 'stages', rule: 'stage', value: unknown });
  if (new Set(given).size !== given.length)
    fail(IdentityErrorCode.STAGES_MISMATCH, `stages repeat: ${given.join(', ')}`, { field: 'stages', rule: 'unique', value: given });
  const missing = STAGES_OF_SCHOOL_TYPE[schoolType].filter((s) => !given.includes(s));
  if (missing.length) {
    fail(IdentityErrorCode.STAGES_MISMATCH, `a ${schoolType} school runs ${STAGES_OF_SCHOOL_TYPE[schoolType].join(' and ')}; missing ${missing.join(', ')}`, {
      field: 'stages',
      rule: 'stages-of-school-type',
      value: given,
    });
  }
  return canonicalStages(given);
}

/** Classes must belong to the school's stages, use that stage's grades, and not repeat. */
export function checkClasses(stages: readonly Stage[], classes: readonly ClassCount[]): ClassCount[] {
  const seen = new Set<string>();
  for (const c of classes) {
    const key = `${c.stage}/${c.grade}`;
    if (!stages.includes(c.stage))
      fail(IdentityErrorCode.INVALID_CLASSES, `classes given for stage ${c.stage}, which the school does not run (${stages.join(', ')})`, {
        field: 'classes',
        rule: 'stage-of-school',
        value: c.stage,
      });
    const range = GRADES_OF_STAGE[c.stage];
    if (!Number.isInteger(c.grade) || c.grade < range[0] || c.grade > range[1]) {
      fail(IdentityErrorCode.INVALID_CLASSES, `grade ${c.grade} is not a ${c.stage} grade (${range[0]}–${range[1]})`, {
        field: 'classes',
        rule: 'grade-in-stage',
        value: c.grade,
      });
    }
    if (!Number.isInteger(c.classes) || c.classes < 0 || c.classes > 1000) {
      fail(IdentityErrorCode.INVALID_CLASSES, `class count ${c.classes} for ${key} must be a whole number 0–1000`, {
        field: 'classes',
        rule: 'count',
        value: c.classes,
      });
    }
    if (seen.has(key)) fail(IdentityErrorCode.INVALID_CLASSES, `classes for ${key} given twice`, { field: 'classes', rule: 'unique', value: key });
    seen.add(key);
  }
  return canonicalClasses(classes);
}
