import { SchoolRegisteredV1, TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { visibilityFrom } from '@educube/identity-client/testing';
import { startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { installTracing, startService, type InstalledTracing, type RunningService } from '@educube/service-kit';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type { AssessmentConfig } from './service';
import { startStubFeed, type StubFeed } from './testing/feed';
import { assessmentWith } from './testing/service';

const TRACE = '5bf92f3577b34da6a3ce929d0e0e4737';
const INGEST_SPAN = '10f067aa0ba902b8';
const school = '3302030001';

describe('the assessment continues the traces of the events it reads from the feed', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: InstalledTracing;
  let issuer: TestIssuer;
  let feed: StubFeed;
  let running: RunningService<AssessmentConfig>;

  beforeAll(async () => {
    tracing = installTracing({ serviceName: 'assessment', exporter, simple: true });
    issuer = await startTestIssuer();
    feed = await startStubFeed([anEvent(SchoolRegisteredV1, {}, { subject: school })], 10);
    running = await startService(assessmentWith(visibilityFrom([{ code: school, regionCode: '330203' }])), {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ASSESSMENT_DATA_DIR: 'memory://',
      WAREHOUSE_URL: feed.url,
      ASSESSMENT_POLL_MS: '50',
      ASSESSMENT_EVIDENCE_REFRESH_MS: '50',
      OIDC_ISSUER: issuer.issuer,
    });
  }, 60_000);
  afterAll(async () => {
    await running.close();
    await feed.close();
    await issuer.close();
    await tracing.shutdown();
  });

  async function waitFor(name: string): Promise<ReadableSpan> {
    const until = Date.now() + 20_000;
    for (;;) {
      const span = exporter.getFinishedSpans().find((s) => s.name === name && s.spanContext().traceId === TRACE);
      if (span) return span;
      if (Date.now() > until) throw new Error(`no ${name} span in trace ${TRACE}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('facts.apply is a child of the event traceparent, evidence.write a child of facts.apply', async () => {
    const event = anEvent(TeacherAssignedV1, {}, { subject: school, traceparent: `00-${TRACE}-${INGEST_SPAN}-01` });
    feed.push(event);
    const facts = await waitFor('assessment.facts.apply');
    const evidence = await waitFor('assessment.evidence.write');
    expect(facts.parentSpanContext?.spanId).toBe(INGEST_SPAN);
    expect(facts.attributes).toMatchObject({ 'cloudevents.event_id': event.id, 'educube.school': school, 'educube.position': '4' });
    expect(evidence.parentSpanContext?.spanId).toBe(facts.spanContext().spanId);
    expect(evidence.attributes).toMatchObject({ 'educube.school': school });
    expect(Number(evidence.attributes['educube.evidence.rows'])).toBeGreaterThan(0);
  });

  it('reports the evidence refresh time and the feed lag on /metrics', async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(/educube_evidence_refresh_seconds_count\{service="assessment"\} [1-9]/);
    expect(text).toMatch(/educube_projection_lag_seconds\{projection="assessment-feed",service="assessment"\} [\d.]+/);
  });
});
