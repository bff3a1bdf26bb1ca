/**
 * `npm run bench:ingest`: how close the warehouse's end-to-end ingestion comes to what
 * PostgreSQL itself absorbs. One run, on the stack's real PostgreSQL and Kafka:
 *
 *   (0) the embedded OIDC issuer in this process (the dev realm's clients and one school-system
 *       client per simulated school); identity and the warehouse as child processes that verify
 *       its tokens, identity seeded from the simulator with the registry loader's token, the
 *       warehouse on a database of its own (created here, dropped at the end);
 *   (a) raw COPY of the same rows into an equivalent table: the baseline;
 *   (b) HTTP: N events in batches of one school each, sent with that school's token by a few
 *       concurrent senders, until the read models hold them;
 *   (c) Kafka: another N events produced to the family topics, until stored and projected,
 *       by one or more warehouse processes in one consumer group;
 *   (d) Kafka freshness: events produced at a steady rate the hub holds, in small batches,
 *       with no window: send → visible is the pipeline's own latency.
 *
 * Not a test: nothing asserts a number. See docs/benchmarks/ingest.md for the method and results.
 */
import { commandLine } from '@educube/cli';
import { familyOfType, toKafkaRecord, TOPIC_PARTITIONS, TOPICS, type CloudEvent } from '@educube/contracts';
import type { SchoolSystemClient } from '@educube/embedded-issuer';
import { streamId } from '@educube/event-store';
import { batches as inBatches, simulateProvince, type Province } from '@educube/simulator';
import { Kafka, logLevel, type Admin, type Message } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { HEALTH_READER, INGEST_RESOURCE, REGISTRY, startBenchIssuer, Tokens, WAREHOUSE_SERVICE_SECRET, type BenchIssuer, type Credentials } from './auth';
import { envInt, simulatedEvents } from './inputs';
import { cpuSeconds, fmtInt, fmtMiB, fmtMs, latencies, postgresCpuSeconds } from './measure';
import { currentRss, machine, peakRss, resetPeakRss, say, startService, stopService, type Service } from './processes';

commandLine({
  command: 'npm run bench:ingest --',
  summary:
    "How close the warehouse's end-to-end ingestion (HTTP and Kafka) comes to a raw PostgreSQL COPY of the\nsame rows, on the stack's PostgreSQL and Kafka (npm run stack). Starts identity and the warehouse itself,\non a database of its own that it drops at the end. Not a test: see docs/benchmarks/ingest.md.",
  env: {
    BENCH_EVENTS: 'events per path (default 100000)',
    BENCH_SCHOOLS: 'simulated schools (default 20)',
    BENCH_TEACHERS_PER_SCHOOL: 'default 15',
    BENCH_STUDENTS_PER_SCHOOL: 'default 120',
    BENCH_BATCH: 'events per HTTP batch (default 1000)',
    BENCH_SENDERS: 'concurrent HTTP senders (default 4)',
    BENCH_KAFKA_WINDOW: 'Kafka records in flight (default 20000)',
    BENCH_PHASES: 'which phases to run, of copy,http,kafka,fresh (default all four)',
    BENCH_KAFKA_CONSUMERS: 'warehouse processes in the consumer group for (c) and (d) (default 1)',
    BENCH_KAFKA_CLIENT: "the warehouses' Kafka client, kafkajs or platformatic (default kafkajs)",
    BENCH_FRESH_RATE: '(d) events per second, produced steadily (default 2000)',
    BENCH_FRESH_SECONDS: '(d) how long (default 30)',
    BENCH_FRESH_BATCH: '(d) events per produced batch (default 50)',
    BENCH_POLL_MS: 'read-model polling interval (default 20)',
    BENCH_RATE_LIMIT_PER_MINUTE: "the services' rate limit during the run (default 1000000)",
    BENCH_PROGRESS_MS: 'progress line interval (default 5000)',
    BENCH_PHASE_TIMEOUT_S: 'give up a phase after (default 1800)',
    BENCH_KEEP_DB: '1 keeps the benchmark database',
    BENCH_DATABASE_URL: 'an admin connection (default postgres://educube:educube@127.0.0.1:25432/educube)',
    KAFKA_BROKERS: 'default 127.0.0.1:29092',
  },
  examples: ['BENCH_EVENTS=20000 npm run bench:ingest'],
  exitCodes: { 0: 'measured', 1: 'error', 130: 'interrupted' },
});

const env = process.env;
const int = envInt;

