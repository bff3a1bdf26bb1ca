import { IdentityUnavailable } from '@educube/identity-client';
import { describeDatabaseError, isTransientDatabaseError } from '@educube/postgres';
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
  // an outage, not a refusal: the sender keeps the batch and sends it again
  if (isTransientDatabaseError(error))
    return Problem.unavailable(
      'database',
      describeDatabaseError(error),
      DATABASE_RETRY_AFTER_SECONDS,
      'nothing already stored is lost, and the same batch sent again stores each event once (what was stored is answered as duplicate).',
    );
  return undefined;
};

/** How long a sender is asked to wait while the database is away: a restart takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
