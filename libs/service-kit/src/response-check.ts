import { Injectable, StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { ConfigError } from './config';
import { documentedResponses, routeSpecOf, type RouteSpec } from './route-spec';
import { Problem, PROBLEM_TYPE_BASE, zodProblemItems, type ProblemItem } from './problem';

/** The settings that decide whether answers are checked (baseConfigSchema's). */
export interface ResponseCheckSettings {
  readonly NODE_ENV: 'development' | 'test' | 'production';
  readonly CHECK_RESPONSES?: boolean | undefined;
}

/**
 * Whether a service checks its answers: as CHECK_RESPONSES says, else under test. Jest sets
 * NODE_ENV=test in the process while the specs start services with an env of their own, so the
 * process's is read too. Production never checks: asking for it there is a configuration error.
 */
export function responseChecksOn(
  service: string,
  config: ResponseCheckSettings,
  processEnv: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (config.NODE_ENV === 'production') {
    if (config.CHECK_RESPONSES)
      throw new ConfigError(service, [
        { variable: 'CHECK_RESPONSES', message: 'is refused under NODE_ENV=production: a drifted schema would turn answers into 500s', value: 'true' },
      ]);
    return false;
  }
  return config.CHECK_RESPONSES ?? (config.NODE_ENV === 'test' || processEnv['NODE_ENV'] === 'test');
}

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.-]+\+)?json(\s*;|$)/i;

/** application/json, application/problem+json, application/cloudevents-batch+json… */
export const isJsonContentType = (type: string): boolean => JSON_MEDIA_TYPE.test(type.trim());

// what is sent as bytes as it is, never through JSON.stringify: nothing to parse a schema against
const isRawBody = (body: unknown): boolean =>
  Buffer.isBuffer(body) || body instanceof StreamableFile || (!!body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function');

/**
 * What is wrong with an answer, by the route's spec: nothing (undefined) when the route models
 * no success, when the answer matches, or when it is documented as something other than JSON
 * (metrics text, the docs' HTML and scripts, a CSV export). `body` is the handler's value; it
 * is checked in its JSON form (a Date as its ISO string, a field set to undefined left out), as
 * the client reads it.
 */
export function answerProblems(spec: RouteSpec, status: number, body: unknown, contentType?: string): ProblemItem[] | undefined {
  if (spec.response === undefined) return undefined;
  const documented = documentedResponses(spec);
  const answer = documented.find((r) => (r.status ?? 200) === status);
  if (!answer) {
    const statuses = documented.map((r) => r.status ?? 200).join(', ');
    return [{ path: '', rule: 'status', message: `answered ${status}, which the route does not document (it documents ${statuses})`, value: status }];
  }
  if (!answer.schema || !isJsonContentType(answer.contentType ?? 'application/json') || isRawBody(body)) return undefined;
  if (contentType !== undefined && !isJsonContentType(contentType))
    return [
      { path: '', rule: 'content-type', message: `answered ${contentType}, documented as ${answer.contentType ?? 'application/json'}`, value: contentType },
    ];
  const wire: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const result = answer.schema.safeParse(wire);
  if (!result.success) return zodProblemItems(result.error);
  const extra = undocumentedFields(wire, result.data);
  return extra.length ? extra : undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Fields of the answer its schema does not name. The document says `additionalProperties: false`
 * for every object, while a zod object drops unknown keys and passes: what the parse dropped is
 * what the client gets but the document does not show.
 */
function undocumentedFields(wire: unknown, parsed: unknown, path = ''): ProblemItem[] {
  if (Array.isArray(wire) && Array.isArray(parsed)) return wire.flatMap((w, i) => undocumentedFields(w, parsed[i], `${path}/${i}`));
  if (!isPlainObject(wire) || !isPlainObject(parsed)) return [];
  return Object.keys(wire).flatMap((key) =>
    Object.hasOwn(parsed, key)
      ? undocumentedFields(wire[key], parsed[key], `${path}/${escapePointer(key)}`)
      : [{ path: `${path}/${escapePointer(key)}`, rule: 'unrecognized_keys', message: `"${key}" is not in the documented schema`, value: null }],
  );
}

interface ErrorLogger {
  error(object: object, message: string): void;
}

/**
 * Checks each JSON answer of a route against the success schema its `@Api` documents, on the
 * handler's value before Fastify serialises it (the status the handler set included). A mismatch
 * is a 500 problem naming the route and each JSON Pointer into the answer with zod's issue, and
 * an error in the log: every spec that calls the route checks the documented shape. Registered
 * by startService only where responseChecksOn says so; GraphQL resolvers are left alone.
 */
@Injectable()
export class ResponseCheckInterceptor implements NestInterceptor {
  constructor(private readonly logger: ErrorLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'http') return next.handle();
    const spec = routeSpecOf(context.getHandler());
    if (spec.response === undefined) return next.handle();
    const http = context.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    return next.handle().pipe(
      map((body: unknown) => {
        // a handler that answered through the reply itself left nothing here to check
        if (reply.sent) return body;
        const contentType = reply.getHeader('content-type');
        const problems = answerProblems(spec, reply.statusCode, body, typeof contentType === 'string' ? contentType : undefined);
        if (!problems) return body;
        const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
        const handler = `${context.getClass().name}.${context.getHandler().name}`;
        const detail = `${route} (${handler}) answered ${reply.statusCode} with a body its documented schema refuses: ${problems
          .map((p) => `${p.path || '(the answer)'}: ${p.message} [${p.rule}]`)
          .join('; ')}`;
        this.logger.error({ event: 'http.response-mismatch', route, handler, status: reply.statusCode, problems }, detail);
        throw new Problem(500, 'Answer does not match its schema', detail, problems, `${PROBLEM_TYPE_BASE}response-mismatch`);
      }),
    );
  }
}
