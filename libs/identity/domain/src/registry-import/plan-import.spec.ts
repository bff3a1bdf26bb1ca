import { applyOrgEvents } from '../org-tree/decider';
import { schoolAsOf, schoolsUnder } from '../org-tree/queries';
import { zhejiangRegions } from '../org-tree/testing';
import { formatSummary, planImport, type ImportPlan, type RowReport } from './plan-import';
import { aRegistryRow, registryCsv, type RegistryRow } from './testing';

const regionsOnly = applyOrgEvents(zhejiangRegions());
const SCHOOLS = 1000;
const valid = Array.from({ length: SCHOOLS }, (_, i) => aRegistryRow(i));

/** Malformed rows, each with the reasons it must be rejected for: [column, rule, value]. */
const malformed: [string, RegistryRow, [string, string, string][]][] = [
  ['a 9-digit school code', aRegistryRow(2000, { 学校标识码: '330203999' }), [['学校标识码', 'ten-digits', '330203999']]],
  ['an unknown district', aRegistryRow(2001, { 学校标识码: '3302999001', 行政区划代码: '330299' }), [['行政区划代码', 'exists', '330299']]],
  ['a city instead of a district', aRegistryRow(2002, { 学校标识码: '3302009001', 行政区划代码: '330200' }), [['行政区划代码', 'district', '330200']]],
  [
    'a 完中 that runs only 初中',
    aRegistryRow(2003, { 学校标识码: '3302039003', 办学类型: '完中', 学段: '初中', 小学班级数: '', 高中班级数: '', 中职班级数: '' }),
    [['学段', 'stages-of-school-type', '初中']],
  ],
  ['an unknown school type', aRegistryRow(2004, { 学校标识码: '3302039004', 办学类型: '大学' }), [['办学类型', 'school-type', '大学']]],
  [
    'a grade outside the stage',
    aRegistryRow(2010, { 学校标识码: '3302039005', 办学类型: '小学', 小学班级数: '1:3;7:3', 初中班级数: '', 高中班级数: '', 中职班级数: '' }),
    [['班级数', 'grade-in-stage', '7']],
  ],
  [
    'unreadable class counts',
    aRegistryRow(2020, { 学校标识码: '3302039006', 办学类型: '小学', 小学班级数: '一年级四个班', 初中班级数: '', 高中班级数: '', 中职班级数: '' }),
    [['小学班级数', 'grade-classes', '一年级四个班']],
  ],
  ['an empty name', aRegistryRow(2007, { 学校标识码: '3302039007', 学校名称: '' }), [['学校名称', 'name', '']]],
  ['an unknown status', aRegistryRow(2008, { 学校标识码: '3302039008', 状态: '合并' }), [['状态', 'status', '合并']]],
  ['a code already on an earlier row', aRegistryRow(5), [['学校标识码', 'unique-in-file', aRegistryRow(5).学校标识码]]],
  [
    'three mistakes at once',
    aRegistryRow(2011, { 学校标识码: 'ABC', 办学类型: '大学', 状态: '??' }),
    [
      ['学校标识码', 'ten-digits', 'ABC'],
      ['办学类型', 'school-type', '大学'],
      ['状态', 'status', '??'],
    ],
  ],
  [
    'classes of a stage the school does not run',
    aRegistryRow(2020, { 学校标识码: '3302039012', 办学类型: '小学', 小学班级数: '1:2', 高中班级数: '10:2', 初中班级数: '', 中职班级数: '' }),
    [['班级数', 'stage-of-school', '高中']],
  ],
];
const registry = registryCsv([...valid, ...malformed.map(([, row]) => row)]);

const reasonsOf = (r: RowReport | undefined) => (r?.outcome === 'rejected' ? r.reasons.map((p) => [p.column, p.rule, p.value]) : r?.outcome);
const withoutRows = (p: ImportPlan) => ({ ...p.summary });

