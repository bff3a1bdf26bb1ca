/**
 * A handful of real Zhejiang administrative divisions (行政区划代码, GB/T 2260), enough for a
 * province → city → district roll-up with cities of different sizes. `weight` is the share of
 * the simulated schools a district gets (Hangzhou and Ningbo hold most of them).
 */
export interface SimRegion {
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'city' | 'district';
  readonly parentCode: string | undefined;
}

export interface SimDistrict extends SimRegion {
  readonly level: 'district';
  readonly parentCode: string;
  readonly cityName: string;
  readonly weight: number;
}

export const PROVINCE: SimRegion = { code: '330000', name: '浙江省', level: 'province', parentCode: undefined };

export const CITIES: readonly SimRegion[] = [
  { code: '330100', name: '杭州市', level: 'city', parentCode: '330000' },
  { code: '330200', name: '宁波市', level: 'city', parentCode: '330000' },
  { code: '330300', name: '温州市', level: 'city', parentCode: '330000' },
  { code: '330600', name: '绍兴市', level: 'city', parentCode: '330000' },
  { code: '330700', name: '金华市', level: 'city', parentCode: '330000' },
];

const d = (code: string, name: string, cityName: string, weight: number): SimDistrict => ({
  code,
  name,
  level: 'district',
  parentCode: `${code.slice(0, 4)}00`,
  cityName,
  weight,
});

export const DISTRICTS: readonly SimDistrict[] = [
  d('330102', '上城区', '杭州市', 10),
  d('330105', '拱墅区', '杭州市', 9),
  d('330106', '西湖区', '杭州市', 9),
  d('330108', '滨江区', '杭州市', 5),
  d('330109', '萧山区', '杭州市', 12),
  d('330203', '海曙区', '宁波市', 8),
  d('330205', '江北区', '宁波市', 5),
  d('330212', '鄞州区', '宁波市', 11),
  d('330302', '鹿城区', '温州市', 8),
  d('330304', '瓯海区', '温州市', 7),
  d('330602', '越城区', '绍兴市', 7),
  d('330782', '义乌市', '金华市', 9),
];

/** Province, cities, districts: the order identity needs them registered in (parents first). */
export const ALL_REGIONS: readonly SimRegion[] = [PROVINCE, ...CITIES, ...DISTRICTS];
