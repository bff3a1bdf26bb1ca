import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { startTestIssuer } from '@educube/oidc/testing';
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
    expect(
      loadConfig('data-warehouse', warehouseConfigSchema, { DATABASE_URL: 'postgresql://u:p@h:25432/educube', KAFKA_BROKERS: 'k1:9092,k2:9092' }),
    ).toMatchObject({ PORT: 3002 });
  });

  it('boots and answers its health endpoints without a token, and nothing else', async () => {
    const issuer = await startTestIssuer();
    const running = await startService(warehouseService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      WAREHOUSE_DATA_DIR: 'memory://',
      PARKED_RETRY_MS: '0',
      OIDC_ISSUER: issuer.issuer,
    });
    try {
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
      expect(await (await fetch(`${running.url}/health/ready`)).json()).toMatchObject({ service: 'data-warehouse', status: 'ready' });
      for (const path of ['/v1/feed', '/v1/dead-letters', '/v1/parked', '/v1/ingestion/health'])
        expect([path, (await fetch(`${running.url}${path}`)).status]).toEqual([path, 401]);
    } finally {
      await running.close();
      await issuer.close();
    }
  });

  it('refuses to start without an issuer, naming OIDC_ISSUER, and under NODE_ENV=production even with the development flag', async () => {
    await expect(startService(warehouseService, { PORT: '0', LOG_LEVEL: 'silent', WAREHOUSE_DATA_DIR: 'memory://' })).rejects.toThrow(
      /OIDC_ISSUER: is required/,
    );
    await expect(
      startService(warehouseService, { PORT: '0', LOG_LEVEL: 'silent', WAREHOUSE_DATA_DIR: 'memory://', NODE_ENV: 'production', ALLOW_NO_ISSUER: 'true' }),
    ).rejects.toThrow(/OIDC_ISSUER/);
  });
});
