import type { SchoolType, Stage } from '@educube/contracts';
import { IdentityErrorCode, fail } from '../shared/errors';
import { assertIsoDate, type IsoDate } from '../shared/dates';
import {
  assertName,
  assertRegionCode,
  assertSchoolCode,
  canonicalClasses,
  checkClasses,
  checkStages,
  initialOrgTree,
  parentCodeOf,
  regionLevelOf,
  type ClassCount,
  type OrgTreeState,
  type Region,
  type SchoolHistory,
  type SchoolVersion,
} from './model';

// ---- commands (imperative) ------------------------------------------------------------------

export type OrgCommand =
  | { type: 'RegisterRegion'; data: { code: string; name: string; effectiveOn: IsoDate } }
  | {
      type: 'RegisterSchool';
      data: {
        code: string;
        name: string;
        regionCode: string;
        schoolType: SchoolType;
        stages?: readonly Stage[];
        classes?: readonly ClassCount[];
        effectiveOn: IsoDate;
      };
    }
  | { type: 'RenameSchool'; data: { code: string; name: string; effectiveOn: IsoDate } }
  | { type: 'MoveSchool'; data: { code: string; toRegionCode: string; effectiveOn: IsoDate } }
  | { type: 'CloseSchool'; data: { code: string; effectiveOn: IsoDate } }
  | { type: 'ReopenSchool'; data: { code: string; effectiveOn: IsoDate } }
  | { type: 'SetSchoolType'; data: { code: string; schoolType: SchoolType; stages?: readonly Stage[]; effectiveOn: IsoDate } }
  | { type: 'SetSchoolClasses'; data: { code: string; classes: readonly ClassCount[]; effectiveOn: IsoDate } };

// ---- events (past tense); each carries effectiveOn so queries answer "as of" a date -------------

export type OrgEvent =
  | {
      type: 'RegionRegistered';
      data: { code: string; name: string; level: 'province' | 'city' | 'district'; parentCode: string | undefined; effectiveOn: IsoDate };
    }
  | {
      type: 'SchoolRegistered';
      data: { code: string; name: string; regionCode: string; schoolType: SchoolType; stages: Stage[]; classes: ClassCount[]; effectiveOn: IsoDate };
    }
  | { type: 'SchoolRenamed'; data: { code: string; from: string; to: string; effectiveOn: IsoDate } }
  | { type: 'SchoolMoved'; data: { code: string; fromRegionCode: string; toRegionCode: string; effectiveOn: IsoDate } }
  | { type: 'SchoolClosed'; data: { code: string; effectiveOn: IsoDate } }
  | { type: 'SchoolReopened'; data: { code: string; effectiveOn: IsoDate } }
  | { type: 'SchoolTypeChanged'; data: { code: string; schoolType: SchoolType; stages: Stage[]; classes: ClassCount[]; effectiveOn: IsoDate } }
  | { type: 'SchoolClassesCounted'; data: { code: string; classes: ClassCount[]; effectiveOn: IsoDate } };

export type OrgEventType = OrgEvent['type'];

/** One stream per school and one per region; codes are digits only, so no separator can sneak in. */
export const schoolStream = (code: string): string => `identity.school-${assertSchoolCode(code)}`;
export const regionStream = (code: string): string => `identity.region-${assertRegionCode(code)}`;

const latest = (h: SchoolHistory): SchoolVersion => {
  const v = h.versions[h.versions.length - 1];
  if (!v) throw new Error(`school ${h.code} has no versions`); // unreachable: a history starts with SchoolRegistered
  return v;
};

function existingSchool(state: OrgTreeState, code: string, effectiveOn: IsoDate): SchoolVersion {
  assertSchoolCode(code, 'code');
  const h = state.schools[code];
  if (!h) return fail(IdentityErrorCode.UNKNOWN_SCHOOL, `no school with code ${code}`, { field: 'code', rule: 'exists', value: code });
  const v = latest(h);
  // History is appended in date order; a back-dated change would rewrite what was reported.
  if (effectiveOn < v.from) {
    fail(IdentityErrorCode.OUT_OF_ORDER, `school ${code} already changed on ${v.from}; a change effective ${effectiveOn} would rewrite history`, {
      field: 'effectiveOn',
      rule: 'not-before-latest',
      value: effectiveOn,
    });
  }
  return v;
}

