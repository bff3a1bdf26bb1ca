import { schoolType as schoolTypeSchema, stage as stageSchema, type SchoolType, type Stage } from '@educube/contracts';
import { IdentityError, IdentityErrorCode } from '../shared/errors';
import { isIsoDate, type IsoDate } from '../shared/dates';
import { applyToDraft, decide, draftOf, type OrgCommand, type OrgEvent } from '../org-tree/decider';
import { assertName, assertRegionCode, assertSchoolCode, checkClasses, checkStages, type ClassCount, type OrgTreeState } from '../org-tree/model';
import { parseCsv } from './csv';

/**
 * The registry CSV (UTF-8, header row first, columns in any order, names exactly as below):
 *
 * | column      | required | content                                                               |
 * |-------------|----------|-----------------------------------------------------------------------|
 * | 学校标识码  | yes      | the 10-digit school identifier                                        |
 * | 学校名称    | yes      | 2–100 characters                                                      |
 * | 行政区划代码| yes      | the 6-digit code of the district/county the school belongs to         |
 * | 办学类型    | yes      | 小学, 初中, 高中, 完中, 九年一贯, 十二年一贯, 中职                      |
 * | 学段        | no       | stages separated by 、 / or ; — empty means the stages the type implies |
 * | 小学班级数, 初中班级数, 高中班级数, 中职班级数 | no | classes per grade, "年级:班数" pairs separated by ; e.g. 1:4;2:4;3:5 |
 * | 状态        | no       | 办学 (open, the default) or 撤销/停办 (closed)                          |
 *
 * All class columns empty on a row leaves a known school's classes as they are. A school absent
 * from the file is left alone (a registry may be a partial extract); closing is explicit.
 */
export const REGISTRY_COLUMNS = {
  code: '学校标识码',
  name: '学校名称',
  regionCode: '行政区划代码',
  schoolType: '办学类型',
  stages: '学段',
  status: '状态',
} as const;
export const CLASS_COLUMNS: Readonly<Record<Stage, string>> = { 小学: '小学班级数', 初中: '初中班级数', 高中: '高中班级数', 中职: '中职班级数' };
const REQUIRED = [REGISTRY_COLUMNS.code, REGISTRY_COLUMNS.name, REGISTRY_COLUMNS.regionCode, REGISTRY_COLUMNS.schoolType];
const KNOWN = new Set<string>([...Object.values(REGISTRY_COLUMNS), ...Object.values(CLASS_COLUMNS)]);
const OPEN_WORDS = ['', '办学', '正常', '开办'];
const CLOSED_WORDS = ['撤销', '停办', '关闭'];

/** One reason a row is refused: the column, the rule it breaks, the value found. */
export interface RowProblem {
  readonly column: string;
  readonly rule: string;
  readonly value: string;
  readonly message: string;
}

export type ChangedField = '学校名称' | '行政区划代码' | '办学类型' | '学段' | '班级数' | '状态';

export type RowReport =
  | { readonly row: number; readonly schoolCode: string; readonly outcome: 'created'; readonly commands: readonly OrgCommand[] }
  | { readonly row: number; readonly schoolCode: string; readonly outcome: 'unchanged' }
  | {
      readonly row: number;
      readonly schoolCode: string;
      readonly outcome: 'changed';
      readonly fields: readonly ChangedField[];
      readonly commands: readonly OrgCommand[];
    }
  | { readonly row: number; readonly schoolCode: string; readonly outcome: 'rejected'; readonly reasons: readonly RowProblem[] };

export interface ImportSummary {
  readonly rows: number;
  readonly created: number;
  readonly unchanged: number;
  readonly changed: number;
  readonly rejected: number;
}

export interface ImportPlan {
  readonly effectiveOn: IsoDate;
  readonly dryRun: boolean;
  /** problems with the file as a whole (missing columns, broken quoting); rows are not planned then */
  readonly fileProblems: readonly RowProblem[];
  readonly rows: readonly RowReport[];
  readonly summary: ImportSummary;
  /** what to apply, in order; empty on a dry run */
  readonly commands: readonly OrgCommand[];
  readonly events: readonly OrgEvent[];
}

export interface PlanImportOptions {
  readonly effectiveOn: IsoDate;
  readonly dryRun: boolean;
}

interface ParsedRow {
  code: string;
  name: string;
  regionCode: string;
  schoolType: SchoolType;
  stages: Stage[];
  /** undefined when every class column is empty */
  classes: ClassCount[] | undefined;
  status: 'open' | 'closed';
}

