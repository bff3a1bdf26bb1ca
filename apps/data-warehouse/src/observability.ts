import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { eventRegistry, familyOfTopic, familyOfType } from '@educube/contracts';
import type { Channel, EventResult } from '@educube/warehouse-ingestion';
import { contextOf, hubTracer, inSpan, metricsRegistry, tracingEnabled, withDeadline } from '@educube/service-kit';
import { Counter, Gauge } from 'prom-client';

// Labels stay bounded: family is one of the contracts' seven (or unknown), source the channel,
// rule one of the contract's and hub's rule names (anything else reads `other`).
export const eventsAccepted = new Counter({
  name: 'educube_events_accepted_total',
  help: 'events appended to the store, by family and channel',
  labelNames: ['family', 'source'],
  registers: [metricsRegistry],
});
export const eventsRejected = new Counter({
  name: 'educube_events_rejected_total',
  help: 'events refused (dead-lettered: rejected or conflicting), by family, channel and first rule broken',
  labelNames: ['family', 'source', 'rule'],
  registers: [metricsRegistry],
});

const RULE = /^[a-z0-9-]{1,48}$/;
const ruleLabel = (rule: string | undefined): string => (rule && RULE.test(rule) ? rule : 'other');
const record = (raw: unknown): Record<string, unknown> => (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {});
const familyOf = (type: unknown): string => (typeof type === 'string' ? (familyOfType(type) ?? 'unknown') : 'unknown');

/** Counts one batch's outcomes (duplicates and parked events are neither accepted nor refused yet). */
export function countResults(channel: Channel, results: readonly EventResult[], raws: readonly unknown[]): void {
  for (const r of results) {
    const family = familyOf(record(raws[r.index])['type']);
    if (r.status === 'accepted') eventsAccepted.inc({ family, source: channel });
    else if (r.status === 'rejected') eventsRejected.inc({ family, source: channel, rule: ruleLabel(r.problems[0]?.rule) });
    else if (r.status === 'conflict') eventsRejected.inc({ family, source: channel, rule: 'same-id-same-content' });
  }
}

/** A refusal of something that never became an event (a body that is not JSON, an undecodable record). */
export function countUnreadable(channel: Channel, rule: string, topic?: string): void {
  eventsRejected.inc({ family: (topic && familyOfTopic(topic)) || 'unknown', source: channel, rule: ruleLabel(rule) });
}

/** What the consumer has not committed yet, per partition; set from the broker's answer when scraped. */
let lagSource: (() => Promise<readonly { topic: string; partition: number; lag: number }[] | undefined>) | undefined;

/** The consumer's lag, asked of the broker when Prometheus scrapes (KafkaIngestion caches it 5 s); undefined stops it. */
export function reportKafkaLag(source: typeof lagSource): void {
  lagSource = source;
}

export const kafkaConsumerLag: Gauge<'topic' | 'partition'> = new Gauge({
  name: 'educube_kafka_consumer_lag',
  help: "messages on a partition the warehouse's consumer group has not committed (high watermark − committed offset)",
  labelNames: ['topic', 'partition'],
  registers: [metricsRegistry],
  async collect() {
    if (!lagSource) return;
    // a broker that does not answer leaves the last figures rather than stalling the scrape
    const partitions = await withDeadline(lagSource(), 2_000).catch(() => undefined);
    if (!partitions) return;
    kafkaConsumerLag.reset();
    for (const p of partitions) kafkaConsumerLag.set({ topic: p.topic, partition: String(p.partition) }, p.lag);
  },
});

/**
 * Runs the ingest pipeline of one batch inside spans: one `ingest <type>` per event, a child of
 * the event's own `traceparent` (the CloudEvents distributed-tracing extension) — or of the
 * request's span when that continues the same trace, so the tree reads HTTP → ingest → append —
 * and the store's append as a child of the event's span (of an `ingest batch` span linking them
 * all when the batch holds several). Without tracing it only runs the pipeline.
 */
export async function tracedIngest<T extends { results: readonly EventResult[] }>(
  raws: readonly unknown[],
  channel: Channel,
  run: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return run();
  const tracer = hubTracer();
  const active = context.active();
  const activeSpan = trace.getSpanContext(active);
  const spans: Span[] = raws.map((raw) => {
    const r = record(raw);
    const type = typeof r['type'] === 'string' && eventRegistry.get(r['type']) ? r['type'] : undefined;
    const own = contextOf(r['traceparent'], r['tracestate']);
    const ownTrace = own ? trace.getSpanContext(own)?.traceId : undefined;
    const parent: Context = own && ownTrace !== activeSpan?.traceId ? own : active;
    return tracer.startSpan(
      `ingest ${type ?? '(unknown type)'}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'educube.channel': channel,
          ...(typeof r['id'] === 'string' ? { 'cloudevents.event_id': r['id'].slice(0, 128) } : {}),
          ...(type ? { 'cloudevents.event_type': type } : {}),
          ...(typeof r['subject'] === 'string' ? { 'educube.school': r['subject'].slice(0, 16) } : {}),
        },
        // the event's own trace is not the request's: the request stays one hop away
        ...(parent !== active && activeSpan ? { links: [{ context: activeSpan }] } : {}),
      },
      parent,
    );
  });
  const end = (error?: unknown) => {
    for (const span of spans) {
      if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
    }
  };
  try {
    const first = spans[0];
    const result =
      spans.length === 1 && first
        ? await context.with(trace.setSpan(context.active(), first), run)
        : await inSpan(
            tracer,
            'ingest batch',
            { attributes: { 'educube.channel': channel, 'educube.events': raws.length }, links: spans.slice(0, 32).map((s) => ({ context: s.spanContext() })) },
            () => run(),
          );
    for (const r of result.results) {
      const span = spans[r.index];
      if (!span) continue;
      span.setAttribute('educube.ingest.status', r.status);
      if (r.status === 'accepted') span.setAttribute('educube.position', r.position);
      if (r.status === 'rejected') span.setAttribute('educube.rule', ruleLabel(r.problems[0]?.rule));
    }
    end();
    return result;
  } catch (error) {
    end(error);
    throw error;
  }
}
