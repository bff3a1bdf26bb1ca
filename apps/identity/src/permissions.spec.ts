import { join } from 'node:path';
import { startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { expectPermissionsToMatch } from '@educube/service-kit/testing';
import { identityService } from './service';

// Every route of the identity service and who may call it; a change shows in PERMISSIONS.txt's diff.
describe('identity permissions', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('declares access on every route, as committed in PERMISSIONS.txt', async () => {
    const running = await startService(identityService, { PORT: '0', LOG_LEVEL: 'silent', OIDC_ISSUER: issuer.issuer, IDENTITY_DATA_DIR: 'memory://' });
    try {
      expectPermissionsToMatch(running.app, join(__dirname, '..', 'PERMISSIONS.txt'));
    } finally {
      await running.close();
    }
  });
});
