import { isoDate, regionCode, schoolCode } from '@educube/contracts';
import { z } from 'zod';
import type { AlertsConfig } from '../config';
import { atLeast, subjectOf, type Condition, type Evaluation } from '../condition';
import { parseObservations } from '../observations';

// Attendance anomaly: a school's attendance rate for a school day far from its OWN recent normal.
// The baseline is the school's last `baselineDays` school days before the day judged, at least
// `minSamples` of them. Centre and spread are robust — the median, and the median absolute
// deviation × 1.4826 (which equals the standard deviation for normally distributed data) — so
// one earlier outlier (a sports day, a flu week, a broken card reader) does not widen the
// baseline enough to hide the next one, as a mean and standard deviation would. The spread is
// never taken below `minSpread`: a school at 100 % every day has zero MAD, and a 99 % day is
// not a 100-sigma event. z = (rate − median) / spread; raised when |z| ≥ zThreshold (only
// z ≤ −zThreshold with direction `below`). Hysteresis: an open alert resolves when a later day's
// |z| is below clearBelowZ; a day between the two bars leaves it as it is.

export const MAD_TO_SIGMA = 1.4826;

const dailyRate = z.strictObject({ date: isoDate, rate: z.number().min(0).max(1) });

export const attendanceAnomalyObservationSchema = z
  .strictObject({
    school: schoolCode,
    district: regionCode,
    /** The school day judged (China-time date) and its attendance rate (0–1). */
    date: isoDate,
    rate: z.number().min(0).max(1),
    /** Earlier school days' rates (school days only; any order; days on or after `date` are ignored). */
    history: z.array(dailyRate),
  })
  .superRefine((o, ctx) => {
    const seen = new Set<string>();
    o.history.forEach((d, i) => {
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['history', i, 'date'], message: `${d.date} appears twice` });
      seen.add(d.date);
    });
  });
export type AttendanceAnomalyObservation = z.input<typeof attendanceAnomalyObservationSchema>;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median and robust spread (MAD × 1.4826, at least `minSpread`) of a baseline. */
export function robustBaseline(values: readonly number[], minSpread: number): { median: number; spread: number } {
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  return { median: m, spread: Math.max(mad * MAD_TO_SIGMA, minSpread) };
}

const percent = (r: number): string => `${(Math.round(r * 1000) / 10).toString()}%`;
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function evaluateAttendanceAnomaly(config: AlertsConfig, observations: readonly AttendanceAnomalyObservation[], now: string): Evaluation {
  void now; // the day judged comes with each observation; `now` is kept for the common signature
  const c = config.attendanceAnomaly;
  if (!c.enabled) return { rule: 'attendance-anomaly', conditions: [], cleared: [] };
  const list = parseObservations(attendanceAnomalyObservationSchema, observations, (o) => o.school, 'attendance-anomaly observations');
  const conditions: Condition[] = [];
  const cleared: string[] = [];
  for (const o of list) {
    const subject = subjectOf(o.school, 'attendance');
    const baseline = o.history
      .filter((d) => d.date < o.date)
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .slice(0, c.baselineDays)
      .map((d) => d.rate);
    // Too little history to know the school's normal: no judgement either way.
    if (baseline.length < c.minSamples) continue;
    const { median: centre, spread } = robustBaseline(baseline, c.minSpread);
    const z = (o.rate - centre) / spread;
    const deviation = c.direction === 'below' ? -z : Math.abs(z);
    if (!atLeast(deviation, c.zThreshold)) {
      if (!atLeast(deviation, c.clearBelowZ)) cleared.push(subject);
      continue;
    }
    const low = z < 0;
    conditions.push({
      rule: 'attendance-anomaly',
      subject,
      episode: o.date,
      severity: c.severity,
      school: o.school,
      district: o.district,
      message: {
        zh: `学校 ${o.school} ${o.date} 出勤率 ${percent(o.rate)}，${low ? '明显低于' : '明显高于'}本校近 ${baseline.length} 个上学日的中位数 ${percent(centre)}（偏离 ${round(Math.abs(z), 1)} 个标准差）。`,
        en: `School ${o.school}: attendance ${percent(o.rate)} on ${o.date}, far ${low ? 'below' : 'above'} its median of ${percent(centre)} over the last ${baseline.length} school days (${round(Math.abs(z), 1)} standard deviations).`,
      },
      observed: { date: o.date, rate: o.rate, median: round(centre, 4), spread: round(spread, 4), z: round(z, 2), samples: baseline.length },
      thresholds: { zThreshold: c.zThreshold, baselineDays: c.baselineDays, minSamples: c.minSamples, minSpread: c.minSpread },
    });
  }
  return { rule: 'attendance-anomaly', conditions, cleared };
}
