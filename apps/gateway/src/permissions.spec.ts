import { join } from 'node:path';
import { startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { expectPermissionsToMatch } from '@educube/service-kit/testing';
import { gatewayService } from './service';

// Every route of the gateway and who may call it; a change shows in PERMISSIONS.txt's diff.
describe('gateway permissions', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('declares access on every route, as committed in PERMISSIONS.txt', async () => {
    const running = await startService(gatewayService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      OIDC_ISSUER: issuer.issuer,
      OIDC_CLIENT_SECRET: 's',
      SESSION_SECRET: 'permissions-test-session-secret-0123456789',
    });
    try {
      expectPermissionsToMatch(running.app, join(__dirname, '..', 'PERMISSIONS.txt'));
    } finally {
      await running.close();
    }
  });
});
