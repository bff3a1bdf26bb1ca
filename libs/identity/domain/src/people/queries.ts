import { personRef as personRefSchema, type Stage } from '@educube/contracts';
import type { IsoDate } from '../shared/dates';
import { refKey, type PeopleState, type Person, type Placement } from './people';

export type Resolution =
  | { readonly ref: unknown; readonly status: 'resolved'; readonly personId: string }
  | { readonly ref: unknown; readonly status: 'unresolved'; readonly reason: 'no-link' | 'invalid-ref'; readonly message: string };

/**
 * Resolves source-system ids to unified person ids, one answer per ref, in order. An id with no
 * link yet is `unresolved` (the warehouse parks its events and retries when the link arrives).
 */
export function resolveBatch(state: PeopleState, refs: readonly unknown[]): Resolution[] {
  return refs.map((ref) => {
    const parsed = personRefSchema.safeParse(ref);
    if (!parsed.success)
      return {
        ref,
        status: 'unresolved',
        reason: 'invalid-ref',
        message: parsed.error.issues.map((i) => `${i.path.join('.') || 'ref'}: ${i.message}`).join('; '),
      };
    const link = state.links[refKey(parsed.data)];
    return link
      ? { ref, status: 'resolved', personId: link.personId }
      : { ref, status: 'unresolved', reason: 'no-link', message: `no person is linked to ${refKey(parsed.data)} yet` };
  });
}

const activeOn = (x: Placement, date: IsoDate): boolean => x.from <= date && (x.to === undefined || date < x.to);

/** Where the person was on the date, if anywhere. */
export const placementAsOf = (p: Person, date: IsoDate): Placement | undefined => p.placements.find((x) => activeOn(x, date));

export interface StageHeadcount {
  readonly stage: Stage;
  readonly students: number;
  /** 专任教师 only: the denominator of the standards' per-teacher ratios */
  readonly teachers: number;
  /** every other post (管理人员, 教辅人员, 工勤人员) */
  readonly staff: number;
}

export interface SchoolHeadcount {
  readonly schoolCode: string;
  readonly asOf: IsoDate;
  readonly byStage: readonly StageHeadcount[];
  /** distinct people: a teacher of two stages counts in each stage but once here */
  readonly totals: { readonly students: number; readonly teachers: number; readonly staff: number };
}

const STAGES: readonly Stage[] = ['小学', '初中', '高中', '中职'];

/** Headcounts of every school with anyone placed on the date. One pass over people. */
export function headcountsAsOf(state: PeopleState, date: IsoDate): Map<string, SchoolHeadcount> {
  type Acc = { byStage: Map<Stage, { students: number; teachers: number; staff: number }>; totals: { students: number; teachers: number; staff: number } };
  const acc = new Map<string, Acc>();
  for (const p of Object.values(state.persons)) {
    const x = placementAsOf(p, date);
    if (!x) continue;
    let a = acc.get(x.schoolCode);
    if (!a) {
      a = { byStage: new Map(), totals: { students: 0, teachers: 0, staff: 0 } };
      acc.set(x.schoolCode, a);
    }
    const bucket: 'students' | 'teachers' | 'staff' = p.kind === 'student' ? 'students' : x.post === '专任教师' ? 'teachers' : 'staff';
    a.totals[bucket] += 1;
    for (const s of x.stages) {
      const row = a.byStage.get(s) ?? { students: 0, teachers: 0, staff: 0 };
      row[bucket] += 1;
      a.byStage.set(s, row);
    }
  }
  const out = new Map<string, SchoolHeadcount>();
  for (const [schoolCode, a] of acc) {
    const byStage = STAGES.flatMap((stage) => {
      const row = a.byStage.get(stage);
      return row ? [{ stage, ...row }] : [];
    });
    out.set(schoolCode, { schoolCode, asOf: date, byStage, totals: a.totals });
  }
  return out;
}

export function headcountAsOf(state: PeopleState, schoolCode: string, date: IsoDate): SchoolHeadcount {
  return headcountsAsOf(state, date).get(schoolCode) ?? { schoolCode, asOf: date, byStage: [], totals: { students: 0, teachers: 0, staff: 0 } };
}