const EVENTS = int('BENCH_EVENTS', 100_000);
const SCHOOLS = int('BENCH_SCHOOLS', 20);
// identity's people commands cost time that grows with the people it already holds, so the
// benchmark's province is small in people per school (see docs/benchmarks/ingest.md)
const TEACHERS = int('BENCH_TEACHERS_PER_SCHOOL', 15);
const STUDENTS = int('BENCH_STUDENTS_PER_SCHOOL', 120);
const KEEP_DB = env['BENCH_KEEP_DB'] === '1';
const BATCH = int('BENCH_BATCH', 1_000);
const SENDERS = int('BENCH_SENDERS', 4);
/** Kafka: how many produced events may wait unstored before the producer holds back. */
const KAFKA_WINDOW = int('BENCH_KAFKA_WINDOW', 20_000);
const PHASES = new Set((env['BENCH_PHASES'] ?? 'copy,http,kafka,fresh').split(',').map((p) => p.trim()));
for (const p of PHASES) if (!['copy', 'http', 'kafka', 'fresh'].includes(p)) throw new Error(`BENCH_PHASES: no phase ${p} (copy, http, kafka, fresh)`);
const CONSUMERS = int('BENCH_KAFKA_CONSUMERS', 1);
const KAFKA_CLIENT = env['BENCH_KAFKA_CLIENT'] ?? 'kafkajs';
const FRESH_RATE = int('BENCH_FRESH_RATE', 2_000);
const FRESH_SECONDS = int('BENCH_FRESH_SECONDS', 30);
const FRESH_BATCH = int('BENCH_FRESH_BATCH', 50);
const POLL_MS = int('BENCH_POLL_MS', 20);
/** Per-caller request limit of the services (their default is 6000 a minute): high, so the benchmark measures ingestion, not the limiter. */
const RATE_LIMIT = int('BENCH_RATE_LIMIT_PER_MINUTE', 1_000_000);
const PROGRESS_MS = int('BENCH_PROGRESS_MS', 5_000);
const PHASE_TIMEOUT_MS = int('BENCH_PHASE_TIMEOUT_S', 1_800) * 1000;
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube';
const BROKERS = (env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const PROJECTION = 'warehouse-facts';

const now = (): number => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface PhaseResult {
  name: string;
  events: number;
  seconds: number;
  /** send → visible in the read models, per batch (ms) */
  visible: number[];
  /** send → durable acknowledgement (HTTP answer, Kafka stored), per batch (ms) */
  acked: number[];
  warehouseRss?: number;
  benchRss?: number;
  warehouseCpu?: number;
  postgresCpu: number;
  benchCpu: number;
  notes: string[];
}

/** A measured phase: CPU and peak memory of each side over exactly that phase. */
async function measured(
  name: string,
  warehouses: readonly Service[],
  run: () => Promise<Omit<PhaseResult, 'name' | 'warehouseRss' | 'benchRss' | 'warehouseCpu' | 'postgresCpu' | 'benchCpu'>>,
): Promise<PhaseResult> {
  const pids = warehouses.map((w) => w.child.pid).filter((pid): pid is number => pid !== undefined);
  for (const pid of pids) resetPeakRss(pid);
  resetPeakRss('self');
  const sumCpu = () => pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
  const cpu0 = { warehouse: sumCpu(), postgres: postgresCpuSeconds(), bench: process.cpuUsage() };
  // memory over the phase, not only its peak: a warehouse that grows per event shows it here
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(Math.max(0, ...pids.map((pid) => currentRss(pid) ?? 0))), 1_000);
  const result = await run().finally(() => clearInterval(sampler));
  const bench = process.cpuUsage(cpu0.bench);
  const at = (q: number) => rss[Math.min(rss.length - 1, Math.floor(q * rss.length))];
  const rssNote =
    pids.length && rss.length >= 4
      ? [
          `warehouse RSS over the phase (sampled every second, largest process): ${[0.1, 0.25, 0.5, 0.75, 1].map((q) => `${q * 100} % ${fmtMiB(at(q))}`).join(', ')}`,
        ]
      : [];
  return {
    name,
    ...result,
    notes: [...result.notes, ...rssNote],
    // with several warehouses: the largest of them (each process's own peak), CPU summed
    warehouseRss: pids.length ? Math.max(...pids.map((pid) => peakRss(pid) ?? 0)) : undefined,
    benchRss: peakRss('self'),
    warehouseCpu: pids.length ? sumCpu() - cpu0.warehouse : undefined,
    postgresCpu: postgresCpuSeconds() - cpu0.postgres,
    benchCpu: (bench.user + bench.system) / 1e6,
  };
}

// ---------------------------------------------------------------- events

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------- (0) services

/**
 * Seeds identity as the province's registry loader does: with a token of `educube-registry`
 * (a province officer's role), renewed every two minutes (tokens live 300 s), so a long seed
 * never sends an expired one.
 */
