/**
 * What flows during a fault: events from the simulator (small factories, not blobs), an HTTP
 * sender that behaves like a good client, a Kafka producer that retries, a readiness sampler,
 * and the ledger that counts what reached the store.
 */
import { familyOfType, TOPICS, toKafkaRecord, type CloudEvent, type KafkaRecord } from '@educube/contracts';
import { eventStream, expectedEventCount, simulateProvince, type Province } from '@educube/simulator';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { sleep, type Tokens } from './processes';

/** The school the shared realm's school-system clients speak for (claim school_codes). */
export const HTTP_SCHOOL = '3302030001';
/** A school-system client of the realm: its tokens are for the ingest audience, school HTTP_SCHOOL. */
export const SCHOOL_SYSTEM = { clientId: 'asset-system', clientSecret: 'dev-asset-secret' } as const;
export const REGISTRY = { clientId: 'educube-registry', clientSecret: 'dev-registry-secret' } as const;

const EVENTS_PER_SCHOOL_PER_DAY = 3_000;
/** Types only identity's registry import may bring (the warehouse's screen refuses them from a school system). */
const ORG_TREE_TYPES: ReadonlySet<string> = new Set(['cn.educube.roster.SchoolRegistered.v1']);

/** A province whose first school is HTTP_SCHOOL (the district draw comes first, so a seed fixes it), small people counts. */
export function faultProvince(schools: number): Province {
  for (let i = 0; i < 10_000; i++) {
    const province = simulateProvince({ seed: `faults-${i}`, schools, teachersPerSchool: 10, studentsPerSchool: 100 });
    if (province.schools[0]?.code === HTTP_SCHOOL) return province;
  }
  throw new Error(`no seed gives a province whose first school is ${HTTP_SCHOOL}`);
}

export interface Planned {
  readonly event: CloudEvent;
  readonly resend: boolean;
}

/**
 * `distinct` events of the province (ids of `seed`), with `resends` earlier ones sent again,
 * spread through the stream (each some hundreds of events after its first sending). Lazy: a
 * million events are never held at once.
 */
export function* planned(
  province: Province,
  seed: string,
  distinct: number,
  resends: number,
  onlySchool?: string,
  channel?: 'http' | 'kafka',
): Generator<Planned> {
  const schools = onlySchool ? 1 : province.schools.length;
  // days enough for `distinct` (with a margin for the types left out), ending two days ago: no event lies in the future
  const fromFor = (days: number) => new Date(Date.now() - (days + 2) * 86_400_000);
  const per = (d: number) =>
    (expectedEventCount(province, { from: fromFor(d), days: d, eventsPerSchoolPerDay: EVENTS_PER_SCHOOL_PER_DAY }) * schools) / province.schools.length;
  let days = 1;
  while (per(days) < distinct * 1.1) days++;
  const from = fromFor(days);
  const every = resends > 0 ? Math.max(1, Math.floor(distinct / resends)) : Infinity;
  const ring: CloudEvent[] = [];
  let n = 0;
  let resent = 0;
  for (const event of eventStream(province, { seed, from, days, eventsPerSchoolPerDay: EVENTS_PER_SCHOOL_PER_DAY })) {
    if (onlySchool && event.subject !== onlySchool) continue;
    // the organisation tree is identity's: over HTTP a school system may not send it (rejected by design, not by a fault)
    if (channel === 'http' && ORG_TREE_TYPES.has(event.type)) continue;
    if (n >= distinct) break;
    yield { event, resend: false };
    n++;
    ring.push(event);
    if (ring.length > 500) ring.shift();
    if (n % every === 0 && resent < resends && ring[0]) {
      yield { event: ring[0], resend: true };
      resent++;
    }
  }
  if (n < distinct) throw new Error(`the stream ended at ${n} events, ${distinct} wanted`);
  for (; resent < resends && ring.length; resent++) yield { event: ring[resent % ring.length] as CloudEvent, resend: true };
}

/** Counts by label, kept in the order first seen. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(label: string, n = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }
  toString(): string {
    return [...this.counts].map(([k, v]) => `${k} ×${v}`).join(', ');
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

/** Sending as a channel does it: records handed over, and what the channel answered. */
export interface Sender {
  readonly channel: 'http' | 'kafka';
  readonly ids: Set<string>;
  /** records accepted by the channel (an HTTP 200, a broker's ack), resends included */
  produced: number;
  /** records the client gave up on (retry budget spent, or a refusal it must not retry) */
  abandoned: number;
  readonly saw: Tally;
}

const causeOf = (error: unknown): string => {
  const e = error as { cause?: { code?: string; message?: string }; name?: string; message?: string };
  return e.cause?.code ?? e.cause?.message ?? e.name ?? String(error);
};

