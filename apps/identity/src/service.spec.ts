import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { identityConfigSchema, identityService } from './service';
import { IdentityState } from './storage/identity-state';
import { caller, PEOPLE_AUDIENCE } from './testing/http';

describe('identity service', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('defaults to port 3001 and refuses a bad log level', () => {
    expect(loadConfig('identity', identityConfigSchema, {}).PORT).toBe(3001);
    expect(() => loadConfig('identity', identityConfigSchema, { LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('boots, answers its health endpoints and stops', async () => {
    const running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', OIDC_ISSUER: issuer.issuer });
    // probes and metrics are public: no token
    const live = await fetch(`${running.url}/health/live`);
    expect(await live.json()).toMatchObject({ status: 'live', service: 'identity' });
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`${running.url}/metrics`)).status).toBe(200);
    await running.close();
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
  });
});

describe('identity configuration', () => {
  it('requires OIDC_ISSUER to be a URL when set', () => {
    expect(() => loadConfig('identity', identityConfigSchema, { OIDC_ISSUER: 'keycloak' })).toThrow(/OIDC_ISSUER/);
  });

  it('accepts its own audience and the people audience by default', () => {
    expect(loadConfig('identity', identityConfigSchema, {})).toMatchObject({ OIDC_AUDIENCE: 'educube-identity', OIDC_PEOPLE_AUDIENCE: 'educube-gateway' });
  });

  // there is no open mode any more: without an issuer nothing but the probes answers
  it('refuses to start without OIDC_ISSUER, with a message naming it', async () => {
    const started = startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://' });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/OIDC_ISSUER: is required.*ALLOW_NO_ISSUER=true/);
  });

  it('refuses ALLOW_NO_ISSUER in production', async () => {
    const started = startService(identityService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_DATA_DIR: 'memory://',
      NODE_ENV: 'production',
      ALLOW_NO_ISSUER: 'true',
      IDENTITY_PII_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    });
    await expect(started).rejects.toThrow(/OIDC_ISSUER/);
  });

  it('with ALLOW_NO_ISSUER=true (development) starts, but every protected route answers 401 and changes nothing', async () => {
    const issuer = await startTestIssuer();
    const running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', IDENTITY_DATA_DIR: 'memory://', ALLOW_NO_ISSUER: 'true' });
    try {
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
      // with or without a token (there is no key to verify one with)
      const as = caller(issuer, () => running.url);
      for (const who of [as(undefined), as(actors.provinceOfficer(PEOPLE_AUDIENCE))]) {
        const write = await who.post('/v1/people/commands', {
          commands: [{ type: 'RegisterPerson', data: { personId: 'p-1', kind: 'teacher', effectiveOn: '2026-09-01' } }],
        });
        expect(write.status).toBe(401);
        expect(await write.json()).toMatchObject({ title: 'Unauthenticated', problems: [{ path: '/headers/authorization', rule: 'no-issuer' }] });
        expect((await who.get('/v1/schools/3302030001')).status).toBe(401);
        expect((await who.get('/v1/roster/events')).status).toBe(401);
        expect(
          (await who.post('/v1/org/commands', { commands: [{ type: 'RegisterRegion', data: { code: '330000', name: '浙江省', effectiveOn: '2000-01-01' } }] }))
            .status,
        ).toBe(401);
      }
      const state = running.app.get(IdentityState);
      expect(Object.keys(state.people.persons)).toEqual([]);
      expect(Object.keys(state.tree.regions)).toEqual([]);
    } finally {
      await running.close();
      await issuer.close();
    }
  });
});
