import { allItems, type Catalog, type CatalogItem } from '@educube/assessment-catalog';
import { LEVELS, type Level, type Stage } from '@educube/contracts';
import { addDays, daysBetween, fallbackSemester, minDate, schoolYearBounds, schoolYearOf } from './calendar';
import { ENTITY_SPECS, entitiesAsOf, hasRecords, keyOf, recordsIn, type SchoolFacts } from './facts';
import {
  ENTITY_FACTS,
  hasChecks,
  type Check,
  type Classification,
  type ClassificationTable,
  type Cmp,
  type Cond,
  type EntityFact,
  type Measure,
  type Where,
  type Window,
} from './formula';

export interface EvaluationOptions {
  /** The assessment date (YYYY-MM-DD, China time). */
  readonly asOf: string;
  /** The school year assessed; defaults to the one containing `asOf`. Its window ends at `asOf` when that falls inside it. */
  readonly schoolYear?: string;
  /** Regional averages and reference figures named by formulas (`ningxia.cloudIndex`…). */
  readonly regionalAverages?: Readonly<Record<string, number>>;
  /** Start of the creation period (立项); without it the creation window is cumulative. */
  readonly creationStart?: string;
  /** The school's county (区县) by identity's tree, where the caller has it; else its SchoolRegistered `regionCode`. */
  readonly regionCode?: string;
}

export interface ResolvedWindow {
  readonly kind: Window['kind'];
  readonly from: string;
  readonly to: string;
}

export interface StageResult {
  readonly stage: Stage;
  readonly value: number | null;
  readonly threshold: number;
  readonly met: boolean;
}

export interface CheckEvidence {
  readonly label: string;
  readonly window: ResolvedWindow;
  readonly value: number | null;
  readonly cmp: Cmp;
  readonly threshold: number | null;
  readonly met: boolean;
  readonly byStage?: readonly StageResult[];
  readonly contributing: number;
  readonly sampleIds: readonly string[];
  readonly note?: string;
}

/** An item's result at one level whose ▲ qualifier words it its own way (Wenzhou 6, 14). */
export interface LevelEvidence {
  readonly level: string;
  readonly met: boolean;
  readonly checks: readonly CheckEvidence[];
}

export interface Evidence {
  readonly itemId: string;
  /** `derived+attested`: `met` and `points` are the checks' alone; the sheet requires the accepted attestation too. */
  readonly basis: 'derived' | 'derived+attested';
  readonly formula: string;
  /** The first check's window, value and threshold (the headline); every check is in `checks`. */
  readonly window: ResolvedWindow;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly met: boolean;
  /** Points under the item's scoring; undefined where the standard gives items no points. */
  readonly points: number | undefined;
  readonly contributing: number;
  readonly sampleIds: readonly string[];
  readonly checks: readonly CheckEvidence[];
  /** Per level, where the item's checks differ by level; `met` above is the item's text alone. */
  readonly levels?: readonly LevelEvidence[];
  readonly review?: string;
  readonly computedAsOf: string;
}

const SAMPLE = 5;
const EARLIEST = '0001-01-01';

interface Value {
  readonly value: number | null;
  readonly ids: ReadonlySet<string>;
}

interface Row {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** One evaluation's view of the facts: groups and entity snapshots are computed once. */
class View {
  private readonly entities = new Map<string, Row[]>();
  private readonly records = new Map<string, Row[]>();
  constructor(
    readonly facts: SchoolFacts,
    readonly options: EvaluationOptions,
  ) {}

