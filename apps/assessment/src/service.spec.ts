import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { ConfigError, loadConfig, startService } from '@educube/service-kit';
import { assessmentConfigSchema, assessmentService } from './service';
import { ASSESSMENT_AUD } from './testing/service';

describe('assessment service', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('defaults to port 3003, its own audience and the people audience, and refuses a bad log level', () => {
    expect(loadConfig('assessment', assessmentConfigSchema, {})).toMatchObject({
      PORT: 3003,
      WAREHOUSE_URL: 'http://127.0.0.1:3002',
      ASSESSMENT_DATA_DIR: '.data/assessment',
      OIDC_AUDIENCE: 'educube-assessment',
      OIDC_PEOPLE_AUDIENCE: 'educube-gateway',
      IDENTITY_URL: 'http://127.0.0.1:3001',
    });
    expect(() => loadConfig('assessment', assessmentConfigSchema, { LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('boots with an issuer, answers its health endpoints without a token and stops', async () => {
    const running = await startService(assessmentService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: 'http://127.0.0.1:9',
      IDENTITY_URL: 'http://127.0.0.1:9',
      OIDC_ISSUER: issuer.issuer,
    });
    try {
      const live = await fetch(`${running.url}/health/live`);
      expect(await live.json()).toMatchObject({ status: 'live', service: 'assessment' });
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${running.url}/v1/assessment/status`)).status).toBe(401);
      expect(
        (await fetch(`${running.url}/v1/assessment/status`, { headers: await issuer.bearer(actors.service('educube-gateway-service', ASSESSMENT_AUD)) }))
          .status,
      ).toBe(200);
    } finally {
      await running.close();
    }
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
  });

  it('refuses to start without OIDC_ISSUER, naming it', async () => {
    const started = startService(assessmentService, { PORT: '0', LOG_LEVEL: 'silent', ASSESSMENT_DATA_DIR: 'memory://', WAREHOUSE_URL: 'http://127.0.0.1:9' });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toMatchObject({ problems: [expect.objectContaining({ variable: 'OIDC_ISSUER' })] });
  });

  it('with ALLOW_NO_ISSUER=true starts, but every protected route answers 401', async () => {
    const running = await startService(assessmentService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: 'http://127.0.0.1:9',
      ALLOW_NO_ISSUER: 'true',
    });
    try {
      expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
      for (const path of ['/v1/assessment/status', '/v1/schools/3302030001/standards/ningxia/sheet', '/v1/schools/3302030001/evidence']) {
        const res = await fetch(`${running.url}${path}`, { headers: await issuer.bearer(actors.provinceOfficer(ASSESSMENT_AUD)) });
        expect({ path, status: res.status, rule: ((await res.json()) as { problems: { rule: string }[] }).problems[0]?.rule }).toEqual({
          path,
          status: 401,
          rule: 'no-issuer',
        });
      }
      const upload = await fetch(`${running.url}/v1/schools/3302030001/documents?name=a.pdf`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: '%PDF-1.4\n%%EOF\n',
      });
      expect(upload.status).toBe(401);
    } finally {
      await running.close();
    }
  });
});
