import { TokenError } from '@educube/oidc';
import { describeDatabaseError, isTransientDatabaseError } from '@educube/postgres';
import { IdentityError, IdentityErrorCode } from '@educube/identity-domain';
import { Problem, PROBLEM_TYPE_BASE, toProblemDetails, zodProblemItems, type ProblemDetails, type ProblemTranslator } from '@educube/service-kit';
import { ZodError } from 'zod';

export { Problem, type ProblemDetails, type ProblemItem } from '@educube/service-kit';

/** The HTTP status and title of each domain error: one exhaustive switch, so a new code cannot go unmapped. */
export function statusOf(code: IdentityErrorCode): { status: number; title: string } {
  switch (code) {
    case IdentityErrorCode.INVALID_CODE:
    case IdentityErrorCode.INVALID_DATE:
    case IdentityErrorCode.INVALID_NAME:
    case IdentityErrorCode.INVALID_REF:
    case IdentityErrorCode.STAGES_MISMATCH:
    case IdentityErrorCode.INVALID_CLASSES:
      return { status: 400, title: 'Invalid input' };
    case IdentityErrorCode.UNKNOWN_SCHOOL:
    case IdentityErrorCode.UNKNOWN_PERSON:
      return { status: 404, title: 'Not found' };
    case IdentityErrorCode.UNKNOWN_REGION:
    case IdentityErrorCode.REGION_NOT_A_DISTRICT:
    case IdentityErrorCode.INVALID_SCOPE:
    case IdentityErrorCode.WRONG_PERSON_KIND:
    case IdentityErrorCode.NOT_PLACED:
    case IdentityErrorCode.TRANSFER_REQUIRED:
      return { status: 422, title: 'Not applicable' };
    case IdentityErrorCode.DUPLICATE_REGION:
    case IdentityErrorCode.DUPLICATE_SCHOOL:
    case IdentityErrorCode.DUPLICATE_PERSON:
    case IdentityErrorCode.SCHOOL_CLOSED:
    case IdentityErrorCode.SCHOOL_NOT_CLOSED:
    case IdentityErrorCode.PERSON_LEFT:
    case IdentityErrorCode.ID_LINK_CONFLICT:
    case IdentityErrorCode.OUT_OF_ORDER:
      return { status: 409, title: 'Conflict' };
    default:
      return unreachable(code);
  }
}

function unreachable(code: never): never {
  throw new Error(`unmapped identity error code ${String(code)}`);
}

/** Identity's own errors as problems: domain errors by code (their type URIs named by the code), zod as "Invalid input", token errors. */
export const identityProblems: ProblemTranslator = (error) => {
  if (error instanceof IdentityError) {
    const { status, title } = statusOf(error.code);
    const d = error.details;
    return new Problem(
      status,
      title,
      error.message,
      [{ path: d.field ?? '', rule: d.rule ?? error.code, value: d.value ?? null }],
      `${PROBLEM_TYPE_BASE}${error.code.toLowerCase().replace(/_/g, '-')}`,
    );
  }
  if (error instanceof ZodError) {
    const items = zodProblemItems(error);
    return new Problem(400, 'Invalid input', items.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), items);
  }
  if (error instanceof TokenError) return new Problem(401, 'Unauthenticated', error.message, [{ path: 'authorization', rule: error.code }]);
  if (isBrokerUnavailable(error))
    return Problem.unavailable(
      'kafka',
      (error as Error).message,
      10,
      'publishing the same roster again is safe: its events have the same ids, and the warehouse answers repeats as duplicates.',
    );
  if (isTransientDatabaseError(error)) return Problem.unavailable('database', describeDatabaseError(error), 5, 'nothing already recorded is lost or changed.');
  return undefined;
};

/** kafkajs's words for a broker it cannot reach (or stopped retrying to reach), as opposed to a refusal of what was sent. */
function isBrokerUnavailable(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    typeof name === 'string' &&
    /^KafkaJS(ConnectionError|ConnectionClosedError|NumberOfRetriesExceeded|BrokerNotFound|RequestTimeoutError|LockTimeout)$/.test(name)
  );
}

/** Any error as identity answers it. */
export const toProblem = (error: unknown): ProblemDetails => toProblemDetails(error, 'identity', identityProblems);