describe('planImport: a registry of 1,000 schools', () => {
  const first = planImport(registry, regionsOnly, { effectiveOn: '2025-09-01', dryRun: false });
  const afterFirst = applyOrgEvents(first.events, regionsOnly);

  it('creates every valid school and rejects every malformed row', () => {
    console.log(`first import of ${SCHOOLS + malformed.length} rows\n${formatSummary(first)}`);
    expect(first.fileProblems).toEqual([]);
    expect(withoutRows(first)).toEqual({ rows: 1012, created: 1000, unchanged: 0, changed: 0, rejected: 12 });
    expect(first.events.filter((e) => e.type === 'SchoolRegistered')).toHaveLength(1000);
    expect(Object.keys(afterFirst.schools)).toHaveLength(1000);
  });

  it.each(malformed.map(([what, , reasons], i) => [what, i, reasons] as const))('rejects %s, naming column, rule and value', (_what, i, reasons) => {
    const row = first.rows[SCHOOLS + i];
    expect(row?.row).toBe(SCHOOLS + i + 2); // the header is line 1
    expect(reasonsOf(row)).toEqual(reasons);
  });

  it('keeps names with commas and quotes intact', () => {
    expect(schoolAsOf(afterFirst, '3302030001', '2025-09-01')?.name).toBe('海曙区第0001小学（"东,西"校区）');
  });

  it('plans the same on a dry run but gives nothing to apply', () => {
    const dry = planImport(registry, regionsOnly, { effectiveOn: '2025-09-01', dryRun: true });
    expect(dry.summary).toEqual(first.summary);
    expect(dry.rows).toEqual(first.rows);
    expect(dry.events).toEqual([]);
    expect(dry.commands).toEqual([]);
  });

  it('re-importing the same file changes nothing', () => {
    const again = planImport(registry, afterFirst, { effectiveOn: '2025-09-01', dryRun: false });
    console.log(`re-import of the same file\n${formatSummary(again)}`);
    expect(withoutRows(again)).toEqual({ rows: 1012, created: 0, unchanged: 1000, changed: 0, rejected: 12 });
    expect(again.events).toEqual([]);
  });

  describe('a year later: renames, moves, closures, class counts and one new school', () => {
    const next = valid.map((r, i) => {
      if (i < 10) return { ...r, 学校名称: `${r.学校名称}（更名）` };
      if (i >= 10 && i < 15) return { ...r, 行政区划代码: '330203' }; // to 海曙区 (a move within 宁波 or across cities)
      if (i >= 20 && i < 23) return { ...r, 状态: '撤销' };
      if (i >= 30 && i < 34)
        return aRegistryRow(i, {
          小学班级数: r.小学班级数 && '1:9',
          初中班级数: r.初中班级数 && '7:9',
          高中班级数: r.高中班级数 && '10:9',
          中职班级数: r.中职班级数 && '10:9',
        });
      return r;
    });
    const newSchool = aRegistryRow(SCHOOLS);
    const file = registryCsv([...next, newSchool]);
    const second = planImport(file, afterFirst, { effectiveOn: '2026-09-01', dryRun: false });
    const afterSecond = applyOrgEvents(second.events, afterFirst);

    it('reports each kind of change with the fields that changed', () => {
      console.log(`second import (a year later)\n${formatSummary(second)}`);
      // 10 renames + 4 moves (row 12 is in 海曙区 already) + 3 closures + 4 class counts = 21
      expect(withoutRows(second)).toEqual({ rows: 1001, created: 1, unchanged: 979, changed: 21, rejected: 0 });
      const fieldsOf = (i: number) => {
        const r = second.rows[i];
        return r?.outcome === 'changed' ? r.fields : r?.outcome;
      };
      expect(fieldsOf(0)).toEqual(['学校名称']);
      expect(fieldsOf(10)).toEqual(['行政区划代码']);
      expect(fieldsOf(12)).toBe('unchanged');
      expect(fieldsOf(20)).toEqual(['状态']);
      expect(fieldsOf(30)).toEqual(['班级数']);
    });

    it('answers as of a date: a moved school is under its old district before the move', () => {
      const code = valid[10]!.学校标识码; // 330106 西湖区 → 330203 海曙区
      expect(code.startsWith('330106')).toBe(true);
      const under = (region: string, date: string) => schoolsUnder(afterSecond, region, date).some((s) => s.code === code);
      expect([under('330106', '2026-08-31'), under('330203', '2026-08-31')]).toEqual([true, false]);
      expect([under('330106', '2026-09-01'), under('330203', '2026-09-01')]).toEqual([false, true]);
      expect(schoolAsOf(afterSecond, valid[20]!.学校标识码, '2026-09-01')?.status).toBe('closed');
    });

    it('re-importing the second file changes nothing', () => {
      const again = planImport(file, afterSecond, { effectiveOn: '2026-09-01', dryRun: false });
      expect(withoutRows(again)).toEqual({ rows: 1001, created: 0, unchanged: 1001, changed: 0, rejected: 0 });
      expect(again.events).toEqual([]);
    });

    it('reopens a closed school before renaming it', () => {
      const row = { ...next[20]!, 状态: '办学', 学校名称: '重新开办的学校' };
      const plan = planImport(registryCsv([row]), afterSecond, { effectiveOn: '2027-09-01', dryRun: false });
      expect(plan.rows[0]).toMatchObject({ outcome: 'changed', fields: ['学校名称', '状态'] });
      expect(plan.events.map((e) => e.type)).toEqual(['SchoolReopened', 'SchoolRenamed']);
    });

    it('rejects a change back-dated before the school’s latest change, with the reason', () => {
      const row = { ...next[0]!, 学校名称: '又一个名字' };
      const plan = planImport(registryCsv([row]), afterSecond, { effectiveOn: '2026-01-01', dryRun: false });
      expect(reasonsOf(plan.rows[0])).toEqual([['effectiveOn', 'not-before-latest', '2026-01-01']]);
    });
  });
});

