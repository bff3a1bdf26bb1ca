import type { Family } from '@educube/contracts';
import { hash32 } from './prng';

/**
 * Quirks of real school systems, for the hub's monitoring and dead-letter paths to have
 * something to show: a few sources that fall silent and a few senders that send a share of
 * malformed events. Picked from hashes of (seed, school), so the rest of the province and of
 * the stream is the same with or without them, and the same seed picks the same ones.
 */
export interface SilentSource {
  readonly schoolCode: string;
  readonly family: Family;
  /** the stream day (0 = the first day of the stream) and minute of the day (China time) from which the source sends nothing more */
  readonly fromDay: number;
  readonly fromMinute: number;
}

export type Defect = 'missing-field' | 'wrong-type' | 'unknown-field';

export interface BadSender {
  readonly schoolCode: string;
  readonly family: Family;
  /** share of this source's events that break the contract (the warehouse dead-letters them) */
  readonly rate: number;
  /** the defects it makes, in turn: a required field left out, a field of the wrong type, a field the contract does not have */
  readonly defects: readonly Defect[];
}

export interface Quirks {
  readonly silent: readonly SilentSource[];
  readonly badSenders: readonly BadSender[];
}

const SILENT_FAMILIES: readonly Family[] = ['attendance', 'asset', 'space', 'grading'];
const BAD_FAMILIES: readonly Family[] = ['timetabling', 'grading', 'resource', 'space'];
export const DEFECTS: readonly Defect[] = ['missing-field', 'wrong-type', 'unknown-field'];

/** About 5 % of the schools (at least one) go silent in one family from the stream's second day at 10:00; another 5 % send 10–25 % bad events in one family. */
export function quirksOf(seed: number | string, schools: readonly { readonly code: string; readonly index: number }[]): Quirks {
  const k = Math.max(1, Math.round(schools.length * 0.05));
  const order = (salt: string) => [...schools].sort((a, b) => hash32(salt, seed, a.index) - hash32(salt, seed, b.index) || a.index - b.index);
  const silentSchools = order('quirk-silent').slice(0, k);
  const taken = new Set(silentSchools.map((s) => s.code));
  const badSchools = order('quirk-bad')
    .filter((s) => !taken.has(s.code) || schools.length === 1)
    .slice(0, k);
  return {
    silent: silentSchools.map((s) => ({
      schoolCode: s.code,
      family: SILENT_FAMILIES[hash32('quirk-silent-family', seed, s.index) % SILENT_FAMILIES.length] ?? 'attendance',
      fromDay: 1,
      fromMinute: 600,
    })),
    badSenders: badSchools.map((s) => ({
      schoolCode: s.code,
      family: BAD_FAMILIES[hash32('quirk-bad-family', seed, s.index) % BAD_FAMILIES.length] ?? 'grading',
      rate: 0.1 + (hash32('quirk-bad-rate', seed, s.index) % 16) / 100,
      defects: DEFECTS,
    })),
  };
}

/** Breaks an event's data the way `defect` says; every defect makes it contract-invalid. */
export function corrupt(data: unknown, defect: Defect): unknown {
  const d = { ...(data as Record<string, unknown>) };
  const first = Object.keys(d)[0];
  if (defect === 'unknown-field' || first === undefined) return { ...d, unexpectedField: true };
  if (defect === 'missing-field') {
    delete d[first];
    return d;
  }
  d[first] = typeof d[first] === 'number' ? 'not-a-number' : 12345;
  return d;
}
