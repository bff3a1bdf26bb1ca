// Ingestion health over a set of schools (a region's, or a dashboard page's), pure: the app hands
// in its per-source counters and the durable dead-letter and parked counts; nothing here reads a
// clock or a database.

/** One source system's counters for one school, as the warehouse keeps them since it started. */
export interface SourceCounters {
  readonly source: string;
  readonly schoolCode: string;
  /** the greatest event time accepted */
  readonly lastEventTime: string | null;
  /** when the warehouse last received anything from it, whatever the outcome */
  readonly lastReceivedAt: string | null;
  readonly eventsPerMinute: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly conflicts: number;
  readonly rejects: number;
  readonly parked: number;
}

/** Durable counts per school and source: dead letters (rejected or conflicting) and parked events. */
export interface KeptCounts {
  readonly schoolCode: string | null;
  readonly source: string | null;
  readonly rejects: number;
  readonly parked: number;
}

/**
 * Silent: it has sent before, and nothing has arrived from it for `minutes` (whatever the
 * outcome: a source whose events are all refused is broken, not silent).
 */
export function isSilent(lastReceivedAt: string | null, now: Date, minutes: number): boolean {
  if (lastReceivedAt === null) return false;
  return now.getTime() - Date.parse(lastReceivedAt) >= minutes * 60_000;
}

const latest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a);
const tenth = (n: number): number => Math.round(n * 10) / 10;

export interface SourceHealth {
  readonly school: string;
  readonly source: string;
  readonly accepted: number;
  readonly duplicates: number;
  readonly conflicts: number;
  /** refused since the warehouse started (the durable count is `deadLetters`) */
  readonly rejects: number;
  readonly deadLetters: number;
  readonly parked: number;
  readonly eventsPerMinute: number;
  readonly lastEventAt: string | null;
  readonly lastReceivedAt: string | null;
  readonly silent: boolean;
}

export interface HealthSummary {
  readonly totals: { accepted: number; duplicates: number; conflicts: number; deadLetters: number; parked: number; eventsPerMinute: number };
  readonly lastEventAt: string | null;
  readonly lastReceivedAt: string | null;
  readonly silentSources: { school: string; source: string; lastEventAt: string | null; lastReceivedAt: string | null }[];
  /** schools of the set from which nothing has arrived since the warehouse started */
  readonly schoolsWithoutEvents: number;
  readonly sources: SourceHealth[];
}

/**
 * Health of `schools`: per source and school (counters joined to the durable counts), totals,
 * the latest event and the silent sources. Counters and counts of other schools are ignored.
 */
export function healthOf(
  schools: ReadonlySet<string>,
  counters: readonly SourceCounters[],
  kept: readonly KeptCounts[],
  now: Date,
  silentAfterMinutes: number,
): HealthSummary {
  const key = (school: string, source: string): string => `${school}\u0000${source}`;
  const bySource = new Map<string, { school: string; source: string; c: SourceCounters | undefined; deadLetters: number; parked: number }>();
  for (const c of counters)
    if (schools.has(c.schoolCode)) bySource.set(key(c.schoolCode, c.source), { school: c.schoolCode, source: c.source, c, deadLetters: 0, parked: 0 });
  for (const k of kept) {
    if (k.schoolCode === null || !schools.has(k.schoolCode)) continue;
    const id = key(k.schoolCode, k.source ?? '(unknown)');
    const entry = bySource.get(id) ?? { school: k.schoolCode, source: k.source ?? '(unknown)', c: undefined, deadLetters: 0, parked: 0 };
    entry.deadLetters += k.rejects;
    entry.parked += k.parked;
    bySource.set(id, entry);
  }
  const sources: SourceHealth[] = [...bySource.values()]
    .map(({ school, source, c, deadLetters, parked }) => ({
      school,
      source,
      accepted: c?.accepted ?? 0,
      duplicates: c?.duplicates ?? 0,
      conflicts: c?.conflicts ?? 0,
      rejects: c?.rejects ?? 0,
      deadLetters,
      parked,
      eventsPerMinute: c?.eventsPerMinute ?? 0,
      lastEventAt: c?.lastEventTime ?? null,
      lastReceivedAt: c?.lastReceivedAt ?? null,
      silent: isSilent(c?.lastReceivedAt ?? null, now, silentAfterMinutes),
    }))
    .sort((a, b) => (a.school === b.school ? (a.source < b.source ? -1 : 1) : a.school < b.school ? -1 : 1));
  const heard = new Set(sources.filter((s) => s.lastReceivedAt !== null).map((s) => s.school));
  return {
    totals: {
      accepted: sources.reduce((n, s) => n + s.accepted, 0),
      duplicates: sources.reduce((n, s) => n + s.duplicates, 0),
      conflicts: sources.reduce((n, s) => n + s.conflicts, 0),
      deadLetters: sources.reduce((n, s) => n + s.deadLetters, 0),
      parked: sources.reduce((n, s) => n + s.parked, 0),
      eventsPerMinute: tenth(sources.reduce((n, s) => n + s.eventsPerMinute, 0)),
    },
    lastEventAt: sources.reduce<string | null>((t, s) => latest(t, s.lastEventAt), null),
    lastReceivedAt: sources.reduce<string | null>((t, s) => latest(t, s.lastReceivedAt), null),
    silentSources: sources
      .filter((s) => s.silent)
      .map((s) => ({ school: s.school, source: s.source, lastEventAt: s.lastEventAt, lastReceivedAt: s.lastReceivedAt })),
    schoolsWithoutEvents: [...schools].filter((s) => !heard.has(s)).length,
    sources,
  };
}
