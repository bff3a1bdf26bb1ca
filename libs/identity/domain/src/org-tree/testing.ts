import { STAGES_OF_SCHOOL_TYPE, type SchoolType, type Stage } from '@educube/contracts';
import type { OrgCommand, OrgEvent } from './decider';
import type { ClassCount } from './model';

/** Test factories for the org tree. Real Zhejiang codes so failures read naturally. */
export const ZJ = {
  province: { code: '330000', name: '浙江省' },
  hangzhou: { code: '330100', name: '杭州市' },
  shangcheng: { code: '330102', name: '上城区' },
  xihu: { code: '330106', name: '西湖区' },
  ningbo: { code: '330200', name: '宁波市' },
  haishu: { code: '330203', name: '海曙区' },
  jiangbei: { code: '330205', name: '江北区' },
  yinzhou: { code: '330212', name: '鄞州区' },
  wenzhou: { code: '330300', name: '温州市' },
  lucheng: { code: '330302', name: '鹿城区' },
} as const;

export const ZJ_DISTRICTS = [ZJ.haishu, ZJ.jiangbei, ZJ.yinzhou, ZJ.shangcheng, ZJ.xihu, ZJ.lucheng] as const;

/** RegionRegistered events for Zhejiang, three cities and six districts, effective 2000-01-01. */
export function zhejiangRegions(effectiveOn = '2000-01-01'): OrgEvent[] {
  const r = (x: { code: string; name: string }, level: 'province' | 'city' | 'district', parentCode: string | undefined): OrgEvent => ({
    type: 'RegionRegistered',
    data: { code: x.code, name: x.name, level, parentCode, effectiveOn },
  });
  return [
    r(ZJ.province, 'province', undefined),
    r(ZJ.hangzhou, 'city', '330000'),
    r(ZJ.ningbo, 'city', '330000'),
    r(ZJ.wenzhou, 'city', '330000'),
    r(ZJ.shangcheng, 'district', '330100'),
    r(ZJ.xihu, 'district', '330100'),
    r(ZJ.haishu, 'district', '330200'),
    r(ZJ.jiangbei, 'district', '330200'),
    r(ZJ.yinzhou, 'district', '330200'),
    r(ZJ.lucheng, 'district', '330300'),
  ];
}

type SchoolRegistered = Extract<OrgEvent, { type: 'SchoolRegistered' }>;

/** aSchool({ schoolType: '初中' }) → a SchoolRegistered event; override any field. */
export function aSchool(
  overrides: Partial<Omit<SchoolRegistered['data'], 'stages' | 'classes'>> & { stages?: readonly Stage[]; classes?: readonly ClassCount[] } = {},
): SchoolRegistered {
  const schoolType: SchoolType = overrides.schoolType ?? '小学';
  return {
    type: 'SchoolRegistered',
    data: {
      code: overrides.code ?? '3302030001',
      name: overrides.name ?? '宁波市海曙区实验小学',
      regionCode: overrides.regionCode ?? ZJ.haishu.code,
      schoolType,
      stages: [...(overrides.stages ?? STAGES_OF_SCHOOL_TYPE[schoolType])],
      classes: [...(overrides.classes ?? [])],
      effectiveOn: overrides.effectiveOn ?? '2020-09-01',
    },
  };
}

/** The command that would produce aSchool(...). */
export const registerSchool = (e: SchoolRegistered): OrgCommand => ({ type: 'RegisterSchool', data: e.data });
