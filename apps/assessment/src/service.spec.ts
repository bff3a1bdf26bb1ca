import { loadConfig, startService } from '@educube/service-kit';
import { assessmentConfigSchema, assessmentService } from './service';

describe('assessment service', () => {
  it('defaults to port 3003 and refuses a bad log level', () => {
    expect(loadConfig('assessment', assessmentConfigSchema, {})).toMatchObject({ PORT: 3003, WAREHOUSE_URL: 'http://127.0.0.1:3002', ASSESSMENT_DATA_DIR: '.data/assessment' });
    expect(() => loadConfig('assessment', assessmentConfigSchema, { LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('boots, answers its health endpoints and stops', async () => {
    const running = await startService(assessmentService, { PORT: '0', LOG_LEVEL: 'silent', ASSESSMENT_DATA_DIR: 'memory://', WAREHOUSE_URL: 'http://127.0.0.1:9' });
    const live = await fetch(`${running.url}/health/live`);
    expect(await live.json()).toMatchObject({ status: 'live', service: 'assessment' });
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    await running.close();
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
  });
});
