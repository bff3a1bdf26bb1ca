import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Problem as ContractProblem } from '@educube/contracts';
import type { FastifyReply } from 'fastify';
import { z, ZodError } from 'zod';

/**
 * One reason a request (or one event of a batch) was refused: the same item type the event
 * contracts' validator and the warehouse's per-event results use, so an integrator reads one
 * shape everywhere.
 *
 * `path` is a JSON Pointer (RFC 6901) into the request: `''` the whole body; `/commands/0/type`
 * a body field; query and path parameters by their name at the root (`/limit`, `/code`);
 * headers under `/headers/` (`/headers/authorization`); token claims under `/token/`
 * (`/token/realm_access/roles`); a CSV body's column under `/columns/` (`/columns/学校标识码`).
 */
export type ProblemItem = ContractProblem;

/** RFC 9457 problem details, the one body every service answers an error with (`application/problem+json`). */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly problems: readonly ProblemItem[];
}

export const PROBLEM_TYPE_BASE = 'https://educube.example/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** What a thrower may hand over: a dotted path or a CSV column is turned into a pointer; a missing message takes the detail. */
export type ProblemItemInput =
  | { readonly path: string | readonly PropertyKey[]; readonly rule: string; readonly message?: string; readonly value?: unknown }
  | { readonly column: string; readonly rule: string; readonly message?: string; readonly value?: unknown };

const slug = (t: string): string =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');

/** The problem type URI of a title: stable, since clients switch on it. */
export const problemType = (title: string): string => `${PROBLEM_TYPE_BASE}${slug(title)}`;

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

// the names older throwers used before pointers; kept here so every such item reads the same
const HEADER = /^(authorization|content-type|content-length|accept|if-match|ce-[a-z0-9-]+)$/i;
const CLAIM = /^(realm_access(\.roles)?|school_codes|scope|aud|iss|exp|sub)$/;

/**
 * A JSON Pointer for a request part: pointers pass unchanged; a path of keys is escaped; a dotted
 * path (`commands.0.type`) is split; a header name goes under `/headers/`, a token claim under
 * `/token/`; `(body)` / `(query)` / `route` mean the whole request.
 */
export function pointerOf(path: string | readonly PropertyKey[]): string {
  if (typeof path !== 'string') return path.map((k) => `/${escape(String(k))}`).join('');
  if (path === '' || path.startsWith('/')) return path;
  if (/^\(.*\)$/.test(path) || path === 'route') return '';
  if (HEADER.test(path)) return `/headers/${path.toLowerCase()}`;
  if (CLAIM.test(path)) return `/token/${path.split('.').map(escape).join('/')}`;
  return `/${path.split('.').map(escape).join('/')}`;
}

/** An item in the model's shape: pointer path, rule, message (the detail when none is given), value (null when none). */
export function problemItem(input: ProblemItemInput, detail = ''): ProblemItem {
  const path = 'column' in input ? `/columns/${escape(input.column)}` : pointerOf(input.path);
  return { path, rule: input.rule, message: input.message ?? detail, value: input.value === undefined ? null : input.value };
}

/** The problem+json body; `type` defaults to the title's slug under the problems base. */
export function problemResponse(
  status: number,
  title: string,
  detail: string,
  items: readonly ProblemItemInput[] = [],
  type = problemType(title),
): ProblemDetails {
  return { type, title, status, detail, problems: items.map((i) => problemItem(i, detail)) };
}

/** A refusal of the whole request, thrown by handlers; the service's filter answers it as problem+json. */
export class Problem extends Error {
  readonly problems: readonly ProblemItem[];
  readonly type: string;
  /** Sent as `Retry-After` (seconds): when a refusal is "not now", how long a client should wait. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    items: readonly ProblemItemInput[] = [],
    type?: string,
    options: { readonly retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = 'Problem';
    this.type = type ?? problemType(title);
    this.problems = items.map((i) => problemItem(i, detail));
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /**
   * A dependency away or refusing for a while (the database restarting, read-only, a lock wait
   * that ran out): 503 with `Retry-After`, one item naming the dependency. Nothing about the
   * request is wrong; the same request, sent again later, is answered.
   */
  static unavailable(dependency: string, reason: string, retryAfterSeconds: number, consequence: string): Problem {
    return new Problem(
      503,
      'Unavailable',
      `${dependency} is unavailable for now (${reason}); ${consequence} Retry after ${retryAfterSeconds} s.`,
      [{ path: '', rule: `${dependency}-available`, value: null }],
      `${PROBLEM_TYPE_BASE}${dependency}-unavailable`,
      { retryAfterSeconds },
    );
  }

  toJSON(): ProblemDetails {
    return { type: this.type, title: this.title, status: this.status, detail: this.message, problems: this.problems };
  }
}

