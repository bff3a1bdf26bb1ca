import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

/** The instrumentation scope of the hub's own spans (ingest, projection, evidence). */
export const TRACER_NAME = '@educube/hub';

/** The tracer the hub's code starts spans with: the API's no-op one until tracing is installed. */
export const hubTracer = (): Tracer => trace.getTracer(TRACER_NAME);

export interface TracingSettings {
  readonly OTEL_TRACES_EXPORTER: 'none' | 'otlp';
  readonly OTEL_SERVICE_NAME?: string | undefined;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
}

export interface InstalledTracing {
  readonly serviceName: string;
  /** exports what is buffered (a closing service must not lose its last spans) */
  flush(): Promise<void>;
  /** flushes and removes the provider, so the API is a no-op again */
  shutdown(): Promise<void>;
}

let installed: (InstalledTracing & { provider: TracerProvider }) | undefined;
const propagator = new W3CTraceContextPropagator();

/** Whether spans are recorded in this process (otherwise every span is the API's no-op one). */
export const tracingEnabled = (): boolean => installed !== undefined;

/**
 * Installs a tracer provider for the whole process (OpenTelemetry's API has one global). The
 * exporter is OTLP/HTTP from settings; tests pass an InMemorySpanExporter with `simple`, so a
 * span is readable as soon as it ends. A second call is answered with the first installation:
 * services embedded in one process share it.
 */
export function installTracing(options: { serviceName: string; serviceVersion?: string; exporter: SpanExporter; simple?: boolean }): InstalledTracing {
  if (installed) return installed;
  const processor = options.simple
    ? new SimpleSpanProcessor({ exporter: options.exporter })
    : new BatchSpanProcessor({ exporter: options.exporter, scheduledDelayMillis: 1_000 });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(propagator);
  trace.setGlobalTracerProvider(provider);
  const handle = {
    serviceName: options.serviceName,
    provider,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      if (installed !== handle) return;
      installed = undefined;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  installed = handle;
  return handle;
}

/** Where OTLP/HTTP traces go: the traces endpoint as given, else the base endpoint + /v1/traces (the spec's rule). */
export function otlpTracesUrl(settings: TracingSettings): string {
  if (settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = settings.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318';
  return `${base.replace(/\/$/, '')}/v1/traces`;
}

/** Tracing as the settings ask: OTLP/HTTP (JSON) with a batch processor, or nothing (the default). */
export function tracingFromSettings(service: string, version: string, settings: TracingSettings): InstalledTracing | undefined {
  if (settings.OTEL_TRACES_EXPORTER !== 'otlp') return undefined;
  if (installed) return installed;
  return installTracing({
    serviceName: settings.OTEL_SERVICE_NAME ?? service,
    serviceVersion: version,
    exporter: new OTLPTraceExporter({ url: otlpTracesUrl(settings) }),
  });
}

/**
 * The context a W3C `traceparent` (and `tracestate`) names, e.g. a CloudEvent's distributed
 * tracing extension; undefined for no value or one that is not a valid traceparent.
 */
export function contextOf(traceparent: unknown, tracestate?: unknown, base: Context = ROOT_CONTEXT): Context | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const carrier: Record<string, string> = { traceparent };
  if (typeof tracestate === 'string') carrier['tracestate'] = tracestate;
  const extracted = propagator.extract(base, carrier, { get: (c, k) => c[k], keys: (c) => Object.keys(c) });
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/** The span context a traceparent names (for a link), if it is valid. */
export function spanContextOf(traceparent: unknown): SpanContext | undefined {
  const ctx = contextOf(traceparent);
  return ctx ? trace.getSpanContext(ctx) : undefined;
}

/** The `traceparent` of a span, to carry it on (a header, a stored event's metadata). */
export function traceparentOf(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, { set: (c, k, v) => (c[k] = v) });
  return carrier['traceparent'];
}

/** The active span's trace id, for log lines; undefined when no span is recording. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

/** Links to the valid traceparents among `traceparents`, at most `max` (a span's links are bounded). */
export function linksOf(traceparents: readonly unknown[], max = 32): Link[] {
  const links: Link[] = [];
  for (const tp of traceparents) {
    if (links.length >= max) break;
    const ctx = spanContextOf(tp);
    if (ctx) links.push({ context: ctx });
  }
  return links;
}

/** Runs `fn` in a span that ends when `fn` settles, marked as an error when it throws. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  options: { parent?: Context; attributes?: Record<string, string | number | boolean>; links?: Link[] },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(
    name,
    { ...(options.attributes ? { attributes: options.attributes } : {}), ...(options.links ? { links: options.links } : {}) },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** An event a batch step handles: its stored `traceparent` and what its span should say. */
export interface TracedEvent {
  readonly traceparent: unknown;
  readonly attributes: Record<string, string | number | boolean>;
}

/**
 * Runs one batch step (a projection's page, in one transaction) with a span per event that
 * carries a traceparent, each a child of that event's trace and as long as the whole step: an
 * event's trace then shows where it was applied, whichever process read it. Events without a
 * traceparent get no span; without tracing nothing is created. `run` gets the spans (undefined
 * for an event without one), e.g. to hand them on to a later step.
 */
export async function withEventSpans<T>(name: string, events: readonly TracedEvent[], run: (spans: readonly (Span | undefined)[]) => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return run([]);
  const tracer = hubTracer();
  const spans = events.map((e) => {
    const parent = contextOf(e.traceparent);
    return parent ? tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes: e.attributes }, parent) : undefined;
  });
  try {
    const result = await run(spans);
    for (const span of spans) span?.end();
    return result;
  } catch (error) {
    for (const span of spans) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span?.end();
    }
    throw error;
  }
}