/** Paces a sender: `rate` records a second from its start (no pacing when 0). */
class Pace {
  private readonly started = performance.now();
  private sent = 0;
  constructor(private readonly rate: number) {}
  async after(n: number): Promise<void> {
    this.sent += n;
    if (!this.rate) return;
    const due = this.started + (this.sent / this.rate) * 1_000;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
}

export interface SendOptions {
  readonly batch: number;
  /** records a second; 0 sends as fast as the channel takes them */
  readonly rate: number;
  /** how long one batch is retried before the client gives up on it */
  readonly retryBudgetMs: number;
  readonly stopped?: () => boolean;
}

/**
 * POST /v1/events like a good school system: a batch is retried on 503 (after its Retry-After,
 * or a second without one), on 502/504 and on connection errors, with a fresh token on 401.
 * Anything else is recorded and the batch given up (the ledger then shows it as lost).
 */
export class HttpSender implements Sender {
  readonly channel = 'http';
  readonly ids = new Set<string>();
  produced = 0;
  abandoned = 0;
  readonly saw = new Tally();
  readonly results = new Tally();

  constructor(
    private readonly url: () => string,
    private readonly tokens: Tokens,
  ) {}

  async run(records: Iterable<Planned>, options: SendOptions): Promise<void> {
    const pace = new Pace(options.rate);
    let batch: CloudEvent[] = [];
    const flush = async () => {
      if (batch.length) await this.send(batch, options.retryBudgetMs);
      await pace.after(batch.length);
      batch = [];
    };
    for (const { event } of records) {
      if (options.stopped?.()) break;
      this.ids.add(event.id);
      batch.push(event);
      if (batch.length >= options.batch) await flush();
    }
    await flush();
  }

