import { join } from 'node:path';
import { openApiFaults } from '@educube/service-kit/testing';
import { assessmentService } from './service';

// docs/openapi/assessment.json is generated (npm run openapi:generate) from the routes and the zod schemas they parse with
describe('assessment OpenAPI document', () => {
  it('is committed as the code generates it, valid, and documents every served route with its access', () => {
    expect(openApiFaults(assessmentService as never, join(__dirname, '..', '..', '..'), join(__dirname, '..', 'PERMISSIONS.txt'))).toEqual([]);
  });
});
