import type { Stage } from '@educube/contracts';

/**
 * Formulas as data. A derived item is a list of checks over the facts the engine projects
 * (facts.ts); an attested item names the evidence a school uploads. Nothing here computes:
 * evaluate.ts reads these shapes, and the classification spec checks that every fact and
 * field a formula names is one the engine keeps.
 */

/** What a check looks at: the records of an event type in a window, or an entity kind as of a date. */
export const ENTITY_FACTS = [
  'school', // SchoolRegistered, latest: stages and type
  'teachers', // TeacherAssigned less TeacherLeft, as of
  'students', // StudentEnrolled less StudentLeft, as of
  'classes', // ClassOpened less ClassClosed, as of
  'devices', // DeviceRegistered with its latest DeviceStatusChanged, as of
  'rooms', // RoomRegistered, latest per room, as of
  'links', // NetworkLinkRegistered, latest per link, as of
  'systems', // InformationSystemRegistered, latest per system, as of
  'spaces', // LearningSpaceOpened less LearningSpaceClosed, as of
  'resources', // ResourceUploaded less ResourceWithdrawn, as of (holdings)
  'roles', // RoleAssigned less RoleRevoked, as of
  'orgUnits', // OrgUnitEstablished less OrgUnitDissolved, as of
  'credentials', // CredentialRecorded, valid on the date
  'designations', // DesignationConferred, conferred by the date
  'libraryHoldings', // DigitalLibraryHoldingsReported, the latest on or before the date
] as const;
export type EntityFact = (typeof ENTITY_FACTS)[number];

/** Event types whose records are counted by their own date inside a window (names as in the contracts). */
export type EventFact = string;
export type FactName = EntityFact | EventFact;

/** A condition on one field (dotted path) of a record. */
export type Cond =
  | string
  | number
  | boolean
  | readonly string[] // one of
  | { readonly has: string } // array field contains
  | { readonly hasAny: readonly string[] } // array field contains one of
  | { readonly atLeast: 'school' | 'county' | 'city' | 'province' | 'national' } // Level ordering
  | { readonly gte: number }
  | { readonly gt: number }
  | { readonly exists: boolean }
  /** A scope list (`stages`): contains the value, or is empty, which means the whole school (DeviceRegistered, RoomRegistered). */
  | { readonly covers: string };
/** `'$stage'` as a value binds the stage a stage-specific check is evaluated for. */
export type Where = Readonly<Record<string, Cond>>;

