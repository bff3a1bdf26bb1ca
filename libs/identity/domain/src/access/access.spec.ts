import { applyOrgEvents, type OrgEvent } from '../org-tree/decider';
import { aSchool, zhejiangRegions } from '../org-tree/testing';
import { accessToSchool, maySeeRegion, maySeeSchool, ROLES, scopeProblem, visibleSchools, type Principal, type Role } from './access';

const jiangsu: OrgEvent[] = [
  { type: 'RegionRegistered', data: { code: '320000', name: '江苏省', level: 'province', parentCode: undefined, effectiveOn: '2000-01-01' } },
  { type: 'RegionRegistered', data: { code: '320100', name: '南京市', level: 'city', parentCode: '320000', effectiveOn: '2000-01-01' } },
  { type: 'RegionRegistered', data: { code: '320102', name: '玄武区', level: 'district', parentCode: '320100', effectiveOn: '2000-01-01' } },
];
const SCHOOL = {
  own: '3302030001', // 海曙区
  sameDistrict: '3302030002', // 海曙区
  neighbourDistrict: '3302120001', // 鄞州区, same city
  otherCity: '3301060001', // 西湖区, 杭州
  otherProvince: '3201020001', // 玄武区, 南京
  movedOut: '3302030003', // 海曙区 → 江北区 on 2024-09-01
  closed: '3302030004', // 海曙区, closed 2024-07-01
} as const;
const tree = applyOrgEvents([
  ...zhejiangRegions(),
  ...jiangsu,
  aSchool({ code: SCHOOL.own }),
  aSchool({ code: SCHOOL.sameDistrict }),
  aSchool({ code: SCHOOL.neighbourDistrict, regionCode: '330212' }),
  aSchool({ code: SCHOOL.otherCity, regionCode: '330106' }),
  aSchool({ code: SCHOOL.otherProvince, regionCode: '320102' }),
  aSchool({ code: SCHOOL.movedOut }),
  { type: 'SchoolMoved', data: { code: SCHOOL.movedOut, fromRegionCode: '330203', toRegionCode: '330205', effectiveOn: '2024-09-01' } },
  aSchool({ code: SCHOOL.closed }),
  { type: 'SchoolClosed', data: { code: SCHOOL.closed, effectiveOn: '2024-07-01' } },
]);
const AS_OF = '2025-01-01';

/** Each role with the scope it would normally hold: officers a region, the rest the own school. */
const principalOf = (role: Role): Principal => {
  const region = { province_officer: '330000', city_officer: '330200', district_officer: '330203' } as Partial<Record<Role, string>>;
  const code = region[role];
  return { subject: `${role}-1`, role, scope: code ? { kind: 'region', regionCode: code } : { kind: 'schools', schoolCodes: [SCHOOL.own] } };
};

type Target = keyof typeof SCHOOL | 'province' | 'city' | 'ownDistrict' | 'neighbourDistrictRegion' | 'otherCityRegion';
const REGION_TARGET: Partial<Record<Target, string>> = {
  province: '330000',
  city: '330200',
  ownDistrict: '330203',
  neighbourDistrictRegion: '330212',
  otherCityRegion: '330100',
};
const TARGETS: readonly Target[] = [
  'province',
  'city',
  'ownDistrict',
  'neighbourDistrictRegion',
  'otherCityRegion',
  'own',
  'sameDistrict',
  'neighbourDistrict',
  'otherCity',
  'otherProvince',
  'movedOut',
  'closed',
];

// Expected, in TARGETS order. 1 = may see, 0 = may not.
const EXPECTED: Record<Role, string> = {
  //                 prov city dist nbr  othC | own same nbr othC othP moved closed
  province_officer: '1    1    1    1    1    | 1   1    1   1    0    1     1',
  city_officer: '    0    1    1    1    0    | 1   1    1   0    0    1     1',
  district_officer: '0    0    1    0    0    | 1   1    0   0    0    0     1',
  principal: '       0    0    0    0    0    | 1   0    0   0    0    0     0',
  cio: '             0    0    0    0    0    | 1   0    0   0    0    0     0',
  teacher: '         0    0    0    0    0    | 1   0    0   0    0    0     0',
  student: '         0    0    0    0    0    | 1   0    0   0    0    0     0',
  parent: '          0    0    0    0    0    | 1   0    0   0    0    0     0',
  school_system: '   0    0    0    0    0    | 1   0    0   0    0    0     0',
};
const expected = (role: Role): boolean[] =>
  EXPECTED[role]
    .replace(/[^01]/g, '')
    .split('')
    .map((c) => c === '1');

const cases = ROLES.flatMap((role) => TARGETS.map((target, i) => [role, target, expected(role)[i]] as const));

