/**
 * The cockpit's query set, as officers' browsers send it to the gateway's GraphQL endpoint, and
 * the closed loop of concurrent clients that runs it. Every answer is checked for `errors` and
 * for the null a refused or unknown region or school reads as: errors are counted apart and
 * never enter the latencies.
 */
import { Rng } from '@educube/simulator';
import { STANDARDS } from './dashboards-seed';

export const REGION_OVERVIEW = `query RegionOverview($code: ID!) {
  region(code: $code) {
    name level schoolCount
    children { code name schoolCount }
    ningxia: standing(standard: ningxia) { schools distribution { label count } threeStarCap { district heldBack } }
    jiangsu: standing(standard: jiangsu) { passRate distribution { label count } }
    zhejiang: standing(standard: zhejiang) { items { itemId rate } }
    ingestion { accepted rejects parked silentSources { school } }
    activity { month lessonsDelivered uploadsPerTeacher }
  }
}`;

export const SCHOOL_PAGE = `query SchoolPage($code: ID!, $after: String) {
  region(code: $code) {
    schools(first: 50, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      edges { node { code name standings { standard label stars } ingestion { accepted } } }
    }
  }
}`;

export const SCHOOL_DRILL = `query SchoolDrill($code: ID!, $standard: Standard!) {
  school(code: $code) {
    code name schoolType stages status
    district { code name }
    headcounts { students teachers staff }
    sheet(standard: $standard) { rows { itemId value threshold met points } verdictJson }
    review(standard: $standard) { items { itemId status } }
    standings { standard label stars score }
  }
}`;

export type Kind = 'overview' | 'page' | 'drill';
export const KINDS: readonly Kind[] = ['overview', 'page', 'drill'];

export interface Client {
  readonly id: number;
  readonly role: 'province_officer' | 'city_officer' | 'district_officer';
  readonly region: string;
  readonly authorization: string;
  /** the region's school codes (the drill-down picks among them) */
  readonly schools: readonly string[];
  /** endCursors the gateway answered for this region's pages, page k+1 after cursors[k] */
  readonly cursors: string[];
  complete: boolean;
  readonly rng: Rng;
}

export interface Sample {
  readonly kind: Kind;
  readonly ms: number;
  readonly bytes: number;
}

export interface LoadResult {
  readonly samples: Sample[];
  readonly errors: Map<string, number>;
  readonly seconds: number;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** One request of `kind` for the client: the operation and its variables. */
function requestOf(client: Client, kind: Kind): { query: string; variables: Record<string, unknown>; operationName: string } {
  if (kind === 'overview') return { query: REGION_OVERVIEW, operationName: 'RegionOverview', variables: { code: client.region } };
  if (kind === 'page') {
    // a random page among those the gateway's cursors reached, or (k = cursors.length, until the
    // last page is known) the next one after the last cursor it answered
    const k = client.rng.int(client.cursors.length + 1);
    const after = k === 0 ? undefined : client.cursors[k - 1];
    return { query: SCHOOL_PAGE, operationName: 'SchoolPage', variables: { code: client.region, ...(after ? { after } : {}) } };
  }
  return { query: SCHOOL_DRILL, operationName: 'SchoolDrill', variables: { code: client.rng.pick(client.schools), standard: client.rng.pick(STANDARDS) } };
}

/** What makes an answer wrong beyond `errors`: the null an invisible region or school reads as. */
function problemOf(kind: Kind, answer: Answer, client: Client, variables: Record<string, unknown>): string | undefined {
  if (answer.errors?.length) {
    const e = answer.errors[0];
    return `${kind}: ${e?.extensions?.code ?? 'ERROR'} ${String(e?.message ?? '').slice(0, 160)}`;
  }
  const data = answer.data;
  if (!data) return `${kind}: no data`;
  if (kind === 'drill') {
    const school = data['school'] as { sheet?: unknown } | null;
    if (!school) return `drill: school ${String(variables['code'])} answered null`;
    if (!school.sheet) return 'drill: sheet answered null';
    return undefined;
  }
  const region = data['region'] as Record<string, unknown> | null;
  if (!region) return `${kind}: region ${client.region} answered null`;
  if (kind === 'page') {
    const page = region['schools'] as { pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: unknown[] };
    if (!page.edges.length) return 'page: no schools on the page';
    const k = variables['after'] === undefined ? 0 : client.cursors.indexOf(variables['after'] as string) + 1;
    if (k === client.cursors.length && page.pageInfo.endCursor) {
      if (page.pageInfo.hasNextPage) client.cursors.push(page.pageInfo.endCursor);
      else client.complete = true;
    }
  }
  return undefined;
}

/** One query of `kind` for the client: the answer's size, or what was wrong with it. */
export async function once(url: string, client: Client, kind: Kind): Promise<{ problem: string | undefined; bytes: number }> {
  const { query, variables, operationName } = requestOf(client, kind);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: client.authorization },
      body: JSON.stringify({ query, variables, operationName }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const bytes = Buffer.byteLength(text);
    if (res.status !== 200) return { problem: `${kind}: HTTP ${res.status} ${text.slice(0, 160)}`, bytes };
    return { problem: problemOf(kind, JSON.parse(text) as Answer, client, variables), bytes };
  } catch (e) {
    return { problem: `${kind}: ${e instanceof Error ? e.message : String(e)}`, bytes: 0 };
  }
}

