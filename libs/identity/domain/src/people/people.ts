import { GRADES_OF_STAGE, personRef as personRefSchema, type PersonRef, type Stage } from '@educube/contracts';
import { IdentityErrorCode, fail } from '../shared/errors';
import { assertIsoDate, type IsoDate } from '../shared/dates';
import type { OrgTreeState } from '../org-tree/model';
import { schoolAsOf } from '../org-tree/queries';
import { scopeProblem, type Role, type Scope } from '../access/access';

/** A parent is registered so that an account can carry the parent role; parents have no placement. */
export type PersonKind = 'teacher' | 'student' | 'staff' | 'officer' | 'parent';
/** 岗位, as roster.TeacherAssigned: 专任教师 are the denominator of per-teacher ratios. */
export type Post = '专任教师' | '管理人员' | '教辅人员' | '工勤人员';
export type LeavingReason = '调出' | '退休' | '离职' | '毕业' | '转出' | '休学' | '其他';

/** Where a person works or studies from `from` until `to` (exclusive; undefined while current). */
export interface Placement {
  readonly schoolCode: string;
  readonly from: IsoDate;
  readonly to: IsoDate | undefined;
  /** teachers and staff */
  readonly post: Post | undefined;
  readonly stages: readonly Stage[];
  readonly subjects: readonly string[];
  /** students */
  readonly grade: number | undefined;
  readonly classId: string | undefined;
}

export interface Person {
  readonly id: string;
  readonly kind: PersonKind;
  readonly registeredOn: IsoDate;
  readonly placements: readonly Placement[];
  readonly left: { readonly on: IsoDate; readonly reason: LeavingReason } | undefined;
  /** Roles held now, one scope each; SSO accounts are provisioned from these. */
  readonly roles: readonly RoleGrant[];
}

export interface RoleGrant {
  readonly role: Role;
  readonly scope: Scope;
  readonly since: IsoDate;
}

export interface PeopleState {
  readonly persons: Readonly<Record<string, Person>>;
  /** `${system}/${localId}` → unified person id */
  readonly links: Readonly<Record<string, { readonly personId: string; readonly linkedOn: IsoDate }>>;
}

export const initialPeople = (): PeopleState => ({ persons: {}, links: {} });

/** What a placement says, without its dates. */
export interface PlacementSpec {
  readonly schoolCode: string;
  readonly post?: Post;
  readonly stages: readonly Stage[];
  readonly subjects?: readonly string[];
  readonly grade?: number;
  readonly classId?: string;
}

export type PeopleCommand =
  | { type: 'RegisterPerson'; data: { personId: string; kind: PersonKind; effectiveOn: IsoDate } }
  /** teachers and staff: a first post, or a new post/stages/subjects at the same school */
  | { type: 'AssignStaff'; data: { personId: string; placement: PlacementSpec; effectiveOn: IsoDate } }
  /** students: entry, or a move to another class/grade at the same school */
  | { type: 'EnrolStudent'; data: { personId: string; placement: PlacementSpec; effectiveOn: IsoDate } }
  | { type: 'TransferPerson'; data: { personId: string; placement: PlacementSpec; effectiveOn: IsoDate } }
  | { type: 'RecordLeaving'; data: { personId: string; reason: LeavingReason; effectiveOn: IsoDate } }
  | { type: 'LinkId'; data: { personId: string; ref: PersonRef; effectiveOn: IsoDate } }
  | { type: 'UnlinkId'; data: { ref: PersonRef; effectiveOn: IsoDate } }
  /** a role with its data scope; granting a held role again with another scope replaces the scope */
  | { type: 'GrantRole'; data: { personId: string; role: Role; scope: Scope; effectiveOn: IsoDate } }
  | { type: 'RevokeRole'; data: { personId: string; role: Role; effectiveOn: IsoDate } };

