import { DEFAULT_ALERTS_CONFIG } from '@educube/alerts';
import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { warehouseConfigSchema, warehouseService } from '../service';

const problemsOf = (env: Record<string, string>): ConfigError['problems'] => {
  try {
    loadConfig('data-warehouse', warehouseConfigSchema, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('the alerts configuration (ALERTS_CONFIG, ALERTS_CALENDAR, ALERTS_EVALUATE_MS)', () => {
  it('defaults to the rules’ documented configuration, no holidays, an evaluation a minute', () => {
    expect(loadConfig('data-warehouse', warehouseConfigSchema, {})).toMatchObject({
      ALERTS_CONFIG: DEFAULT_ALERTS_CONFIG,
      ALERTS_CALENDAR: { holidays: [], makeupDays: [] },
      ALERTS_EVALUATE_MS: 60_000,
    });
    const config = loadConfig('data-warehouse', warehouseConfigSchema, {
      ALERTS_CONFIG: '{"silentSource":{"silentAfterMinutes":90}}',
      ALERTS_CALENDAR: '{"holidays":["2026-10-01"],"makeupDays":["2026-10-10"]}',
    });
    expect(config.ALERTS_CONFIG.silentSource).toMatchObject({ silentAfterMinutes: 90, schoolHours: { start: '07:30', end: '17:30' } });
    expect(config.ALERTS_CALENDAR).toEqual({ holidays: ['2026-10-01'], makeupDays: ['2026-10-10'] });
  });

  it('names the variable and each bad field in it', () => {
    const value = '{"silentSource":{"silentAfterMinutes":0},"rejectSpike":{"clearBelowRate":0.5}}';
    expect(problemsOf({ ALERTS_CONFIG: value })).toEqual([
      { variable: 'ALERTS_CONFIG', message: expect.stringMatching(/^silentSource\.silentAfterMinutes: Too small/), value },
      { variable: 'ALERTS_CONFIG', message: 'rejectSpike.clearBelowRate: must not exceed minRate (0.2)', value },
    ]);
    expect(problemsOf({ ALERTS_CONFIG: '{"silentSource":' })).toEqual([
      { variable: 'ALERTS_CONFIG', message: expect.stringMatching(/^is not JSON/), value: '{"silentSource":' },
    ]);
    expect(problemsOf({ ALERTS_CALENDAR: '{"holidays":["2026-13-01"],"weekends":[]}' }).map((p) => p.message)).toEqual([
      expect.stringMatching(/^holidays\.0: /),
      expect.stringMatching(/^\(root\): Unrecognized key: "weekends"/),
    ]);
    expect(problemsOf({ ALERTS_EVALUATE_MS: '-1' }).map((p) => p.variable)).toEqual(['ALERTS_EVALUATE_MS']);
  });

  it('refuses to start with a bad ALERTS_CONFIG, naming the field', async () => {
    await expect(
      startService(warehouseService, {
        PORT: '0',
        LOG_LEVEL: 'silent',
        WAREHOUSE_DATA_DIR: 'memory://',
        ALERTS_CONFIG: '{"silentSource":{"silentAfterMinutes":0}}',
      }),
    ).rejects.toThrow(/ALERTS_CONFIG: silentSource\.silentAfterMinutes: Too small/);
  });
});