async function seedIdentity(identity: Service, province: Province, issuer: BenchIssuer): Promise<void> {
  const tokens = new Tokens(issuer.issuer.tokenEndpoint, 180);
  const post = async (path: string, body: string, type = 'application/json') => {
    const authorization = await tokens.bearer(REGISTRY);
    const res = await fetch(`${identity.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, authorization },
      body,
      signal: AbortSignal.timeout(300_000),
    });
    if (!res.ok) throw new Error(`identity refused ${path}: ${res.status} ${(await res.text()).slice(0, 500)}`);
  };
  const started = now();
  await post('/v1/org/commands', JSON.stringify({ commands: province.regionCommands }));
  await post(`/v1/registry/import?dryRun=false&effectiveOn=${province.effectiveOn}`, province.registryCsv, 'text/csv');
  let done = 0;
  let told = now();
  for (const commands of inBatches(province.peopleCommands, 10_000)) {
    await post('/v1/people/commands', JSON.stringify({ commands }));
    done += commands.length;
    if (now() - told > PROGRESS_MS) {
      say(`  identity: ${fmtInt(done)} of ${fmtInt(province.counts.peopleCommands)} people commands`);
      told = now();
    }
  }
  say(
    `  identity seeded: ${province.counts.schools} schools, ${fmtInt(province.counts.staff + province.counts.students)} people, ${fmtInt(done)} commands in ${((now() - started) / 1000).toFixed(1)} s`,
  );
}

// ---------------------------------------------------------------- (a) COPY

const RAW_TABLE = `
create schema if not exists bench_raw;
create table bench_raw.events (
  position  bigserial primary key,
  event_id  text not null unique,
  stream_id text not null,
  type      text not null,
  data      jsonb not null,
  metadata  jsonb not null,
  time      timestamptz not null
);`;

/** COPY text format: JSON.stringify escapes every control character, so only backslashes need doubling. */
const copyText = (s: string): string => s.replace(/\\/g, '\\\\');

async function copyPhase(db: Client, events: readonly CloudEvent[]): Promise<PhaseResult> {
  await db.query(RAW_TABLE);
  // the rows as the store keeps them: the whole event as data, the channel and arrival as metadata
  const receivedAt = new Date().toISOString();
  const lines = chunk(events, 5_000).map((list) =>
    list
      .map(
        (e) =>
          `${e.id}\t${streamId('school', e.subject)}\t${e.type}\t${copyText(JSON.stringify(e))}\t${copyText(JSON.stringify({ channel: 'copy', receivedAt, persons: {} }))}\t${e.time}\n`,
      )
      .join(''),
  );
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
  return measured('(a) raw COPY', [], async () => {
    const started = now();
    const copy = db.query(copyFrom('copy bench_raw.events (event_id, stream_id, type, data, metadata, time) from stdin'));
    await pipeline(Readable.from(lines), copy);
    const seconds = (now() - started) / 1000;
    say(`  COPY: ${fmtInt(events.length)} rows, ${fmtInt(bytes / 1024 / 1024)} MiB of COPY text, in ${seconds.toFixed(2)} s`);
    return { events: events.length, seconds, visible: [], acked: [], notes: [] };
  });
}

// ---------------------------------------------------------------- shared observation

/** Reads the projection's committed checkpoint: what a read-model query sees. */
async function projected(db: Client): Promise<bigint> {
  const { rows } = await db.query<{ position: string }>('select position::text as position from read_models.checkpoints where projection = $1', [PROJECTION]);
  return BigInt(rows[0]?.position ?? '0');
}

async function head(db: Client): Promise<bigint> {
  const { rows } = await db.query<{ head: string | null }>('select max(position)::text as head from event_store.events');
  return BigInt(rows[0]?.head ?? '0');
}

interface Health {
  headPosition: string;
  projection: { position: string; lag: string; error: string | null };
  kafka: { enabled: boolean; consumerLag?: number | null; error?: string | null; consumer?: { runs: number; batches: number } };
  totals: { accepted: number; duplicates: number; conflicts: number; deadLetters: number; parked: number };
}

/** The warehouse's ingestion health as a hub service reads it (store and Kafka figures included). */
async function health(warehouse: Service, tokens: Tokens): Promise<Health> {
  const res = await fetch(`${warehouse.url}/v1/ingestion/health`, {
    headers: { authorization: await tokens.bearer(HEALTH_READER) },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`health answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as Health;
}

interface Tracked {
  events: number;
  sentAt: number;
  ackedAt: number;
  /** highest store position of the batch's events; known once all are stored */
  maxPosition: bigint;
  /** events of the batch not yet seen in the store (Kafka) */
  unstored: number;
  visibleAt: number;
}

function progress(label: string, started: number, tracked: readonly Tracked[], checkpoint: bigint, storeHead: bigint): void {
  const acked = tracked.reduce((n, t) => n + (t.ackedAt ? t.events : 0), 0);
  const visible = tracked.reduce((n, t) => n + (t.visibleAt ? t.events : 0), 0);
  const s = (now() - started) / 1000;
  say(
    `  ${label} ${s.toFixed(0).padStart(4)} s: ${fmtInt(acked)} stored, ${fmtInt(visible)} visible in read models (${fmtInt(visible / s)} ev/s); head ${storeHead}, projection ${checkpoint}`,
  );
}

// ---------------------------------------------------------------- (b) HTTP

/** What the HTTP phase needs of the issuer: each school's client, and a cache of tokens. */
interface Auth {
  readonly tokens: Tokens;
  readonly schools: ReadonlyMap<string, SchoolSystemClient>;
}

/**
 * A school system's token speaks for exactly one school, so each batch holds one school's events
 * (in their order), at most BATCH of them; the schools' batches are interleaved so the senders
 * spread over all schools at once.
 */
function schoolBatches(events: readonly CloudEvent[], size: number): { schoolCode: string; events: CloudEvent[] }[] {
  const bySchool = new Map<string, CloudEvent[]>();
  for (const e of events) {
    if (!e.subject) throw new Error(`event ${e.id} names no school (subject)`);
    const list = bySchool.get(e.subject) ?? [];
    list.push(e);
    bySchool.set(e.subject, list);
  }
  const queues = [...bySchool].map(([schoolCode, list]) => chunk(list, size).map((part) => ({ schoolCode, events: part })));
  const out: { schoolCode: string; events: CloudEvent[] }[] = [];
  const rounds = Math.max(0, ...queues.map((q) => q.length));
  for (let round = 0; round < rounds; round++) {
    for (const q of queues) {
      const batch = q[round];
      if (batch) out.push(batch);
    }
  }
  return out;
}

async function httpPhase(warehouse: Service, db: Client, events: readonly CloudEvent[], auth: Auth): Promise<PhaseResult> {
  const credentialsOf = (schoolCode: string): Credentials => {
    const client = auth.schools.get(schoolCode);
    if (!client) throw new Error(`no school system client for school ${schoolCode}`);
    return { clientId: client.clientId, clientSecret: client.clientSecret, resource: INGEST_RESOURCE };
  };
  const bodies = schoolBatches(events, BATCH).map((b) => ({
    body: JSON.stringify(b.events),
    events: b.events.length,
    credentials: credentialsOf(b.schoolCode),
  }));
  const schools = new Set(bodies.map((b) => b.credentials.clientId)).size;
  // every school's token before the clock starts: the phase measures ingestion, not the issuer
  const fetched0 = auth.tokens.fetched;
  for (const b of bodies) await auth.tokens.bearer(b.credentials);
  // and one authenticated request, so the warehouse has fetched the issuer's discovery and keys (JWKS) too
  await health(warehouse, auth.tokens);
  const prefetched = auth.tokens.fetched - fetched0;
  say(
    `  ${fmtInt(bodies.length)} batches of one school each (${schools} schools, ${fmtInt(events.length / bodies.length)} events a batch on average); ${prefetched} tokens fetched before the clock starts`,
  );
  const tracked: Tracked[] = bodies.map((b) => ({ events: b.events, sentAt: 0, ackedAt: 0, maxPosition: 0n, unstored: b.events, visibleAt: 0 }));
  const outcome = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0, parked: 0 };
  let refused401 = 0;
  return measured('(b) HTTP', [warehouse], async () => {
    const fetchedAtStart = auth.tokens.fetched;
    const started = now();
    let next = 0;
    let failed: Error | undefined;
    const send = async (b: (typeof bodies)[number]): Promise<Response> =>
      fetch(`${warehouse.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents-batch+json', authorization: await auth.tokens.bearer(b.credentials) },
        body: b.body,
        signal: AbortSignal.timeout(300_000),
      });
    const sender = async (): Promise<void> => {
      while (next < bodies.length && !failed) {
        const i = next++;
        const b = bodies[i] as (typeof bodies)[number];
        const t = tracked[i] as Tracked;
        t.sentAt = now();
        let res = await send(b);
        if (res.status === 401) {
          // a token refused (expired, or the key rotated): a new one, once
          refused401 += 1;
          await res.text();
          auth.tokens.forget(b.credentials);
          res = await send(b);
        }
        if (!res.ok) throw new Error(`the warehouse answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
        const answer = (await res.json()) as { summary: typeof outcome; results: { position?: string }[] };
        t.ackedAt = now();
        for (const r of answer.results) if (r.position !== undefined && BigInt(r.position) > t.maxPosition) t.maxPosition = BigInt(r.position);
        for (const k of Object.keys(outcome) as (keyof typeof outcome)[]) outcome[k] += answer.summary[k] ?? 0;
      }
    };
    const senders = Promise.all(Array.from({ length: SENDERS }, sender)).catch((e: unknown) => {
      failed = e instanceof Error ? e : new Error(String(e));
    });
    await watch('http', db, started, tracked, () => failed);
    await senders;
    if (failed) throw failed;
    const seconds = (now() - started) / 1000;
    const renewed = auth.tokens.fetched - fetchedAtStart;
    return {
      events: events.length,
      seconds,
      visible: tracked.map((t) => t.visibleAt - t.sentAt),
      acked: tracked.map((t) => t.ackedAt - t.sentAt),
      notes: [
        `answers: ${Object.entries(outcome)
          .map(([k, v]) => `${k} ${fmtInt(v)}`)
          .join(', ')}`,
        `tokens: ${bodies.length} batches of one school each, each with its school system's client-credentials token (resource ${INGEST_RESOURCE}); ${prefetched} tokens fetched before the clock started, cached and reused; ${renewed} fetched during the timed phase${refused401 ? `, ${refused401} batches re-sent after a 401` : ''}`,
      ],
    };
  });
}