export type Measure =
  /** Records in the window (event facts) or entities as of its end (entity facts). */
  | { readonly of: 'count'; readonly fact: FactName; readonly where?: Where }
  /** Distinct values of a field (persons, subjects, kinds…). Array fields count each element. */
  | { readonly of: 'distinct'; readonly fact: FactName; readonly field: string; readonly where?: Where; readonly among?: readonly string[] }
  | { readonly of: 'sum'; readonly fact: FactName; readonly field: string; readonly where?: Where }
  | { readonly of: 'max'; readonly fact: FactName; readonly field: string; readonly where?: Where }
  /** Headcount as of the window's end: the person roster, or the latest HeadcountReported when no person is on it. */
  | { readonly of: 'headcount'; readonly role: 'students' | 'teachers' | 'classes'; readonly post?: '专任教师'; readonly stage?: '$stage' }
  | { readonly of: 'ratio'; readonly num: Measure; readonly den: Measure }
  /** The sum of several measures ("papers or awarded cases", "uploads or updates"). */
  | { readonly of: 'add'; readonly terms: readonly Measure[] }
  /** The largest number of days between two date fields of one record (log retention: oldestRecordOn → reportedOn). */
  | { readonly of: 'spanDays'; readonly fact: FactName; readonly from: string; readonly to: string; readonly where?: Where }
  /**
   * Distinct keys over the records of one or more facts in the window: a key recorded by several
   * counts once (Ningbo B10 试题 增加或更新 60 份 — a resource uploaded and updated is one 份; B19 a
   * paper both published and awarded is one 篇), and a record without its part's key counts as
   * its own. Each counted record also meets every Where of `all` (several conditions on one array
   * field: B8 a 微课程 with 视频 and 教案 and …). With `with`, only keys that also have a matching
   * record of that fact dated up to the window's end count (B10 通过校级审核).
   */
  | {
      readonly of: 'keys';
      readonly parts: readonly { readonly fact: FactName; readonly key: string; readonly where?: Where }[];
      readonly all?: readonly Where[];
      readonly with?: { readonly fact: FactName; readonly key: string; readonly where?: Where };
    }
  /** Teaching weeks elapsed in the window: whole weeks to its end (asOf while it runs), at most the published semester's 教学周数 and exactly those once it is over. */
  | { readonly of: 'teachingWeeks' }
  /**
   * The share of a population (entities keyed by `key`) whose evidence records (matched by
   * `evidence.key` = the member's key) aggregate to at least / more than a value in the window.
   * With `population.weight` each member counts by that field (the largest on its records; 1
   * where absent): Jiangsu 四(一)1 counts a timetabled lesson by its 课时. With
   * `evidence.sinceStart` evidence dated before the window counts too, up to its end (a lesson
   * prepared before the semester it is taught in).
   */
  | {
      readonly of: 'share';
      readonly population: { readonly fact: FactName; readonly key: string; readonly where?: Where; readonly weight?: string };
      /** `regular` (常态化): a member's evidence counts only when it falls in every teaching month of the window (see `groups`). */
      readonly evidence: {
        readonly fact: FactName;
        readonly key: string;
        readonly where?: Where;
        readonly sum?: string;
        readonly sinceStart?: boolean;
        readonly regular?: boolean;
      };
      readonly cmp: '>=' | '>';
      readonly value: number;
    }
  /**
   * How many groups (the values of `key` on the practices' records: subjects) use at least
   * `atLeast` of the practices in the window (Wenzhou 14: 至少有2个学科开展至少2个项目). With
   * `regular` (常态使用) a practice counts for a group only when its records fall in every
   * teaching month of the window — each calendar month in which the school delivered a lesson —
   * and there is at least one such month.
   */
  | {
      readonly of: 'groups';
      readonly key: string;
      readonly practices: readonly { readonly label: string; readonly fact: FactName; readonly where?: Where }[];
      readonly atLeast: number;
      readonly regular?: boolean;
    }
  /**
   * The share of a population whose members each have at least one matching record of EVERY
   * evidence listed, in the window (entity evidence as of its end): the same person holds all
   * of them. Jiangsu 二(二)3 (a real-name space and self-study in it), 四(二)5 (records in each of
   * 德智体美劳). No member is no value.
   */
  | {
      readonly of: 'shareAll';
      readonly population: { readonly fact: FactName; readonly key: string; readonly where?: Where };
      readonly evidence: readonly { readonly fact: FactName; readonly key: string; readonly where?: Where }[];
    }
  /**
   * The share of groups (the values of `population.key`: e.g. the subjects 专任教师 teach) whose
   * distinct `evidence.field` values (e.g. 微课 knowledge points, grouped by `evidence.key`) reach
   * `fraction` × the group's own total, stated by the latest `totals` record for the group in
   * the window (Ningxia 17: ¼ of each subject's knowledge points). A group without a stated
   * total does not reach it; no group at all is no value.
   */
  | {
      readonly of: 'quotaShare';
      readonly population: { readonly fact: FactName; readonly key: string; readonly where?: Where };
      readonly totals: { readonly fact: FactName; readonly key: string; readonly field: string; readonly where?: Where };
      readonly evidence: { readonly fact: FactName; readonly key: string; readonly field: string; readonly where?: Where };
      readonly fraction: number;
    }
  /**
   * Records in the window whose `field` (region codes) names at least one region other than the
   * school's own (SchoolRegistered.regionCode as of the window's end): Ningxia 63 承接外县(区)
   * 观摩学习活动 — visitors from another county. No registered school: no value.
   */
  | { readonly of: 'outsideRegion'; readonly fact: FactName; readonly field: string; readonly where?: Where };

export type Window =
  | { readonly kind: 'asOf' }
  | { readonly kind: 'schoolYear' }
  | { readonly kind: 'semester' }
  /** Ningxia's 上一自然年度 is `previous: true`. */
  | { readonly kind: 'calendarYear'; readonly previous?: boolean }
  | { readonly kind: 'rolling'; readonly days: number }
  | { readonly kind: 'cumulative' }
  /** The creation period (立项 to the acceptance application): from the evaluation's `creationStart`, else cumulative. */
  | { readonly kind: 'creation' };

