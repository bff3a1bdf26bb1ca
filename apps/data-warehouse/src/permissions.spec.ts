import { join } from 'node:path';
import { startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { startService } from '@educube/service-kit';
import { expectPermissionsToMatch } from '@educube/service-kit/testing';
import { warehouseService } from './service';

// Every route of the data-warehouse service and who may call it; a change shows in PERMISSIONS.txt's diff.
describe('data-warehouse permissions', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('declares access on every route, as committed in PERMISSIONS.txt', async () => {
    const running = await startService(warehouseService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      OIDC_ISSUER: issuer.issuer,
      WAREHOUSE_DATA_DIR: 'memory://',
      PARKED_RETRY_MS: '0',
    });
    try {
      expectPermissionsToMatch(running.app, join(__dirname, '..', 'PERMISSIONS.txt'));
    } finally {
      await running.close();
    }
  });
});
