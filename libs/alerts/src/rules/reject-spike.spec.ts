import { alertsConfig, DEFAULT_ALERTS_CONFIG } from '../config';
import { aRejectWindow, cn, SCHOOL } from '../testing';
import { evaluateRejectSpike } from './reject-spike';

const NOW = cn('2026-11-04 10:00');
const SUBJECT = `${SCHOOL}:grading`;
type Counts = { accepted: number; rejected: number };

/** raised, cleared (checked and below the clear bars) or held (between: an open alert stays, none is raised). */
const verdict = (window: Counts, baseline: Counts = { accepted: 0, rejected: 0 }, config = DEFAULT_ALERTS_CONFIG): 'raised' | 'cleared' | 'held' => {
  const e = evaluateRejectSpike(config, [aRejectWindow(window, baseline)], NOW);
  if (e.conditions.length > 0) return 'raised';
  return e.cleared.includes(SUBJECT) ? 'cleared' : 'held';
};

describe('reject spike: raise when rejected ≥ 10 AND rate ≥ 0.2 AND rate ≥ 3 × baseline (defaults)', () => {
  it.each([
    ['at every threshold: 10 rejected of 50 (rate 0.2), no baseline traffic', { accepted: 40, rejected: 10 }, { accepted: 0, rejected: 0 }, 'raised'],
    ['minRejects: 9 rejected of 36 (rate 0.25) → not raised', { accepted: 27, rejected: 9 }, { accepted: 0, rejected: 0 }, 'held'],
    ['minRate: 10 rejected of 51 (rate 0.196) → not raised', { accepted: 41, rejected: 10 }, { accepted: 0, rejected: 0 }, 'held'],
    ['minRate: 10 rejected of 50 (rate 0.2 exactly) → raised', { accepted: 40, rejected: 10 }, { accepted: 1000, rejected: 0 }, 'raised'],
    [
      'baseline 0 with traffic (1000 accepted, 0 rejected): minRate alone decides → raised',
      { accepted: 30, rejected: 10 },
      { accepted: 1000, rejected: 0 },
      'raised',
    ],
    ['factor: rate 0.3 = 3 × baseline 0.1 exactly → raised', { accepted: 28, rejected: 12 }, { accepted: 90, rejected: 10 }, 'raised'],
    ['factor: rate 0.29 < 3 × baseline 0.1 → not raised', { accepted: 71, rejected: 29 }, { accepted: 90, rejected: 10 }, 'held'],
    ['factor: a noisy source at 25 % normally, 40 % now (1.6×) → not raised', { accepted: 30, rejected: 20 }, { accepted: 750, rejected: 250 }, 'held'],
    ['no traffic in the window → cleared', { accepted: 0, rejected: 0 }, { accepted: 90, rejected: 10 }, 'cleared'],
  ])('%s', (_case, window, baseline, expected) => {
    expect(verdict(window, baseline)).toBe(expected);
  });
});

describe('reject spike: hysteresis — an open alert resolves only below 5 rejected or below rate 0.1', () => {
  it.each([
    ['6 rejected at rate 0.15 (between the bars) → held: stays open, none raised', { accepted: 34, rejected: 6 }, 'held'],
    ['5 rejected at rate 0.1 exactly (at both clear bars) → held', { accepted: 45, rejected: 5 }, 'held'],
    ['4 rejected (below clearBelowRejects) even at rate 0.5 → cleared', { accepted: 4, rejected: 4 }, 'cleared'],
    ['9 rejected at rate 0.099 (below clearBelowRate) → cleared', { accepted: 82, rejected: 9 }, 'cleared'],
  ])('%s', (_case, window, expected) => {
    expect(verdict(window)).toBe(expected);
  });

  it('clear bars equal to the raise bars turn hysteresis off: 9 rejected is cleared at once', () => {
    const config = alertsConfig({ rejectSpike: { clearBelowRejects: 10, clearBelowRate: 0.2 } });
    expect(verdict({ accepted: 27, rejected: 9 }, undefined, config)).toBe('cleared');
  });
});

describe('reject spike: conditions', () => {
  it('record the counts, rates and thresholds, episode the evaluation time', () => {
    const [c] = evaluateRejectSpike(DEFAULT_ALERTS_CONFIG, [aRejectWindow({ accepted: 28, rejected: 12 }, { accepted: 90, rejected: 10 })], NOW).conditions;
    expect(c).toMatchObject({
      rule: 'reject-spike',
      subject: SUBJECT,
      episode: '2026-11-04T02:00:00.000Z',
      source: 'grading',
      observed: { accepted: 28, rejected: 12, rate: 0.3, baselineRate: 0.1, baselineAccepted: 90, baselineRejected: 10 },
      thresholds: { windowMinutes: 60, baselineDays: 7, minRejects: 10, minRate: 0.2, factor: 3 },
    });
    expect(c!.message.zh).toBe(`学校 ${SCHOOL} 的 grading 系统近 60 分钟有 12/40 条数据被拒收（30%），前 7 天为 10%。`);
    expect(c!.message.en).toBe(`grading of school ${SCHOOL}: 12 of 40 events rejected in the last 60 minutes (30%), against 10% over the 7 days before.`);
  });

  it('a disabled rule finds nothing', () => {
    expect(evaluateRejectSpike(alertsConfig({ rejectSpike: { enabled: false } }), [aRejectWindow({ accepted: 0, rejected: 100 })], NOW).conditions).toEqual([]);
  });

  it('refuses negative counts, naming the field', () => {
    expect(() => evaluateRejectSpike(DEFAULT_ALERTS_CONFIG, [aRejectWindow({ accepted: -1, rejected: 3 })], NOW)).toThrow(/0\.window\.accepted: /);
  });
});
