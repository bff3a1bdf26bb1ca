import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Header, Inject, NotFoundException, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { z } from 'zod';
import { Public } from './access';
import { Api } from './route-spec';

/** One registry per service process; apps register their own counters on it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** true when /metrics is served on a port of its own (METRICS_PORT), so the main port must not answer it. */
export const METRICS_ELSEWHERE = Symbol('METRICS_ELSEWHERE');

@Controller('metrics')
@Public('Prometheus scrape: process and request counters, no school or person')
export class MetricsController {
  constructor(@Optional() @Inject(METRICS_ELSEWHERE) private readonly elsewhere = false) {}

  @Api({
    summary: 'Prometheus scrape',
    response: { schema: z.string(), contentType: 'text/plain', description: 'the Prometheus text exposition format (version 0.0.4)' },
    // with METRICS_PORT set the main port does not serve it
    errors: [404],
  })
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    // the route stays declared (one permissions snapshot whatever the deployment), it just is not here
    if (this.elsewhere) throw new NotFoundException();
    return metricsRegistry.metrics();
  }
}

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * /metrics on a port of its own, so a NetworkPolicy can open that port to monitoring only while
 * the main port serves callers. Nothing else answers there: no route, no auth, no body parsing.
 */
export async function startMetricsServer(port: number, host: string, registry: Registry = metricsRegistry): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this port serves GET /metrics only\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      (error: unknown) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  // a scrape never holds a connection open for long; nothing may keep a closing service alive
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How far a projection is behind what it follows: events not applied yet, and how old the oldest of them is. */
export interface ProjectionLag {
  /** unknown where the followed log gives no head position */
  readonly events?: number;
  readonly seconds: number;
}

const lagSources = new Map<string, () => Promise<ProjectionLag>>();
// both gauges read one answer per scrape: a source is asked at most once a second
const lagCache = new Map<string, { at: number; lag: Promise<ProjectionLag> }>();
const lagOf = (projection: string, source: () => Promise<ProjectionLag>): Promise<ProjectionLag> => {
  const cached = lagCache.get(projection);
  if (cached && Date.now() - cached.at < 1_000) return cached.lag;
  const lag = withDeadline(source(), 2_000);
  lagCache.set(projection, { at: Date.now(), lag });
  return lag;
};

/** A scrape never waits long on a database or a broker: a source that does not answer within `ms` is left out. */
export function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function collectLag(gauge: Gauge<'projection'>, pick: (lag: ProjectionLag) => number | undefined): Promise<void> {
  gauge.reset();
  await Promise.all(
    [...lagSources].map(async ([projection, source]) => {
      const value = await lagOf(projection, source).then(pick, () => undefined);
      if (value !== undefined) gauge.set({ projection }, value);
    }),
  );
}

export const projectionLagEvents: Gauge<'projection'> = new Gauge({
  name: 'educube_projection_lag_events',
  help: 'events the projection has not applied yet (head of what it follows − its checkpoint)',
  labelNames: ['projection'],
  registers: [metricsRegistry],
  collect() {
    return collectLag(projectionLagEvents, (lag) => lag.events);
  },
});

export const projectionLagSeconds: Gauge<'projection'> = new Gauge({
  name: 'educube_projection_lag_seconds',
  help: 'how long the oldest event the projection has not applied has waited (0 when caught up)',
  labelNames: ['projection'],
  registers: [metricsRegistry],
  collect() {
    return collectLag(projectionLagSeconds, (lag) => lag.seconds);
  },
});

/** A projection reports its lag, read when Prometheus scrapes; the returned function stops it (shutdown). */
export function reportProjectionLag(projection: string, source: () => Promise<ProjectionLag>): () => void {
  lagSources.set(projection, source);
  return () => {
    if (lagSources.get(projection) === source) lagSources.delete(projection);
    lagCache.delete(projection);
  };
}