const FIELD_COLUMN: Record<string, string> = {
  code: REGISTRY_COLUMNS.code,
  name: REGISTRY_COLUMNS.name,
  regionCode: REGISTRY_COLUMNS.regionCode,
  toRegionCode: REGISTRY_COLUMNS.regionCode,
  stages: REGISTRY_COLUMNS.stages,
  classes: '班级数',
  effectiveOn: 'effectiveOn',
};

const problemOf = (e: IdentityError, column?: string): RowProblem => ({
  column: column ?? FIELD_COLUMN[e.details.field ?? ''] ?? e.details.field ?? '',
  rule: e.details.rule ?? e.code,
  value: e.details.value === undefined ? '' : String(e.details.value),
  message: e.message,
});

/** Runs a check; an IdentityError becomes a row problem, anything else is a bug and rethrown. */
function check<T>(problems: RowProblem[], column: string | undefined, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof IdentityError)) throw e;
    problems.push(problemOf(e, column));
    return undefined;
  }
}

function parseClasses(stageName: Stage, text: string, problems: RowProblem[]): ClassCount[] {
  const column = CLASS_COLUMNS[stageName];
  const out: ClassCount[] = [];
  for (const part of text
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^(\d{1,2})\s*[:：]\s*(\d{1,4})$/.exec(part);
    if (!m) {
      problems.push({
        column,
        rule: 'grade-classes',
        value: part,
        message: `${column} must be 年级:班数 pairs separated by ; (e.g. 1:4;2:4), got ${JSON.stringify(part)}`,
      });
      continue;
    }
    out.push({ stage: stageName, grade: Number(m[1]), classes: Number(m[2]) });
  }
  return out;
}