/** The part of a request a schema validates; body, query and path parameters share the root, headers sit under `/headers`. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/** Zod's issues as items: pointer from the issue's path, rule from its code (or a custom check's `params.rule`), its message and input. */
export function zodProblemItems(error: ZodError, part: RequestPart = 'body'): ProblemItem[] {
  return error.issues.map((i) => ({
    path: `${part === 'headers' ? '/headers' : ''}${pointerOf(i.path)}`,
    rule: (i.code === 'custom' && typeof i.params?.['rule'] === 'string' ? i.params['rule'] : undefined) ?? i.code,
    message: i.message,
    value: 'input' in i && i.input !== undefined ? i.input : null,
  }));
}

/** A zod failure as a 400 problem naming every field and the rule it broke. */
export function zodProblem(error: ZodError, part: RequestPart = 'body', title = 'Invalid request'): Problem {
  const items = zodProblemItems(error, part);
  return new Problem(400, title, items.map((p) => `${p.path || `(${part})`}: ${p.message}`).join('; '), items);
}

/** Parses a request part with its schema (the one its route declares for the OpenAPI document); a refusal is a 400 problem. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw zodProblem(result.error, part);
}

/** Translates a service's own errors (a domain error, an adapter's) into problems; undefined: not one of its own. */
export type ProblemTranslator = (error: unknown) => Problem | undefined;

interface ErrorLogger {
  error(object: object, message: string): void;
  warn(object: object, message: string): void;
}

const isProblemBody = (b: unknown): b is { type: string; title: string; status: number; detail?: string; problems?: readonly ProblemItemInput[] } =>
  !!b &&
  typeof b === 'object' &&
  typeof (b as { type?: unknown }).type === 'string' &&
  typeof (b as { title?: unknown }).title === 'string' &&
  typeof (b as { status?: unknown }).status === 'number';

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  503: 'Unavailable',
};

/**
 * Any error as problem details: a Problem as thrown; the service's own errors through its
 * translator; zod failures as 400; Nest's HttpExceptions (an unknown route's 404) and Fastify's
 * own 4xx (a body over the limit, an unsupported media type) with their status; anything else a
 * 500 that says no more than that (the cause goes to the log only).
 */
export function toProblemDetails(error: unknown, service: string, translate?: ProblemTranslator): ProblemDetails {
  return problemOf(error, service, translate).details;
}

/** The body, and the `Retry-After` a "not now" problem carries. */
function problemOf(error: unknown, service: string, translate?: ProblemTranslator): { details: ProblemDetails; retryAfterSeconds?: number } {
  const own = error instanceof Problem ? error : translate?.(error);
  if (own) return { details: own.toJSON(), ...(own.retryAfterSeconds !== undefined && { retryAfterSeconds: own.retryAfterSeconds }) };
  return { details: generalProblem(error, service) };
}

function generalProblem(error: unknown, service: string): ProblemDetails {
  if (error instanceof ZodError) return zodProblem(error).toJSON();
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    if (isProblemBody(body)) return problemResponse(body.status, body.title, body.detail ?? error.message, body.problems ?? [], body.type);
    const message = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : body;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
    return problemResponse(status, REASONS[status] ?? error.name, detail, [], `${PROBLEM_TYPE_BASE}http-${status}`);
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problemResponse(
      status,
      REASONS[status] ?? 'Bad request',
      (error as Error).message,
      [{ path: '', rule: String((error as { code?: unknown }).code ?? `http-${status}`) }],
      `${PROBLEM_TYPE_BASE}http-${status}`,
    );
  }
  return problemResponse(500, 'Internal error', `the ${service} service failed; see its log`, [], `${PROBLEM_TYPE_BASE}internal`);
}

/**
 * The one exception filter of a service (registered globally by startService): every HTTP error
 * leaves as `application/problem+json` in the ProblemDetails shape. GraphQL and other transports
 * keep their own error handling.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly service: string,
    private readonly translate: ProblemTranslator | undefined,
    private readonly logger: ErrorLogger,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType<string>() !== 'http') throw error;
    const { details: problem, retryAfterSeconds } = problemOf(error, this.service, this.translate);
    // "not now" is expected during an outage: one warning a request, without the stack
    if (retryAfterSeconds !== undefined)
      this.logger.warn({ event: 'http.unavailable', status: problem.status, retryAfterSeconds, type: problem.type }, problem.detail);
    else if (problem.status >= 500)
      this.logger.error(
        { event: 'http.failed', err: error, status: problem.status },
        `request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** The item and body as zod, for the OpenAPI documents' error responses. */
export const problemItemSchema = z
  .object({
    path: z.string().meta({
      description:
        "JSON Pointer (RFC 6901) into the request: '' the whole body, /field/0 a body field, /name a query or path parameter, /headers/<name> a header, /token/<claim> a token claim",
    }),
    rule: z.string().meta({ description: 'the rule broken, stable for programs to switch on' }),
    message: z.string().meta({ description: 'what is wrong and what to do, for a person' }),
    value: z.unknown().optional().meta({ description: 'the value refused, null when there is none to echo' }),
  })
  .meta({ id: 'ProblemItem' });

export const problemDetailsSchema = z
  .object({
    type: z.string().meta({ description: `a URI under ${PROBLEM_TYPE_BASE}, stable per kind of problem` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    problems: z.array(problemItemSchema),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with every reason, not only the first' });
