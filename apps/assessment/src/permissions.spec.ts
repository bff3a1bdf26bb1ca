import { join } from 'node:path';
import { startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { expectPermissionsToMatch } from '@educube/service-kit/testing';
import { assessmentService } from './service';

// Every route of the assessment service and who may call it; a change shows in PERMISSIONS.txt's diff.
describe('assessment permissions', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('declares access on every route, as committed in PERMISSIONS.txt', async () => {
    const running = await startService(assessmentService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      OIDC_ISSUER: issuer.issuer,
      ASSESSMENT_DATA_DIR: 'memory://',
      ASSESSMENT_POLL_MS: '600000',
      WAREHOUSE_URL: 'http://127.0.0.1:1',
      IDENTITY_URL: 'http://127.0.0.1:1',
    });
    try {
      expectPermissionsToMatch(running.app, join(__dirname, '..', 'PERMISSIONS.txt'));
    } finally {
      await running.close();
    }
  });
});
