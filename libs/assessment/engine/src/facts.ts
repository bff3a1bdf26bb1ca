import { canonicalJson } from '@educube/canonical-json';
import { eventRegistry, type CloudEvent } from '@educube/contracts';
import { chinaDate } from './calendar';
import type { EntityFact } from './formula';

/**
 * The assessment's own facts for one school: every applied event kept once, by its id, with
 * the date it counts on (China time). Entity snapshots (who teaches, which devices are in use,
 * which spaces are open…) are folded from these records as of a date when evaluated, so the
 * state does not depend on arrival order, and the same id applied twice counts once.
 */
export interface FactRecord {
  readonly id: string;
  /** Event name without family and version, e.g. `ResourceUploaded`. */
  readonly name: string;
  /** The business date the record counts on (YYYY-MM-DD, China time). */
  readonly date: string;
  /** The envelope time, to order records of the same date. */
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface SchoolFacts {
  readonly school: string;
  readonly records: ReadonlyMap<string, FactRecord>;
  /** Ids seen again with a different payload: kept out, reported (the first payload stands). */
  readonly conflicts: readonly string[];
}

export const emptyFacts = (school: string): SchoolFacts => ({ school, records: new Map(), conflicts: [] });

export function nameOf(type: string): string {
  const parts = type.split('.');
  return parts[parts.length - 2] ?? type;
}

// Which data field dates a record. Period summaries count on their period's end (a yearly
// experience report belongs to the year it closes); everything else on its own business date.
const DATE_FIELD: Readonly<Record<string, string>> = {
  HomeworkGraded: 'gradedOn',
  ExamScheduled: 'startsOn',
  DeviceRegistered: 'registeredOn',
  CredentialRecorded: 'issuedOn',
  HeadcountReported: 'asOf',
  // A platform year belongs to the school year it opens; the report itself may come mid-year.
  ExperiencePointsReported: 'periodStart',
};
const DATE_CANDIDATES = ['periodEnd', 'date'];

function dateOf(name: string, data: Record<string, unknown>, time: string): string {
  const explicit = DATE_FIELD[name];
  if (explicit && typeof data[explicit] === 'string') return chinaDate(data[explicit] as string);
  for (const k of DATE_CANDIDATES) if (typeof data[k] === 'string') return chinaDate(data[k] as string);
  for (const [k, v] of Object.entries(data)) if (typeof v === 'string' && /(On|At)$/.test(k) && /^\d{4}-\d{2}-\d{2}/.test(v)) return chinaDate(v);
  // CourseOffered and SchoolCalendarPublished carry a school year and semester, not a date.
  if (typeof data['schoolYear'] === 'string') {
    const first = Number((data['schoolYear'] as string).slice(0, 4));
    return data['semester'] === '第二学期' ? `${first + 1}-03-01` : `${first}-09-01`;
  }
  return chinaDate(time);
}

// the same content whatever its key order; equal to the earlier hand-written form on JSON values
const canonical = (v: unknown): string => (v === undefined ? 'undefined' : canonicalJson(v));

/**
 * Applies one contract-valid event (validate before: the engine trusts the shape), of any
 * published version: an older version is upcast to the newest first (`eventRegistry.upcast`),
 * so a record's data has the newest version's shape whichever version was stored, and a v1 and
 * its v2 equivalent with the same id are the same record, not a conflict. Events of
 * other schools are ignored; a repeated id is a no-op; a repeated id with another payload is a
 * conflict and changes nothing else. Returns a new state; the old one is not changed.
 */
export function evolveFacts(state: SchoolFacts, stored: CloudEvent): SchoolFacts {
  if (stored.subject !== state.school) return state;
  // upcast on read (LessonTimetabled.v1 → v2): the facts hold one shape per event name
  const event = eventRegistry.upcast(stored);
  const existing = state.records.get(event.id);
  if (existing) {
    const same = existing.name === nameOf(event.type) && canonical(existing.data) === canonical(event.data);
    return same || state.conflicts.includes(event.id) ? state : { ...state, conflicts: [...state.conflicts, event.id] };
  }
  const data = (event.data ?? {}) as Record<string, unknown>;
  const name = nameOf(event.type);
  const records = new Map(state.records);
  records.set(event.id, { id: event.id, name, date: dateOf(name, data, event.time), time: event.time, data });
  return { ...state, records };
}

/** Folds many events; for replays and tests. Mutation-free but copies the map once per event, so batch callers may prefer `applyAll`. */
export function applyAll(state: SchoolFacts, events: Iterable<CloudEvent>): SchoolFacts {
  let records: Map<string, FactRecord> | undefined;
  const conflicts = [...state.conflicts];
  for (const stored of events) {
    if (stored.subject !== state.school) continue;
    const event = eventRegistry.upcast(stored);
    records ??= new Map(state.records);
    const existing = records.get(event.id);
    if (existing) {
      const same = existing.name === nameOf(event.type) && canonical(existing.data) === canonical(event.data);
      if (!same && !conflicts.includes(event.id)) conflicts.push(event.id);
      continue;
    }
    const data = (event.data ?? {}) as Record<string, unknown>;
    const name = nameOf(event.type);
    records.set(event.id, { id: event.id, name, date: dateOf(name, data, event.time), time: event.time, data });
  }
  return records ? { school: state.school, records, conflicts } : state;
}

// ---- entity snapshots as of a date ----

/** A PersonRef, or any other key value, as a string. */
export function keyOf(v: unknown): string {
  if (v && typeof v === 'object' && 'system' in v && 'localId' in v) {
    const p = v as { system: string; localId: string };
    return `${p.system}/${p.localId}`;
  }
  return typeof v === 'string' ? v : canonical(v);
}

interface EntitySpec {
  readonly start: string;
  readonly end?: string;
  /** An event that changes fields of a live entity (device status). */
  readonly patch?: { readonly name: string; readonly fields: readonly string[] };
  readonly key: (d: Readonly<Record<string, unknown>>) => string;
  /** A field after which the entity no longer counts. */
  readonly validUntil?: string;
}

const by =
  (...fields: string[]) =>
  (d: Readonly<Record<string, unknown>>): string =>
    fields.map((f) => keyOf(d[f] ?? '')).join('|');

export const ENTITY_SPECS: Readonly<Record<EntityFact, EntitySpec>> = {
  school: { start: 'SchoolRegistered', key: () => 'school' },
  teachers: { start: 'TeacherAssigned', end: 'TeacherLeft', key: by('teacher') },
  students: { start: 'StudentEnrolled', end: 'StudentLeft', key: by('student') },
  classes: { start: 'ClassOpened', end: 'ClassClosed', key: by('classId') },
  devices: { start: 'DeviceRegistered', patch: { name: 'DeviceStatusChanged', fields: ['status'] }, key: by('assetId') },
  rooms: { start: 'RoomRegistered', key: by('roomId') },
  links: { start: 'NetworkLinkRegistered', key: by('linkId') },
  systems: { start: 'InformationSystemRegistered', key: by('systemId') },
  spaces: { start: 'LearningSpaceOpened', end: 'LearningSpaceClosed', key: by('spaceId') },
  resources: { start: 'ResourceUploaded', end: 'ResourceWithdrawn', key: by('resourceId') },
  roles: { start: 'RoleAssigned', end: 'RoleRevoked', key: by('person', 'role', 'subject') },
  orgUnits: { start: 'OrgUnitEstablished', end: 'OrgUnitDissolved', key: by('orgUnitId') },
  credentials: { start: 'CredentialRecorded', key: by('holder', 'kind'), validUntil: 'validUntil' },
  designations: { start: 'DesignationConferred', key: by('designationId'), validUntil: 'validUntil' },
  libraryHoldings: { start: 'DigitalLibraryHoldingsReported', key: () => 'library' },
};

export interface Entity {
  readonly key: string;
  /** The event that set the entity's current state (its provenance). */
  readonly sourceId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

// Evaluations ask for records by name many times over; facts are immutable, so an index per
// records map is computed once and dropped with the map.
const INDEXES = new WeakMap<ReadonlyMap<string, FactRecord>, ReadonlyMap<string, readonly FactRecord[]>>();
function byName(facts: SchoolFacts, name: string): readonly FactRecord[] {
  let index = INDEXES.get(facts.records);
  if (!index) {
    const built = new Map<string, FactRecord[]>();
    for (const r of facts.records.values()) {
      const list = built.get(r.name);
      if (list) list.push(r);
      else built.set(r.name, [r]);
    }
    index = built;
    INDEXES.set(facts.records, index);
  }
  return index.get(name) ?? [];
}

/** Whether any record of an event type was applied (whatever its date). */
export const hasRecords = (facts: SchoolFacts, name: string): boolean => byName(facts, name).length > 0;

const order = (a: FactRecord, b: FactRecord): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The live entities of a kind as of a date. A leaving event dated D ends the entity from D on:
 * a teacher who left on 2027-01-31 is not counted as of that day. Later registrations of the
 * same key win; a registration after a leaving starts the entity again.
 */
export function entitiesAsOf(facts: SchoolFacts, kind: EntityFact, date: string): Entity[] {
  const spec = ENTITY_SPECS[kind];
  const names = new Set([spec.start, spec.end, spec.patch?.name].filter((n): n is string => !!n));
  const relevant = [...names]
    .flatMap((n) => byName(facts, n))
    .filter((r) => r.date <= date)
    .sort(order);
  const live = new Map<string, Entity>();
  for (const r of relevant) {
    const key = spec.key(r.data);
    if (r.name === spec.start) live.set(key, { key, sourceId: r.id, data: r.data });
    else if (r.name === spec.end) live.delete(key);
    else if (spec.patch && r.name === spec.patch.name) {
      const current = live.get(key);
      if (current) live.set(key, { key, sourceId: r.id, data: { ...current.data, ...Object.fromEntries(spec.patch.fields.map((f) => [f, r.data[f]])) } });
    }
  }
  const valid = spec.validUntil;
  return [...live.values()].filter((e) => !valid || typeof e.data[valid] !== 'string' || (e.data[valid] as string) >= date);
}

/**
 * Records of an event type dated within [from, to]. LessonTimetabled less LessonCancelled;
 * ExperiencePointsReported is a running total, so only the latest report made by `to` counts
 * per space and period.
 */
export function recordsIn(facts: SchoolFacts, name: string, from: string, to: string): FactRecord[] {
  const out = byName(facts, name).filter((r) => r.date >= from && r.date <= to);
  if (name === 'ExperiencePointsReported') {
    const latest = new Map<string, FactRecord>();
    for (const r of out.filter((x) => (x.data['reportedOn'] as string) <= to)) {
      const key = by('spaceId', 'periodStart', 'periodEnd')(r.data);
      const current = latest.get(key);
      const later =
        !current ||
        (r.data['reportedOn'] as string) > (current.data['reportedOn'] as string) ||
        (r.data['reportedOn'] === current.data['reportedOn'] && order(r, current) > 0);
      if (later) latest.set(key, r);
    }
    return [...latest.values()];
  }
  if (name !== 'LessonTimetabled') return out;
  const cancelled = new Set(byName(facts, 'LessonCancelled').map((r) => r.data['lessonId']));
  return out.filter((r) => !cancelled.has(r.data['lessonId']));
}