/**
 * `clients` loop over overview → page → drill-down (each starting at its own point of the
 * cycle) until the deadline; samples are kept from `warmupS` on. A closed loop: a client
 * sends its next request when the answer to the last one is in, as a browser tab does.
 */
export async function runLoad(
  url: string,
  clients: readonly Client[],
  warmupS: number,
  durationS: number,
  progress: (line: string) => void,
  progressMs = 5_000,
): Promise<LoadResult> {
  const samples: Sample[] = [];
  const errors = new Map<string, number>();
  const start = performance.now();
  const measureFrom = start + warmupS * 1000;
  const end = measureFrom + durationS * 1000;
  let lastProgress = start;
  let sent = 0;
  const loop = async (client: Client): Promise<void> => {
    let step = client.id % KINDS.length;
    while (performance.now() < end) {
      const kind = KINDS[step % KINDS.length] as Kind;
      step += 1;
      const t0 = performance.now();
      const { problem, bytes } = await once(url, client, kind);
      const t1 = performance.now();
      sent += 1;
      if (t0 >= measureFrom && t1 <= end) {
        if (problem) errors.set(problem, (errors.get(problem) ?? 0) + 1);
        else samples.push({ kind, ms: t1 - t0, bytes });
      } else if (problem && t0 < measureFrom) {
        errors.set(`(warm-up) ${problem}`, (errors.get(`(warm-up) ${problem}`) ?? 0) + 1);
      }
      if (t1 - lastProgress > progressMs) {
        lastProgress = t1;
        const s = (t1 - start) / 1000;
        progress(
          `  ${s.toFixed(0).padStart(4)} s${t1 < measureFrom ? ' (warm-up)' : ''}: ${sent} queries sent, ${samples.length} measured, ${[...errors.values()].reduce((a, b) => a + b, 0)} errors`,
        );
      }
    }
  };
  await Promise.all(clients.map(loop));
  return { samples, errors, seconds: durationS };
}

/**
 * One query at a time, no contention: the i-th query is the next kind for the i-th officer
 * (round-robin over all of them), so every role and region is asked. What a query costs
 * when nobody else is waiting: the service time under the loaded latencies.
 */
export async function runSolo(url: string, clients: readonly Client[], durationS: number): Promise<LoadResult> {
  const samples: Sample[] = [];
  const errors = new Map<string, number>();
  const end = performance.now() + durationS * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const kind = KINDS[i % KINDS.length] as Kind;
    const t0 = performance.now();
    const { problem, bytes } = await once(url, clients[i % clients.length] as Client, kind);
    if (problem) errors.set(problem, (errors.get(problem) ?? 0) + 1);
    else samples.push({ kind, ms: performance.now() - t0, bytes });
  }
  return { samples, errors, seconds: durationS };
}