/**
 * Polls the projection checkpoint every POLL_MS until every batch is visible; a batch is visible
 * once it is stored (acknowledged) and the checkpoint has reached its highest position. With
 * `tail`, also reads the store's new rows to learn when a Kafka batch is stored.
 */
async function watch(
  label: string,
  db: Client,
  started: number,
  tracked: readonly Tracked[],
  failed: () => Error | undefined,
  tail?: { after: bigint; rows: (rows: { event_id: string; position: string }[], at: number) => void },
): Promise<void> {
  let lastProgress = now();
  let tailAfter = tail?.after ?? 0n;
  let pending = tracked.length;
  let checkpoint = 0n;
  for (;;) {
    const error = failed();
    if (error) throw error;
    if (tail) {
      const { rows } = await db.query<{ event_id: string; position: string }>(
        'select event_id, position::text as position from event_store.events where position > $1 order by position limit 50000',
        [tailAfter.toString()],
      );
      if (rows.length) {
        tailAfter = BigInt((rows[rows.length - 1] as { position: string }).position);
        tail.rows(rows, now());
      }
    }
    checkpoint = await projected(db);
    const at = now();
    for (const t of tracked) {
      if (t.visibleAt || !t.ackedAt || t.maxPosition > checkpoint) continue;
      t.visibleAt = at;
      pending -= 1;
    }
    if (pending === 0) return;
    if (at - started > PHASE_TIMEOUT_MS) throw new Error(`${label}: ${pending} batches not visible after ${PHASE_TIMEOUT_MS / 1000} s`);
    if (at - lastProgress > PROGRESS_MS) {
      progress(label, started, tracked, checkpoint, await head(db));
      lastProgress = at;
    }
    await sleep(POLL_MS);
  }
}