export type PeopleEvent =
  | { type: 'PersonRegistered'; data: { personId: string; kind: PersonKind; effectiveOn: IsoDate } }
  | {
      type: 'PersonAssigned';
      data: {
        personId: string;
        placement: Required<Omit<PlacementSpec, 'grade' | 'classId' | 'post'>> & Pick<Placement, 'post' | 'grade' | 'classId'>;
        effectiveOn: IsoDate;
      };
    }
  | {
      type: 'PersonTransferred';
      data: {
        personId: string;
        fromSchoolCode: string;
        placement: Required<Omit<PlacementSpec, 'grade' | 'classId' | 'post'>> & Pick<Placement, 'post' | 'grade' | 'classId'>;
        effectiveOn: IsoDate;
      };
    }
  | { type: 'PersonLeft'; data: { personId: string; reason: LeavingReason; effectiveOn: IsoDate } }
  | { type: 'IdLinked'; data: { personId: string; ref: PersonRef; effectiveOn: IsoDate } }
  | { type: 'IdUnlinked'; data: { personId: string; ref: PersonRef; effectiveOn: IsoDate } }
  | { type: 'RoleGranted'; data: { personId: string; role: Role; scope: Scope; effectiveOn: IsoDate } }
  | { type: 'RoleRevoked'; data: { personId: string; role: Role; effectiveOn: IsoDate } };

type NormalPlacement = Extract<PeopleEvent, { type: 'PersonAssigned' }>['data']['placement'];

const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const assertPersonId = (id: unknown): string => {
  if (typeof id !== 'string' || !PERSON_ID.test(id))
    fail(IdentityErrorCode.INVALID_CODE, `personId must be 1–64 letters, digits, - or _ (e.g. a UUID), got ${JSON.stringify(id)}`, {
      field: 'personId',
      rule: 'person-id',
      value: id,
    });
  return id as string;
};
export const personStream = (personId: string): string => `identity.person-${assertPersonId(personId)}`;
export const refKey = (ref: PersonRef): string => `${ref.system}/${ref.localId}`;

const current = (p: Person): Placement | undefined => {
  const last = p.placements[p.placements.length - 1];
  return last && last.to === undefined ? last : undefined;
};

function person(state: PeopleState, personId: string, effectiveOn: IsoDate): Person {
  assertPersonId(personId);
  const p = state.persons[personId];
  if (!p) return fail(IdentityErrorCode.UNKNOWN_PERSON, `no person ${personId}`, { field: 'personId', rule: 'exists', value: personId });
  if (p.left) fail(IdentityErrorCode.PERSON_LEFT, `person ${personId} left on ${p.left.on}`, { field: 'personId', rule: 'active', value: personId });
  const latest = p.placements[p.placements.length - 1]?.from ?? p.registeredOn;
  if (effectiveOn < latest)
    fail(IdentityErrorCode.OUT_OF_ORDER, `person ${personId} already changed on ${latest}; a change effective ${effectiveOn} would rewrite history`, {
      field: 'effectiveOn',
      rule: 'not-before-latest',
      value: effectiveOn,
    });
  return p;
}

/** Checks a placement on its own and, when the org tree is given, against the school as of the date. */
function placementFor(p: Person, spec: PlacementSpec, effectiveOn: IsoDate, tree: OrgTreeState | undefined): NormalPlacement {
  const student = p.kind === 'student';
  if (p.kind === 'officer' || p.kind === 'parent')
    fail(
      IdentityErrorCode.WRONG_PERSON_KIND,
      `person ${p.id} is a${p.kind === 'officer' ? 'n officer' : ' parent'}; they get roles with scopes, not school placements`,
      { field: 'personId', rule: 'kind', value: p.kind },
    );
  if (spec.stages.length === 0)
    fail(IdentityErrorCode.STAGES_MISMATCH, 'a placement needs at least one stage', { field: 'stages', rule: 'required', value: '' });
  if (student) {
    const stage = spec.stages[0];
    if (spec.stages.length !== 1 || stage === undefined)
      return fail(IdentityErrorCode.STAGES_MISMATCH, `a student is in one stage, got ${spec.stages.join(', ')}`, {
        field: 'stages',
        rule: 'one-stage',
        value: spec.stages.join(','),
      });
    const [lo, hi] = GRADES_OF_STAGE[stage];
    if (spec.grade === undefined || spec.grade < lo || spec.grade > hi)
      fail(IdentityErrorCode.INVALID_CLASSES, `grade ${spec.grade} is not a ${stage} grade (${lo}–${hi})`, {
        field: 'grade',
        rule: 'grade-in-stage',
        value: spec.grade,
      });
    if (!spec.classId) fail(IdentityErrorCode.INVALID_CLASSES, 'a student placement needs a classId', { field: 'classId', rule: 'required', value: '' });
  } else if (spec.post === undefined) {
    fail(IdentityErrorCode.WRONG_PERSON_KIND, `a ${p.kind} placement needs a post (专任教师, 管理人员, 教辅人员, 工勤人员)`, {
      field: 'post',
      rule: 'required',
      value: '',
    });
  }
  if (tree) {
    const school = schoolAsOf(tree, spec.schoolCode, effectiveOn);
    if (!school)
      fail(IdentityErrorCode.UNKNOWN_SCHOOL, `no school ${spec.schoolCode} on ${effectiveOn}`, { field: 'schoolCode', rule: 'exists', value: spec.schoolCode });
    else if (school.status === 'closed')
      fail(IdentityErrorCode.SCHOOL_CLOSED, `school ${spec.schoolCode} (${school.name}) is closed on ${effectiveOn}`, {
        field: 'schoolCode',
        rule: 'open',
        value: spec.schoolCode,
      });
    else {
      const foreign = spec.stages.filter((s) => !school.stages.includes(s));
      if (foreign.length)
        fail(IdentityErrorCode.STAGES_MISMATCH, `school ${spec.schoolCode} does not run ${foreign.join(', ')}`, {
          field: 'stages',
          rule: 'stage-of-school',
          value: foreign.join(','),
        });
    }
  }
  return {
    schoolCode: spec.schoolCode,
    stages: [...spec.stages],
    subjects: [...(spec.subjects ?? [])],
    post: student ? undefined : spec.post,
    grade: student ? spec.grade : undefined,
    classId: student ? spec.classId : undefined,
  };
}

