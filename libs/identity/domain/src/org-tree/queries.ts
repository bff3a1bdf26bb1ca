import type { IsoDate } from '../shared/dates';
import type { ClassCount, OrgTreeState, Region, SchoolVersion } from './model';

/** A school as it stood on a date. */
export interface SchoolView extends Omit<SchoolVersion, 'from'> {
  readonly code: string;
  /** the date this version took effect */
  readonly since: IsoDate;
  /** the date the school was first registered */
  readonly registeredOn: IsoDate;
}

/** The school as of `date`, or undefined if it was not registered by then. */
export function schoolAsOf(state: OrgTreeState, code: string, date: IsoDate): SchoolView | undefined {
  const h = state.schools[code];
  if (!h) return undefined;
  let found: SchoolVersion | undefined;
  for (const v of h.versions) {
    if (v.from <= date) found = v;
    else break;
  }
  const first = h.versions[0];
  if (!found || !first) return undefined;
  const { from, ...rest } = found;
  return { ...rest, code, since: from, registeredOn: first.from };
}

/** The region itself and its parents, nearest first (district → city → province). */
export function regionChain(state: OrgTreeState, regionCode: string): Region[] {
  const chain: Region[] = [];
  let code: string | undefined = regionCode;
  while (code !== undefined && chain.length < 4) {
    const r: Region | undefined = state.regions[code];
    if (!r) break;
    chain.push(r);
    code = r.parentCode;
  }
  return chain;
}

/** Is `regionCode` equal to `ancestorCode` or inside it? */
export const regionWithin = (state: OrgTreeState, regionCode: string, ancestorCode: string): boolean =>
  regionChain(state, regionCode).some((r) => r.code === ancestorCode);

/**
 * Ancestors of a school (as of `date`: the district it belonged to then) or of a region,
 * nearest first. A school code is 10 digits, a region code 6.
 */
export function ancestorsOf(state: OrgTreeState, code: string, date?: IsoDate): Region[] {
  if (code.length === 10) {
    const h = state.schools[code];
    const v = date === undefined ? h?.versions[h.versions.length - 1] : schoolAsOf(state, code, date);
    return v ? regionChain(state, v.regionCode) : [];
  }
  return regionChain(state, code).slice(1);
}

export interface SchoolsUnderOptions {
  /** leave out schools closed on the date (default: closed schools are listed, with their status) */
  readonly openOnly?: boolean;
}

/**
 * Schools in the subtree of `regionCode` as of `date`, by the district each belonged to on that
 * date: a school moved between districts is under the old one before the move, the new one after.
 */
export function schoolsUnder(state: OrgTreeState, regionCode: string, date: IsoDate, options: SchoolsUnderOptions = {}): SchoolView[] {
  const result: SchoolView[] = [];
  const within = new Map<string, boolean>();
  for (const code of Object.keys(state.schools)) {
    const v = schoolAsOf(state, code, date);
    if (!v || (options.openOnly && v.status !== 'open')) continue;
    let inside = within.get(v.regionCode);
    if (inside === undefined) {
      inside = regionWithin(state, v.regionCode, regionCode);
      within.set(v.regionCode, inside);
    }
    if (inside) result.push(v);
  }
  return result.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Total classes of a stage (or of every stage) in a school view. */
export const classTotal = (classes: readonly ClassCount[], stage?: string): number =>
  classes.filter((c) => stage === undefined || c.stage === stage).reduce((n, c) => n + c.classes, 0);
