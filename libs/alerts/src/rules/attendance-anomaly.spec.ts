import { alertsConfig, DEFAULT_ALERTS_CONFIG } from '../config';
import { aHistory, anAttendanceDay, cn, SCHOOL } from '../testing';
import { evaluateAttendanceAnomaly, MAD_TO_SIGMA, median, robustBaseline } from './attendance-anomaly';

const NOW = cn('2026-11-06 18:00');
const SUBJECT = `${SCHOOL}:attendance`;

const verdict = (rate: number, history: { date: string; rate: number }[], config = DEFAULT_ALERTS_CONFIG): 'raised' | 'cleared' | 'held' => {
  const e = evaluateAttendanceAnomaly(config, [anAttendanceDay(rate, history)], NOW);
  if (e.conditions.length > 0) return 'raised';
  return e.cleared.includes(SUBJECT) ? 'cleared' : 'held';
};

// A school with some spread: 0.90, 0.92, 0.94, 0.96, 0.98 four times over. Median 0.94, MAD 0.02,
// spread 0.02 × 1.4826 = 0.029652, so z = 3 at 0.94 − 0.088956 = 0.851044.
const SPREAD_HISTORY = aHistory([0.9, 0.92, 0.94, 0.96, 0.98, 0.9, 0.92, 0.94, 0.96, 0.98, 0.9, 0.92, 0.94, 0.96, 0.98, 0.9, 0.92, 0.94, 0.96, 0.98]);
const AT_THRESHOLD = 0.94 - 3 * 0.02 * MAD_TO_SIGMA;

describe('attendance anomaly: robust baseline', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('MAD × 1.4826, never below minSpread', () => {
    expect(robustBaseline([0.9, 0.92, 0.94, 0.96, 0.98], 0.01)).toEqual({ median: 0.94, spread: expect.closeTo(0.029652, 9) });
    expect(robustBaseline([1, 1, 1], 0.01)).toEqual({ median: 1, spread: 0.01 });
  });

  it('one wild day in the history does not widen the baseline', () => {
    const history = aHistory([...Array.from({ length: 19 }, () => 0.95), 0.3]);
    expect(
      robustBaseline(
        history.map((d) => d.rate),
        0.01,
      ),
    ).toEqual({ median: 0.95, spread: 0.01 });
  });
});

describe('attendance anomaly: raise when |z| ≥ 3 against the last 20 school days (≥ 10 samples)', () => {
  it.each([
    ['constant history 0.95, today 0.95 → cleared', 0.95, aHistory(0.95), 'cleared'],
    ['constant history (zero MAD → minSpread 0.01), today 0.92: z = −3 exactly → raised', 0.92, aHistory(0.95), 'raised'],
    ['constant history, today 0.9201: z = −2.99, just under → not raised (held)', 0.9201, aHistory(0.95), 'held'],
    ['constant history, today 0.98: z = +3 → raised (direction both)', 0.98, aHistory(0.95), 'raised'],
    ['spread history, today at z = −3 exactly → raised', AT_THRESHOLD, SPREAD_HISTORY, 'raised'],
    ['spread history, today just under (z ≈ −2.997) → not raised', AT_THRESHOLD + 0.0001, SPREAD_HISTORY, 'held'],
    ['9 samples (fewer than minSamples 10), even at 50 % → no judgement either way', 0.5, aHistory(0.95, 9), 'held'],
    ['10 samples (exactly minSamples) → judged: raised', 0.5, aHistory(0.95, 10), 'raised'],
  ])('%s', (_case, rate, history, expected) => {
    expect(verdict(rate, history)).toBe(expected);
  });

  it('only the last 20 school days before the day count: 25 older days at 50 % do not move the baseline', () => {
    const history = aHistory([...Array.from({ length: 25 }, () => 0.5), ...Array.from({ length: 20 }, () => 0.95)]);
    const medianWith = (baselineDays: number) =>
      evaluateAttendanceAnomaly(alertsConfig({ attendanceAnomaly: { baselineDays } }), [anAttendanceDay(0.92, history)], NOW).conditions[0]!.observed['median'];
    expect(medianWith(20)).toBe(0.95);
    expect(medianWith(45)).toBe(0.5);
  });

  it('days on or after the day judged are not its baseline', () => {
    const history = [...aHistory(0.95), { date: '2026-11-06', rate: 0.5 }, { date: '2026-11-09', rate: 0.5 }];
    expect(verdict(0.92, history)).toBe('raised');
  });

  it('direction `below` ignores a jump', () => {
    const config = alertsConfig({ attendanceAnomaly: { direction: 'below' } });
    expect(verdict(0.98, aHistory(0.95), config)).toBe('cleared');
    expect(verdict(0.92, aHistory(0.95), config)).toBe('raised');
  });
});

describe('attendance anomaly: hysteresis — an open alert resolves only once |z| < 2', () => {
  it.each([
    ['z = −2 exactly (at clearBelowZ) → held', 0.93, 'held'],
    ['z = −1.99 → cleared', 0.9301, 'cleared'],
    ['z = −2.5 → held', 0.925, 'held'],
  ])('%s', (_case, rate, expected) => {
    expect(verdict(rate, aHistory(0.95))).toBe(expected);
  });
});

describe('attendance anomaly: conditions', () => {
  it('record the day, rate, median, spread, z and samples; the episode is the day', () => {
    const [c] = evaluateAttendanceAnomaly(DEFAULT_ALERTS_CONFIG, [anAttendanceDay(0.8, aHistory(0.95))], NOW).conditions;
    expect(c).toMatchObject({
      rule: 'attendance-anomaly',
      subject: SUBJECT,
      episode: '2026-11-06',
      observed: { date: '2026-11-06', rate: 0.8, median: 0.95, spread: 0.01, z: -15, samples: 20 },
      thresholds: { zThreshold: 3, baselineDays: 20, minSamples: 10, minSpread: 0.01 },
    });
    expect(c!.message.zh).toBe(`学校 ${SCHOOL} 2026-11-06 出勤率 80%，明显低于本校近 20 个上学日的中位数 95%（偏离 15 个标准差）。`);
  });

  it('refuses a history with the same day twice', () => {
    const history = [...aHistory(0.95, 2), { date: '2026-09-01', rate: 0.9 }];
    expect(() => evaluateAttendanceAnomaly(DEFAULT_ALERTS_CONFIG, [anAttendanceDay(0.9, history)], NOW)).toThrow(
      /0\.history\.2\.date: 2026-09-01 appears twice/,
    );
  });
});