// ---------------------------------------------------------------- (c) Kafka

/**
 * The group starts at the topics' current end, so a run reads its own events, not the broker's
 * history. The offsets are committed by a member of the group (kafkajs' admin setOffsets is
 * silently ignored by this broker: the group then reads from the beginning).
 */
async function startGroupAtEnd(kafka: Kafka, admin: Admin, groupId: string): Promise<void> {
  const topics = Object.values(TOPICS);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length)
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })) });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ autoCommit: false, eachBatch: async () => undefined });
    await joined;
    const ends = (
      await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, partition: p.partition, offset: p.high }))))
    ).flat();
    await consumer.commitOffsets(ends);
  } finally {
    await consumer.disconnect();
  }
  const committed = await admin.fetchOffsets({ groupId, topics });
  const unset = committed.flatMap((t) => t.partitions.filter((p) => Number(p.offset) < 0).map((p) => `${t.topic}/${p.partition}`));
  if (unset.length) throw new Error(`could not position group ${groupId} at the end of ${unset.join(', ')}`);
}

/** How (c) and (d) produce: as fast as a window allows, or at a steady rate. */
type Pacing = { readonly window: number } | { readonly rate: number };

/** Health summed over the group's warehouses (each counts what it handled since it started). */
async function groupHealth(warehouses: readonly Service[], tokens: Tokens): Promise<Health[]> {
  return Promise.all(warehouses.map((w) => health(w, tokens)));
}

const handledOf = (h: readonly Health[]) => h.reduce((n, x) => n + x.totals.accepted + x.totals.duplicates + x.totals.deadLetters + x.totals.parked, 0);

/**
 * A phase's records, built before the clock starts (as the HTTP bodies are), and what the watch
 * needs of the events: each id's batch. The events themselves are not kept, so a large phase
 * does not hold them through its run.
 */
