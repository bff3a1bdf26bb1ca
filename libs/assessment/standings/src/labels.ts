import { CATALOGS, type StandardId } from '@educube/assessment-catalog';
import type { Verdict } from '@educube/assessment-engine';

/**
 * One label per school and standard: the verdict of its score sheet reduced to what a region's
 * dashboard counts. Defined here once; the service stores them and the gateway shows them.
 *
 * - zhejiang (requirements): `basic-met` when every basic item is met, else `basic-unmet`
 *   (basicMet / basicTotal say how far).
 * - ningbo (weighted parts, 基本要求 50 % + 特色要求 50 %): the guide defines no levels (标杆学校
 *   is the city's acceptance, not a score threshold), so 10-point score bands `0-10` … `90-100`,
 *   each from its lower bound up to below the next (`90-100` includes 100).
 * - wenzhou (levels): the highest level reached (`standard` 智慧校园达标校, `v2` 智慧校园2.0学校)
 *   or `none`.
 * - ningxia (points → stars): `0-star` … `5-star`, the stars after the ★ veto. The region-level
 *   label is then the district's 30 % three-star cap (第十一条, see ningxia-cap.ts).
 * - jiangsu (points, pass mark 80 of 110): `passed` / `not-passed`, with the score.
 */
export const NINGBO_BANDS = ['0-10', '10-20', '20-30', '30-40', '40-50', '50-60', '60-70', '70-80', '80-90', '90-100'] as const;

const wenzhouScoring = CATALOGS.wenzhou.scoring;
const WENZHOU_LEVELS = wenzhouScoring.kind === 'levels' ? wenzhouScoring.levels.map((l) => l.id) : [];
const ningxiaScoring = CATALOGS.ningxia.scoring;
// 第十条 names 二星级 (70 分) as the lowest rating: no 一星级 exists, so the labels are 0 and the catalog's stars.
const NINGXIA_STARS = ningxiaScoring.kind === 'points' ? [0, ...(ningxiaScoring.stars ?? []).map((s) => s.stars).sort((a, b) => a - b)] : [0];

export const starsLabel = (stars: number): string => `${stars}-star`;

/** Every label of each standard, lowest first: a distribution lists them all, zeros included. */
export const STANDING_LABELS: Readonly<Record<StandardId, readonly string[]>> = {
  zhejiang: ['basic-unmet', 'basic-met'],
  ningbo: NINGBO_BANDS,
  wenzhou: ['none', ...WENZHOU_LEVELS],
  ningxia: NINGXIA_STARS.map(starsLabel),
  jiangsu: ['not-passed', 'passed'],
};

export const isStandingLabel = (standard: StandardId, label: string): boolean => STANDING_LABELS[standard].includes(label);

/** What a school's standing under one standard records (null where the standard has no such figure). */
export interface Standing {
  readonly standard: StandardId;
  readonly label: string;
  /** Points (ningxia, jiangsu) or the weighted score out of 100 (ningbo). */
  readonly score: number | null;
  /** Ningxia: stars after the ★ veto (before any district cap). */
  readonly stars: number | null;
  /** Ningxia: the stars the score alone gives. */
  readonly starsByScore: number | null;
  readonly passed: boolean | null;
  /** Wenzhou: the level reached. */
  readonly level: string | null;
  /** Basic items met and their number (zhejiang's basic items; ningbo's 基本要求 part). */
  readonly basicMet: number | null;
  readonly basicTotal: number | null;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The 10-point band of a Ningbo score (0–100). */
export function ningboBand(score: number): string {
  if (!Number.isFinite(score) || score < 0) throw new RangeError(`a Ningbo score is 0–100, got ${score}`);
  const index = Math.min(NINGBO_BANDS.length - 1, Math.floor(round(score) / 10));
  return NINGBO_BANDS[index] as string;
}

const none = { score: null, stars: null, starsByScore: null, passed: null, level: null, basicMet: null, basicTotal: null } as const;

const wrongKind = (standard: StandardId, verdict: Verdict): Error =>
  new Error(`${standard}'s verdict is ${CATALOGS[standard].scoring.kind}, got ${verdict.kind}`);

/** A school's standing from its sheet's verdict under `standard`. */
export function standingOf(standard: StandardId, verdict: Verdict): Standing {
  switch (standard) {
    case 'zhejiang': {
      if (verdict.kind !== 'requirements') throw wrongKind(standard, verdict);
      return {
        ...none,
        standard,
        label: verdict.passed ? 'basic-met' : 'basic-unmet',
        passed: verdict.passed,
        basicMet: verdict.basicMet,
        basicTotal: verdict.basicTotal,
      };
    }
    case 'ningbo': {
      if (verdict.kind !== 'weighted-parts') throw wrongKind(standard, verdict);
      const basic = verdict.parts.find((p) => p.part === 'basic');
      return {
        ...none,
        standard,
        label: ningboBand(verdict.score),
        score: round(verdict.score),
        basicMet: basic?.met ?? null,
        basicTotal: basic?.total ?? null,
      };
    }
    case 'wenzhou': {
      if (verdict.kind !== 'levels') throw wrongKind(standard, verdict);
      return { ...none, standard, label: verdict.level ?? 'none', level: verdict.level };
    }
    case 'ningxia': {
      if (verdict.kind !== 'points') throw wrongKind(standard, verdict);
      const stars = verdict.stars ?? 0;
      return { ...none, standard, label: starsLabel(stars), score: verdict.total, stars, starsByScore: verdict.starsByScore ?? stars };
    }
    case 'jiangsu': {
      if (verdict.kind !== 'points') throw wrongKind(standard, verdict);
      const passed = verdict.passed === true;
      return { ...none, standard, label: passed ? 'passed' : 'not-passed', score: verdict.total, passed };
    }
    default: {
      const never: never = standard;
      throw new Error(`unknown standard ${String(never)}`);
    }
  }
}
