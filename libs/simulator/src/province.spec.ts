import { personRef, regionCode, schoolCode, STAGES_OF_SCHOOL_TYPE } from '@educube/contracts';
import { batches, REGISTRY_HEADER, simulateProvince, type PeopleCommand } from './index';

const parseCsvLine = (line: string): string[] => {
  // the generated names hold no quotes or commas; a quoted field would show up as a test failure
  return line.split(',');
};

describe('simulateProvince', () => {
  const province = simulateProvince({ seed: 42, schools: 60, teachersPerSchool: 12, studentsPerSchool: 200 });

  it('registers the province, its cities and districts parents first, with real 6-digit codes', () => {
    const seen = new Set<string>();
    for (const c of province.regionCommands) {
      expect(regionCode.safeParse(c.data.code).success).toBe(true);
      const parent = c.data.code.endsWith('0000') ? undefined : c.data.code.endsWith('00') ? `${c.data.code.slice(0, 2)}0000` : `${c.data.code.slice(0, 4)}00`;
      if (parent) expect(seen.has(parent)).toBe(true);
      seen.add(c.data.code);
      expect(c.data.effectiveOn).toBe(province.effectiveOn);
    }
    expect(province.regionCommands[0]).toEqual({ type: 'RegisterRegion', data: { code: '330000', name: '浙江省', effectiveOn: '2026-09-01' } });
  });

  it('gives every school a unique 10-digit code inside its district, and its type’s stages', () => {
    const codes = new Set(province.schools.map((s) => s.code));
    expect(codes.size).toBe(60);
    const districts = new Set(province.regions.filter((r) => r.level === 'district').map((r) => r.code));
    for (const s of province.schools) {
      expect(schoolCode.safeParse(s.code).success).toBe(true);
      expect(s.code.slice(0, 6)).toBe(s.regionCode);
      expect(districts.has(s.regionCode)).toBe(true);
      expect(s.stages).toEqual(STAGES_OF_SCHOOL_TYPE[s.schoolType]);
      expect(s.classes.reduce((n, c) => n + c.size, 0)).toBe(200);
      expect(new Set(s.classes.map((c) => c.classId)).size).toBe(s.classes.length);
    }
    expect(new Set(province.schools.map((s) => s.schoolType)).size).toBeGreaterThanOrEqual(5);
  });

  it('writes the registry in identity’s columns, one row per school, classes per grade', () => {
    const lines = province.registryCsv.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(REGISTRY_HEADER.join(','));
    expect(lines).toHaveLength(61);
    const first = province.schools[0]!;
    const row = Object.fromEntries(REGISTRY_HEADER.map((h, i) => [h, parseCsvLine(lines[1]!)[i]]));
    expect(row).toMatchObject({ 学校标识码: first.code, 学校名称: first.name, 行政区划代码: first.regionCode, 办学类型: first.schoolType, 状态: '办学' });
    const classColumns = ['小学班级数', '初中班级数', '高中班级数', '中职班级数'] as const;
    const total = classColumns.flatMap((c) => (row[c] ? row[c].split(';') : [])).reduce((n, pair) => n + Number(pair.split(':')[1]), 0);
    expect(total).toBe(first.classes.length);
    for (const line of lines.slice(1)) expect(parseCsvLine(line)).toHaveLength(REGISTRY_HEADER.length);
  });

  it('registers, places and links every person, each local id linked once', () => {
    const commands = [...province.peopleCommands];
    expect(commands).toHaveLength(province.counts.peopleCommands);
    const registered = new Set<string>();
    const refs = new Set<string>();
    const byType = new Map<string, number>();
    for (const c of commands) {
      byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
      if (c.type === 'RegisterPerson') registered.add(c.data.personId);
      else expect(registered.has(c.data.personId)).toBe(true);
      if (c.type === 'LinkId') {
        expect(personRef.safeParse(c.data.ref).success).toBe(true);
        const key = `${c.data.ref.system}/${c.data.ref.localId}`;
        expect(refs.has(key)).toBe(false);
        refs.add(key);
      }
      if (c.type === 'EnrolStudent')
        expect(c.data.placement).toMatchObject({ stages: [expect.any(String)], grade: expect.any(Number), classId: expect.any(String) });
      if (c.type === 'AssignStaff') expect(c.data.placement.post).toBeDefined();
    }
    expect(Object.fromEntries(byType)).toEqual({ RegisterPerson: 60 * 212, AssignStaff: 60 * 12, EnrolStudent: 60 * 200, LinkId: 60 * 212 * 2 });
    expect(refs.size).toBe(province.counts.links);
  });

  it('is the same province for the same seed, another for another seed', () => {
    const again = simulateProvince({ seed: 42, schools: 60, teachersPerSchool: 12, studentsPerSchool: 200 });
    expect(again.registryCsv).toBe(province.registryCsv);
    expect(JSON.stringify([...again.peopleCommands])).toBe(JSON.stringify([...province.peopleCommands]));
    expect(simulateProvince({ seed: 43, schools: 60, teachersPerSchool: 12, studentsPerSchool: 200 }).registryCsv).not.toBe(province.registryCsv);
  });

  it('sends people commands in batches identity accepts (≤ 10,000)', () => {
    const sizes = [...batches<PeopleCommand>(province.peopleCommands, 10_000)].map((b) => b.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(province.counts.peopleCommands);
  });

  it('refuses sizes it cannot number', () => {
    expect(() => simulateProvince({ seed: 1, schools: 0 })).toThrow(RangeError);
    expect(() => simulateProvince({ seed: 1, schools: 1, studentsPerSchool: 100_000 })).toThrow(RangeError);
  });
});