export type Cmp = '>=' | '>' | '<=' | '<' | '==';

export interface Check {
  readonly label: string;
  readonly measure: Measure;
  readonly window: Window;
  readonly cmp: Cmp;
  /** A number, or a regional average supplied with the evaluation (Ningxia 23, 48). */
  readonly value: number | { readonly regional: string };
  /** Stage-specific thresholds: evaluated once per stage the school runs that has a value here; each must hold. */
  readonly byStage?: Partial<Record<Stage, number>>;
}

export type Scoring =
  /** The item's points when every check holds, else 0 (the default). */
  | { readonly kind: 'all' }
  /** Points per unit of each term, summed and capped (Ningxia 30: 0.5 per award up to 5). */
  | { readonly kind: 'perUnit'; readonly terms: readonly { readonly measure: Measure; readonly window: Window; readonly per: number }[]; readonly cap: number }
  /** Points per check (Ningxia 16: 2 + 1 + 2). */
  | { readonly kind: 'parts'; readonly points: readonly number[] };

export type Tier = 'A' | 'B' | 'C';

export interface DerivedItem {
  readonly basis: 'derived';
  /** countable-items.md: A explicit number, B universal quantifier (100 %), C evidence of presence or use. */
  readonly tier: Tier;
  /** The formula as a person reads it. */
  readonly formula: string;
  readonly checks: readonly Check[];
  readonly scoring?: Scoring;
  /**
   * Where a level's ▲ qualifier words the requirement its own way (Wenzhou 6 达标 少部分通用教室
   * vs 2.0 规模化; 14 1 个学科 1 个项目 vs 2 个学科 2 个项目常态使用), the checks the item must pass
   * at that level, in place of `checks` (which read the item's text alone). Scoring by levels
   * takes the item's result at each level from these.
   */
  readonly levels?: Readonly<Record<string, readonly Check[]>>;
  /** What a reviewer still judges beyond the numbers (常态化, 适量, quality words). */
  readonly review?: string;
}

export interface AttestedItem {
  readonly basis: 'attested';
  /** What the school uploads. */
  readonly evidence: string;
  /** Why no event family can count it. */
  readonly why?: string;
}

/**
 * Derived and attested: the wording asks for what events show (a CIO, meetings, log retention)
 * and for documents no event carries (plans, rules, budgets, 预案). The checks give the value as
 * for a derived item; the item is met only when they hold and an attestation of the documents is
 * accepted by the standard's review chain, as for an attested item.
 */
export interface DerivedAttestedItem extends Omit<DerivedItem, 'basis'> {
  readonly basis: 'derived+attested';
  /** What the school uploads besides what the events show. */
  readonly evidence: string;
  /** Why the events alone do not meet it. */
  readonly why?: string;
}

export type Classification = DerivedItem | AttestedItem | DerivedAttestedItem;
export type ClassificationTable = Readonly<Record<string, Classification>>;
export type Basis = Classification['basis'];

/** The item has checks over the events (derived, derived+attested): it has evidence. */
export const hasChecks = (c: Classification | undefined): c is DerivedItem | DerivedAttestedItem => c?.basis === 'derived' || c?.basis === 'derived+attested';
/** The item needs an accepted attestation (attested, derived+attested): the school attests it and the chain reviews it. */
export const needsAttestation = (c: Classification | undefined): c is AttestedItem | DerivedAttestedItem =>
  c?.basis === 'attested' || c?.basis === 'derived+attested';

// ---- builders: terse enough that a standard's table reads like the document ----

export const SY: Window = { kind: 'schoolYear' };
export const SEM: Window = { kind: 'semester' };
export const AS_OF: Window = { kind: 'asOf' };
export const EVER: Window = { kind: 'cumulative' };
export const PREV_CY: Window = { kind: 'calendarYear', previous: true };
export const CREATION: Window = { kind: 'creation' };
export const days = (n: number): Window => ({ kind: 'rolling', days: n });

