import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, createParamDecorator, Get, Inject, Param, RequestMethod, Res, type DynamicModule, type ExecutionContext, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner } from '@nestjs/core';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { z } from 'zod';
import { ACCESS_METADATA, Public, type AccessDeclaration, type RouteAccess } from './access';
import { HealthController } from './health';
import { MetricsController } from './metrics';
import { Api, documentedResponses, mergeSpec, routeSpecOf as specOf, type RouteSpec } from './route-spec';
import { Problem, problemDetailsSchema, PROBLEM_CONTENT_TYPE, parseRequest, type RequestPart } from './problem';

export { Api, documentedResponses, OPENAPI_METADATA, routeSpecOf, type AnswerOf, type ResponseSpec, type RouteSpec } from './route-spec';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON body, whether Fastify parsed it or (the warehouse, which keeps ingested bytes exact) handed over the bytes. */
export function jsonBodyOf(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return body;
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(utf8.decode(body)) as unknown;
  } catch (e) {
    throw new Problem(400, 'Invalid request', `the body is not JSON: ${(e as Error).message}`, [{ path: '', rule: 'json' }]);
  }
}

interface Parsed {
  readonly schema: z.ZodType;
  readonly part: RequestPart;
}

// zod schemas have a `transform` method, which Nest would take for a pipe: the schema travels wrapped
const parsedParam = createParamDecorator(({ schema, part }: Parsed, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<{ body?: unknown; query?: unknown; params?: unknown; headers?: unknown }>();
  const input = part === 'body' ? jsonBodyOf(request.body) : request[part];
  return parseRequest(schema, input, part);
});

const validated =
  (part: Exclude<RequestPart, 'headers'>, key: 'body' | 'query' | 'params') =>
  (schema: z.ZodType): ParameterDecorator =>
  (target, property, index) => {
    parsedParam({ schema, part })(target, property, index);
    if (property !== undefined) mergeSpec((target as Record<PropertyKey, object>)[property] as object, { [key]: schema });
  };

/**
 * The body, query or path parameters parsed with a zod schema (a refusal is a 400 problem naming
 * each field), the same schema the OpenAPI document shows: what is documented is what is checked.
 */
export const ZodBody = validated('body', 'body');
export const ZodQuery = validated('query', 'query') as (schema: z.ZodObject) => ParameterDecorator;
export const ZodParams = validated('params', 'params') as (schema: z.ZodObject) => ParameterDecorator;

/** A route as the document shows it: where, who may call it, and its spec. */
export interface DocumentedRoute extends RouteAccess {
  readonly spec: RouteSpec;
}