export interface PeopleContext {
  /** when given, placements are checked against the schools as of their date */
  readonly tree?: OrgTreeState;
}

export function decidePeople(command: PeopleCommand, state: PeopleState, ctx: PeopleContext = {}): PeopleEvent[] {
  const effectiveOn = assertIsoDate(command.data.effectiveOn, 'effectiveOn');
  switch (command.type) {
    case 'RegisterPerson': {
      const { personId, kind } = command.data;
      assertPersonId(personId);
      const existing = state.persons[personId];
      if (existing) {
        if (existing.kind === kind) return [];
        return fail(IdentityErrorCode.DUPLICATE_PERSON, `person ${personId} is already registered as a ${existing.kind}`, {
          field: 'personId',
          rule: 'unique',
          value: personId,
        });
      }
      return [{ type: 'PersonRegistered', data: { personId, kind, effectiveOn } }];
    }
    case 'AssignStaff':
    case 'EnrolStudent': {
      const { personId } = command.data;
      const p = person(state, personId, effectiveOn);
      const wantStudent = command.type === 'EnrolStudent';
      if ((p.kind === 'student') !== wantStudent)
        fail(IdentityErrorCode.WRONG_PERSON_KIND, `person ${personId} is a ${p.kind}; use ${p.kind === 'student' ? 'EnrolStudent' : 'AssignStaff'}`, {
          field: 'personId',
          rule: 'kind',
          value: p.kind,
        });
      const placement = placementFor(p, command.data.placement, effectiveOn, ctx.tree);
      const now = current(p);
      if (now && now.schoolCode !== placement.schoolCode) {
        fail(IdentityErrorCode.TRANSFER_REQUIRED, `person ${personId} is at school ${now.schoolCode}; moving to ${placement.schoolCode} is a transfer`, {
          field: 'schoolCode',
          rule: 'same-school',
          value: placement.schoolCode,
        });
      }
      if (now && samePlacement(now, placement)) return [];
      return [{ type: 'PersonAssigned', data: { personId, placement, effectiveOn } }];
    }
    case 'TransferPerson': {
      const { personId } = command.data;
      const p = person(state, personId, effectiveOn);
      const now = current(p);
      if (!now)
        return fail(IdentityErrorCode.NOT_PLACED, `person ${personId} has no current school to transfer from`, {
          field: 'personId',
          rule: 'placed',
          value: personId,
        });
      const placement = placementFor(p, command.data.placement, effectiveOn, ctx.tree);
      if (now.schoolCode === placement.schoolCode)
        fail(IdentityErrorCode.TRANSFER_REQUIRED, `person ${personId} is already at ${placement.schoolCode}; a transfer goes to another school`, {
          field: 'schoolCode',
          rule: 'other-school',
          value: placement.schoolCode,
        });
      return [{ type: 'PersonTransferred', data: { personId, fromSchoolCode: now.schoolCode, placement, effectiveOn } }];
    }
    case 'RecordLeaving': {
      const { personId, reason } = command.data;
      person(state, personId, effectiveOn);
      return [{ type: 'PersonLeft', data: { personId, reason, effectiveOn } }];
    }
    case 'LinkId': {
      const { personId } = command.data;
      const ref = checkRef(command.data.ref);
      assertPersonId(personId);
      if (!state.persons[personId]) fail(IdentityErrorCode.UNKNOWN_PERSON, `no person ${personId}`, { field: 'personId', rule: 'exists', value: personId });
      const existing = state.links[refKey(ref)];
      if (existing?.personId === personId) return [];
      if (existing) {
        // Two persons behind one local id would merge their events silently: refuse and say whom.
        return fail(
          IdentityErrorCode.ID_LINK_CONFLICT,
          `${refKey(ref)} is already linked to person ${existing.personId}, not ${personId}; unlink it first if that link is wrong`,
          { field: 'ref', rule: 'one-person-per-local-id', value: refKey(ref) },
        );
      }
      return [{ type: 'IdLinked', data: { personId, ref, effectiveOn } }];
    }
    case 'UnlinkId': {
      const ref = checkRef(command.data.ref);
      const existing = state.links[refKey(ref)];
      return existing ? [{ type: 'IdUnlinked', data: { personId: existing.personId, ref, effectiveOn } }] : [];
    }
    case 'GrantRole': {
      const { personId, role, scope } = command.data;
      const p = person(state, personId, effectiveOn);
      checkRoleFits(p, role);
      const problem = ctx.tree ? scopeProblem({ subject: personId, role, scope }, ctx.tree) : undefined;
      if (problem) fail(IdentityErrorCode.INVALID_SCOPE, problem, { field: 'scope', rule: 'scope-fits-role', value: JSON.stringify(scope) });
      if (ctx.tree && scope.kind === 'schools') {
        for (const code of scope.schoolCodes) {
          const school = schoolAsOf(ctx.tree, code, effectiveOn);
          if (!school)
            fail(IdentityErrorCode.UNKNOWN_SCHOOL, `no school ${code} on ${effectiveOn}`, { field: 'scope.schoolCodes', rule: 'exists', value: code });
        }
      }
      const held = p.roles.find((g) => g.role === role);
      if (held && sameScope(held.scope, scope)) return [];
      return [{ type: 'RoleGranted', data: { personId, role, scope: normalScope(scope), effectiveOn } }];
    }
    case 'RevokeRole': {
      const { personId, role } = command.data;
      const p = person(state, personId, effectiveOn);
      return p.roles.some((g) => g.role === role) ? [{ type: 'RoleRevoked', data: { personId, role, effectiveOn } }] : [];
    }
    default:
      return exhaustive(command);
  }
}

