import type { Verdict } from '@educube/assessment-engine';
import type { NingxiaCandidate } from './ningxia-cap';
import type { DistrictStanding } from './district';

// Small factories for the specs: each verdict kind with sensible defaults, overridden per case.

export const requirementsVerdict = (basicMet: number, basicTotal = 10): Verdict => ({
  kind: 'requirements',
  passed: basicMet === basicTotal,
  basicMet,
  basicTotal,
  optionalMet: 0,
  optionalTotal: 0,
  unmetBasic: [],
});

export const weightedVerdict = (score: number, basicMet = 0, basicTotal = 39): Verdict => ({
  kind: 'weighted-parts',
  score,
  parts: [
    { part: 'basic', weightPercent: 50, met: basicMet, total: basicTotal, score },
    { part: 'featured', weightPercent: 50, met: 0, total: 3, score: 0 },
  ],
  unmet: [],
});

export const levelsVerdict = (level: string | null): Verdict => ({ kind: 'levels', level, levels: [] });

export const pointsVerdict = (total: number, extra: { stars?: number; starsByScore?: number; passed?: boolean } = {}): Verdict => ({
  kind: 'points',
  total,
  max: 100,
  groups: [],
  unmetVeto: [],
  reasons: [],
  ...extra,
});

/** A Ningxia school for the cap: three stars by an 85 unless told otherwise. */
export const aNingxiaSchool = (school: string, overrides: Partial<NingxiaCandidate> = {}): NingxiaCandidate => ({
  school,
  district: '640104',
  year: 2027,
  total: 85,
  stars: 3,
  starsByScore: 3,
  ...overrides,
});

export const aStanding = (school: string, overrides: Partial<DistrictStanding> = {}): DistrictStanding => ({
  school,
  label: 'basic-unmet',
  score: null,
  stars: null,
  starsByScore: null,
  asOf: '2027-03-01',
  metItems: [],
  ...overrides,
});