function kafkaBatches(events: readonly CloudEvent[], batchSize: number) {
  const batches = chunk(events, batchSize).map((list) => {
    const byTopic = new Map<string, Message[]>();
    for (const e of list) {
      const family = familyOfType(e.type);
      if (!family) throw new Error(`no family for ${e.type}`);
      const r = toKafkaRecord(e);
      const topic = TOPICS[family];
      const messages = byTopic.get(topic) ?? [];
      messages.push({ key: r.key, value: r.value, headers: r.headers });
      byTopic.set(topic, messages);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  });
  const batchOf = new Map<string, number>();
  events.forEach((e, i) => batchOf.set(e.id, Math.floor(i / batchSize)));
  return { batches, batchOf, total: events.length };
}

/** The Kafka channel is trusted (no tokens on records); only the health reads carry a hub service's token. */
async function kafkaPhase(
  name: string,
  warehouses: readonly Service[],
  db: Client,
  makeEvents: () => readonly CloudEvent[],
  kafka: Kafka,
  tokens: Tokens,
  batchSize: number,
  pacing: Pacing,
): Promise<PhaseResult> {
  const { batches, batchOf, total } = kafkaBatches(makeEvents(), batchSize);
  const tracked: Tracked[] = batches.map((_, i) => ({
    events: Math.min(batchSize, total - i * batchSize),
    sentAt: 0,
    ackedAt: 0,
    maxPosition: 0n,
    unstored: Math.min(batchSize, total - i * batchSize),
    visibleAt: 0,
  }));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: false });
  await producer.connect();
  // the health reader's token fetched, and the restarted warehouses' verifiers warmed (discovery, JWKS), before the clock starts
  await groupHealth(warehouses, tokens);
  let stored = 0;
  const produceAcked: number[] = [];
  try {
    return await measured(name, warehouses, async () => {
      // rows after this position are read as they are stored, before the first record is produced
      const storeHead = await head(db);
      const before = await groupHealth(warehouses, tokens);
      const started = now();
      let failed: Error | undefined;
      const send = async (i: number) => {
        const t = tracked[i] as Tracked;
        t.sentAt = now();
        await producer.sendBatch({ acks: -1, topicMessages: batches[i] });
        produceAcked.push(now() - t.sentAt);
      };
      const produce = (async () => {
        if ('window' in pacing) {
          for (let i = 0; i < batches.length && !failed; i++) {
            // hold back while the warehouse is more than a window behind, so latency measures the pipeline, not an ever-growing backlog
            while (i * batchSize - stored > pacing.window && !failed) await sleep(5);
            await send(i);
          }
          return;
        }
        // a steady rate: batch i leaves at its own time, whether or not the one before was acknowledged
        const sends: Promise<void>[] = [];
        for (let i = 0; i < batches.length && !failed; i++) {
          const due = started + (i * batchSize * 1000) / pacing.rate;
          const wait = due - now();
          if (wait > 0) await sleep(wait);
          sends.push(send(i));
        }
        await Promise.all(sends);
      })().catch((e: unknown) => {
        failed = e instanceof Error ? e : new Error(String(e));
      });
      await watch(name, db, started, tracked, () => failed, {
        after: storeHead,
        rows: (rows, at) => {
          for (const row of rows) {
            const i = batchOf.get(row.event_id);
            if (i === undefined) continue; // not ours (another producer on the shared topics)
            const t = tracked[i] as Tracked;
            stored += 1;
            const position = BigInt(row.position);
            if (position > t.maxPosition) t.maxPosition = position;
            t.unstored -= 1;
            if (t.unstored === 0) t.ackedAt = at;
          }
        },
      });
      await produce;
      if (failed) throw failed;
      const seconds = (now() - started) / 1000;
      // the broker's view: the group has committed everything (the warehouse asks it at most every 5 s)
      let lag: number | null | undefined;
      for (let tries = 0; tries < 30; tries++) {
        lag = (await health(warehouses[0] as Service, tokens)).kafka.consumerLag;
        if (lag === 0) break;
        await sleep(1_000);
      }
      const p = latencies(produceAcked);
      const after = await groupHealth(warehouses, tokens);
      const foreign = handledOf(after) - handledOf(before) - total;
      const sentSeconds = (Math.max(...tracked.map((t) => t.sentAt)) - started) / 1000;
      return {
        events: total,
        seconds,
        visible: tracked.map((t) => t.visibleAt - t.sentAt),
        acked: tracked.map((t) => t.ackedAt - t.sentAt),
        notes: [
          'window' in pacing
            ? `produced as fast as a window of ${fmtInt(pacing.window)} records ahead of the store allows, in batches of ${fmtInt(batchSize)}`
            : `produced steadily at ${fmtInt(pacing.rate)} events/s in batches of ${fmtInt(batchSize)} (sending took ${sentSeconds.toFixed(1)} s, i.e. ${fmtInt(total / sentSeconds)} events/s offered), no window`,
          `${warehouses.length} warehouse process${warehouses.length > 1 ? 'es' : ''} in the group (${KAFKA_CLIENT}); pipeline runs / partition batches: ${after
            .map((h) => (h.kafka.consumer ? `${fmtInt(h.kafka.consumer.runs)} / ${fmtInt(h.kafka.consumer.batches)}` : '?'))
            .join(', ')}; accepted per process: ${after.map((h, i) => fmtInt(h.totals.accepted - (before[i]?.totals.accepted ?? 0))).join(', ')}`,
          `consumer lag at the end: ${lag ?? 'unknown'}; events from other producers on the shared topics handled meanwhile: ${fmtInt(Math.max(0, foreign))}`,
          `producer acks (acks=all) per batch: p50 ${fmtMs(p.p50)}, p99 ${fmtMs(p.p99)}`,
        ],
      };
    });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- report

function table(results: readonly PhaseResult[]): string[] {
  const base = results.find((r) => r.name.startsWith('(a)'));
  const baseRate = base ? base.events / base.seconds : Number.NaN;
  const header = [
    'phase',
    'events',
    'seconds',
    'events/s',
    'vs COPY',
    'send→visible p50',
    'p95',
    'p99',
    'send→durable p50',
    'p99',
    'warehouse peak RSS',
    'bench peak RSS',
    'CPU s: warehouse / postgres* / bench',
  ];
  const rows = results.map((r) => {
    const rate = r.events / r.seconds;
    const v = latencies(r.visible);
    const a = latencies(r.acked);
    return [
      r.name,
      fmtInt(r.events),
      r.seconds.toFixed(1),
      fmtInt(rate),
      r === base ? '100 %' : `${((rate / baseRate) * 100).toFixed(1)} %`,
      fmtMs(v.p50),
      fmtMs(v.p95),
      fmtMs(v.p99),
      fmtMs(a.p50),
      fmtMs(a.p99),
      fmtMiB(r.warehouseRss),
      fmtMiB(r.benchRss),
      `${r.warehouseCpu === undefined ? '–' : r.warehouseCpu.toFixed(1)} / ${r.postgresCpu.toFixed(1)} / ${r.benchCpu.toFixed(1)}`,
    ];
  });
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const m = machine();
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rows: versionRows } = await admin.query<{ server_version: string }>('show server_version');
  const pgVersion = versionRows[0]?.server_version ?? 'unknown';
  say(
    `ingestion benchmark: ${fmtInt(EVENTS)} events per channel, ${SCHOOLS} simulated schools (${TEACHERS} staff, ${STUDENTS} students each), batches of ${BATCH}, ${SENDERS} HTTP senders, Kafka window ${fmtInt(KAFKA_WINDOW)}`,
  );
  say(`machine: ${m.cpus} × ${m.model}, ${m.memory} RAM; PostgreSQL ${pgVersion}; Kafka ${m.kafka}; Node ${m.node}`);

  const dbName = `educube_bench_${randomBytes(4).toString('hex')}`;
  const groupId = `educube-bench-${randomBytes(4).toString('hex')}`;
  const kafka = new Kafka({ brokers: BROKERS, clientId: 'educube-bench', logLevel: logLevel.WARN });
  const kafkaAdmin = kafka.admin();
  let issuer: BenchIssuer | undefined;
  let identity: Service | undefined;
  let warehouse: Service | undefined;
  const consumers: Service[] = [];
  let db: Client | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await db?.end().catch(() => undefined);
      await Promise.all([stopService(warehouse), ...consumers.map(stopService), stopService(identity)]);
      await issuer?.issuer.close().catch(() => undefined);
      if (KEEP_DB) say(`kept database ${dbName} (BENCH_KEEP_DB=1): drop it yourself`);
      else
        await admin.query(`drop database if exists ${dbName} with (force)`).then(
          () => say(`dropped database ${dbName}`),
          (e: unknown) => say(`could not drop database ${dbName}: ${String(e)}`),
        );
      await admin.end().catch(() => undefined);
      await kafkaAdmin.deleteGroups([groupId]).catch(() => undefined);
      await kafkaAdmin.disconnect().catch(() => undefined);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the services and dropping the database…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    say(`(0) database ${dbName}, consumer group ${groupId}; generating events…`);
    await admin.query(`create database ${dbName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    const databaseUrl = url.toString();
    const province = simulateProvince({ seed: 1, schools: SCHOOLS, teachersPerSchool: TEACHERS, studentsPerSchool: STUDENTS });
    // distinct seeds: distinct ids, so (c) is new to the store and not answered as duplicates of (b)
    // Each phase's events are made when it starts and dropped after it: at a million events a
    // phase, holding every set at once made this process's heap (and its garbage collection,
    // on the same two cores as the warehouse) the limit of the Kafka phase.
    // Distinct seeds: distinct ids, so a later phase is new to the store, not duplicates.
    const seen = new Set<string>();
    const eventsFor = (seed: string, n: number): CloudEvent[] => {
      const events = simulatedEvents(province, seed, n);
      for (const e of events) {
        if (seen.has(e.id)) throw new Error(`the event sets share id ${e.id}`);
        seen.add(e.id);
      }
      say(`  ${fmtInt(events.length)} events (${seed}) from ${events[0]?.time.slice(0, 10)} on`);
      return events;
    };
    let httpEvents: CloudEvent[] | undefined = PHASES.has('copy') || PHASES.has('http') ? eventsFor('bench-http', EVENTS) : undefined;

    await kafkaAdmin.connect();
    issuer = await startBenchIssuer(province.schools.map((s) => s.code));
    const tokens = new Tokens(issuer.issuer.tokenEndpoint);
    const auth: Auth = { tokens, schools: issuer.schools };
    // as a deployment runs them: every route needs a verified token of the issuer
    const authEnv = { OIDC_ISSUER: issuer.issuer.issuer, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) };
    say(
      `(0) embedded OIDC issuer at ${issuer.issuer.issuer} (in this process): the dev realm's clients and ${issuer.schools.size} school systems, one per school; services with OIDC_ISSUER and RATE_LIMIT_PER_MINUTE=${fmtInt(RATE_LIMIT)} (BENCH_RATE_LIMIT_PER_MINUTE)`,
    );
    say("(0) starting identity (in memory) and seeding it with the registry loader's token (educube-registry)…");
    identity = await startService('identity', 'identity', { ...authEnv, IDENTITY_DATA_DIR: 'memory://' });
    await seedIdentity(identity, province, issuer);
    say('(0) starting the warehouse (its identity calls with its own token, client educube-warehouse)…');
    const httpOnlyEnv = { ...authEnv, SERVICE_CLIENT_SECRET: WAREHOUSE_SERVICE_SECRET, DATABASE_URL: databaseUrl, IDENTITY_URL: identity.url };
    const warehouseEnv = { ...httpOnlyEnv, KAFKA_BROKERS: BROKERS.join(','), KAFKA_GROUP_ID: groupId, KAFKA_CLIENT: KAFKA_CLIENT };
    // (b) without a Kafka consumer: the topics are shared, and others' traffic on them would be
    // ingested in the middle of the HTTP measurement; (c) restarts it with Kafka
    warehouse = await startService('warehouse', 'data-warehouse', httpOnlyEnv);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    // the projection has run its migration once the service is ready; the checkpoint row appears with its first batch
    say(`  warehouse ready at ${warehouse.url} (pid ${warehouse.child.pid})`);

    const results: PhaseResult[] = [];
    if (PHASES.has('copy')) {
      say("(a) raw COPY of the HTTP events' rows into bench_raw.events…");
      results.push(await copyPhase(db, httpEvents ?? []));
    }
    if (PHASES.has('http')) {
      say(`(b) HTTP: ${fmtInt(EVENTS)} events, ${SENDERS} senders, batches of ${BATCH}…`);
      results.push(await httpPhase(warehouse, db, httpEvents ?? [], auth));
      say(`  ${JSON.stringify((await health(warehouse, tokens)).totals)}`);
    }
    if (PHASES.has('kafka') || PHASES.has('fresh')) {
      // The topics are shared: the group starts at their current end, so the run reads its own
      // events (and whatever others produce meanwhile, counted below).
      say(
        `(c) restarting the warehouse with Kafka (${KAFKA_CLIENT}), ${CONSUMERS} process${CONSUMERS > 1 ? 'es' : ''} in one group at the topics' current end…`,
      );
      await stopService(warehouse);
      warehouse = undefined;
      await startGroupAtEnd(kafka, kafkaAdmin, groupId);
      for (let i = 0; i < CONSUMERS; i++) consumers.push(await startService(i === 0 ? 'warehouse' : `warehouse-${i + 1}`, 'data-warehouse', warehouseEnv));
      // every member joined and the partitions shared out before the clock starts
      if (CONSUMERS > 1) await sleep(8_000);
    }
    if (PHASES.has('kafka')) {
      say(`(c) Kafka: ${fmtInt(EVENTS)} events to ${Object.keys(TOPICS).length} topics, batches of ${BATCH}…`);
      httpEvents = undefined;
      results.push(await kafkaPhase('(c) Kafka', consumers, db, () => eventsFor('bench-kafka', EVENTS), kafka, tokens, BATCH, { window: KAFKA_WINDOW }));
    }
    if (PHASES.has('fresh')) {
      say(`(d) Kafka freshness: ${fmtInt(FRESH_RATE)} events/s for ${FRESH_SECONDS} s in batches of ${FRESH_BATCH}, no window…`);
      httpEvents = undefined;
      results.push(
        await kafkaPhase('(d) Kafka, steady', consumers, db, () => eventsFor('bench-fresh', FRESH_RATE * FRESH_SECONDS), kafka, tokens, FRESH_BATCH, {
          rate: FRESH_RATE,
        }),
      );
    }

    const h = await health(warehouse ?? (consumers[0] as Service), tokens);
    say('');
    say(`machine: ${m.cpus} × ${m.model}, ${m.memory} RAM; PostgreSQL ${pgVersion}; Kafka ${m.kafka}; Node ${m.node}`);
    say(`${fmtInt(EVENTS)} events per channel, ${SCHOOLS} schools, batches of ${BATCH}, ${SENDERS} HTTP senders, Kafka window ${fmtInt(KAFKA_WINDOW)}`);
    say(
      `tokens on: embedded OIDC issuer in the bench process; HTTP batches of one school each with that school's token (fetched before the clock, cached); services with RATE_LIMIT_PER_MINUTE=${fmtInt(RATE_LIMIT)} (their default is 6,000 per caller)`,
    );
    for (const line of table(results)) say(line);
    for (const r of results) for (const note of r.notes) say(`${r.name}: ${note}`);
    say(`warehouse totals: ${JSON.stringify(h.totals)}; head ${h.headPosition}, projection ${h.projection.position}`);
    say('* postgres CPU: every postgres process on the machine (the server is shared); latency per batch of events.');
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
