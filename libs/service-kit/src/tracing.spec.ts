import { Controller, Get, Module } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { Public } from './access';
import { baseConfigSchema, loadConfig, portSchema } from './config';
import { startService, type RunningService } from './service';
import { contextOf, hubTracer, inSpan, installTracing, linksOf, otlpTracesUrl, spanContextOf, traceparentOf, type InstalledTracing } from './tracing';

const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

@Controller('traced')
class TracedController {
  @Public('a test route')
  @Get()
  async traced() {
    await new Promise((r) => setTimeout(r, 5));
    // started after an await: the request's span must still be the active one
    return inSpan(hubTracer(), 'inner work', {}, async (span) => ({ traceparent: traceparentOf(span) }));
  }
}

@Module({ controllers: [TracedController] })
class TracedModule {}

describe('tracing helpers', () => {
  it('reads a W3C traceparent, and nothing from an invalid one', () => {
    expect(spanContextOf(PARENT)).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1, isRemote: true });
    expect(contextOf('00-zz-nope-01')).toBeUndefined();
    expect(contextOf(undefined)).toBeUndefined();
    expect(linksOf([PARENT, 'junk', undefined, PARENT], 1)).toHaveLength(1);
  });

  it('sends traces to <endpoint>/v1/traces unless the traces endpoint is given', () => {
    const settings = loadConfig('t', baseConfigSchema, { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' });
    expect(otlpTracesUrl(settings)).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl({ ...settings, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo/otlp' })).toBe('http://tempo/otlp');
    expect(otlpTracesUrl({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe('http://localhost:4318/v1/traces');
    expect(() => loadConfig('t', baseConfigSchema, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: only http\/json/);
  });

  it('is the no-op tracer until installed: spans record nothing', () => {
    const span = hubTracer().startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    span.end();
  });
});

describe('a traced request', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: InstalledTracing;
  let service: RunningService<unknown>;

  beforeAll(async () => {
    tracing = installTracing({ serviceName: 'traced', exporter, simple: true });
    service = await startService(
      { name: 'traced', configSchema: baseConfigSchema.extend({ PORT: portSchema(0) }), imports: () => [TracedModule], authenticator: () => undefined },
      { LOG_LEVEL: 'silent', PORT: '0', ALLOW_NO_ISSUER: 'true' },
    );
  });
  afterAll(async () => {
    await service.close();
    await tracing.shutdown();
  });

  it('continues the caller traceparent: server span child of it, work inside a child of the server span', async () => {
    const res = await fetch(`${service.url}/traced`, { headers: { traceparent: PARENT } });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.name === 'GET /traced');
    const inner = spans.find((s) => s.name === 'inner work');
    expect(server?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(server?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(server?.attributes).toMatchObject({ 'http.route': '/traced', 'http.response.status_code': 200 });
    expect(inner?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(((await res.json()) as { traceparent: string }).traceparent).toContain('0af7651916cd43dd8448eb211c80319c');
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('starts a trace of its own without a traceparent', async () => {
    exporter.reset();
    await fetch(`${service.url}/traced`);
    await new Promise((r) => setTimeout(r, 20));
    const server = exporter.getFinishedSpans().find((s) => s.name === 'GET /traced');
    expect(server?.parentSpanContext).toBeUndefined();
    expect(server?.spanContext().traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
  });
});