/** Which person kinds may hold which role; a school system is a machine client, never a person. */
const KINDS_OF_ROLE: Record<Role, readonly PersonKind[]> = {
  province_officer: ['officer'],
  city_officer: ['officer'],
  district_officer: ['officer'],
  principal: ['teacher', 'staff'],
  cio: ['teacher', 'staff'],
  teacher: ['teacher'],
  student: ['student'],
  parent: ['parent'],
  school_system: [],
};

function checkRoleFits(p: Person, role: Role): void {
  const kinds = KINDS_OF_ROLE[role];
  if (kinds.length === 0)
    fail(IdentityErrorCode.WRONG_PERSON_KIND, 'school_system is the role of a machine client (a Keycloak client per school system), not of a person', {
      field: 'role',
      rule: 'person-role',
      value: role,
    });
  if (!kinds.includes(p.kind))
    fail(IdentityErrorCode.WRONG_PERSON_KIND, `a ${role} must be registered as ${kinds.join(' or ')}; person ${p.id} is a ${p.kind}`, {
      field: 'role',
      rule: 'role-fits-kind',
      value: role,
    });
}

const normalScope = (scope: Scope): Scope =>
  scope.kind === 'region' ? { kind: 'region', regionCode: scope.regionCode } : { kind: 'schools', schoolCodes: [...new Set(scope.schoolCodes)].sort() };
const sameScope = (a: Scope, b: Scope): boolean => JSON.stringify(normalScope(a)) === JSON.stringify(normalScope(b));

