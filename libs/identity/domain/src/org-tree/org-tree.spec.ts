import { IdentityErrorCode } from '../shared/errors';
import { deciderSpec } from '../shared/testing';
import { applyOrgEvents, evolve, orgTreeDecider, schoolStream, type OrgEvent } from './decider';
import { initialOrgTree } from './model';
import { ancestorsOf, schoolAsOf, schoolsUnder } from './queries';
import { aSchool, registerSchool, ZJ, zhejiangRegions } from './testing';

const given = deciderSpec(orgTreeDecider);
const regions = zhejiangRegions();
const school = aSchool({ code: '3302030001', schoolType: '完中', name: '宁波市第二中学', effectiveOn: '2020-09-01' });

describe('org tree decider', () => {
  describe('RegisterRegion', () => {
    it('registers a province, then a city under it', () => {
      given([])
        .when({ type: 'RegisterRegion', data: { code: '330000', name: '浙江省', effectiveOn: '2000-01-01' } })
        .then([{ type: 'RegionRegistered', data: { code: '330000', name: '浙江省', level: 'province', parentCode: undefined, effectiveOn: '2000-01-01' } }]);
      given(regions.slice(0, 1))
        .when({ type: 'RegisterRegion', data: { code: '330400', name: '嘉兴市', effectiveOn: '2000-01-01' } })
        .then([{ type: 'RegionRegistered', data: { code: '330400', name: '嘉兴市', level: 'city', parentCode: '330000', effectiveOn: '2000-01-01' } }]);
    });
    it('refuses a district whose city is unknown, naming the parent', () => {
      given(regions.slice(0, 1))
        .when({ type: 'RegisterRegion', data: { code: '330402', name: '南湖区', effectiveOn: '2000-01-01' } })
        .thenFails(IdentityErrorCode.UNKNOWN_REGION, '330400');
    });
    it('is a no-op for the same region twice, an error for a different name', () => {
      given(regions)
        .when({ type: 'RegisterRegion', data: { code: '330203', name: '海曙区', effectiveOn: '2001-01-01' } })
        .then([]);
      given(regions)
        .when({ type: 'RegisterRegion', data: { code: '330203', name: '江东区', effectiveOn: '2001-01-01' } })
        .thenFails(IdentityErrorCode.DUPLICATE_REGION, '330203');
    });
    it.each(['33020', '3302031', 'abcdef', '003300', ''])('refuses the malformed region code %j', (code) => {
      given([])
        .when({ type: 'RegisterRegion', data: { code, name: '某地', effectiveOn: '2000-01-01' } })
        .thenFails(IdentityErrorCode.INVALID_CODE);
    });
  });

  describe('RegisterSchool', () => {
    it('registers a school in a district with the stages its type implies', () => {
      given(regions).when(registerSchool(school)).then([school]);
    });
    it('refuses a duplicate school code', () => {
      given([...regions, school])
        .when(registerSchool(school))
        .thenFails(IdentityErrorCode.DUPLICATE_SCHOOL, '3302030001');
    });
    it.each([
      ['a city', '330200', IdentityErrorCode.REGION_NOT_A_DISTRICT],
      ['a province', '330000', IdentityErrorCode.REGION_NOT_A_DISTRICT],
      ['an unknown district', '330281', IdentityErrorCode.UNKNOWN_REGION],
      ['a malformed code', '3302', IdentityErrorCode.INVALID_CODE],
    ])('refuses a school placed in %s (%s)', (_what, regionCode, code) => {
      given(regions)
        .when(registerSchool(aSchool({ regionCode })))
        .thenFails(code, regionCode);
    });
    it.each(['330203000', '33020300011', '33020300A1'])('refuses the malformed school code %s', (code) => {
      given(regions)
        .when(registerSchool(aSchool({ code })))
        .thenFails(IdentityErrorCode.INVALID_CODE, code);
    });
    it('refuses a 完中 without 高中', () => {
      given(regions)
        .when(registerSchool(aSchool({ schoolType: '完中', stages: ['初中'] })))
        .thenFails(IdentityErrorCode.STAGES_MISMATCH, '高中');
    });
    it.each([
      ['a grade outside the stage', { stage: '小学', grade: 7, classes: 2 }],
      ['a stage the school does not run', { stage: '高中', grade: 10, classes: 2 }],
      ['a negative count', { stage: '小学', grade: 1, classes: -1 }],
    ] as const)('refuses classes with %s', (_what, c) => {
      given(regions)
        .when(registerSchool(aSchool({ classes: [c] })))
        .thenFails(IdentityErrorCode.INVALID_CLASSES);
    });
    it('refuses a date that is not a calendar date', () => {
      given(regions)
        .when(registerSchool(aSchool({ effectiveOn: '2021-02-29' })))
        .thenFails(IdentityErrorCode.INVALID_DATE, '2021-02-29');
    });
  });

  describe('changes to a school', () => {
    const closed: OrgEvent = { type: 'SchoolClosed', data: { code: school.data.code, effectiveOn: '2022-07-01' } };
    it('renames, and a rename to the same name is a no-op', () => {
      given([...regions, school])
        .when({ type: 'RenameSchool', data: { code: '3302030001', name: '宁波二中', effectiveOn: '2021-01-01' } })
        .then([{ type: 'SchoolRenamed', data: { code: '3302030001', from: '宁波市第二中学', to: '宁波二中', effectiveOn: '2021-01-01' } }]);
      given([...regions, school])
        .when({ type: 'RenameSchool', data: { code: '3302030001', name: '宁波市第二中学', effectiveOn: '2021-01-01' } })
        .then([]);
    });
    it('moves to another district only', () => {
      given([...regions, school])
        .when({ type: 'MoveSchool', data: { code: '3302030001', toRegionCode: '330212', effectiveOn: '2021-01-01' } })
        .then([{ type: 'SchoolMoved', data: { code: '3302030001', fromRegionCode: '330203', toRegionCode: '330212', effectiveOn: '2021-01-01' } }]);
      given([...regions, school])
        .when({ type: 'MoveSchool', data: { code: '3302030001', toRegionCode: '330200', effectiveOn: '2021-01-01' } })
        .thenFails(IdentityErrorCode.REGION_NOT_A_DISTRICT, '330200');
    });
    it('closes and reopens; a closed school cannot be renamed, moved or closed again', () => {
      given([...regions, school])
        .when({ type: 'CloseSchool', data: { code: '3302030001', effectiveOn: '2022-07-01' } })
        .then([closed]);
      given([...regions, school, closed])
        .when({ type: 'RenameSchool', data: { code: '3302030001', name: '新名', effectiveOn: '2022-08-01' } })
        .thenFails(IdentityErrorCode.SCHOOL_CLOSED, '3302030001');
      given([...regions, school, closed])
        .when({ type: 'CloseSchool', data: { code: '3302030001', effectiveOn: '2022-08-01' } })
        .thenFails(IdentityErrorCode.SCHOOL_CLOSED);
      given([...regions, school, closed])
        .when({ type: 'ReopenSchool', data: { code: '3302030001', effectiveOn: '2023-09-01' } })
        .then([{ type: 'SchoolReopened', data: { code: '3302030001', effectiveOn: '2023-09-01' } }]);
      given([...regions, school])
        .when({ type: 'ReopenSchool', data: { code: '3302030001', effectiveOn: '2023-09-01' } })
        .thenFails(IdentityErrorCode.SCHOOL_NOT_CLOSED);
    });
    it('refuses a change back-dated before the latest one', () => {
      given([...regions, school, closed])
        .when({ type: 'ReopenSchool', data: { code: '3302030001', effectiveOn: '2022-01-01' } })
        .thenFails(IdentityErrorCode.OUT_OF_ORDER, '2022-01-01');
    });
    it('refuses changes to an unknown school', () => {
      given(regions)
        .when({ type: 'CloseSchool', data: { code: '3302039999', effectiveOn: '2022-01-01' } })
        .thenFails(IdentityErrorCode.UNKNOWN_SCHOOL, '3302039999');
    });
    it('counts classes per stage and grade; the same counts again are a no-op', () => {
      const classes = [
        { stage: '高中', grade: 10, classes: 12 },
        { stage: '初中', grade: 7, classes: 8 },
      ] as const;
      given([...regions, school])
        .when({ type: 'SetSchoolClasses', data: { code: '3302030001', classes, effectiveOn: '2022-09-01' } })
        .then([{ type: 'SchoolClassesCounted', data: { code: '3302030001', classes: [classes[1], classes[0]], effectiveOn: '2022-09-01' } }]);
      const counted: OrgEvent = { type: 'SchoolClassesCounted', data: { code: '3302030001', classes: [classes[1], classes[0]], effectiveOn: '2022-09-01' } };
      given([...regions, school, counted])
        .when({ type: 'SetSchoolClasses', data: { code: '3302030001', classes, effectiveOn: '2023-09-01' } })
        .then([]);
    });
    it('changes the school type and drops the classes of a stage no longer run', () => {
      const withClasses = aSchool({
        schoolType: '完中',
        classes: [
          { stage: '初中', grade: 7, classes: 4 },
          { stage: '高中', grade: 10, classes: 6 },
        ],
      });
      given([...regions, withClasses])
        .when({ type: 'SetSchoolType', data: { code: '3302030001', schoolType: '高中', effectiveOn: '2023-09-01' } })
        .then([
          {
            type: 'SchoolTypeChanged',
            data: { code: '3302030001', schoolType: '高中', stages: ['高中'], classes: [{ stage: '高中', grade: 10, classes: 6 }], effectiveOn: '2023-09-01' },
          },
        ]);
    });
  });

  it('names streams by code and refuses codes that could smuggle a separator', () => {
    expect(schoolStream('3302030001')).toBe('identity.school-3302030001');
    expect(() => schoolStream('33020-0001')).toThrow(/10-digit/);
  });
});

