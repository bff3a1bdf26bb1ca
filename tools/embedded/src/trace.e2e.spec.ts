import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TeacherAssignedV1 } from '@educube/contracts';
import { anEvent } from '@educube/contracts/testing';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

// One event's trace from a school system's HTTP POST to the evidence row it changed, across two
// processes: the warehouse (ingest, append, projection) and the assessment (which reads the
// event from the warehouse's feed, applies it to its facts and writes evidence). Both export
// over OTLP/HTTP JSON to a tiny collector here; the test prints the trace as a tree.
const root = join(__dirname, '..', '..', '..');
const SCHOOL = '3302030001';

interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        startTimeUnixNano: string | number;
        endTimeUnixNano: string | number;
        attributes?: { key: string; value: OtlpValue }[];
      }[];
    }[];
  }[];
}

// OTLP/JSON spells ids in hex; some encoders use base64 (protobuf's JSON mapping): read either
const hexId = (id: string | undefined): string => (!id ? '' : /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex'));
const valueOf = (v: OtlpValue): unknown => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue;

/** A collector that keeps what it is sent: POST /v1/traces with OTLP JSON bodies. */
async function startCollector(): Promise<{ url: string; spans: CollectedSpan[]; contentTypes: Set<string>; close(): Promise<void> }> {
  const spans: CollectedSpan[] = [];
  const contentTypes = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.add(String(req.headers['content-type']));
      if (req.url !== '/v1/traces' || req.method !== 'POST') return void res.writeHead(404).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
      for (const rs of body.resourceSpans ?? []) {
        const service = String(valueOf(rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value ?? {}) ?? '?');
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              service,
              traceId: hexId(s.traceId),
              spanId: hexId(s.spanId),
              parentSpanId: hexId(s.parentSpanId),
              name: s.name,
              startNs: BigInt(s.startTimeUnixNano),
              endNs: BigInt(s.endTimeUnixNano),
              attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Starts a harness script as a child process; resolves with the URL it prints once it listens. */
function startProcess(name: string, script: string, env: Record<string, string>, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, script)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s:\n${stderr}`)), 120_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{"ready"')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { ready: string }).ready);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) during start-up:\n${stderr}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The trace as an indented tree: name [service] duration, children by start time. */
export function printTree(spans: readonly CollectedSpan[]): string {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, CollectedSpan[]>();
  for (const s of spans) {
    const parent = ids.has(s.parentSpanId) ? s.parentSpanId : '';
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => (a.startNs < b.startNs ? -1 : 1))) {
      const ms = Number(s.endNs - s.startNs) / 1e6;
      const detail = ['educube.position', 'educube.ingest.status', 'educube.evidence.written']
        .filter((k) => s.attributes[k] !== undefined)
        .map((k) => `${k.replace('educube.', '')}=${String(s.attributes[k])}`);
      lines.push(`${'  '.repeat(depth)}${s.name} [${s.service}] ${ms.toFixed(1)} ms${detail.length ? `  (${detail.join(', ')})` : ''}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines.join('\n');
}

describe('one trace from an HTTP POST of an event to its evidence row', () => {
  const children: ChildProcess[] = [];
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let issuer: TestIssuer;
  // the school system's own tracer (not the global one: the test plays another process)
  const school: { provider?: TracerProvider } = {};
  let warehouse: string;
  let assessment: string;

  beforeAll(async () => {
    collector = await startCollector();
    issuer = await startTestIssuer();
    const otel = {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OIDC_ISSUER: issuer.issuer,
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    warehouse = await startProcess('data-warehouse', 'apps/data-warehouse/src/testing/traced-warehouse.ts', otel, children);
    assessment = await startProcess(
      'assessment',
      'apps/assessment/src/testing/traced-assessment.ts',
      { ...otel, WAREHOUSE_URL: warehouse, SERVICE_CLIENT_SECRET: 'test-assessment-secret', ASSESSMENT_POLL_MS: '100', ASSESSMENT_EVIDENCE_REFRESH_MS: '100' },
      children,
    );
    // the test plays the school system: its own span is the event's traceparent
    school.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'school-system' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${collector.url}/v1/traces` }) })],
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    await school.provider?.shutdown();
    await issuer?.close();
    await collector?.close();
  });

  it('links school system → warehouse (request, ingest, append, projection) → assessment (facts, evidence)', async () => {
    const send = (school.provider as TracerProvider).getTracer('school-system').startSpan('school-system send TeacherAssigned');
    const { traceId, spanId } = send.spanContext();
    const traceparent = `00-${traceId}-${spanId}-01`;
    const event = anEvent(TeacherAssignedV1, {}, { subject: SCHOOL, traceparent });
    const res = await fetch(`${warehouse}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', traceparent, ...(await issuer.bearer(actors.schoolSystem(SCHOOL))) },
      body: JSON.stringify(event),
    });
    send.end();
    await school.provider?.forceFlush();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const answer = (await res.json()) as { results: { status: string; position: string }[] };
    expect(answer.results[0]?.status).toBe('accepted');
    const position = BigInt(answer.results[0]?.position ?? '0');

    // the evidence row: stored by the assessment from facts at or past the event's feed position
    const reader = await issuer.bearer(actors.service('educube-gateway-service', 'educube-assessment'));
    let rows: { itemId: string; feedPosition: string }[] = [];
    const until = Date.now() + 60_000;
    while (!rows.some((r) => BigInt(r.feedPosition) >= position)) {
      if (Date.now() > until) throw new Error(`no evidence row of ${SCHOOL} at feed position ${position} within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
      const stored = await fetch(`${assessment}/v1/schools/${SCHOOL}/evidence`, { headers: reader });
      if (stored.ok) rows = ((await stored.json()) as { evidence: { itemId: string; feedPosition: string }[] }).evidence;
    }

    // the batch processors export within a second or two
    const wanted = [
      'POST /v1/events',
      `ingest ${TeacherAssignedV1.type}`,
      'eventstore.append',
      'projection.apply',
      'assessment.facts.apply',
      'assessment.evidence.write',
    ];
    const inTrace = () => collector.spans.filter((s) => s.traceId === traceId);
    const spansUntil = Date.now() + 30_000;
    while (!wanted.every((name) => inTrace().some((s) => s.name === name))) {
      if (Date.now() > spansUntil)
        throw new Error(
          `spans missing from trace ${traceId}: ${wanted.filter((n) => !inTrace().some((s) => s.name === n)).join(', ')}; got ${inTrace()
            .map((s) => `${s.name} [${s.service}]`)
            .join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
    const spans = inTrace();
    process.stdout.write(`\ntrace ${traceId} (evidence rows of ${SCHOOL}: ${rows.length}, event at feed position ${position})\n${printTree(spans)}\n\n`);

    const one = (name: string) => spans.find((s) => s.name === name) as CollectedSpan;
    const producer = one('school-system send TeacherAssigned');
    const request = one('POST /v1/events');
    const ingest = one(`ingest ${TeacherAssignedV1.type}`);
    const append = one('eventstore.append');
    const projection = one('projection.apply');
    const facts = one('assessment.facts.apply');
    const evidence = one('assessment.evidence.write');
    expect([request, ingest, append, projection].map((s) => s.service)).toEqual(['data-warehouse', 'data-warehouse', 'data-warehouse', 'data-warehouse']);
    expect([facts, evidence].map((s) => s.service)).toEqual(['assessment', 'assessment']);
    expect(request.parentSpanId).toBe(producer.spanId);
    expect(ingest.parentSpanId).toBe(request.spanId);
    expect(append.parentSpanId).toBe(ingest.spanId);
    expect(projection.parentSpanId).toBe(producer.spanId);
    expect(facts.parentSpanId).toBe(producer.spanId);
    expect(evidence.parentSpanId).toBe(facts.spanId);
    expect(ingest.attributes).toMatchObject({ 'cloudevents.event_id': event.id, 'educube.position': position.toString(), 'educube.school': SCHOOL });
    expect(facts.attributes).toMatchObject({ 'cloudevents.event_id': event.id, 'educube.position': position.toString() });
    expect(Number(evidence.attributes['educube.evidence.written'])).toBeGreaterThan(0);
    expect([...collector.contentTypes]).toEqual(['application/json']);
  }, 120_000);
});