export const count = (fact: FactName, where?: Where): Measure => (where ? { of: 'count', fact, where } : { of: 'count', fact });
export const distinct = (fact: FactName, field: string, where?: Where, among?: readonly string[]): Measure => ({
  of: 'distinct',
  fact,
  field,
  ...(where ? { where } : {}),
  ...(among ? { among } : {}),
});
export const spanDays = (fact: FactName, from: string, to: string, where?: Where): Measure => ({ of: 'spanDays', fact, from, to, ...(where ? { where } : {}) });
export const teachingWeeks: Measure = { of: 'teachingWeeks' };
export const sum = (fact: FactName, field: string, where?: Where): Measure => (where ? { of: 'sum', fact, field, where } : { of: 'sum', fact, field });
export const max = (fact: FactName, field: string, where?: Where): Measure => (where ? { of: 'max', fact, field, where } : { of: 'max', fact, field });
export const add = (...terms: Measure[]): Measure => ({ of: 'add', terms });
export const ratio = (num: Measure, den: Measure): Measure => ({ of: 'ratio', num, den });
/** The share of a population's keys (subjects taught…) with at least one matching evidence record: "每门学科", "各学科". */
export const covered = (population: { fact: FactName; key: string; where?: Where }, evidence: { fact: FactName; key: string; where?: Where }): Measure => ({
  of: 'share',
  population,
  evidence,
  cmp: '>=',
  value: 1,
});
export const students = (stage?: '$stage'): Measure => (stage ? { of: 'headcount', role: 'students', stage } : { of: 'headcount', role: 'students' });
export const teachers = (stage?: '$stage'): Measure =>
  stage ? { of: 'headcount', role: 'teachers', post: '专任教师', stage } : { of: 'headcount', role: 'teachers', post: '专任教师' };
export const classes = (stage?: '$stage'): Measure => (stage ? { of: 'headcount', role: 'classes', stage } : { of: 'headcount', role: 'classes' });

/** Share of 专任教师 (as of the window end) with at least `min` matching records keyed by a teacher field. */
export const teacherShare = (fact: FactName, key: string, where?: Where, min = 1, sumField?: string, cmp: '>=' | '>' = '>='): Measure => ({
  of: 'share',
  population: { fact: 'teachers', key: 'teacher', where: { post: '专任教师' } },
  evidence: { fact, key, ...(where ? { where } : {}), ...(sumField ? { sum: sumField } : {}) },
  cmp,
  value: min,
});
export const studentShare = (fact: FactName, key: string, where?: Where, min = 1): Measure => ({
  of: 'share',
  population: { fact: 'students', key: 'student' },
  evidence: { fact, key, ...(where ? { where } : {}) },
  cmp: '>=',
  value: min,
});

export const check = (label: string, measure: Measure, window: Window, cmp: Cmp, value: Check['value'], byStage?: Check['byStage']): Check =>
  byStage ? { label, measure, window, cmp, value, byStage } : { label, measure, window, cmp, value };
/** At least one record/entity: the presence checks of tier C. */
export const exists = (label: string, measure: Measure, window: Window = AS_OF): Check => check(label, measure, window, '>=', 1);
export const full = (label: string, measure: Measure, window: Window = AS_OF): Check => check(label, measure, window, '>=', 1);

export function derived(
  tier: Tier,
  formula: string,
  checks: readonly Check[],
  extra: { scoring?: Scoring; review?: string; levels?: DerivedItem['levels'] } = {},
): DerivedItem {
  return { basis: 'derived', tier, formula, checks, ...extra };
}
export function attested(evidence: string, why?: string): AttestedItem {
  return why ? { basis: 'attested', evidence, why } : { basis: 'attested', evidence };
}
/** A derived item that also needs the documents its wording asks for, attested and accepted. */
export function derivedAndAttested(item: DerivedItem, evidence: string, why?: string): DerivedAttestedItem {
  return { ...item, basis: 'derived+attested', evidence, ...(why ? { why } : {}) };
}

/** Ratio of rooms of some kinds with a flag set (coverage). */
export const roomCoverage = (roomKinds: readonly string[], flag: Where): Measure =>
  ratio(count('rooms', { roomKind: roomKinds, inUse: true, ...flag }), count('rooms', { roomKind: roomKinds, inUse: true }));
