import { alertsConfig, DEFAULT_ALERTS_CONFIG, parseAlertsConfig } from './config';
import { AlertsInputError } from './errors';
import { alertStream } from './events';

describe('configuration', () => {
  it('every default, as the README documents them', () => {
    expect(DEFAULT_ALERTS_CONFIG).toEqual({
      silentSource: { enabled: true, silentAfterMinutes: 60, schoolHours: { start: '07:30', end: '17:30' }, severity: 'warning' },
      rejectSpike: {
        enabled: true,
        windowMinutes: 60,
        baselineDays: 7,
        minRejects: 10,
        minRate: 0.2,
        factor: 3,
        clearBelowRejects: 5,
        clearBelowRate: 0.1,
        severity: 'warning',
      },
      indicatorRegression: { enabled: true, compareEveryMinutes: 15, severity: { item: 'warning', vetoItem: 'critical', star: 'critical' } },
      attendanceAnomaly: {
        enabled: true,
        baselineDays: 20,
        minSamples: 10,
        zThreshold: 3,
        clearBelowZ: 2,
        minSpread: 0.01,
        direction: 'both',
        severity: 'warning',
      },
    });
  });

  it('an override changes only its field', () => {
    const c = alertsConfig({ silentSource: { silentAfterMinutes: 90, schoolHours: { end: '21:00' } } });
    expect(c.silentSource).toEqual({ enabled: true, silentAfterMinutes: 90, schoolHours: { start: '07:30', end: '21:00' }, severity: 'warning' });
    expect(c.rejectSpike).toEqual(DEFAULT_ALERTS_CONFIG.rejectSpike);
  });

  it('names every bad field', () => {
    const bad = () =>
      parseAlertsConfig({
        silentSource: { silentAfterMinutes: 0, schoolHours: { start: '17:30', end: '07:30' } },
        rejectSpike: { minRate: 1.5 },
        attendanceAnomaly: { minSamples: 30 },
        typo: 1,
      });
    expect(bad).toThrow(AlertsInputError);
    const problems = (() => {
      try {
        bad();
        return [];
      } catch (e) {
        return (e as AlertsInputError).problems.map((p) => p.path);
      }
    })();
    expect(problems).toEqual(
      expect.arrayContaining(['silentSource.silentAfterMinutes', 'silentSource.schoolHours.end', 'rejectSpike.minRate', 'attendanceAnomaly.minSamples', '']),
    );
    expect(bad).toThrow(/silentSource\.silentAfterMinutes: Too small/);
  });

  it('refuses clear bars above the raise bars (hysteresis the wrong way round)', () => {
    expect(() => alertsConfig({ rejectSpike: { clearBelowRate: 0.3 } })).toThrow(
      'invalid alerts configuration: rejectSpike.clearBelowRate: must not exceed minRate (0.2)',
    );
    expect(() => alertsConfig({ attendanceAnomaly: { clearBelowZ: 4 } })).toThrow(
      'invalid alerts configuration: attendanceAnomaly.clearBelowZ: must not exceed zThreshold (3)',
    );
  });

  it('parseAlertsConfig takes undefined as "all defaults"', () => {
    expect(parseAlertsConfig(undefined)).toEqual(DEFAULT_ALERTS_CONFIG);
  });
});

describe('alertStream', () => {
  it('one stream per district', () => {
    expect(alertStream('330203')).toBe('alerts-330203');
  });
  it.each(['33020', '330203-1', 'alerts-330203', ''])('refuses %j', (code) => {
    expect(() => alertStream(code)).toThrow(RangeError);
  });
});