const joinPath = (...parts: string[]): string =>
  `/${parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/** The routes of controller classes, read from their decorators (no instance needed): what the generator and a running service both document. */
export function routesOfControllers(controllers: readonly Type[]): DocumentedRoute[] {
  const scanner = new MetadataScanner();
  const routes: DocumentedRoute[] = [];
  for (const type of new Set(controllers)) {
    const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
    const bases = Array.isArray(base) ? base : [base ?? ''];
    const prototype = type.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const access = (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, type)) as AccessDeclaration | undefined;
      for (const b of bases)
        for (const p of Array.isArray(path) ? path : [path])
          routes.push({ method, path: joinPath(b, p), handler: `${type.name}.${name}`, access, spec: specOf(handler) });
    }
  }
  return routes;
}

/** The controllers of modules, static or dynamic, and of the modules they import. */
export function controllersOfModules(modules: readonly (Type | DynamicModule | Promise<DynamicModule> | undefined)[]): Type[] {
  const seen = new Set<unknown>();
  const found: Type[] = [];
  const walk = (m: Type | DynamicModule | Promise<DynamicModule> | undefined): void => {
    if (!m || m instanceof Promise || seen.has(m)) return;
    seen.add(m);
    const type = 'module' in m ? m.module : m;
    const dynamic = 'module' in m ? m : undefined;
    const controllers = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type[] | undefined) ?? []),
      ...((dynamic?.controllers as Type[] | undefined) ?? []),
    ];
    found.push(...controllers);
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as Type[] | undefined) ?? []),
      ...((dynamic?.imports as Type[] | undefined) ?? []),
    ];
    for (const i of imports) walk(i as Type);
    if (dynamic) walk(type);
  };
  for (const m of modules) walk(m);
  return found;
}

/** What a service's document is built from. */
export interface OpenApiSource {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly controllers: readonly Type[];
  /** routes served without a controller (GraphQL), with their access and, where given, their spec */
  readonly declared?: readonly (RouteAccess & { readonly spec?: RouteSpec })[];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'the request is invalid: each item names the field (JSON Pointer), the rule and what to do',
  401: 'no valid bearer token',
  403: "the caller's role or scope does not allow this",
  404: 'not found, or not visible to the caller (the two read the same)',
  409: 'conflicts with the current state',
  413: 'the body is too large',
  415: 'unsupported media type',
  422: 'understood but not applicable',
  429: 'too many requests from this caller; retry later',
  500: 'the service failed; nothing of the cause is shown',
  503: 'a dependency (identity, the token verifier, the store) does not answer; retry later',
};

const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: problemDetailsSchema } };

function accessText(access: AccessDeclaration | undefined): string {
  if (!access) return 'Access: undeclared (refuses every caller)';
  return access.kind === 'public' ? `Access: public — ${access.why}` : `Access: ${access.roles.join(', ')} — ${access.scope}`;
}

function operationOf(route: RouteAccess & { readonly spec?: RouteSpec }): ZodOpenApiOperationObject {
  const spec = route.spec ?? {};
  const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
  // a path parameter no schema checks is still a string in the URL
  const params = spec.params ?? (pathNames.length ? z.object(Object.fromEntries(pathNames.map((n) => [n, z.string()]))) : undefined);
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  const answers =
    spec.response === undefined
      ? [{ description: 'the answer (its shape is not modelled yet)', schema: z.unknown() }, ...documentedResponses(spec)]
      : documentedResponses(spec);
  for (const r of answers) {
    const status = r.status ?? 200;
    responses[String(status)] = {
      description: r.description ?? (status < 300 ? 'success' : (STATUS_TEXT[status] ?? 'refused')),
      ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
    };
  }
  const validates = Boolean(spec.body || spec.query || spec.params);
  const errors = new Set<number>([...(validates ? [400] : []), ...(route.access?.kind === 'actors' ? [401, 403] : []), ...(spec.errors ?? []), 429, 500]);
  for (const status of [...errors].sort((a, b) => a - b))
    if (!responses[String(status)]) responses[String(status)] = { description: STATUS_TEXT[status] ?? 'refused', content: problemContent };
  const access = route.access;
  return {
    operationId: route.handler.replace(/[^A-Za-z0-9_]+/g, '_'),
    ...(spec.summary ? { summary: spec.summary } : {}),
    description: [spec.description, accessText(access)].filter(Boolean).join('\n\n'),
    security: access?.kind === 'actors' ? [{ bearer: [] }] : [],
    'x-educube-access':
      access === undefined
        ? { kind: 'undeclared' }
        : access.kind === 'public'
          ? { kind: 'public', why: access.why }
          : { kind: 'actors', roles: [...access.roles], scope: access.scope },
    ...(params || spec.query ? { requestParams: { ...(params ? { path: params } : {}), ...(spec.query ? { query: spec.query } : {}) } } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { [spec.bodyContentType ?? 'application/json']: { schema: spec.body } } } } : {}),
    responses: responses as ZodOpenApiResponsesObject,
  };
}

/** `/v1/schools/:code` → `/v1/schools/{code}` */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The service's OpenAPI 3.1 document, from the same zod schemas its handlers parse with and the access its routes declare. */
export function openApiDocument(source: OpenApiSource): Record<string, unknown> {
  const routes = [...routesOfControllers(source.controllers), ...(source.declared ?? [])].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  const paths: ZodOpenApiPathsObject = {};
  const ids = new Set<string>();
  for (const r of routes) {
    const item = (paths[openApiPath(r.path)] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    const operation = operationOf(r);
    // one handler may serve several methods (GraphQL's GET and POST): the method tells them apart
    const id = ids.has(operation.operationId as string) ? `${operation.operationId as string}_${r.method.toLowerCase()}` : (operation.operationId as string);
    ids.add(id);
    item[r.method.toLowerCase()] = { ...operation, operationId: id };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: { title: `EduCube Hub ${source.name}`, version: source.version, ...(source.description ? { description: source.description } : {}) },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: "an access token of the hub's issuer (Keycloak realm) for this service's audience",
          },
        },
      },
      paths,
    },
    // only schemas with an id become components: numbered ones would renumber with every change
    { reused: 'inline' },
  ) as unknown as Record<string, unknown>;
}

/** Every `METHOD /path` the document describes, in the route table's notation (`/v1/schools/:code`). */
export function documentedRoutes(document: Record<string, unknown>): string[] {
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`))
    .sort();
}

/** The committed file's text: stable key order as built, two-space indent, final newline. */
export const openApiText = (document: Record<string, unknown>): string => `${JSON.stringify(document, null, 2)}\n`;

