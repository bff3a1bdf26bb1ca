import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { ALL_EVENTS } from './events';
import { generateContractFiles, SCHEMA_FORMAT } from './generate';

interface Doc {
  components: {
    messages: Record<string, { payload: { schemaFormat: string } }>;
    schemas: Record<string, { schemaFormat: string; schema: { properties: Record<string, unknown> } }>;
  };
  channels: Record<string, { messages: Record<string, { contentType?: string; payload?: { $ref: string }; $ref?: string }> }>;
}

describe('AsyncAPI document', () => {
  const doc = parse(generateContractFiles().get('generated/asyncapi.yaml')!) as Doc;

  it('declares the JSON Schema 2020-12 format of every payload', () => {
    for (const m of Object.values(doc.components.messages)) expect(m.payload.schemaFormat).toBe(SCHEMA_FORMAT);
    for (const s of Object.values(doc.components.schemas)) expect(s.schemaFormat).toBe(SCHEMA_FORMAT);
  });

  it('describes both Kafka modes of every event type: binary (ce_ headers + data) and structured (the whole event)', () => {
    const all = Object.values(doc.channels).flatMap((c) => Object.values(c.messages));
    const structured = all.filter((m) => m.contentType === 'application/cloudevents+json');
    expect(all.filter((m) => m.$ref)).toHaveLength(ALL_EVENTS.length);
    expect(structured).toHaveLength(ALL_EVENTS.length);
    const event = doc.components.schemas['LessonTimetabledV1Event']!.schema;
    expect(Object.keys(event.properties)).toEqual(expect.arrayContaining(['specversion', 'id', 'type', 'subject', 'data']));
  });

  it('parses clean with the AsyncAPI parser an integrator uses (@asyncapi/parser): no error, no warning', async () => {
    const { document, diagnostics } = await new Parser().parse(generateContractFiles().get('generated/asyncapi.yaml')!);
    // severity 0 is an error, 1 a warning (Spectral's DiagnosticSeverity)
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document).toBeDefined();
  }, 60_000);
});