describe('planImport: the file as a whole', () => {
  it.each([
    ['a missing required column', '学校标识码,学校名称,办学类型\n', 'required-column'],
    ['an unknown column', '学校标识码,学校名称,行政区划代码,办学类型,校长\n', 'known-column'],
    ['an unclosed quote', '学校标识码,学校名称,行政区划代码,办学类型\n"3302030001,x,330203,小学\n', 'csv'],
    ['an empty file', '', 'header'],
  ])('refuses %s before planning any row', (_what, text, rule) => {
    const plan = planImport(text, regionsOnly, { effectiveOn: '2025-09-01', dryRun: false });
    expect(plan.fileProblems.map((p) => p.rule)).toContain(rule);
    expect(plan.rows).toEqual([]);
  });
  it('refuses an effective date that is not a date', () => {
    expect(planImport('', regionsOnly, { effectiveOn: '2025-13-01', dryRun: true }).fileProblems[0]?.rule).toBe('iso-date');
  });
  it('reports a row with too few fields', () => {
    const plan = planImport('学校标识码,学校名称,行政区划代码,办学类型\n3302030001,海曙小学,330203\n', regionsOnly, {
      effectiveOn: '2025-09-01',
      dryRun: false,
    });
    expect(reasonsOf(plan.rows[0])).toContainEqual(['', 'column-count', '3']);
  });
});

describe('planImport: a province-sized registry', () => {
  // Timing is printed, never asserted: these machines are noisy. (A first, quadratic version
  // took ~25 s here; the figure printed now is well under a second.)
  it('plans, applies and re-plans 10,000 schools', () => {
    const csv = registryCsv(Array.from({ length: 10_000 }, (_, i) => aRegistryRow(i)));
    const started = performance.now();
    const plan = planImport(csv, regionsOnly, { effectiveOn: '2025-09-01', dryRun: false });
    const applied = applyOrgEvents(plan.events, regionsOnly);
    const again = planImport(csv, applied, { effectiveOn: '2025-09-01', dryRun: false });
    const ms = Math.round(performance.now() - started);
    console.log(`10,000 schools: plan + apply + re-plan in ${ms} ms`);
    expect([plan.summary.created, again.summary.unchanged, again.events.length]).toEqual([10_000, 10_000, 0]);
  });
});