function parseRow(get: (column: string) => string, problems: RowProblem[]): ParsedRow | undefined {
  const code = check(problems, REGISTRY_COLUMNS.code, () => assertSchoolCode(get(REGISTRY_COLUMNS.code), REGISTRY_COLUMNS.code));
  const name = check(problems, REGISTRY_COLUMNS.name, () => assertName(get(REGISTRY_COLUMNS.name), REGISTRY_COLUMNS.name));
  const regionCode = check(problems, REGISTRY_COLUMNS.regionCode, () => assertRegionCode(get(REGISTRY_COLUMNS.regionCode), REGISTRY_COLUMNS.regionCode));

  const typeText = get(REGISTRY_COLUMNS.schoolType);
  const typeParsed = schoolTypeSchema.safeParse(typeText);
  if (!typeParsed.success) {
    problems.push({
      column: REGISTRY_COLUMNS.schoolType,
      rule: 'school-type',
      value: typeText,
      message: `${REGISTRY_COLUMNS.schoolType} must be one of ${schoolTypeSchema.options.join(', ')}, got ${JSON.stringify(typeText)}`,
    });
  }

  const stagesText = get(REGISTRY_COLUMNS.stages);
  const stageWords = stagesText
    .split(/[、/;；,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const stages: Stage[] = [];
  for (const w of stageWords) {
    const p = stageSchema.safeParse(w);
    if (p.success) stages.push(p.data);
    else
      problems.push({
        column: REGISTRY_COLUMNS.stages,
        rule: 'stage',
        value: w,
        message: `${REGISTRY_COLUMNS.stages} lists ${JSON.stringify(w)}, not one of ${stageSchema.options.join(', ')}`,
      });
  }
  const checkedStages = typeParsed.success
    ? check(problems, REGISTRY_COLUMNS.stages, () => checkStages(typeParsed.data, stageWords.length ? stages : undefined))
    : undefined;

  let classes: ClassCount[] | undefined;
  for (const st of stageSchema.options) {
    const text = get(CLASS_COLUMNS[st]);
    if (text.trim() === '') continue;
    classes = [...(classes ?? []), ...parseClasses(st, text, problems)];
  }
  if (classes && checkedStages) {
    const given = classes;
    check(problems, undefined, () => checkClasses(checkedStages, given));
  }

  const statusText = get(REGISTRY_COLUMNS.status).trim();
  const status = OPEN_WORDS.includes(statusText) ? 'open' : CLOSED_WORDS.includes(statusText) ? 'closed' : undefined;
  if (!status)
    problems.push({
      column: REGISTRY_COLUMNS.status,
      rule: 'status',
      value: statusText,
      message: `${REGISTRY_COLUMNS.status} must be 办学 (or empty) or 撤销/停办, got ${JSON.stringify(statusText)}`,
    });

  if (problems.length || code === undefined || name === undefined || regionCode === undefined || !typeParsed.success || !checkedStages || !status)
    return undefined;
  return { code, name, regionCode, schoolType: typeParsed.data, stages: checkedStages, classes: classes && checkClasses(checkedStages, classes), status };
}

/** The commands that bring the school to what the row says, and the fields that differ. */
function commandsFor(row: ParsedRow, state: OrgTreeState, effectiveOn: IsoDate): { created: boolean; fields: ChangedField[]; commands: OrgCommand[] } {
  const history = state.schools[row.code];
  const current = history?.versions[history.versions.length - 1];
  if (!current) {
    const commands: OrgCommand[] = [
      {
        type: 'RegisterSchool',
        data: {
          code: row.code,
          name: row.name,
          regionCode: row.regionCode,
          schoolType: row.schoolType,
          stages: row.stages,
          classes: row.classes ?? [],
          effectiveOn,
        },
      },
    ];
    if (row.status === 'closed') commands.push({ type: 'CloseSchool', data: { code: row.code, effectiveOn } });
    return { created: true, fields: [], commands };
  }
  const fields: ChangedField[] = [];
  const commands: OrgCommand[] = [];
  const code = row.code;
  // Reopen first and close last, so the other changes meet an open school.
  if (row.status === 'open' && current.status === 'closed') commands.push({ type: 'ReopenSchool', data: { code, effectiveOn } });
  if (current.name !== row.name) {
    fields.push('学校名称');
    commands.push({ type: 'RenameSchool', data: { code, name: row.name, effectiveOn } });
  }
  if (current.regionCode !== row.regionCode) {
    fields.push('行政区划代码');
    commands.push({ type: 'MoveSchool', data: { code, toRegionCode: row.regionCode, effectiveOn } });
  }
  const typeChanged = current.schoolType !== row.schoolType;
  const stagesChanged = JSON.stringify(current.stages) !== JSON.stringify(row.stages);
  if (typeChanged) fields.push('办学类型');
  if (stagesChanged) fields.push('学段');
  if (typeChanged || stagesChanged) commands.push({ type: 'SetSchoolType', data: { code, schoolType: row.schoolType, stages: row.stages, effectiveOn } });
  if (row.classes !== undefined && JSON.stringify(current.classes) !== JSON.stringify(row.classes)) {
    fields.push('班级数');
    commands.push({ type: 'SetSchoolClasses', data: { code, classes: row.classes, effectiveOn } });
  }
  if (row.status !== current.status) fields.push('状态');
  if (row.status === 'closed' && current.status === 'open') commands.push({ type: 'CloseSchool', data: { code, effectiveOn } });
  return { created: false, fields, commands };
}

/**
 * Plans a bulk import of the registry against the current tree. Pure: it returns the per-row
 * report and the commands and events that would bring the tree to what the file says; the
 * caller appends the events (unless dryRun). Rows are planned in order against the tree as the
 * earlier rows leave it, so a code repeated in the file is caught. Re-planning the same file
 * after applying the events yields only `unchanged` rows and no events.
 */
export function planImport(csvText: string, state: OrgTreeState, options: PlanImportOptions): ImportPlan {
  const { effectiveOn, dryRun } = options;
  const empty = (fileProblems: RowProblem[]): ImportPlan => ({
    effectiveOn,
    dryRun,
    fileProblems,
    rows: [],
    summary: { rows: 0, created: 0, unchanged: 0, changed: 0, rejected: 0 },
    commands: [],
    events: [],
  });
  if (!isIsoDate(effectiveOn))
    return empty([
      {
        column: 'effectiveOn',
        rule: 'iso-date',
        value: String(effectiveOn),
        message: `effectiveOn must be a calendar date YYYY-MM-DD, got ${JSON.stringify(effectiveOn)}`,
      },
    ]);

  const { records, problems: csvProblems } = parseCsv(csvText);
  if (csvProblems.length) return empty(csvProblems.map((p) => ({ column: '', rule: 'csv', value: `line ${p.line}`, message: `line ${p.line}: ${p.message}` })));
  const [header, ...dataRows] = records;
  if (!header) return empty([{ column: '', rule: 'header', value: '', message: 'the file is empty; the first line must name the columns' }]);
  const names = header.fields.map((f) => f.trim());
  const fileProblems: RowProblem[] = [];
  for (const col of REQUIRED)
    if (!names.includes(col)) fileProblems.push({ column: col, rule: 'required-column', value: '', message: `the header has no column ${col}` });
  for (const col of names)
    if (!KNOWN.has(col))
      fileProblems.push({
        column: col,
        rule: 'known-column',
        value: col,
        message: `unknown column ${JSON.stringify(col)}; the columns are ${[...KNOWN].join(', ')}`,
      });
  names.forEach((col, i) => {
    if (names.indexOf(col) !== i) fileProblems.push({ column: col, rule: 'unique-column', value: col, message: `column ${col} appears twice` });
  });
  if (fileProblems.length) return empty(fileProblems);
  const index = new Map(names.map((n, i) => [n, i]));

  // one private draft for the whole file: per-row immutable copies would make 10,000 rows quadratic
  const working = draftOf(state);
  const rows: RowReport[] = [];
  const commands: OrgCommand[] = [];
  const events: OrgEvent[] = [];
  const firstRowOf = new Map<string, number>();

  for (const record of dataRows) {
    const get = (column: string): string => {
      const i = index.get(column);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const rawCode = get(REGISTRY_COLUMNS.code);
    const problems: RowProblem[] = [];
    if (record.fields.length !== names.length) {
      problems.push({
        column: '',
        rule: 'column-count',
        value: String(record.fields.length),
        message: `the row has ${record.fields.length} fields, the header ${names.length}`,
      });
    }
    const parsed = parseRow(get, problems);
    const earlier = firstRowOf.get(rawCode);
    if (earlier !== undefined) {
      problems.push({ column: REGISTRY_COLUMNS.code, rule: 'unique-in-file', value: rawCode, message: `school ${rawCode} already appears on row ${earlier}` });
    } else if (rawCode !== '') {
      firstRowOf.set(rawCode, record.line);
    }
    if (parsed && !problems.length) {
      // region rules are the decider's; check them here too so every reason is listed at once
      check(problems, REGISTRY_COLUMNS.regionCode, () => {
        const region = working.regions[parsed.regionCode];
        if (!region)
          throw new IdentityError(IdentityErrorCode.UNKNOWN_REGION, `no region with code ${parsed.regionCode}`, { rule: 'exists', value: parsed.regionCode });
        if (region.level !== 'district')
          throw new IdentityError(
            IdentityErrorCode.REGION_NOT_A_DISTRICT,
            `region ${parsed.regionCode} (${region.name}) is a ${region.level}; schools belong to a district or county`,
            { rule: 'district', value: parsed.regionCode },
          );
      });
    }
    if (!parsed || problems.length) {
      rows.push({ row: record.line, schoolCode: rawCode, outcome: 'rejected', reasons: problems });
      continue;
    }
    const plan = commandsFor(parsed, working, effectiveOn);
    // a row touches only its own school: keep its history to roll back if a command is refused
    const before = working.schools[parsed.code];
    const rowEvents: OrgEvent[] = [];
    const applied = check(problems, undefined, () => {
      for (const c of plan.commands) {
        const produced = decide(c, working);
        rowEvents.push(...produced);
        for (const e of produced) applyToDraft(working, e);
      }
      return true;
    });
    if (!applied) {
      if (before) working.schools[parsed.code] = before;
      else delete working.schools[parsed.code];
      rows.push({ row: record.line, schoolCode: rawCode, outcome: 'rejected', reasons: problems });
      continue;
    }
    commands.push(...plan.commands);
    events.push(...rowEvents);
    if (plan.created) rows.push({ row: record.line, schoolCode: parsed.code, outcome: 'created', commands: plan.commands });
    else if (plan.commands.length === 0) rows.push({ row: record.line, schoolCode: parsed.code, outcome: 'unchanged' });
    else rows.push({ row: record.line, schoolCode: parsed.code, outcome: 'changed', fields: plan.fields, commands: plan.commands });
  }

  const count = (o: RowReport['outcome']) => rows.filter((r) => r.outcome === o).length;
  return {
    effectiveOn,
    dryRun,
    fileProblems: [],
    rows,
    summary: { rows: rows.length, created: count('created'), unchanged: count('unchanged'), changed: count('changed'), rejected: count('rejected') },
    commands: dryRun ? [] : commands,
    events: dryRun ? [] : events,
  };
}

/** The summary as a small fixed-width table, for logs and the closing note. */
export function formatSummary(plan: ImportPlan): string {
  const s = plan.summary;
  const lines = [
    `registry import ${plan.dryRun ? '(dry run) ' : ''}effective ${plan.effectiveOn}`,
    '| outcome   | rows |',
    '|-----------|------|',
    ...(['created', 'unchanged', 'changed', 'rejected'] as const).map((k) => `| ${k.padEnd(9)} | ${String(s[k]).padStart(4)} |`),
    `| total     | ${String(s.rows).padStart(4)} |`,
  ];
  return lines.join('\n');
}
