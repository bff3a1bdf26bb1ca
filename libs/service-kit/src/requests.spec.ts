import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { baseConfigSchema, portSchema } from './config';
import { createLogger, requestIdOf } from './logger';
import { instrumentRequests } from './requests';
import { startService } from './service';

const schema = baseConfigSchema.extend({ PORT: portSchema(0) });

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, logger: createLogger('probe', 'debug', stream) };
}

describe('request ids', () => {
  it('keeps a short id of safe characters and replaces anything else with a UUID', () => {
    expect(requestIdOf('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    for (const unsafe of ['', 'a b', 'x'.repeat(129), '<script>', 'id\nforged: line', undefined]) expect(requestIdOf(unsafe)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(['first', 'second'])).toBe('first');
  });
});

describe('request log lines', () => {
  it('writes one line per request with the route pattern, status, duration and id, probes at debug', async () => {
    const { lines, logger } = capture();
    const app = Fastify({ genReqId: (req) => requestIdOf(req.headers['x-request-id']) });
    instrumentRequests(app, logger);
    app.get('/v1/schools/:code', async () => ({ ok: true }));
    app.get('/health/live', async () => ({ live: true }));
    const res = await app.inject({
      method: 'GET',
      url: '/v1/schools/3302030001?token=secret',
      headers: { 'x-request-id': 'req-42', authorization: 'Bearer abc.def.ghi' },
    });
    expect(res.headers['x-request-id']).toBe('req-42');
    const generated = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await app.close();
    const requests = lines.filter((l) => l['event'] === 'http.request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ level: 'info', requestId: 'req-42', method: 'GET', route: '/v1/schools/:code', status: 200 });
    expect(typeof requests[0]!['durationMs']).toBe('number');
    expect(requests[1]).toMatchObject({ level: 'debug', route: '/health/live', requestId: generated.headers['x-request-id'] });
    // nothing of the URL's ids, the query or the token is logged
    expect(JSON.stringify(requests)).not.toMatch(/3302030001|secret|abc\.def/);
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics on its own port only, and 404 for it on the main port', async () => {
    const service = await startService(
      { name: 'metered', configSchema: schema, imports: () => [], authenticator: () => undefined },
      { LOG_LEVEL: 'silent', PORT: '0', METRICS_PORT: '0', ALLOW_NO_ISSUER: 'true' },
    );
    try {
      expect(service.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scraped = await fetch(service.metricsUrl!);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/process_cpu_user_seconds_total\{service="metered"\}/);
      expect((await fetch(`${service.url}/metrics`)).status).toBe(404);
      // nothing but the scrape answers on the metrics port
      expect((await fetch(service.metricsUrl!.replace('/metrics', '/health/live'))).status).toBe(404);
      const live = await fetch(`${service.url}/health/live`);
      expect(live.status).toBe(200);
      expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await service.close();
    }
  });
});
