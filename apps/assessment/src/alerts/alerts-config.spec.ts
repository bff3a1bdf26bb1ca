import { DEFAULT_ALERTS_CONFIG } from '@educube/alerts';
import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { assessmentConfigSchema, assessmentService } from '../service';

// ALERTS_CONFIG: the alert rules' settings as JSON, checked before anything opens.
describe('ALERTS_CONFIG', () => {
  it('indicator regression: unset is the documented defaults; a field given overrides only itself', () => {
    expect(loadConfig('assessment', assessmentConfigSchema, {}).ALERTS_CONFIG).toEqual(DEFAULT_ALERTS_CONFIG);
    const config = loadConfig('assessment', assessmentConfigSchema, {
      ALERTS_CONFIG: '{"indicatorRegression":{"severity":{"item":"critical"}}}',
    }).ALERTS_CONFIG;
    expect(config.indicatorRegression).toEqual({
      ...DEFAULT_ALERTS_CONFIG.indicatorRegression,
      severity: { ...DEFAULT_ALERTS_CONFIG.indicatorRegression.severity, item: 'critical' },
    });
  });

  it.each([
    ['{"indicatorRegression":{"severity":{"item":"loud"}}}', /indicatorRegression\.severity\.item/],
    ['{"indicatorRegression":{"enabled":true,"window":3}}', /indicatorRegression.*window/],
    ['{indicatorRegression:', /is not JSON/],
  ])('indicator regression: %s refuses to start, naming ALERTS_CONFIG and the field', async (value, field) => {
    expect(() => loadConfig('assessment', assessmentConfigSchema, { ALERTS_CONFIG: value })).toThrow(field);
    const started = startService(assessmentService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ALLOW_NO_ISSUER: 'true',
      ASSESSMENT_DATA_DIR: 'memory://',
      ALERTS_CONFIG: value,
    });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toMatchObject({ problems: [expect.objectContaining({ variable: 'ALERTS_CONFIG', message: expect.stringMatching(field) })] });
  });
});