  private async send(batch: CloudEvent[], budgetMs: number): Promise<void> {
    const body = JSON.stringify(batch);
    const until = Date.now() + budgetMs;
    let fresh = false;
    for (;;) {
      let wait = 1_000;
      try {
        const token = await this.tokens.of(SCHOOL_SYSTEM.clientId, SCHOOL_SYSTEM.clientSecret, fresh);
        fresh = false;
        const res = await fetch(`${this.url()}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        const retryAfter = res.headers.get('retry-after');
        if (res.status === 200) {
          this.saw.add('200');
          const answer = JSON.parse(text) as { results: { status: string }[] };
          for (const r of answer.results) this.results.add(r.status);
          this.produced += batch.length;
          return;
        }
        if (res.status === 503) {
          this.saw.add(retryAfter ? '503 with Retry-After' : '503 without Retry-After');
          const seconds = Number(retryAfter);
          if (retryAfter && Number.isFinite(seconds)) wait = Math.min(Math.max(seconds, 0.1), 10) * 1_000;
        } else if (res.status === 401) {
          this.saw.add('401');
          fresh = true;
        } else if (res.status === 502 || res.status === 504) {
          this.saw.add(String(res.status));
        } else {
          this.saw.add(`${res.status} (not retried): ${text.slice(0, 300)}`);
          this.abandoned += batch.length;
          return;
        }
      } catch (error) {
        this.saw.add(`connection error ${causeOf(error)}`);
      }
      if (Date.now() + wait > until) {
        this.saw.add('batch given up (retry budget spent)');
        this.abandoned += batch.length;
        return;
      }
      await sleep(wait);
    }
  }
}

/** Produces to the private broker, each family to its topic; a failed send is retried until the budget is spent. */
export class KafkaSender implements Sender {
  readonly channel = 'kafka';
  readonly ids = new Set<string>();
  produced = 0;
  abandoned = 0;
  readonly saw = new Tally();
  private readonly producer: Producer;

  constructor(brokers: readonly string[]) {
    this.producer = new Kafka({ brokers: [...brokers], clientId: 'faults-producer', logLevel: logLevel.NOTHING, retry: { retries: 3 } }).producer();
  }

  async run(records: Iterable<Planned>, options: SendOptions): Promise<void> {
    await this.connect(options.retryBudgetMs);
    const pace = new Pace(options.rate);
    const pending = new Map<string, KafkaRecord[]>();
    let queued = 0;
    const flush = async () => {
      for (const [topic, list] of pending) if (list.length) await this.send(topic, list.splice(0), options.retryBudgetMs);
      await pace.after(queued);
      queued = 0;
    };
    try {
      for (const { event } of records) {
        if (options.stopped?.()) break;
        this.ids.add(event.id);
        const topic = TOPICS[familyOfType(event.type) ?? 'roster'];
        const list = pending.get(topic) ?? [];
        list.push(toKafkaRecord(event));
        pending.set(topic, list);
        if (++queued >= options.batch) await flush();
      }
      await flush();
    } finally {
      await this.producer.disconnect().catch(() => undefined);
    }
  }

  private async connect(budgetMs: number): Promise<void> {
    const until = Date.now() + budgetMs;
    for (;;) {
      try {
        return await this.producer.connect();
      } catch (error) {
        this.saw.add(`connect failed: ${(error as Error).name}`);
        if (Date.now() > until) throw error;
        await sleep(1_000);
      }
    }
  }

  private async send(topic: string, records: KafkaRecord[], budgetMs: number): Promise<void> {
    const until = Date.now() + budgetMs;
    for (;;) {
      try {
        await this.producer.send({ topic, messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })) });
        this.saw.add('acked');
        this.produced += records.length;
        return;
      } catch (error) {
        this.saw.add(`send failed: ${(error as Error).name}`);
        if (Date.now() > until) {
          this.saw.add('batch given up (retry budget spent)');
          this.abandoned += records.length;
          return;
        }
        await sleep(1_000);
      }
    }
  }
}

/**
 * /health/ready every 250 ms: the sequence of distinct states (status, the failing checks and
 * their errors), each with when it was first seen.
 */
export class ReadinessSampler {
  readonly seen: { atMs: number; state: string }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    readonly name: string,
    private readonly url: () => string,
    private readonly t0: number,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.sample(), 250);
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let state: string;
    try {
      const res = await fetch(`${this.url()}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      const body = (await res.json().catch(() => ({}))) as { status?: string; checks?: { name: string; ok: boolean; error?: string }[] };
      const failing = (body.checks ?? [])
        .filter((c) => !c.ok)
        .map(
          (c) =>
            `${c.name}: ${(c.error ?? '')
              .replace(/\d+ ms/g, 'N ms')
              .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
              .slice(0, 100)}`,
        );
      state = `${res.status} ${body.status ?? '?'}${failing.length ? ` [${failing.join('; ')}]` : ''}`;
    } catch (error) {
      state = `no answer (${causeOf(error)})`;
    } finally {
      this.busy = false;
    }
    if (this.seen[this.seen.length - 1]?.state !== state) this.seen.push({ atMs: Math.round(performance.now() - this.t0), state });
  }

  /**
   * The states from `fromMs` on (the state current then included), each change once; a state
   * seen again later (an error flapping between two messages) is not repeated, but the last
   * state always ends the list (ready again, or not).
   */
  since(fromMs: number): string[] {
    const i = this.seen.findLastIndex((s) => s.atMs <= fromMs);
    const states = this.seen.slice(Math.max(i, 0)).map((s) => s.state);
    const out: string[] = [];
    for (const state of states) if (!out.includes(state)) out.push(state);
    const last = states[states.length - 1];
    if (last !== undefined && out[out.length - 1] !== last) out.push(last);
    return out;
  }
}

export interface Ledger {
  readonly stored: number;
  readonly distinctStored: number;
  /** rows beyond one per id */
  readonly twice: number;
  /** ids found at two positions */
  readonly atTwoPositions: number;
  readonly lost: number;
  /** where the lost ids are, by channel: dead-lettered (status, first reason), parked, or nowhere */
  readonly lostWhere: string[];
}

/** One query on a connection of its own (the server may have just restarted); undefined when it cannot be asked. */
export async function ask<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[] | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000, statement_timeout: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<T>(sql, params)).rows;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Rows of the store (the private database holds this run's events only). */
export async function storedCount(url: string): Promise<number | undefined> {
  const rows = await ask<{ n: string }>(url, 'select count(*)::text as n from event_store.events');
  return rows ? Number(rows[0]?.n ?? 0) : undefined;
}

/** The store against the ids each channel sent: each once, at one position, none missing (and if missing, where they are). */
export async function ledger(url: string, senders: readonly Pick<Sender, 'channel' | 'ids'>[]): Promise<Ledger> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('create temp table ours (id text primary key, channel text not null)');
    let distinct = 0;
    for (const sender of senders) {
      let chunk: string[] = [];
      const load = async () => {
        if (chunk.length) await client.query('insert into ours select unnest($1::text[]), $2 on conflict do nothing', [chunk, sender.channel]);
        chunk = [];
      };
      for (const id of sender.ids) {
        chunk.push(id);
        distinct++;
        if (chunk.length >= 50_000) await load();
      }
      await load();
    }
    const [row] = (
      await client.query<{ stored: string; distinct_stored: string; two_positions: string }>(
        `select count(*)::text as stored, count(distinct e.event_id)::text as distinct_stored,
                (select count(*) from (select e2.event_id from event_store.events e2 join ours o2 on o2.id = e2.event_id
                                        group by e2.event_id having count(distinct e2.position) > 1) t)::text as two_positions
           from event_store.events e join ours o on o.id = e.event_id`,
      )
    ).rows;
    const stored = Number(row?.stored ?? 0);
    const distinctStored = Number(row?.distinct_stored ?? 0);
    const { rows: where } = await client.query<{ channel: string; place: string; n: string }>(
      `with lost as (select o.id, o.channel from ours o where not exists (select 1 from event_store.events e where e.event_id = o.id))
       select l.channel,
              coalesce((select 'dead letter ' || d.channel || ' ' || d.status || ': ' || left(d.reasons::text, 200)
                          from warehouse.dead_letters d where d.event_id = l.id order by d.id limit 1),
                       (select 'parked (' || p.channel || ', ' || p.attempts || ' attempts)' from warehouse.parked p where p.event_id = l.id),
                       'nowhere (neither stored, dead-lettered nor parked)') as place,
              count(*)::text as n
         from lost l group by 1, 2 order by 3 desc limit 10`,
    );
    return {
      stored,
      distinctStored,
      twice: stored - distinctStored,
      atTwoPositions: Number(row?.two_positions ?? 0),
      lost: distinct - distinctStored,
      lostWhere: where.map((w) => `${w.n} ${w.channel} ids: ${w.place}`),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