describe('org tree evolve', () => {
  const history: OrgEvent[] = [
    ...regions,
    school,
    { type: 'SchoolRenamed', data: { code: '3302030001', from: '宁波市第二中学', to: '宁波二中', effectiveOn: '2021-01-01' } },
    { type: 'SchoolMoved', data: { code: '3302030001', fromRegionCode: '330203', toRegionCode: '330212', effectiveOn: '2022-01-01' } },
    { type: 'SchoolClassesCounted', data: { code: '3302030001', classes: [{ stage: '初中', grade: 7, classes: 8 }], effectiveOn: '2022-09-01' } },
    {
      type: 'SchoolTypeChanged',
      data: {
        code: '3302030001',
        schoolType: '十二年一贯',
        stages: ['小学', '初中', '高中'],
        classes: [{ stage: '初中', grade: 7, classes: 8 }],
        effectiveOn: '2023-09-01',
      },
    },
    { type: 'SchoolClosed', data: { code: '3302030001', effectiveOn: '2024-07-01' } },
    { type: 'SchoolReopened', data: { code: '3302030001', effectiveOn: '2025-09-01' } },
  ];

  it.each(history.map((e, i) => [e.type, i] as const))('applying %s twice changes nothing', (_type, i) => {
    const before = applyOrgEvents(history.slice(0, i));
    const event = history[i]!;
    const once = evolve(before, event);
    expect(evolve(once, event)).toEqual(once);
  });

  it.each(history.map((e, i) => [e.type, i] as const))('a late redelivery of %s (#%i) after the whole history changes nothing', (_type, i) => {
    const all = applyOrgEvents(history);
    expect(evolve(all, history[i]!)).toEqual(all);
  });

  const state = applyOrgEvents(history);
  it.each([
    ['2020-08-31', undefined, undefined, undefined],
    ['2020-09-01', '宁波市第二中学', '330203', 'open'],
    ['2021-06-01', '宁波二中', '330203', 'open'],
    ['2022-01-01', '宁波二中', '330212', 'open'],
    ['2024-07-01', '宁波二中', '330212', 'closed'],
    ['2026-01-01', '宁波二中', '330212', 'open'],
  ])('schoolAsOf %s: name %s, district %s, %s', (date, name, regionCode, status) => {
    const v = schoolAsOf(state, '3302030001', date);
    expect(v?.name).toBe(name);
    expect(v?.regionCode).toBe(regionCode);
    expect(v?.status).toBe(status);
  });

  it('lists a moved school under the old district before the move and under the new one after', () => {
    const codes = (region: string, date: string) => schoolsUnder(state, region, date).map((s) => s.code);
    expect(codes(ZJ.haishu.code, '2021-12-31')).toEqual(['3302030001']);
    expect(codes(ZJ.yinzhou.code, '2021-12-31')).toEqual([]);
    expect(codes(ZJ.haishu.code, '2022-01-01')).toEqual([]);
    expect(codes(ZJ.yinzhou.code, '2022-01-01')).toEqual(['3302030001']);
    expect(codes(ZJ.ningbo.code, '2021-12-31')).toEqual(['3302030001']);
    expect(codes(ZJ.province.code, '2022-01-01')).toEqual(['3302030001']);
    expect(codes(ZJ.hangzhou.code, '2022-01-01')).toEqual([]);
    expect(schoolsUnder(state, ZJ.yinzhou.code, '2024-08-01', { openOnly: true })).toEqual([]);
  });

  it('answers the ancestors of a school as of a date, and of a region', () => {
    expect(ancestorsOf(state, '3302030001', '2021-06-01').map((r) => r.code)).toEqual(['330203', '330200', '330000']);
    expect(ancestorsOf(state, '3302030001', '2023-01-01').map((r) => r.code)).toEqual(['330212', '330200', '330000']);
    expect(ancestorsOf(state, '330102').map((r) => r.name)).toEqual(['杭州市', '浙江省']);
    expect(ancestorsOf(initialOrgTree(), '3302030001')).toEqual([]);
  });
});
