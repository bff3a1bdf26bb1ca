import { IdentityUnavailable } from '@educube/identity-client';
import { TokenError } from '@educube/oidc';
import { Problem, type ProblemTranslator } from '@educube/service-kit';

export { Problem, type ProblemItem } from '@educube/service-kit';

/** The warehouse's own errors as problems (service-kit's filter answers them; it knows no adapter). */
export const warehouseProblems: ProblemTranslator = (error) => {
  if (error instanceof TokenError) return new Problem(401, 'Unauthenticated', error.message, [{ path: 'authorization', rule: error.code }]);
  if (error instanceof IdentityUnavailable)
    return new Problem(503, 'Unavailable', `who may see which school is identity's to say, and it did not answer: ${error.message}`, [
      { path: '', rule: 'identity-available' },
    ]);
  return undefined;
};
