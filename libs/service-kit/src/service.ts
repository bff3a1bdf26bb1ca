import 'reflect-metadata';
import { Global, HttpException, Module, type DynamicModule, type INestApplication, type InjectionToken, type Type } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import {
  AccessGuard,
  accessByRoute,
  DECLARED_ROUTES,
  type RouteAccess,
  authorize,
  isRefusal,
  problemOf,
  refusalException,
  routeTable,
  type AccessDeclaration,
  type Authenticator,
  type AuthorizedRequest,
} from './access';
import { baseConfigSchema, ConfigError, loadConfig } from './config';
import { DOCS_SOURCE, KIT_CONTROLLERS, serviceDocument, type RouteSpec } from './openapi';
import { ProblemFilter, type ProblemTranslator } from './problem';
import { ResponseCheckInterceptor, responseChecksOn } from './response-check';
import { HealthService, READINESS_CHECKS, SERVICE_INFO, type ReadinessCheck, type ServiceInfo } from './health';
import { createLogger, PinoNestLogger, requestIdOf } from './logger';
import { METRICS_ELSEWHERE, metricsRegistry, startMetricsServer, type MetricsServer } from './metrics';
import { instrumentRequests } from './requests';
import { tracingFromSettings } from './tracing';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export interface ServiceDefinition<S extends z.ZodObject> {
  readonly name: string;
  readonly version?: string;
  /** Extends baseConfigSchema with the service's own variables (PORT among them). */
  readonly configSchema: S;
  /** The service's feature modules, built from validated config. */
  readonly imports: (config: z.infer<S>) => (Type | DynamicModule)[];
  /** Tokens (provided by the imported modules) of the readiness checks to run on /health/ready. */
  readonly readiness?: InjectionToken[];
  /**
   * How the service verifies callers (the OIDC adapter's Authenticator), from validated config;
   * undefined when no issuer is configured, which only ALLOW_NO_ISSUER (never in production) permits.
   */
  readonly authenticator: (config: z.infer<S>) => Authenticator | undefined;
  /** Routes served without a controller (a GraphQL endpoint), with who may call them. */
  readonly routes?: (config: z.infer<S>) => readonly (RouteAccess & { readonly access: AccessDeclaration })[];
  /** The OpenAPI specs of those routes, by `METHOD /path`. */
  readonly routeSpecs?: Readonly<Record<string, RouteSpec>>;
  /** What the service is, for its OpenAPI document. */
  readonly description?: string;
  /** The service's own errors (domain, adapters) as problems; the rest the kit's filter knows. */
  readonly problems?: ProblemTranslator;
}

/** The service's verifier of bearer tokens (undefined without an issuer), for transports the HTTP hook does not see (WebSockets). */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

const refusals = new Counter({
  name: 'educube_http_refusals_total',
  help: 'requests refused before their handler, by status and rule',
  labelNames: ['status', 'rule'],
  registers: [metricsRegistry],
});

export interface RunningService<C> {
  readonly app: INestApplication;
  readonly config: C;
  readonly url: string;
  /** where /metrics is served when METRICS_PORT is set */
  readonly metricsUrl?: string;
  close(): Promise<void>;
}

/**
 * Boots a service the same way everywhere: config validated before anything opens, JSON logs,
 * /health/live, /health/ready, /metrics, and SIGTERM handled by draining first.
 */
