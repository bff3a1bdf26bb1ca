import { loadConfig, startService } from '@educube/service-kit';
import { identityConfigSchema, identityService } from './service';

describe('identity service', () => {
  it('defaults to port 3001 and refuses a bad log level', () => {
    expect(loadConfig('identity', identityConfigSchema, {}).PORT).toBe(3001);
    expect(() => loadConfig('identity', identityConfigSchema, { LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('boots, answers its health endpoints and stops', async () => {
    const running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://' });
    const live = await fetch(`${running.url}/health/live`);
    expect(await live.json()).toMatchObject({ status: 'live', service: 'identity' });
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    await running.close();
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
  });
});

describe('identity configuration', () => {
  it('requires OIDC_ISSUER to be a URL when set', () => {
    expect(() => loadConfig('identity', identityConfigSchema, { OIDC_ISSUER: 'keycloak' })).toThrow(/OIDC_ISSUER/);
  });
});
