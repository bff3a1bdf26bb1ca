import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { warehouseConfigSchema, warehouseService } from './service';

describe('data-warehouse service', () => {
  it.each([
    ['DATABASE_URL', 'mysql://localhost/x', 'must be a postgres:// or postgresql:// URL'],
    ['KAFKA_BROKERS', 'localhost', 'must be a comma-separated list of host:port'],
    ['KAFKA_BROKERS', 'a:1,,b:2', 'must be a comma-separated list of host:port'],
  ])('refuses %s=%s with a clear message', (variable, value, message) => {
    let error: unknown;
    try {
      loadConfig('data-warehouse', warehouseConfigSchema, { [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ variable, message, value }]);
  });

  it('accepts a stack configuration', () => {
    expect(loadConfig('data-warehouse', warehouseConfigSchema, { DATABASE_URL: 'postgresql://u:p@h:25432/educube', KAFKA_BROKERS: 'k1:9092,k2:9092' })).toMatchObject({ PORT: 3002 });
  });

  it('boots and answers its health endpoints', async () => {
    const running = await startService(warehouseService, { PORT: '0', LOG_LEVEL: 'silent', WAREHOUSE_DATA_DIR: 'memory://', PARKED_RETRY_MS: '0' });
    try {
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
      expect(await (await fetch(`${running.url}/health/ready`)).json()).toMatchObject({ service: 'data-warehouse', status: 'ready' });
    } finally {
      await running.close();
    }
  });
});