export async function startService<S extends z.ZodObject>(
  def: ServiceDefinition<S>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RunningService<z.infer<S>>> {
  const config = loadConfig(def.name, def.configSchema, env) as z.infer<S> & z.infer<typeof baseConfigSchema> & { PORT: number };
  const logger = createLogger(def.name, config.LOG_LEVEL);
  // before anything starts a span: the services' background loops start with the app
  const tracing = tracingFromSettings(def.name, def.version ?? '0.1.0', config);
  const info: ServiceInfo = { name: def.name, version: def.version ?? '0.1.0', startedAt: new Date() };
  const readinessTokens = def.readiness ?? [];
  const authenticator = def.authenticator(config);
  const declaredRoutes: readonly RouteAccess[] = def.routes?.(config) ?? [];
  const checkResponses = responseChecksOn(def.name, config);
  if (!authenticator) {
    if (config.NODE_ENV === 'production' || !config.ALLOW_NO_ISSUER) {
      throw new ConfigError(def.name, [
        {
          variable: 'OIDC_ISSUER',
          message: `is required: every route but health and metrics needs a verified token${config.NODE_ENV === 'production' ? '' : ' (for development without an issuer set ALLOW_NO_ISSUER=true: protected routes then answer 401)'}`,
          value: undefined,
        },
      ]);
    }
    logger.warn({ event: 'auth.no-issuer' }, 'OIDC_ISSUER is not set and ALLOW_NO_ISSUER=true: only public routes answer; every other route refuses with 401');
  }

  // global, so a feature module (the GraphQL one, for its WebSocket connections) can verify tokens too
  @Global()
  @Module({ providers: [{ provide: AUTHENTICATOR, useValue: authenticator }], exports: [AUTHENTICATOR] })
  class AuthenticatorModule {}

  @Module({
    imports: [DiscoveryModule, AuthenticatorModule, ...def.imports(config)],
    controllers: [...KIT_CONTROLLERS],
    providers: [
      HealthService,
      { provide: SERVICE_INFO, useValue: info },
      { provide: SERVICE_CONFIG, useValue: config },
      {
        provide: READINESS_CHECKS,
        inject: readinessTokens,
        useFactory: (...checks: ReadinessCheck[]) => checks,
      },
      { provide: APP_GUARD, inject: [Reflector], useFactory: (reflector: Reflector) => new AccessGuard(reflector, authenticator) },
      { provide: DECLARED_ROUTES, useValue: declaredRoutes },
      {
        provide: DOCS_SOURCE,
        inject: [DiscoveryService],
        // what Nest actually mounted, so the served document cannot miss a route
        useFactory: (discovery: DiscoveryService) => ({
          production: config.NODE_ENV === 'production',
          document: () =>
            serviceDocument(
              def,
              config,
              discovery.getControllers().flatMap((w) => (w.metatype ? [w.metatype as Type] : [])),
            ),
        }),
      },
      { provide: METRICS_ELSEWHERE, useValue: config.METRICS_PORT !== undefined },
    ],
  })
  class ServiceRootModule {}

  // requestTimeout bounds the whole request, body included: a body trickling in is cut off
  const adapter = new FastifyAdapter({
    bodyLimit: 10 * 1024 * 1024,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.REQUEST_TIMEOUT_MS,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdOf(req.headers['x-request-id']),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  // one filter for every route and every service: errors leave as problem+json in one shape
  app.useGlobalFilters(new ProblemFilter(def.name, def.problems, logger));
  // tests only: every answer a spec provokes is held to the shape the OpenAPI document shows
  if (checkResponses) app.useGlobalInterceptors(new ResponseCheckInterceptor(logger));
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  // first, so the span and the log line cover the refusals of the hooks below too
  instrumentRequests(fastify, logger);
  let access = new Map<string, AccessDeclaration>();
  // Authorise on the route's declaration before Fastify reads the body: an anonymous or
  // unauthorised caller never gets to make the service buffer megabytes.
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url;
    if (!route) return;
    const declaration = access.get(`${request.method === 'HEAD' ? 'GET' : request.method} ${route}`);
    if (!declaration) return; // the guard refuses undeclared routes; unknown paths are 404s
    try {
      const actor = await authorize(declaration, request.headers.authorization, authenticator, request);
      const authorized = request as FastifyRequest & AuthorizedRequest;
      if (actor) authorized.educubeActor = actor;
      authorized.educubeAccess = declaration;
    } catch (error) {
      if (!isRefusal(error)) {
        logger.error({ event: 'auth.failed', err: error }, 'authentication failed unexpectedly');
        return reply
          .code(503)
          .header('content-type', 'application/problem+json')
          .send(problemOf(503, 'Unavailable', 'tokens cannot be verified right now; try again', 'verifier', 'authorization'));
      }
      refusals.inc({ status: String(error.status), rule: error.rule });
      if (error.status === 401) reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${error.message.replace(/["\\]/g, "'")}"`);
      // the same problem the guard answers with, so a refusal reads the same wherever it is caught
      return reply.code(error.status).header('content-type', 'application/problem+json').send(refusalException(error).getResponse());
    }
    return undefined;
  });
  // Per caller: the token's subject once the hook above has verified it, else the address.
  await app.register(rateLimit as never, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    hook: 'onRequest',
    allowList: (request: FastifyRequest) => request.url.startsWith('/health/') || request.url === '/metrics',
    keyGenerator: (request: FastifyRequest) => {
      const actor = (request as FastifyRequest & AuthorizedRequest).educubeActor;
      return actor ? `actor:${actor.subject}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) => {
      refusals.inc({ status: '429', rule: 'rate-limit' });
      // thrown by the plugin: as Nest's own exception it keeps its status and body
      return new HttpException(
        problemOf(429, 'Too many requests', `at most ${context.max} requests a minute per caller; retry after ${context.after}`, 'rate-limit', ''),
        429,
      );
    },
  });
  await app.init();
  access = accessByRoute(routeTable(app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector), declaredRoutes));
  await app.listen(config.PORT, config.HOST);
  let metricsServer: MetricsServer | undefined;
  if (config.METRICS_PORT !== undefined) {
    metricsServer = await startMetricsServer(config.METRICS_PORT, config.HOST);
    logger.info({ event: 'metrics.started', url: metricsServer.url }, `metrics on ${metricsServer.url}`);
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url, event: 'service.started' }, `${def.name} listening on ${url}`);
  metricsRegistry.setDefaultLabels({ service: def.name });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info({ event: 'service.stopping' }, `${def.name} stopping`);
      // A hung dependency must not keep a terminated pod alive forever.
      const force = setTimeout(() => {
        // what is still open says which dependency hung (a socket, a timer, a pending query)
        logger.error(
          { event: 'service.shutdown-timeout', stillOpen: process.getActiveResourcesInfo() },
          `shutdown exceeded ${config.SHUTDOWN_GRACE_MS} ms; exiting`,
        );
        process.exit(1);
      }, config.SHUTDOWN_GRACE_MS);
      force.unref();
      try {
        await app.close();
        await metricsServer?.close();
        // the last spans of a stopping pod are exported, not dropped
        await tracing?.flush().catch(() => undefined);
      } finally {
        // Disarm: a process that outlives a clean close (tests, an embedding host) must not be
        // killed later by a timer meant for a hung shutdown.
        clearTimeout(force);
      }
      logger.info({ event: 'service.stopped' }, `${def.name} stopped`);
    })());
  return { app, config, url, ...(metricsServer ? { metricsUrl: metricsServer.url } : {}), close };
}

/** Entry point for an app's main.ts: start, or explain the bad config and exit 78 (EX_CONFIG). */
export function runService<S extends z.ZodObject>(def: ServiceDefinition<S>): void {
  startService(def).then(
    (service) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          service.close().then(
            () => process.exit(0),
            (error: unknown) => {
              process.stderr.write(`${def.name} failed to stop cleanly: ${String(error)}\n`);
              process.exit(1);
            },
          );
        });
      }
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(78);
      }
      process.stderr.write(`${def.name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