  window(w: Window): ResolvedWindow {
    const asOf = this.options.asOf;
    switch (w.kind) {
      case 'asOf':
      case 'cumulative':
        return { kind: w.kind, from: EARLIEST, to: asOf };
      case 'creation':
        return { kind: w.kind, from: this.options.creationStart ?? EARLIEST, to: asOf };
      case 'rolling':
        return { kind: w.kind, from: addDays(asOf, -(w.days - 1)), to: asOf };
      case 'calendarYear': {
        const y = Number(asOf.slice(0, 4)) - (w.previous ? 1 : 0);
        return { kind: w.kind, from: `${y}-01-01`, to: minDate(`${y}-12-31`, asOf) };
      }
      case 'schoolYear': {
        const { from, to } = schoolYearBounds(this.options.schoolYear ?? schoolYearOf(asOf));
        return { kind: w.kind, from, to: minDate(to, asOf) };
      }
      case 'semester': {
        const sem = this.semester();
        return { kind: w.kind, from: sem.from, to: minDate(sem.to, asOf) };
      }
    }
  }

  /** The semester containing asOf: from the published calendar, else the README's halves. */
  private semester(): { from: string; to: string; weeks?: number } {
    const asOf = this.options.asOf;
    const calendars = recordsIn(this.facts, 'SchoolCalendarPublished', EARLIEST, '9999-12-31');
    const semesters = calendars.flatMap((c) => (c.data['semesters'] as { startsOn: string; endsOn: string; teachingWeeks?: number }[] | undefined) ?? []);
    const started = semesters.filter((s) => s.startsOn <= asOf).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0];
    if (started && asOf <= addDays(started.endsOn, 183))
      return { from: started.startsOn, to: started.endsOn, ...(started.teachingWeeks ? { weeks: started.teachingWeeks } : {}) };
    return fallbackSemester(asOf);
  }

  /**
   * Teaching weeks elapsed in the window (an average per week, Ningxia ★25 平均开课率, is over
   * the weeks so far): whole weeks from its start to its end (asOf while it runs). A published
   * semester caps them at its 教学周数, and gives them exactly once the semester is over.
   */
  teachingWeeks(w: ResolvedWindow): number {
    const elapsed = Math.max(1, Math.floor((daysBetween(w.from, w.to) + 1) / 7));
    if (w.kind === 'semester') {
      const sem = this.semester();
      if (sem.weeks) return w.to >= sem.to ? sem.weeks : Math.min(sem.weeks, elapsed);
    }
    return elapsed;
  }

  /**
   * The teaching months of a window (常态化 is judged against them): the calendar months in which
   * the school delivered a lesson, so a holiday month asks nothing of anyone.
   */
  teachingMonths(w: ResolvedWindow): ReadonlySet<string> {
    return new Set(
      this.rows('LessonDelivered', w)
        .map(monthOf)
        .filter((m): m is string => m !== undefined),
    );
  }

  rows(fact: string, w: ResolvedWindow): Row[] {
    if ((ENTITY_FACTS as readonly string[]).includes(fact)) {
      const key = `${fact}@${w.to}`;
      let rows = this.entities.get(key);
      if (!rows) {
        rows = entitiesAsOf(this.facts, fact as EntityFact, w.to).map((e) => ({ id: e.sourceId, data: e.data }));
        this.entities.set(key, rows);
      }
      return rows;
    }
    const key = `${fact}@${w.from}..${w.to}`;
    let rows = this.records.get(key);
    if (!rows) {
      rows = recordsIn(this.facts, fact, w.from, w.to);
      this.records.set(key, rows);
    }
    return rows;
  }

  stages(w: ResolvedWindow): Stage[] {
    const school = this.rows('school', w)[0];
    if (school) return (school.data['stages'] as Stage[]) ?? [];
    const found = new Set<Stage>();
    for (const r of this.rows('students', w)) found.add(r.data['stage'] as Stage);
    for (const r of recordsIn(this.facts, 'HeadcountReported', EARLIEST, w.to)) for (const s of r.data['byStage'] as { stage: Stage }[]) found.add(s.stage);
    return [...found];
  }
}

/** Values at a dotted path; arrays along the way are flattened. */
export function valuesAt(data: unknown, path: string): unknown[] {
  // Most conditions name a top-level field: the fast path allocates no intermediate arrays.
  if (!path.includes('.')) {
    const v = data && typeof data === 'object' ? (data as Record<string, unknown>)[path] : undefined;
    return v === undefined ? [] : Array.isArray(v) ? v.filter((x) => x !== undefined) : [v];
  }
  let current: unknown[] = [data];
  for (const key of path.split('.')) {
    current = current.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined));
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined);
}

