import { ROOT_CONTEXT, trace, type SpanContext } from '@opentelemetry/api';
import { hubTracer, inSpan, metricsRegistry } from '@educube/service-kit';
import { Histogram } from 'prom-client';

export const evidenceRefreshSeconds = new Histogram({
  name: 'educube_evidence_refresh_seconds',
  help: 'one evidence refresh round that re-evaluated at least one school: facts → evidence rows stored',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [metricsRegistry],
});

/** At most this many event traces are kept per school until its evidence is next written (a span's links are bounded too). */
const MAX_TRACES_PER_SCHOOL = 16;

/**
 * The traces of the events whose facts changed a school, kept until the school's evidence is
 * written: the evidence span then continues the first and links the rest, so an event's trace
 * reaches the evidence rows it changed, across the refresh timer's hop.
 */
export class PendingTraces {
  private readonly bySchool = new Map<string, SpanContext[]>();

  note(school: string, context: SpanContext): void {
    const list = this.bySchool.get(school) ?? [];
    if (list.length < MAX_TRACES_PER_SCHOOL) list.push(context);
    this.bySchool.set(school, list);
  }

  take(school: string): SpanContext[] {
    const list = this.bySchool.get(school) ?? [];
    this.bySchool.delete(school);
    return list;
  }
}

/** Writes one school's evidence inside `assessment.evidence.write`, a child of the first event trace that changed it (links to the others). */
export function traceEvidenceWrite<T>(
  school: string,
  traces: readonly SpanContext[],
  attributes: Record<string, string | number>,
  write: () => Promise<T>,
): Promise<T> {
  const [first, ...rest] = traces;
  // a school re-evaluated for another reason (a new day, a moved pool) starts no trace of its own
  if (!first) return write();
  return inSpan(
    hubTracer(),
    'assessment.evidence.write',
    { parent: trace.setSpanContext(ROOT_CONTEXT, first), attributes: { 'educube.school': school, ...attributes }, links: rest.map((context) => ({ context })) },
    write,
  );
}
