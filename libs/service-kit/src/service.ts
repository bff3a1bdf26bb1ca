import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type InjectionToken, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';
import { HealthController, HealthService, READINESS_CHECKS, SERVICE_INFO, type ReadinessCheck, type ServiceInfo } from './health';
import { createLogger, PinoNestLogger } from './logger';
import { MetricsController, metricsRegistry } from './metrics';

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
}

export interface RunningService<C> {
  readonly app: INestApplication;
  readonly config: C;
  readonly url: string;
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
  const info: ServiceInfo = { name: def.name, version: def.version ?? '0.1.0', startedAt: new Date() };
  const readinessTokens = def.readiness ?? [];

  @Module({
    imports: def.imports(config),
    controllers: [HealthController, MetricsController],
    providers: [
      HealthService,
      { provide: SERVICE_INFO, useValue: info },
      { provide: SERVICE_CONFIG, useValue: config },
      {
        provide: READINESS_CHECKS,
        inject: readinessTokens,
        useFactory: (...checks: ReadinessCheck[]) => checks,
      },
    ],
  })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, new FastifyAdapter({ bodyLimit: 10 * 1024 * 1024 }), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await app.listen(config.PORT, config.HOST);
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
        logger.error({ event: 'service.shutdown-timeout' }, `shutdown exceeded ${config.SHUTDOWN_GRACE_MS} ms; exiting`);
        process.exit(1);
      }, config.SHUTDOWN_GRACE_MS);
      force.unref();
      try {
        await app.close();
      } finally {
        // Disarm: a process that outlives a clean close (tests, an embedding host) must not be
        // killed later by a timer meant for a hung shutdown.
        clearTimeout(force);
      }
      logger.info({ event: 'service.stopped' }, `${def.name} stopped`);
    })());
  return { app, config, url, close };
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
