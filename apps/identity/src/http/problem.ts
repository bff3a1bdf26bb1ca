import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { TokenError } from '@educube/oidc';
import { IdentityError, IdentityErrorCode } from '@educube/identity-domain';
import type { FastifyReply } from 'fastify';
import { ZodError } from 'zod';

/** One reason a request was refused: the field (JSON path) or CSV column, the rule, the value. */
export type ProblemItem = ({ path: string } | { column: string }) & { rule: string; value: unknown; message?: string };

/** RFC 9457 problem details, as every identity endpoint answers an error. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  problems: ProblemItem[];
}

/** Thrown by controllers and the auth guard for refusals that are not domain errors (401, 403, 400). */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly problems: ProblemItem[] = [],
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

const TYPE_BASE = 'https://educube.example/problems/';
const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');

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

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof IdentityError) {
    const { status, title } = statusOf(error.code);
    const d = error.details;
    return {
      type: `${TYPE_BASE}${error.code.toLowerCase().replace(/_/g, '-')}`,
      title,
      status,
      detail: error.message,
      problems: [{ path: d.field ?? '', rule: d.rule ?? error.code, value: d.value ?? null }],
    };
  }
  if (error instanceof ZodError) {
    return {
      type: `${TYPE_BASE}invalid-input`,
      title: 'Invalid input',
      status: 400,
      detail: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
      problems: error.issues.map((i) => ({ path: i.path.join('.'), rule: i.code, value: 'input' in i ? (i.input ?? null) : null, message: i.message })),
    };
  }
  if (error instanceof TokenError) {
    return { type: `${TYPE_BASE}unauthenticated`, title: 'Unauthenticated', status: 401, detail: error.message, problems: [{ path: 'authorization', rule: error.code, value: null }] };
  }
  if (error instanceof Problem) {
    return { type: `${TYPE_BASE}${slug(error.title)}`, title: error.title, status: error.status, detail: error.message, problems: error.problems };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { type: `${TYPE_BASE}http-${status}`, title: error.name, status, detail: error.message, problems: [] };
  }
  return { type: `${TYPE_BASE}internal`, title: 'Internal error', status: 500, detail: 'the identity service failed; see its log', problems: [] };
}

/** Every error of the identity API as problem-details JSON. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('identity-api');

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = toProblem(error);
    if (problem.status >= 500) this.logger.error(`request failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
    void host.switchToHttp().getResponse<FastifyReply>().status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