function checkRef(ref: unknown): PersonRef {
  const parsed = personRefSchema.safeParse(ref);
  if (!parsed.success)
    return fail(
      IdentityErrorCode.INVALID_REF,
      `not a person reference {system, localId}: ${JSON.stringify(ref)} (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
      { field: 'ref', rule: 'person-ref', value: JSON.stringify(ref) },
    );
  return parsed.data;
}

const samePlacement = (a: Placement, b: NormalPlacement): boolean =>
  JSON.stringify([a.schoolCode, a.post, a.stages, a.subjects, a.grade, a.classId]) ===
  JSON.stringify([b.schoolCode, b.post, b.stages, b.subjects, b.grade, b.classId]);

function exhaustive(x: never): never {
  throw new Error(`unhandled ${JSON.stringify(x)}`);
}

/** Ends the placement current on `on` and starts `next` there; replaying the same date replaces it. */
function placeFrom(p: Person, on: IsoDate, next: NormalPlacement | undefined): Placement[] {
  const last = p.placements[p.placements.length - 1];
  if (last && on < last.from) return [...p.placements]; // older than the latest: a redelivery
  const kept = p.placements.filter((x) => x.from < on).map((x) => (x.to === undefined || x.to > on ? { ...x, to: on } : x));
  return next ? [...kept, { ...next, from: on, to: undefined }] : kept;
}

/** A batch's private copy of the state: changed in place while the batch applies, never shared before. */
interface Draft {
  persons: Record<string, Person>;
  links: Record<string, { readonly personId: string; readonly linkedOn: IsoDate }>;
}

function applyTo(draft: Draft, event: PeopleEvent): void {
  const update = (id: string, f: (p: Person) => Person): void => {
    const p = draft.persons[id];
    if (p) draft.persons[id] = f(p);
  };
  switch (event.type) {
    case 'PersonRegistered': {
      const { personId, kind, effectiveOn } = event.data;
      if (!draft.persons[personId]) draft.persons[personId] = { id: personId, kind, registeredOn: effectiveOn, placements: [], left: undefined, roles: [] };
      return;
    }
    case 'PersonAssigned':
    case 'PersonTransferred': {
      const { personId, placement, effectiveOn } = event.data;
      return update(personId, (p) => ({ ...p, placements: placeFrom(p, effectiveOn, placement) }));
    }
    case 'PersonLeft': {
      const { personId, reason, effectiveOn } = event.data;
      // leaving ends every role: no account outlives the post it was granted for
      return update(personId, (p) => ({
        ...p,
        placements: p.placements.map((x) => (x.to === undefined || x.to > effectiveOn ? { ...x, to: effectiveOn } : x)),
        left: { on: effectiveOn, reason },
        roles: [],
      }));
    }
    case 'IdLinked': {
      const { personId, ref, effectiveOn } = event.data;
      const key = refKey(ref);
      if (draft.links[key]?.personId !== personId) draft.links[key] = { personId, linkedOn: effectiveOn };
      return;
    }
    case 'IdUnlinked': {
      delete draft.links[refKey(event.data.ref)];
      return;
    }
    case 'RoleGranted': {
      const { personId, role, scope, effectiveOn } = event.data;
      return update(personId, (p) => ({ ...p, roles: [...p.roles.filter((g) => g.role !== role), { role, scope, since: effectiveOn }] }));
    }
    case 'RoleRevoked': {
      const { personId, role } = event.data;
      return update(personId, (p) => ({ ...p, roles: p.roles.filter((g) => g.role !== role) }));
    }
    default:
      return exhaustive(event);
  }
}

/**
 * Applies events in order. The state passed in is never changed: the batch copies the maps once
 * and applies every event to that copy, so a batch of n events over N people costs O(N + n),
 * not O(N × n) as copying per event would (a registry of a province is millions of people).
 */
export function applyPeopleEvents(events: readonly PeopleEvent[], state: PeopleState = initialPeople()): PeopleState {
  if (events.length === 0) return state;
  const draft: Draft = { persons: { ...state.persons }, links: { ...state.links } };
  for (const e of events) applyTo(draft, e);
  return draft;
}

export const evolvePeople = (state: PeopleState, event: PeopleEvent): PeopleState => applyPeopleEvents([event], state);

/**
 * For deciding a batch of commands one after another: one copy of the state at the start,
 * every decision's events applied to it in place. The state it answers belongs to the batch;
 * keep it only once the batch's events are stored.
 */
export function peopleBatch(state: PeopleState): { readonly state: PeopleState; apply(events: readonly PeopleEvent[]): void } {
  const draft: Draft = { persons: { ...state.persons }, links: { ...state.links } };
  return {
    state: draft,
    apply: (events) => {
      for (const e of events) applyTo(draft, e);
    },
  };
}

export const peopleDecider = { decide: decidePeople, evolve: evolvePeople, initialState: initialPeople };
