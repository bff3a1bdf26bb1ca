/**
 * The cockpit's ingestion strip: what the warehouse's `/v1/ingestion/health` says, boiled down
 * to totals, per family and per school. The endpoint is young, so every field is read
 * defensively: a missing figure is shown as missing, never invented.
 */

export interface IngestionSummary {
  readonly available: true;
  readonly storedEvents: number | null;
  readonly totals: {
    accepted: number | null;
    duplicates: number | null;
    conflicts: number | null;
    deadLetters: number | null;
    parked: number | null;
    eventsPerMinute: number | null;
  };
  /** the latest `time` of an accepted event, over every source */
  readonly lastEventTime: string | null;
  readonly families: { family: string; accepted: number; rejects: number; parked: number }[];
  readonly schools: { schoolCode: string; accepted: number; rejects: number; parked: number; lastEventTime: string | null }[];
}

export type IngestionStatus = IngestionSummary | { readonly available: false; readonly reason: string };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const later = (a: string | null, b: string | null): string | null => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);

/** `/schools/<code>/<family>` → the family; any other source stays as it is. */
export const familyOf = (source: string): string => /^\/schools\/[^/]+\/([^/]+)$/.exec(source)?.[1] ?? source;

export function summariseIngestion(body: unknown): IngestionSummary {
  const o = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const t = o['totals'] && typeof o['totals'] === 'object' ? (o['totals'] as Record<string, unknown>) : {};
  const sources = Array.isArray(o['sources']) ? (o['sources'] as unknown[]) : [];
  const families = new Map<string, { family: string; accepted: number; rejects: number; parked: number }>();
  const schools = new Map<string, { schoolCode: string; accepted: number; rejects: number; parked: number; lastEventTime: string | null }>();
  let lastEventTime: string | null = null;
  for (const raw of sources) {
    if (!raw || typeof raw !== 'object') continue;
    const s = raw as Record<string, unknown>;
    const accepted = num(s['accepted']) ?? 0;
    const rejects = num(s['rejects']) ?? 0;
    const parked = num(s['parked']) ?? 0;
    const time = str(s['lastEventTime']);
    lastEventTime = later(lastEventTime, time);
    const family = familyOf(str(s['source']) ?? '(unknown)');
    const f = families.get(family) ?? { family, accepted: 0, rejects: 0, parked: 0 };
    families.set(family, { family, accepted: f.accepted + accepted, rejects: f.rejects + rejects, parked: f.parked + parked });
    const code = str(s['schoolCode']) ?? '(unknown)';
    const sc = schools.get(code) ?? { schoolCode: code, accepted: 0, rejects: 0, parked: 0, lastEventTime: null };
    schools.set(code, {
      schoolCode: code,
      accepted: sc.accepted + accepted,
      rejects: sc.rejects + rejects,
      parked: sc.parked + parked,
      lastEventTime: later(sc.lastEventTime, time),
    });
  }
  return {
    available: true,
    storedEvents: num(o['storedEvents']),
    totals: {
      accepted: num(t['accepted']),
      duplicates: num(t['duplicates']),
      conflicts: num(t['conflicts']),
      deadLetters: num(t['deadLetters']),
      parked: num(t['parked']),
      eventsPerMinute: num(t['eventsPerMinute']),
    },
    lastEventTime,
    families: [...families.values()].sort((a, b) => b.accepted - a.accepted || a.family.localeCompare(b.family)),
    schools: [...schools.values()].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode)),
  };
}

/** Asks the warehouse; any failure (not running, no such endpoint yet, not JSON) is "unavailable", with the reason. */
export async function fetchIngestion(
  warehouseUrl: string | undefined,
  send: (url: string, init?: RequestInit) => Promise<Response> = fetch,
): Promise<IngestionStatus> {
  if (!warehouseUrl) return { available: false, reason: 'no data-warehouse among the upstreams' };
  try {
    const res = await send(`${warehouseUrl.replace(/\/$/, '')}/v1/ingestion/health`, { signal: AbortSignal.timeout(2_000) });
    if (!res.ok) return { available: false, reason: `the warehouse answered ${res.status}` };
    return summariseIngestion(await res.json());
  } catch (e) {
    return { available: false, reason: (e as Error).message };
  }
}