/** How a running service serves its document: built once, on first request; nothing in production. */
export interface DocsSource {
  readonly production: boolean;
  readonly document: () => Record<string, unknown>;
}

export const DOCS_SOURCE = Symbol('DOCS_SOURCE');

const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

// an own initializer (the package's points at the petstore), as a file so no inline script is needed
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};
`;

const page = (title: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title.replace(/[<>&"]/g, '')}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="stylesheet" href="/docs/index.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/swagger-initializer.js"></script>
</body>
</html>
`;

const notFound = (what: string): Problem => new Problem(404, 'Not found', `no ${what} here`, [{ path: '', rule: 'exists' }]);

interface Reply {
  header(name: string, value: string): unknown;
}

/** `/docs` (Swagger UI) and `/docs/openapi.json`, outside production; in production both answer 404 like an unknown route. */
@Controller('docs')
@Public('the API description and its viewer, outside production only; names no school and no person')
export class DocsController {
  private document: Record<string, unknown> | undefined;

  constructor(@Inject(DOCS_SOURCE) private readonly source: DocsSource) {}

  @Api({ summary: 'Swagger UI for this service', response: { schema: z.string(), contentType: 'text/html' }, errors: [404] })
  @Get()
  viewer(@Res({ passthrough: true }) reply: Reply): string {
    if (this.source.production) throw notFound('API viewer');
    reply.header('content-type', 'text/html; charset=utf-8');
    return page(`${String((this.openapi()['info'] as { title?: string }).title)} API`);
  }

  @Api({ summary: "this service's OpenAPI 3.1 document", response: { schema: z.record(z.string(), z.unknown()), description: 'the document' }, errors: [404] })
  @Get('openapi.json')
  openapi(): Record<string, unknown> {
    if (this.source.production) throw notFound('API description');
    return (this.document ??= this.source.document());
  }

  @Api({
    summary: "Swagger UI's scripts and styles",
    params: z.object({ file: z.string() }),
    response: { schema: z.string(), contentType: 'text/javascript' },
    errors: [404],
  })
  @Get(':file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: Reply): string | Buffer {
    if (this.source.production) throw notFound('API viewer');
    if (file === 'swagger-initializer.js') {
      reply.header('content-type', 'text/javascript; charset=utf-8');
      return INITIALIZER;
    }
    const type = Object.hasOwn(SWAGGER_FILES, file) ? SWAGGER_FILES[file] : undefined;
    if (!type) throw notFound(`file ${file.slice(0, 80)}`);
    reply.header('content-type', type);
    reply.header('cache-control', 'public, max-age=3600');
    return readFileSync(join(dirname(require.resolve('swagger-ui-dist/package.json')), file));
  }
}

/** The controllers every service has, whatever its modules: probes, metrics, these docs. */
export const KIT_CONTROLLERS: readonly Type[] = [HealthController, MetricsController, DocsController];

/** What of a service definition its document needs (structural, so this file does not import service.ts). */
export interface DocumentedService<C> {
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  readonly imports: (config: C) => (Type | DynamicModule)[];
  readonly routes?: (config: C) => readonly RouteAccess[];
  /** specs of the routes served without a controller, by `METHOD /path` */
  readonly routeSpecs?: Readonly<Record<string, RouteSpec>>;
}

/**
 * A service's document: the kit's controllers and those of its modules (or, in a running
 * service, the controllers Nest discovered), its declared routes with their specs.
 */
export function serviceDocument<C>(
  def: DocumentedService<C>,
  config: C,
  controllers: readonly Type[] = [...KIT_CONTROLLERS, ...controllersOfModules(def.imports(config))],
): Record<string, unknown> {
  const declared = (def.routes?.(config) ?? []).map((r) => ({ ...r, spec: def.routeSpecs?.[`${r.method} ${r.path}`] ?? {} }));
  return openApiDocument({
    name: def.name,
    version: def.version ?? '0.1.0',
    ...(def.description ? { description: def.description } : {}),
    controllers,
    declared,
  });
}

/**
 * The config a document is generated with: the schema's defaults, no issuer, development. The
 * document depends on the routes, never on a deployment's settings, so any valid config will do.
 */
export const DOCUMENT_ENV: Readonly<Record<string, string>> = { NODE_ENV: 'development', ALLOW_NO_ISSUER: 'true', LOG_LEVEL: 'silent' };

/** Where each service's committed document lives, from the repository root. */
export const openApiFile = (service: string): string => `docs/openapi/${service}.json`;