const levelAtLeast = (v: unknown, min: Level): boolean => typeof v === 'string' && LEVELS.indexOf(v as Level) >= LEVELS.indexOf(min);

function matches(cond: Cond, values: unknown[]): boolean {
  if (typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean') return values.some((v) => v === cond);
  if (Array.isArray(cond)) return values.some((v) => (cond as readonly unknown[]).includes(v));
  const c = cond as Exclude<Cond, string | number | boolean | readonly string[]>;
  if ('has' in c) return values.includes(c.has);
  if ('hasAny' in c) return values.some((v) => c.hasAny.includes(v as string));
  if ('covers' in c) return values.length === 0 || values.includes(c.covers);
  if ('atLeast' in c) return values.some((v) => levelAtLeast(v, c.atLeast));
  if ('gte' in c) return values.some((v) => typeof v === 'number' && v >= c.gte);
  if ('gt' in c) return values.some((v) => typeof v === 'number' && v > c.gt);
  return c.exists ? values.length > 0 : values.length === 0;
}

function bind(where: Where | undefined, stage: Stage | undefined): Where | undefined {
  if (!where || !stage) return where;
  const sub = (c: Cond): Cond =>
    c === '$stage'
      ? stage
      : typeof c === 'object' && c !== null && !Array.isArray(c) && 'has' in c && c.has === '$stage'
        ? { has: stage }
        : typeof c === 'object' && c !== null && !Array.isArray(c) && 'covers' in c && c.covers === '$stage'
          ? { covers: stage }
          : c;
  return Object.fromEntries(Object.entries(where).map(([k, c]) => [k, sub(c)]));
}

const filter = (rows: Row[], where: Where | undefined): Row[] =>
  where ? rows.filter((r) => Object.entries(where).every(([path, cond]) => matches(cond, valuesAt(r.data, path)))) : rows;

const idsOf = (rows: Row[]): Set<string> => new Set(rows.map((r) => r.id));
/** The calendar month (YYYY-MM) an event record counts in; entity rows carry no date. */
const monthOf = (r: Row): string | undefined => (r as Row & { date?: string }).date?.slice(0, 7);
/** Records in every teaching month (and there is at least one): 常态化. */
const everyMonth = (months: ReadonlySet<string> | undefined, teaching: ReadonlySet<string>): boolean =>
  teaching.size > 0 && [...teaching].every((m) => months?.has(m) === true);
const union = (...sets: ReadonlySet<string>[]): Set<string> => new Set(sets.flatMap((s) => [...s]));

function measure(view: View, m: Measure, w: ResolvedWindow, stage: Stage | undefined): Value {
  switch (m.of) {
    case 'count': {
      const rows = filter(view.rows(m.fact, w), bind(m.where, stage));
      return { value: rows.length, ids: idsOf(rows) };
    }
    case 'distinct': {
      const rows = filter(view.rows(m.fact, w), bind(m.where, stage));
      const values = new Set(
        rows
          .flatMap((r) => valuesAt(r.data, m.field))
          .map(keyOf)
          .filter((v) => !m.among || m.among.includes(v)),
      );
      return { value: values.size, ids: idsOf(rows) };
    }
    case 'sum':
    case 'max': {
      const rows = filter(view.rows(m.fact, w), bind(m.where, stage));
      const numbers = rows.flatMap((r) => valuesAt(r.data, m.field)).filter((v): v is number => typeof v === 'number');
      if (m.of === 'max') return { value: numbers.length ? Math.max(...numbers) : null, ids: idsOf(rows) };
      return { value: numbers.reduce((a, b) => a + b, 0), ids: idsOf(rows) };
    }
    case 'spanDays': {
      const rows = filter(view.rows(m.fact, w), bind(m.where, stage));
      const spans = rows.flatMap((r) => {
        const from = r.data[m.from];
        const to = r.data[m.to];
        return typeof from === 'string' && typeof to === 'string' ? [daysBetween(from.slice(0, 10), to.slice(0, 10))] : [];
      });
      return { value: spans.length ? Math.max(...spans) : null, ids: idsOf(rows) };
    }
    case 'headcount':
      return headcount(view, m, w, m.stage ? stage : undefined);
    case 'keys': {
      const other = m.with;
      const allowed = other
        ? new Set(filter(view.rows(other.fact, { ...w, from: EARLIEST }), bind(other.where, stage)).flatMap((r) => valuesAt(r.data, other.key).map(keyOf)))
        : undefined;
      const keys = new Set<string>();
      const used = new Set<string>();
      for (const part of m.parts) {
        const rows = (m.all ?? []).reduce((rs, where) => filter(rs, bind(where, stage)), filter(view.rows(part.fact, w), bind(part.where, stage)));
        for (const r of rows) {
          const found = valuesAt(r.data, part.key).map(keyOf);
          const kept = (found.length ? found : [`#${r.id}`]).filter((k) => !allowed || allowed.has(k));
          for (const k of kept) keys.add(k);
          if (kept.length) used.add(r.id);
        }
      }
      return { value: keys.size, ids: used };
    }
    case 'teachingWeeks':
      return { value: view.teachingWeeks(w), ids: new Set() };
    case 'ratio': {
      const num = measure(view, m.num, w, stage);
      const den = measure(view, m.den, w, stage);
      const value = num.value === null || den.value === null || den.value === 0 ? null : num.value / den.value;
      return { value, ids: union(num.ids, den.ids) };
    }
    case 'add': {
      const parts = m.terms.map((t) => measure(view, t, w, stage));
      const value = parts.some((p) => p.value === null) ? null : parts.reduce((a, p) => a + (p.value ?? 0), 0);
      return { value, ids: union(...parts.map((p) => p.ids)) };
    }
    case 'share': {
      const population = filter(view.rows(m.population.fact, w), bind(m.population.where, stage));
      // Each member's weight: 1, or the largest `population.weight` on its rows (a timetabled lesson's 课时).
      const members = new Map<string, number>();
      for (const r of population) {
        const weighed = m.population.weight ? valuesAt(r.data, m.population.weight).find((v): v is number => typeof v === 'number') : undefined;
        for (const k of valuesAt(r.data, m.population.key).map(keyOf)) members.set(k, Math.max(members.get(k) ?? 0, weighed ?? 1));
      }
      const whole = [...members.values()].reduce((a, b) => a + b, 0);
      if (members.size === 0 || whole === 0) return { value: null, ids: idsOf(population) };
      const evidence = filter(view.rows(m.evidence.fact, m.evidence.sinceStart ? { ...w, from: EARLIEST } : w), bind(m.evidence.where, stage));
      const totals = new Map<string, number>();
      const months = new Map<string, Set<string>>();
      const used = new Set<string>();
      for (const r of evidence) {
        const amount = m.evidence.sum ? ((valuesAt(r.data, m.evidence.sum).find((v) => typeof v === 'number') as number | undefined) ?? 0) : 1;
        const month = monthOf(r);
        for (const k of new Set(valuesAt(r.data, m.evidence.key).map(keyOf))) {
          if (!members.has(k)) continue;
          totals.set(k, (totals.get(k) ?? 0) + amount);
          if (month) months.set(k, (months.get(k) ?? new Set()).add(month));
          used.add(r.id);
        }
      }
      const teaching = m.evidence.regular ? view.teachingMonths(w) : undefined;
      const qualifies = (k: string): boolean => compare(totals.get(k) ?? 0, m.cmp, m.value) && (!teaching || everyMonth(months.get(k), teaching));
      const qualifying = [...members].reduce((a, [k, weight]) => a + (qualifies(k) ? weight : 0), 0);
      return { value: qualifying / whole, ids: union(idsOf(population), used) };
    }
    case 'groups': {
      // group → practice → the months its records fall in
      const byGroup = new Map<string, Map<number, Set<string>>>();
      const used = new Set<string>();
      m.practices.forEach((p, i) => {
        for (const r of filter(view.rows(p.fact, w), bind(p.where, stage))) {
          for (const g of new Set(valuesAt(r.data, m.key).map(keyOf))) {
            const practices = byGroup.get(g) ?? new Map<number, Set<string>>();
            const months = practices.get(i) ?? new Set<string>();
            const month = monthOf(r);
            if (month) months.add(month);
            practices.set(i, months);
            byGroup.set(g, practices);
            used.add(r.id);
          }
        }
      });
      const teaching = m.regular ? view.teachingMonths(w) : undefined;
      const qualifying = [...byGroup.values()].filter(
        (practices) => [...practices.values()].filter((months) => !teaching || everyMonth(months, teaching)).length >= m.atLeast,
      ).length;
      return { value: qualifying, ids: used };
    }
    case 'outsideRegion': {
      // identity's tree places the school (the assessment passes it); a SchoolRegistered event only where it does not
      const own = view.options.regionCode ?? view.rows('school', w)[0]?.data['regionCode'];
      const rows = filter(view.rows(m.fact, w), bind(m.where, stage));
      if (typeof own !== 'string') return { value: null, ids: idsOf(rows) };
      const outside = rows.filter((r) => valuesAt(r.data, m.field).some((v) => v !== own));
      return { value: outside.length, ids: idsOf(outside) };
    }
    case 'shareAll': {
      const population = filter(view.rows(m.population.fact, w), bind(m.population.where, stage));
      const members = new Set(population.flatMap((r) => valuesAt(r.data, m.population.key).map(keyOf)));
      if (members.size === 0) return { value: null, ids: idsOf(population) };
      const used = new Set<string>();
      let holding = members;
      for (const e of m.evidence) {
        const found = new Set<string>();
        for (const r of filter(view.rows(e.fact, w), bind(e.where, stage))) {
          for (const k of valuesAt(r.data, e.key).map(keyOf)) {
            if (!members.has(k)) continue;
            found.add(k);
            used.add(r.id);
          }
        }
        holding = new Set([...holding].filter((k) => found.has(k)));
      }
      return { value: holding.size / members.size, ids: union(idsOf(population), used) };
    }
    case 'quotaShare': {
      const population = filter(view.rows(m.population.fact, w), bind(m.population.where, stage));
      const groups = new Set(population.flatMap((r) => valuesAt(r.data, m.population.key).map(keyOf)));
      if (groups.size === 0) return { value: null, ids: idsOf(population) };
      // The latest statement of each group's total in the window (by date, then envelope time, then id).
      const stated = new Map<string, { total: number; row: Row }>();
      for (const r of [...filter(view.rows(m.totals.fact, w), bind(m.totals.where, stage))].sort(byRecordOrder)) {
        const total = valuesAt(r.data, m.totals.field).find((v) => typeof v === 'number') as number | undefined;
        if (total === undefined) continue;
        for (const k of new Set(valuesAt(r.data, m.totals.key).map(keyOf))) if (groups.has(k)) stated.set(k, { total, row: r });
      }
      const covered = new Map<string, Set<string>>();
      const used = new Set<string>();
      for (const r of filter(view.rows(m.evidence.fact, w), bind(m.evidence.where, stage))) {
        const values = valuesAt(r.data, m.evidence.field).map(keyOf);
        for (const k of new Set(valuesAt(r.data, m.evidence.key).map(keyOf))) {
          if (!groups.has(k) || values.length === 0) continue;
          const set = covered.get(k) ?? new Set<string>();
          for (const v of values) set.add(v);
          covered.set(k, set);
          used.add(r.id);
        }
      }
      const qualifying = [...groups].filter((k) => {
        const s = stated.get(k);
        return s !== undefined && s.total > 0 && compare(covered.get(k)?.size ?? 0, '>=', m.fraction * s.total);
      }).length;
      return { value: qualifying / groups.size, ids: union(idsOf(population), idsOf([...stated.values()].map((s) => s.row)), used) };
    }
  }
}

/** Event records in business order: date, then envelope time, then id (entity rows carry neither and keep their order). */
function byRecordOrder(a: Row, b: Row): number {
  const x = a as Row & { date?: string; time?: string };
  const y = b as Row & { date?: string; time?: string };
  const k = (r: typeof x): string => `${r.date ?? ''}\u0000${r.time ?? ''}\u0000${r.id}`;
  return k(x) < k(y) ? -1 : k(x) > k(y) ? 1 : 0;
}

/** Persons on the roster as of the window's end, else the latest HeadcountReported on or before it. */
function headcount(view: View, m: Extract<Measure, { of: 'headcount' }>, w: ResolvedWindow, stage: Stage | undefined): Value {
  const fact = m.role === 'classes' ? 'classes' : m.role;
  const anyRoster = hasRecords(view.facts, ENTITY_SPECS[fact].start);
  if (anyRoster) {
    let rows = view.rows(fact, w);
    if (m.role === 'teachers' && m.post) rows = rows.filter((r) => r.data['post'] === m.post);
    // Class counts in the standards (24 个班级, 每 18 个班级, 班班通) are 行政班; 教学班 are course-selection groups.
    if (m.role === 'classes') rows = rows.filter((r) => r.data['classKind'] === '行政班');
    if (stage) rows = rows.filter((r) => (m.role === 'teachers' ? ((r.data['stages'] as string[]) ?? []).includes(stage) : r.data['stage'] === stage));
    return { value: rows.length, ids: idsOf(rows) };
  }
  const reports = recordsIn(view.facts, 'HeadcountReported', EARLIEST, w.to).sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : 1,
  );
  const latest = reports[reports.length - 1];
  if (!latest) return { value: null, ids: new Set() };
  const byStage = (latest.data['byStage'] as { stage: Stage; teachers: number; students: number; classes: number }[]).filter(
    (s) => !stage || s.stage === stage,
  );
  return { value: byStage.reduce((a, s) => a + s[m.role], 0), ids: new Set([latest.id]) };
}

