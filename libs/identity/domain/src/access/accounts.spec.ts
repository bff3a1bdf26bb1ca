import { IdentityErrorCode } from '../shared/errors';
import { deciderSpec } from '../shared/testing';
import { applyOrgEvents } from '../org-tree/decider';
import { aSchool, ZJ, zhejiangRegions } from '../org-tree/testing';
import { applyPeopleEvents, peopleDecider, type PeopleEvent, type PersonKind } from '../people/people';
import { accountsOf } from './accounts';

const tree = applyOrgEvents([
  ...zhejiangRegions(),
  aSchool({ code: '3302030001', schoolType: '九年一贯', effectiveOn: '2020-09-01' }),
  aSchool({ code: '3302120002', regionCode: '330212', schoolType: '高中', effectiveOn: '2020-09-01' }),
]);
const given = deciderSpec(peopleDecider, { tree });
const registered = (personId: string, kind: PersonKind): PeopleEvent => ({ type: 'PersonRegistered', data: { personId, kind, effectiveOn: '2020-01-01' } });
const granted = (
  personId: string,
  role: Extract<PeopleEvent, { type: 'RoleGranted' }>['data']['role'],
  scope: Extract<PeopleEvent, { type: 'RoleGranted' }>['data']['scope'],
  effectiveOn = '2024-09-01',
): PeopleEvent => ({ type: 'RoleGranted', data: { personId, role, scope, effectiveOn } });
const haishu = { kind: 'region', regionCode: ZJ.haishu.code } as const;
const school1 = { kind: 'schools', schoolCodes: ['3302030001'] } as const;

describe('roles and data scopes', () => {
  it('grants a district officer the district; granting it again is a no-op', () => {
    given([registered('o1', 'officer')])
      .when({ type: 'GrantRole', data: { personId: 'o1', role: 'district_officer', scope: haishu, effectiveOn: '2024-09-01' } })
      .then([granted('o1', 'district_officer', haishu)]);
    given([registered('o1', 'officer'), granted('o1', 'district_officer', haishu)])
      .when({ type: 'GrantRole', data: { personId: 'o1', role: 'district_officer', scope: haishu, effectiveOn: '2024-10-01' } })
      .then([]);
  });

  it.each([
    [
      'a district officer scoped to a city',
      'o1',
      'officer',
      'district_officer',
      { kind: 'region', regionCode: ZJ.ningbo.code },
      IdentityErrorCode.INVALID_SCOPE,
      'is a city',
    ],
    ['an officer scoped to schools', 'o1', 'officer', 'city_officer', school1, IdentityErrorCode.INVALID_SCOPE, 'not to schools'],
    ['a principal scoped to a region', 't1', 'teacher', 'principal', haishu, IdentityErrorCode.INVALID_SCOPE, 'not to a region'],
    ['a region that does not exist', 'o1', 'officer', 'district_officer', { kind: 'region', regionCode: '339999' }, IdentityErrorCode.INVALID_SCOPE, '339999'],
    ['a school that does not exist', 't1', 'teacher', 'cio', { kind: 'schools', schoolCodes: ['3302039999'] }, IdentityErrorCode.UNKNOWN_SCHOOL, '3302039999'],
    ['a teacher made an officer', 't1', 'teacher', 'district_officer', haishu, IdentityErrorCode.WRONG_PERSON_KIND, 'must be registered as officer'],
    ['a student made a teacher', 's1', 'student', 'teacher', school1, IdentityErrorCode.WRONG_PERSON_KIND, 'must be registered as teacher'],
    ['a person made a school system', 't1', 'teacher', 'school_system', school1, IdentityErrorCode.WRONG_PERSON_KIND, 'machine client'],
  ] as const)('refuses %s', (_what, personId, kind, role, scope, code, named) => {
    given([registered(personId, kind)])
      .when({ type: 'GrantRole', data: { personId, role, scope, effectiveOn: '2024-09-01' } })
      .thenFails(code, named);
  });

  it('revokes a held role once; revoking a role not held is a no-op', () => {
    const held = [registered('t1', 'teacher'), granted('t1', 'cio', school1)];
    given(held)
      .when({ type: 'RevokeRole', data: { personId: 't1', role: 'cio', effectiveOn: '2025-01-01' } })
      .then([{ type: 'RoleRevoked', data: { personId: 't1', role: 'cio', effectiveOn: '2025-01-01' } }]);
    given(held)
      .when({ type: 'RevokeRole', data: { personId: 't1', role: 'principal', effectiveOn: '2025-01-01' } })
      .then([]);
  });

  it('derives one account per role holder: roles, region and schools; leavers and role-less people have none', () => {
    const people = applyPeopleEvents([
      registered('o1', 'officer'),
      granted('o1', 'district_officer', haishu),
      registered('t1', 'teacher'),
      granted('t1', 'teacher', school1),
      granted('t1', 'cio', { kind: 'schools', schoolCodes: ['3302120002', '3302030001'] }),
      registered('t2', 'teacher'),
      registered('t3', 'teacher'),
      granted('t3', 'teacher', school1),
      { type: 'PersonLeft', data: { personId: 't3', reason: '调出', effectiveOn: '2025-02-01' } },
      registered('p1', 'parent'),
      granted('p1', 'parent', school1),
    ]);
    expect(accountsOf(people)).toEqual([
      { personId: 'o1', roles: ['district_officer'], regionCode: ZJ.haishu.code, schoolCodes: [] },
      { personId: 'p1', roles: ['parent'], regionCode: undefined, schoolCodes: ['3302030001'] },
      { personId: 't1', roles: ['cio', 'teacher'], regionCode: undefined, schoolCodes: ['3302030001', '3302120002'] },
    ]);
  });

  it('a new scope for a held role replaces the old one', () => {
    const people = applyPeopleEvents([
      registered('t1', 'teacher'),
      granted('t1', 'principal', school1),
      granted('t1', 'principal', { kind: 'schools', schoolCodes: ['3302120002'] }, '2025-09-01'),
    ]);
    expect(accountsOf(people)[0]?.schoolCodes).toEqual(['3302120002']);
  });
});