const openSchool = (state: OrgTreeState, code: string, effectiveOn: IsoDate): SchoolVersion => {
  const v = existingSchool(state, code, effectiveOn);
  if (v.status === 'closed')
    fail(IdentityErrorCode.SCHOOL_CLOSED, `school ${code} (${v.name}) is closed since ${v.from}`, { field: 'code', rule: 'open', value: code });
  return v;
};

function district(state: OrgTreeState, code: string, field: string, effectiveOn: IsoDate): string {
  assertRegionCode(code, field);
  const r = state.regions[code];
  if (!r) return fail(IdentityErrorCode.UNKNOWN_REGION, `no region with code ${code}`, { field, rule: 'exists', value: code });
  if (r.level !== 'district')
    fail(IdentityErrorCode.REGION_NOT_A_DISTRICT, `region ${code} (${r.name}) is a ${r.level}; schools belong to a district or county`, {
      field,
      rule: 'district',
      value: code,
    });
  if (effectiveOn < r.registeredOn)
    fail(IdentityErrorCode.UNKNOWN_REGION, `region ${code} exists only from ${r.registeredOn}, not on ${effectiveOn}`, {
      field,
      rule: 'exists-on',
      value: code,
    });
  return code;
}

/** decide(command, state) → events. Throws IdentityError; a command that changes nothing yields []. */
export function decide(command: OrgCommand, state: OrgTreeState): OrgEvent[] {
  const effectiveOn = assertIsoDate(command.data.effectiveOn, 'effectiveOn');
  switch (command.type) {
    case 'RegisterRegion': {
      const { code, name } = command.data;
      assertRegionCode(code, 'code');
      assertName(name);
      const existing = state.regions[code];
      if (existing) {
        if (existing.name === name) return [];
        return fail(IdentityErrorCode.DUPLICATE_REGION, `region ${code} is already registered as ${existing.name}`, {
          field: 'code',
          rule: 'unique',
          value: code,
        });
      }
      const parentCode = parentCodeOf(code);
      if (parentCode !== undefined && !state.regions[parentCode]) {
        fail(IdentityErrorCode.UNKNOWN_REGION, `region ${code} needs its parent ${parentCode} registered first`, {
          field: 'code',
          rule: 'parent-exists',
          value: parentCode,
        });
      }
      return [{ type: 'RegionRegistered', data: { code, name, level: regionLevelOf(code), parentCode, effectiveOn } }];
    }
    case 'RegisterSchool': {
      const d = command.data;
      assertSchoolCode(d.code, 'code');
      assertName(d.name);
      if (state.schools[d.code])
        fail(IdentityErrorCode.DUPLICATE_SCHOOL, `school ${d.code} is already registered`, { field: 'code', rule: 'unique', value: d.code });
      district(state, d.regionCode, 'regionCode', effectiveOn);
      const stages = checkStages(d.schoolType, d.stages);
      const classes = checkClasses(stages, d.classes ?? []);
      return [
        { type: 'SchoolRegistered', data: { code: d.code, name: d.name, regionCode: d.regionCode, schoolType: d.schoolType, stages, classes, effectiveOn } },
      ];
    }
    case 'RenameSchool': {
      const v = openSchool(state, command.data.code, effectiveOn);
      const to = assertName(command.data.name);
      return v.name === to ? [] : [{ type: 'SchoolRenamed', data: { code: command.data.code, from: v.name, to, effectiveOn } }];
    }
    case 'MoveSchool': {
      const v = openSchool(state, command.data.code, effectiveOn);
      const to = district(state, command.data.toRegionCode, 'toRegionCode', effectiveOn);
      return v.regionCode === to
        ? []
        : [{ type: 'SchoolMoved', data: { code: command.data.code, fromRegionCode: v.regionCode, toRegionCode: to, effectiveOn } }];
    }
    case 'CloseSchool': {
      openSchool(state, command.data.code, effectiveOn);
      return [{ type: 'SchoolClosed', data: { code: command.data.code, effectiveOn } }];
    }
    case 'ReopenSchool': {
      const v = existingSchool(state, command.data.code, effectiveOn);
      if (v.status !== 'closed')
        fail(IdentityErrorCode.SCHOOL_NOT_CLOSED, `school ${command.data.code} (${v.name}) is open`, {
          field: 'code',
          rule: 'closed',
          value: command.data.code,
        });
      return [{ type: 'SchoolReopened', data: { code: command.data.code, effectiveOn } }];
    }
    case 'SetSchoolType': {
      const v = openSchool(state, command.data.code, effectiveOn);
      const stages = checkStages(command.data.schoolType, command.data.stages);
      // classes of stages the school no longer runs are dropped with the stage
      const classes = v.classes.filter((c) => stages.includes(c.stage));
      if (v.schoolType === command.data.schoolType && sameJson(v.stages, stages)) return [];
      return [{ type: 'SchoolTypeChanged', data: { code: command.data.code, schoolType: command.data.schoolType, stages, classes, effectiveOn } }];
    }
    case 'SetSchoolClasses': {
      const v = openSchool(state, command.data.code, effectiveOn);
      const classes = checkClasses(v.stages, command.data.classes);
      return sameJson(v.classes, classes) ? [] : [{ type: 'SchoolClassesCounted', data: { code: command.data.code, classes, effectiveOn } }];
    }
    default:
      return exhaustive(command);
  }
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function exhaustive(x: never): never {
  throw new Error(`unhandled ${JSON.stringify(x)}`);
}

/** A private, mutable copy of the state's records, so a batch of events costs one copy. */
export interface OrgTreeDraft {
  regions: Record<string, Region>;
  schools: Record<string, SchoolHistory>;
}
export const draftOf = (state: OrgTreeState): OrgTreeDraft => ({ regions: { ...state.regions }, schools: { ...state.schools } });

/**
 * Adds a version at `on`: replaces a version of the same date, else appends. Every school event
 * sets values rather than adding to them, so applying one twice changes nothing.
 */
function withVersion(draft: OrgTreeDraft, code: string, on: IsoDate, change: (v: SchoolVersion) => SchoolVersion): void {
  const h = draft.schools[code];
  if (!h) return; // events come from decide, which refuses unknown schools
  // decide refuses back-dated changes, so an event older than the latest version can only be a
  // redelivery: ignore it rather than cut off the history after it
  if (on < latest(h).from) return;
  const next: SchoolVersion = { ...change(latest(h)), from: on };
  draft.schools[code] = { code, versions: [...h.versions.filter((v) => v.from < on), next] };
}

/** Applies one event to a draft (mutating only the draft's records, never a shared history). */
export function applyToDraft(draft: OrgTreeDraft, event: OrgEvent): void {
  const d = event.data;
  switch (event.type) {
    case 'RegionRegistered': {
      const r = event.data;
      if (draft.regions[r.code]) return; // decide registers a code once: this is a redelivery
      draft.regions[r.code] = { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, registeredOn: r.effectiveOn };
      return;
    }
    case 'SchoolRegistered': {
      const s = event.data;
      if (draft.schools[s.code]) return; // a redelivery must not wipe the history that followed
      const first: SchoolVersion = {
        from: s.effectiveOn,
        name: s.name,
        regionCode: s.regionCode,
        schoolType: s.schoolType,
        stages: s.stages,
        classes: canonicalClasses(s.classes),
        status: 'open',
      };
      draft.schools[s.code] = { code: s.code, versions: [first] };
      return;
    }
    case 'SchoolRenamed': {
      const to = event.data.to;
      return withVersion(draft, d.code, d.effectiveOn, (v) => ({ ...v, name: to }));
    }
    case 'SchoolMoved': {
      const to = event.data.toRegionCode;
      return withVersion(draft, d.code, d.effectiveOn, (v) => ({ ...v, regionCode: to }));
    }
    case 'SchoolClosed':
      return withVersion(draft, d.code, d.effectiveOn, (v) => ({ ...v, status: 'closed' }));
    case 'SchoolReopened':
      return withVersion(draft, d.code, d.effectiveOn, (v) => ({ ...v, status: 'open' }));
    case 'SchoolTypeChanged': {
      const { schoolType, stages, classes } = event.data;
      return withVersion(draft, d.code, d.effectiveOn, (v) => ({ ...v, schoolType, stages, classes }));
    }
    case 'SchoolClassesCounted': {
      const classes = event.data.classes;
      return withVersion(draft, d.code, d.effectiveOn, (v) => ({ ...v, classes }));
    }
    default:
      return exhaustive(event);
  }
}

/** evolve(state, event) → a new state; the given state is left as it was. */
export function evolve(state: OrgTreeState, event: OrgEvent): OrgTreeState {
  const draft = draftOf(state);
  applyToDraft(draft, event);
  return draft;
}

/** Applies a batch with one copy of the records (evolve per event would copy them each time). */
export function applyOrgEvents(events: readonly OrgEvent[], state: OrgTreeState = initialOrgTree()): OrgTreeState {
  const draft = draftOf(state);
  for (const e of events) applyToDraft(draft, e);
  return draft;
}

export const orgTreeDecider = { decide, evolve, initialState: initialOrgTree };