export function compare(value: number, cmp: Cmp, threshold: number): boolean {
  // Ratios such as 3/18 are compared with a tolerance so that 1/6 meets "3 per 18".
  const eps = 1e-9;
  switch (cmp) {
    case '>=':
      return value >= threshold - eps;
    case '>':
      return value > threshold + eps;
    case '<=':
      return value <= threshold + eps;
    case '<':
      return value < threshold - eps;
    case '==':
      return Math.abs(value - threshold) <= eps;
  }
}

/** The first SAMPLE ids in sort order, without sorting them all (evidence may rest on thousands). */
function sample(ids: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (out.length === SAMPLE && id >= (out[SAMPLE - 1] as string)) continue;
    let i = out.length;
    while (i > 0 && (out[i - 1] as string) > id) i--;
    out.splice(i, 0, id);
    if (out.length > SAMPLE) out.pop();
  }
  return out;
}

function runCheck(view: View, c: Check): { evidence: CheckEvidence; ids: ReadonlySet<string> } {
  const w = view.window(c.window);
  const regional = typeof c.value === 'object' ? c.value.regional : undefined;
  const threshold = typeof c.value === 'number' ? c.value : (view.options.regionalAverages?.[c.value.regional] ?? null);
  const byStage = c.byStage;
  if (byStage) {
    const results: StageResult[] = [];
    let ids = new Set<string>();
    for (const stage of view.stages(w)) {
      const t = byStage[stage];
      if (t === undefined) continue;
      const v = measure(view, c.measure, w, stage);
      ids = union(ids, v.ids);
      results.push({ stage, value: v.value, threshold: t, met: v.value !== null && compare(v.value, c.cmp, t) });
    }
    const met = results.every((r) => r.met);
    const worst = results.find((r) => !r.met) ?? results[0];
    const evidence: CheckEvidence = {
      label: c.label,
      window: w,
      value: worst?.value ?? null,
      cmp: c.cmp,
      threshold: worst?.threshold ?? null,
      met,
      byStage: results,
      contributing: ids.size,
      sampleIds: sample(ids),
      ...(results.length === 0 ? { note: 'no stage of the school has a threshold here' } : {}),
    };
    return { evidence, ids };
  }
  const v = measure(view, c.measure, w, undefined);
  const met = v.value !== null && threshold !== null && compare(v.value, c.cmp, threshold);
  const note = threshold === null ? `reference figure ${regional} not supplied` : v.value === null ? 'no denominator (nothing to measure against)' : undefined;
  return {
    evidence: {
      label: c.label,
      window: w,
      value: v.value,
      cmp: c.cmp,
      threshold,
      met,
      contributing: v.ids.size,
      sampleIds: sample(v.ids),
      ...(note ? { note } : {}),
    },
    ids: v.ids,
  };
}

