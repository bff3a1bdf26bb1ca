import { applyAll, emptyFacts, optionsFor, placedAs, referenceFigures, type ReferenceFigures, type SchoolFacts } from '@educube/assessment-engine';
import type { CloudEvent } from '@educube/contracts';
import type { SqlDatabase } from '@educube/postgres';
import { openEvidenceStore } from './evidence-store';
import { computeEvidence } from './evidence-rules';

export interface EvidenceRebuildProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

export interface EvidenceRebuildResult {
  readonly events: number;
  readonly schools: number;
  readonly rows: number;
  readonly identical: number;
  /** Rows whose replayed digest differs from the stored one, or that only one side has. */
  readonly different: readonly {
    readonly school: string;
    readonly standard: string;
    readonly itemId: string;
    readonly stored: string | null;
    readonly replayed: string | null;
  }[];
  readonly elapsedMs: number;
}

/**
 * Replays the assessment's own applied events into fresh facts and recomputes every stored
 * evidence row at its stored as-of date: a replay must give the same digests as the
 * incremental evaluation did. Reads only; the store is not changed.
 */
export async function rebuildEvidence(db: SqlDatabase, onProgress: (p: EvidenceRebuildProgress) => void = () => undefined): Promise<EvidenceRebuildResult> {
  const started = performance.now();
  // a database the service never ran on has neither table: that is an empty, identical rebuild
  const store = await openEvidenceStore(db);
  const stored = await store.digests();
  // schools are pooled where the live evaluation placed them (identity's tree), not asked again
  const regionOf = placedAs(await store.placements());
  const {
    rows: [exists],
  } = await db.query<{ found: boolean }>("select to_regclass('assessment_applied_events') is not null as found");
  const { rows: events } = exists?.found
    ? await db.query<{ event: CloudEvent }>('select event from assessment_applied_events order by position')
    : { rows: [] as { event: CloudEvent }[] };
  const bySchool = new Map<string, CloudEvent[]>();
  for (const { event } of events) {
    if (!event.subject) continue;
    const list = bySchool.get(event.subject) ?? [];
    list.push(event);
    bySchool.set(event.subject, list);
  }
  const asOfBySchool = new Map<string, Set<string>>();
  for (const r of stored) asOfBySchool.set(r.school, (asOfBySchool.get(r.school) ?? new Set()).add(r.asOf));
  const replayed = new Map<string, string>();
  const schools = [...asOfBySchool.keys()].sort();
  const allFacts = new Map<string, SchoolFacts>([...bySchool].map(([school, list]) => [school, applyAll(emptyFacts(school), list)]));
  const figuresAt = new Map<string, ReferenceFigures>();
  let done = 0;
  for (const school of schools) {
    const facts = allFacts.get(school) ?? emptyFacts(school);
    for (const asOf of asOfBySchool.get(school) ?? []) {
      // reference figures pool every school of the region, as the live evaluation did
      let figures = figuresAt.get(asOf);
      if (!figures) figuresAt.set(asOf, (figures = referenceFigures([...allFacts.values()], asOf, regionOf)));
      for (const row of computeEvidence(facts, optionsFor(facts, asOf, figures, regionOf)))
        replayed.set(`${school}|${row.standard}|${row.evidence.itemId}|${asOf}`, row.digest);
    }
    onProgress({ done: ++done, total: schools.length, elapsedMs: performance.now() - started });
  }
  const different: EvidenceRebuildResult['different'][number][] = [];
  let identical = 0;
  const seen = new Set<string>();
  for (const r of stored) {
    const key = `${r.school}|${r.standard}|${r.itemId}|${r.asOf}`;
    seen.add(key);
    const digest = replayed.get(key) ?? null;
    if (digest === r.digest) identical++;
    else different.push({ school: r.school, standard: r.standard, itemId: r.itemId, stored: r.digest, replayed: digest });
  }
  for (const [key, digest] of replayed) {
    if (seen.has(key)) continue;
    const [school = '', standard = '', itemId = ''] = key.split('|');
    different.push({ school, standard, itemId, stored: null, replayed: digest });
  }
  return { events: events.length, schools: schools.length, rows: stored.length, identical, different, elapsedMs: performance.now() - started };
}
