import { LessonTimetabledV1, toKafkaRecord, TOPICS } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { actors } from '@educube/oidc/testing';
import { installTracing, type InstalledTracing } from '@educube/service-kit';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { KafkaIngestion } from './kafka/kafka-ingestion';
import { startTestWarehouse } from './testing/warehouse';

// a school system's own span: the event's traceparent, and the request's too
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PRODUCER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE}-${PRODUCER_SPAN}-01`;

describe('an ingested event, traced and counted', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: InstalledTracing;
  let running: Awaited<ReturnType<typeof startTestWarehouse>>;

  beforeAll(async () => {
    tracing = installTracing({ serviceName: 'data-warehouse', exporter, simple: true });
    running = await startTestWarehouse({});
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await tracing.shutdown();
  });

  const spansOf = (trace: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === trace);
  async function waitFor(name: string, trace: string): Promise<ReadableSpan> {
    const until = Date.now() + 20_000;
    for (;;) {
      const span = spansOf(trace).find((s) => s.name === name);
      if (span) return span;
      if (Date.now() > until)
        throw new Error(
          `no ${name} span in trace ${trace}; have ${spansOf(trace)
            .map((s) => s.name)
            .join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('HTTP → ingest → append in one trace under the request, and the projection a child of the event traceparent', async () => {
    const event = anEvent(LessonTimetabledV1, {}, { traceparent: TRACEPARENT });
    const res = await running.call(
      '/v1/events',
      { method: 'POST', headers: { 'content-type': 'application/cloudevents+json', traceparent: TRACEPARENT }, body: JSON.stringify(event) },
      actors.schoolSystem('3302030001'),
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { results: { status: string; position: string }[] };
    expect(answer.results[0]?.status).toBe('accepted');

    const request = await waitFor('POST /v1/events', TRACE);
    const ingest = await waitFor(`ingest ${LessonTimetabledV1.type}`, TRACE);
    const append = await waitFor('eventstore.append', TRACE);
    const projection = await waitFor('projection.apply', TRACE);
    expect(request.parentSpanContext?.spanId).toBe(PRODUCER_SPAN);
    expect(ingest.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(append.parentSpanContext?.spanId).toBe(ingest.spanContext().spanId);
    // the projection runs in its own loop: it continues the event's stored traceparent
    expect(projection.parentSpanContext?.spanId).toBe(PRODUCER_SPAN);
    expect(ingest.attributes).toMatchObject({
      'cloudevents.event_id': event.id,
      'cloudevents.event_type': LessonTimetabledV1.type,
      'educube.school': '3302030001',
      'educube.ingest.status': 'accepted',
      'educube.position': answer.results[0]?.position,
    });
    expect(append.attributes).toMatchObject({ 'educube.appended': 1, 'educube.position.first': answer.results[0]?.position });
    expect(projection.attributes).toMatchObject({
      'cloudevents.event_id': event.id,
      'educube.position': answer.results[0]?.position,
      'educube.projection': 'warehouse-facts',
    });
  });

  it('keeps the traceparent with the stored event, so the feed hands it on', async () => {
    const feed = (await (await running.get('/v1/feed?after=0')).json()) as { events: { event: { traceparent?: string } }[] };
    expect(feed.events.map((e) => e.event.traceparent)).toContain(TRACEPARENT);
  });

  it('an event sent in binary mode carries its traceparent as the ce-traceparent header', async () => {
    const trace = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab';
    const { data, ...attributes } = anEvent(LessonTimetabledV1, {}, { id: 'binary-traced-1' });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'ce-traceparent': `00-${trace}-bbbbbbbbbbbbbbbb-01` };
    for (const [k, v] of Object.entries(attributes)) if (typeof v === 'string') headers[`ce-${k}`] = v;
    const res = await running.call('/v1/events', { method: 'POST', headers, body: JSON.stringify(data) }, actors.schoolSystem('3302030001'));
    expect(((await res.json()) as { results: { status: string }[] }).results[0]?.status).toBe('accepted');
    // no traceparent header: the request is a trace of its own, linked from the event's ingest span
    const ingest = await waitFor(`ingest ${LessonTimetabledV1.type}`, trace);
    expect(ingest.parentSpanContext?.spanId).toBe('bbbbbbbbbbbbbbbb');
    expect(ingest.links).toHaveLength(1);
    await waitFor('eventstore.append', trace);
  });

  it('a Kafka record carries its traceparent as the ce_traceparent header', async () => {
    const trace = 'cccccccccccccccccccccccccccccccd';
    const record = toKafkaRecord(anEvent(LessonTimetabledV1, {}, { id: 'kafka-traced-1', traceparent: `00-${trace}-dddddddddddddddd-01` }));
    expect(record.headers['ce_traceparent']).toBeDefined();
    await running.app
      .get(KafkaIngestion)
      .handle([{ topic: TOPICS.timetabling, partition: 0, offset: '0', key: record.key, value: record.value, headers: record.headers }]);
    const ingest = await waitFor(`ingest ${LessonTimetabledV1.type}`, trace);
    expect(ingest.parentSpanContext?.spanId).toBe('dddddddddddddddd');
    expect(ingest.attributes).toMatchObject({ 'educube.channel': 'kafka', 'educube.ingest.status': 'accepted' });
    expect((await waitFor('eventstore.append', trace)).parentSpanContext?.spanId).toBe(ingest.spanContext().spanId);
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(/educube_events_accepted_total\{family="timetabling",source="kafka",service="data-warehouse"\} 1/);
  });

  it('counts accepted and rejected events per family and channel on /metrics', async () => {
    await running.post([{ ...anEvent(LessonTimetabledV1), time: 'not a time' }]);
    await running.post('not json', '3302030001', 'application/json');
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(/educube_events_accepted_total\{family="timetabling",source="http",service="data-warehouse"\} 2/);
    expect(text).toMatch(/educube_events_rejected_total\{family="timetabling",source="http",rule="[a-z-]+",service="data-warehouse"\} 1/);
    expect(text).toMatch(/educube_events_rejected_total\{family="unknown",source="http",rule="json",service="data-warehouse"\} 1/);
    expect(text).toMatch(/educube_projection_lag_events\{projection="warehouse-facts",service="data-warehouse"\} \d+/);
    expect(text).toMatch(/educube_projection_lag_seconds\{projection="warehouse-facts",service="data-warehouse"\} [\d.]+/);
  });
});