/**
 * Evidence for one derived item: each check's value in its window against its threshold, the
 * points under the item's scoring, and which events contributed. Attested items have no
 * evidence here (their basis is a reviewed upload); a derived+attested item's evidence is its
 * checks' part.
 */
export function evaluateItem(item: CatalogItem, classification: Classification, facts: SchoolFacts, options: EvaluationOptions): Evidence {
  return evaluateWith(new View(facts, options), item, classification);
}

/** Evidence for every derived (and derived+attested) item of a catalog, sharing one view of the facts (snapshots are folded once). */
export function evaluateCatalog(catalog: Catalog, table: ClassificationTable, facts: SchoolFacts, options: EvaluationOptions): Evidence[] {
  const view = new View(facts, options);
  return allItems(catalog.groups).flatMap((item) => {
    const c = table[item.id];
    return hasChecks(c) ? [evaluateWith(view, item, c)] : [];
  });
}

function evaluateWith(view: View, item: CatalogItem, classification: Classification): Evidence {
  if (!hasChecks(classification)) throw new Error(`item ${item.id} is attested; it has no derived evidence`);
  const options = view.options;
  const runs = classification.checks.map((c) => runCheck(view, c));
  const checks = runs.map((r) => r.evidence);
  const met = checks.every((c) => c.met);
  const first = checks[0];
  if (!first) throw new Error(`item ${item.id} has no checks`);
  const levels = classification.levels
    ? Object.entries(classification.levels).map(([level, list]) => {
        const levelRuns = list.map((c) => runCheck(view, c));
        runs.push(...levelRuns);
        return { level, met: levelRuns.every((r) => r.evidence.met), checks: levelRuns.map((r) => r.evidence) };
      })
    : undefined;
  const ids = union(...runs.map((r) => r.ids));
  const scoring = classification.scoring ?? { kind: 'all' as const };
  const itemPoints = item.points ?? item.groupOverride?.points;
  let points: number | undefined;
  if (itemPoints !== undefined) {
    if (scoring.kind === 'all') points = met ? itemPoints : 0;
    else if (scoring.kind === 'parts') points = checks.reduce((p, c, i) => p + (c.met ? (scoring.points[i] ?? 0) : 0), 0);
    else {
      const raw = scoring.terms.reduce((p, t) => p + (measure(view, t.measure, view.window(t.window), undefined).value ?? 0) * t.per, 0);
      points = Math.min(scoring.cap, raw);
    }
  }
  return {
    itemId: item.id,
    basis: classification.basis,
    formula: classification.formula,
    window: first.window,
    value: first.value,
    threshold: first.threshold,
    met,
    points,
    contributing: ids.size,
    sampleIds: sample(ids),
    checks,
    ...(levels ? { levels } : {}),
    ...(classification.review ? { review: classification.review } : {}),
    computedAsOf: options.asOf,
  };
}