describe('access: every role × level', () => {
  it('has an expectation for every role and target', () => {
    for (const role of ROLES) expect(expected(role)).toHaveLength(TARGETS.length);
  });

  it.each(cases)(`%s → %s: %s (as of ${AS_OF})`, (role, target, allowed) => {
    const principal = principalOf(role);
    const region = REGION_TARGET[target];
    const answer = region !== undefined ? maySeeRegion(principal, region, tree) : maySeeSchool(principal, SCHOOL[target as keyof typeof SCHOOL], tree, AS_OF);
    expect(answer).toBe(allowed);
  });

  it('prints the table', () => {
    const rows = ROLES.map((role) => {
      const p = principalOf(role);
      return `${role.padEnd(17)}| ${TARGETS.map((t) => {
        const region = REGION_TARGET[t];
        const ok = region !== undefined ? maySeeRegion(p, region, tree) : maySeeSchool(p, SCHOOL[t as keyof typeof SCHOOL], tree, AS_OF);
        return (ok ? 'yes' : '-').padEnd(t.length);
      }).join(' | ')}`;
    });
    console.log([`role × target as of ${AS_OF}`, `${'role'.padEnd(17)}| ${TARGETS.join(' | ')}`, ...rows].join('\n'));
  });
});

describe('access: boundaries', () => {
  const districtOfficer = principalOf('district_officer');

  it("a district officer's scope excludes a neighbouring district, with the reason for the audit log", () => {
    expect(accessToSchool(districtOfficer, SCHOOL.neighbourDistrict, tree, AS_OF)).toEqual({
      allowed: false,
      reason: `school ${SCHOOL.neighbourDistrict} is in 330212, outside 330203 on ${AS_OF}`,
    });
  });

  it.each([
    ['2024-08-31', true, false],
    ['2024-09-01', false, true],
  ])('a school that moved out is seen by the old district only before the move (as of %s)', (date, old, neu) => {
    const jiangbei: Principal = { subject: 'o-2', role: 'district_officer', scope: { kind: 'region', regionCode: '330205' } };
    expect([maySeeSchool(districtOfficer, SCHOOL.movedOut, tree, date), maySeeSchool(jiangbei, SCHOOL.movedOut, tree, date)]).toEqual([old, neu]);
  });

  it('sees nothing of a school before it was registered', () => {
    expect(maySeeSchool(principalOf('province_officer'), SCHOOL.own, tree, '2019-01-01')).toBe(false);
  });

  it.each([
    [
      'a district officer holding a city code',
      { subject: 'x', role: 'district_officer', scope: { kind: 'region', regionCode: '330200' } },
      'scoped to a district',
    ],
    [
      'a province officer holding an unknown region',
      { subject: 'x', role: 'province_officer', scope: { kind: 'region', regionCode: '990000' } },
      'not in the organisation tree',
    ],
    ['an officer holding schools', { subject: 'x', role: 'city_officer', scope: { kind: 'schools', schoolCodes: [SCHOOL.own] } }, 'not to schools'],
    ['a principal holding a region', { subject: 'x', role: 'principal', scope: { kind: 'region', regionCode: '330203' } }, 'not to a region'],
    ['a teacher with no school', { subject: 'x', role: 'teacher', scope: { kind: 'schools', schoolCodes: [] } }, 'no school'],
    [
      'a school system holding two schools',
      { subject: 'x', role: 'school_system', scope: { kind: 'schools', schoolCodes: [SCHOOL.own, SCHOOL.sameDistrict] } },
      'one school',
    ],
  ] as const)('an unsound scope grants nothing: %s', (_what, principal, problem) => {
    expect(scopeProblem(principal, tree)).toContain(problem);
    expect(visibleSchools(principal, tree, AS_OF)).toEqual([]);
    expect(maySeeSchool(principal, SCHOOL.own, tree, AS_OF)).toBe(false);
    expect(maySeeRegion(principal, '330203', tree)).toBe(false);
  });

  it('lists the visible schools, agreeing with maySeeSchool for every school', () => {
    const all = Object.keys(tree.schools);
    for (const role of ROLES) {
      const p = principalOf(role);
      expect(visibleSchools(p, tree, AS_OF)).toEqual(all.filter((c) => maySeeSchool(p, c, tree, AS_OF)).sort());
    }
    expect(visibleSchools(districtOfficer, tree, AS_OF)).toEqual([SCHOOL.own, SCHOOL.sameDistrict, SCHOOL.closed].sort());
  });

  it('a principal of a school that closed still sees it (its history is evidence)', () => {
    const principal: Principal = { subject: 'p', role: 'principal', scope: { kind: 'schools', schoolCodes: [SCHOOL.closed] } };
    expect(maySeeSchool(principal, SCHOOL.closed, tree, AS_OF)).toBe(true);
  });

  it("a parent sees each child's school", () => {
    const parent: Principal = { subject: 'p', role: 'parent', scope: { kind: 'schools', schoolCodes: [SCHOOL.own, SCHOOL.otherCity] } };
    expect(visibleSchools(parent, tree, AS_OF)).toEqual([SCHOOL.otherCity, SCHOOL.own]);
  });
});
