import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventRegistry, familyOfType, TOPIC_PARTITIONS, TOPICS, toKafkaRecord, type CloudEvent, type KafkaRecord } from '@educube/contracts';
import { PostgresEventStore } from '@educube/event-store';
import { KafkaJsAdmin, KafkaJsProducer } from '@educube/kafka';
import { createPool, fromPool, type SqlDatabase } from '@educube/postgres';
import { batches, eventStream, expectedEventCount, simulateProvince } from '@educube/simulator';
import { applyBatch, checksum, reset } from '@educube/warehouse-read-models-postgres';
import { Kafka, logLevel } from 'kafkajs';
import { Client, type Pool } from 'pg';
import { positioned, PROJECTION } from '../projection/projector';

// Issue 4, the fault test: SIGKILL the Kafka consumer between append and offset commit, several
// times over a run of ≥ 100,000 events, and show that nothing is lost, nothing is stored twice,
// and the read models equal a replay from position 0. Everything is real: PostgreSQL and Kafka
// of scripts/stack, the identity service and the warehouse as child processes, exactly as
// deployed (`node -r @swc-node/register apps/<app>/src/main.ts`).

const ROOT = resolve(__dirname, '../../../..');
const ADMIN_URL = process.env['EDUCUBE_PG_ADMIN_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube';
const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:29092').split(',');
const TOPIC_LIST = Object.values(TOPICS);

// ≥ 100,000 events from 40 schools over one week (5 school days at 500, 2 weekend days at 100),
// starting 30 days ago so no event lies in the future. Small schools keep identity's seeding short.
const SCHOOLS = 40;
const EVENTS_PER_SCHOOL_PER_DAY = 500;
const DAYS = 7;
const REDELIVERED = 5_000;
const CONFLICTS = 5;
const RANDOM_KILLS = 3;
const SEND_CHUNK = 2_000;
// identity decides a people batch in time that grows with the square of its size: 500 commands
// a request seed 35,000 in seconds, where 10,000 a request take minutes
const PEOPLE_BATCH = 500;

const run = randomBytes(4).toString('hex');
const dbName = `educube_fault_${run}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const groupId = `warehouse-fault-${run}`;

/** Milestones on stderr as they happen: a run of minutes should show where it is. */
const progress = (startedAt: number, what: string) =>
  process.stderr.write(`[consumer-crash ${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${what}\n`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise((ok) => server.close(ok));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A service as a child process, its output kept (the last 200 lines) for a failure message. */
class Child {
  readonly log: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.log.push(line);
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    this.exited = new Promise((ok) => process.once('exit', (code, signal) => ok({ code, signal })));
  }

  static async start(name: string, main: string, env: Record<string, string>, port?: number): Promise<Child> {
    port ??= await freePort();
    // Jest's NODE_OPTIONS (vm modules) are not the service's
    const inherited = { ...process.env };
    delete inherited['NODE_OPTIONS'];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
      cwd: ROOT,
      env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Child(name, child, `http://127.0.0.1:${port}`);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Resolves once /health/ready answers 200; fails if the process dies or 90 s pass. */
  async ready(timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.alive) throw new Error(`${this.name} exited before it was ready:\n${this.log.join('\n')}`);
      const ok = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.log.join('\n')}`);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.process.kill(signal);
    await this.exited;
  }
}

// Tokens on, as deployed: the stack's Keycloak issues them; identity is seeded by the registry
// loader, the warehouse asks identity with its own client, health is read as a hub service.
const ISSUER = `${process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080'}/realms/educube`;

async function clientToken(clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(`${ISSUER}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`Keycloak refused ${clientId}: ${body.error_description}`);
  return body.access_token;
}

/** Health as a hub service sees it (the store's and Kafka's figures); a fresh token each time, they live 5 minutes. */
async function healthOf(url: string): Promise<Response> {
  return fetch(`${url}/v1/ingestion/health`, {
    headers: { authorization: `Bearer ${await clientToken('educube-gateway-service', 'dev-gateway-service-secret')}` },
  });
}

async function post(url: string, body: string, contentType = 'application/json'): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${await clientToken('educube-registry', 'dev-registry-secret')}` },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

interface Health {
  storedEvents: number;
  projection: { position: string; lag: string; error: string | null };
  kafka: { enabled: boolean; consumerLag?: number | null; error?: string | null };
  totals: { accepted: number; duplicates: number; conflicts: number; deadLetters: number; parked: number };
}

/** A copy of `event` under the same id with other content: the store must refuse it as a conflict. */
function conflicting(event: CloudEvent, now: Date): CloudEvent {
  const data = event.data as Record<string, unknown>;
  const usage = data['usageMinutes'] as number;
  const changed = { ...event, data: { ...data, usageMinutes: usage === 0 ? 1 : usage - 1 } } as CloudEvent;
  const checked = eventRegistry.validate(changed, { now });
  if (!checked.ok) throw new Error(`the conflicting copy of ${event.id} is not valid: ${JSON.stringify(checked.problems)}`);
  return changed;
}

describe('Kafka consumer SIGKILLed between append and offset commit (real PostgreSQL, Kafka, identity)', () => {
  let admin: Client;
  let pool: Pool;
  let db: SqlDatabase;
  let identity: Child | undefined;
  let warehouse: Child | undefined;
  let crashDir: string;
  const raw = new Kafka({ brokers: BROKERS, clientId: 'consumer-crash-test', logLevel: logLevel.NOTHING }).admin();

  beforeAll(async () => {
    admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    pool = createPool({ url: dbUrl, applicationName: 'consumer-crash-test', max: 4 });
    db = fromPool(pool);
    crashDir = mkdtempSync(join(tmpdir(), 'educube-crash-'));
  }, 60_000);

  afterAll(async () => {
    await warehouse?.kill('SIGKILL');
    await identity?.kill('SIGKILL');
    await raw.disconnect();
    // pool.end() resolves before its connections have closed: the drop below may terminate one
    // still closing, which the pool reports as an error nobody listens to (a failed test)
    pool?.on('error', () => undefined);
    await pool?.end();
    if (admin) {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    if (crashDir) rmSync(crashDir, { recursive: true, force: true });
  }, 60_000);

  it('stores every distinct id once, dead-letters conflicts, loses nothing, and the read models equal a replay from zero', async () => {
    const started = performance.now();
    const now = new Date();

    // Topics may already hold other tests' records (and this test's earlier runs: they are kept
    // a week). The group starts at today's end of every partition, so this run reads what is
    // produced from now on: its own events, and whatever other tests send meanwhile (counted apart).
    const kafkaAdmin = new KafkaJsAdmin({ brokers: BROKERS, clientId: 'consumer-crash-test' });
    await kafkaAdmin.ensureTopics(TOPIC_LIST.map((topic) => ({ topic, partitions: TOPIC_PARTITIONS })));
    await kafkaAdmin.disconnect();
    await raw.connect();
    for (const topic of TOPIC_LIST) {
      const ends = await raw.fetchTopicOffsets(topic);
      await raw.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
    const committed = async (topic: string, partition: number): Promise<bigint> => {
      const [offsets] = await raw.fetchOffsets({ groupId, topics: [topic] });
      return BigInt(offsets?.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
    };

    // Identity and the warehouse boot side by side; nothing is produced before identity is seeded
    // (an event of a school identity does not know yet would be rejected).
    const identityPort = await freePort();
    const env = {
      DATABASE_URL: dbUrl,
      DATABASE_POOL_SIZE: '6',
      KAFKA_BROKERS: BROKERS.join(','),
      KAFKA_GROUP_ID: groupId,
      IDENTITY_URL: `http://127.0.0.1:${identityPort}`,
      LOG_LEVEL: 'warn',
      PARKED_RETRY_MS: '1000',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      OIDC_ISSUER: ISSUER,
      SERVICE_CLIENT_SECRET: 'dev-warehouse-service-secret',
    };
    const crashFile = join(crashDir, 'crashed-after-append.json');
    const startWarehouse = (hook = false) =>
      Child.start('data-warehouse', 'apps/data-warehouse/src/main.ts', hook ? { ...env, EDUCUBE_CRASH_AFTER_APPEND_ONCE: crashFile } : env);
    identity = await Child.start(
      'identity',
      'apps/identity/src/main.ts',
      { IDENTITY_DATA_DIR: 'memory://', LOG_LEVEL: 'warn', OIDC_ISSUER: ISSUER },
      identityPort,
    );
    warehouse = await startWarehouse();
    await identity.ready();
    const province = simulateProvince({ seed: `fault-${run}`, schools: SCHOOLS, teachersPerSchool: 20, studentsPerSchool: 200 });
    await post(`${identity.url}/v1/org/commands`, JSON.stringify({ commands: province.regionCommands }));
    await post(`${identity.url}/v1/registry/import?dryRun=false&effectiveOn=${province.effectiveOn}`, province.registryCsv, 'text/csv');
    for (const commands of batches(province.peopleCommands, PEOPLE_BATCH)) await post(`${identity.url}/v1/people/commands`, JSON.stringify({ commands }));
    const seededMs = performance.now() - started;
    progress(started, `identity seeded: ${province.counts.schools} schools, ${province.counts.peopleCommands} people commands`);

    // Produce while the warehouse finishes booting: the stream, then a slice of it again (redelivery), then
    // same-id-other-content copies, each after its original on the school's partition.
    const streamOptions = {
      seed: `fault-${run}`,
      from: new Date(now.getTime() - 30 * 86_400_000),
      days: DAYS,
      eventsPerSchoolPerDay: EVENTS_PER_SCHOOL_PER_DAY,
    };
    const expected = expectedEventCount(province, streamOptions);
    expect(expected).toBeGreaterThanOrEqual(100_000);
    const producer = new KafkaJsProducer({ brokers: BROKERS, clientId: 'consumer-crash-test' });
    await producer.connect();
    const sentIds = new Set<string>();
    let sent = 0;
    const pending = new Map<string, KafkaRecord[]>();
    const send = async (topic: string, records: KafkaRecord[]) => {
      await producer.send(topic, records);
      sent += records.length;
    };
    const queue = async (event: CloudEvent) => {
      const topic = TOPICS[familyOfType(event.type) ?? 'roster'];
      const list = pending.get(topic) ?? [];
      list.push(toKafkaRecord(event));
      pending.set(topic, list);
      if (list.length >= SEND_CHUNK) await send(topic, list.splice(0));
    };
    const flush = async () => {
      for (const [topic, list] of pending) if (list.length) await send(topic, list.splice(0));
    };
    const redelivered: CloudEvent[] = [];
    const conflictSources: CloudEvent[] = [];
    const producing = (async () => {
      for (const event of eventStream(province, streamOptions)) {
        sentIds.add(event.id);
        if (redelivered.length < REDELIVERED) redelivered.push(event);
        if (conflictSources.length < CONFLICTS && event.type === 'cn.educube.asset.DeviceTelemetryReported.v1' && sentIds.size > 20_000)
          conflictSources.push(event);
        await queue(event);
      }
      await flush();
      for (const event of redelivered) await queue(event);
      await flush();
      for (const event of conflictSources) await queue(conflicting(event, now));
      await flush();
    })();

    // The kills: three at random moments while the store grows, and one made certain by the
    // consumer's fault hook right after an append and before its commit.
    const count = async () => Number((await db.query<{ n: string }>('select count(*)::text as n from event_store.events')).rows[0]?.n ?? 0);
    const thresholds = Array.from({ length: RANDOM_KILLS }, (_, i) => Math.round(expected * (0.12 + i * 0.25 + Math.random() * 0.15)));
    const kills: { kind: 'random' | 'hook'; storedAt: number; atMs: number }[] = [];
    let hookProof: { topic: string; partition: number; firstOffset: string; lastOffset: string; accepted: number; committedAfter: string } | undefined;
    await warehouse.ready();
    progress(started, `warehouse ready; kills planned at ${thresholds.join(', ')} stored events`);
    for (const [i, threshold] of thresholds.entries()) {
      let stored = await count();
      let grew = { stored, at: Date.now() };
      while (stored < threshold) {
        if (!warehouse.alive) throw new Error(`the warehouse died on its own:\n${warehouse.log.join('\n')}`);
        await sleep(50);
        stored = await count();
        if (stored > grew.stored) grew = { stored, at: Date.now() };
        else if (Date.now() - grew.at > 90_000) {
          const health = await healthOf(warehouse.url).then((r) => r.text(), String);
          throw new Error(
            `no progress for 90 s at ${stored} stored (${sent} records produced); health ${health.slice(0, 1_000)}\nwarehouse log:\n${warehouse.log.join('\n')}`,
          );
        }
      }
      await warehouse.kill('SIGKILL');
      kills.push({ kind: 'random', storedAt: stored, atMs: Math.round(performance.now() - started) });
      progress(started, `SIGKILL at ${stored} stored events`);
      if (i === 0) {
        // the restart after the first kill carries the hook: it dies on its first appending batch
        warehouse = await startWarehouse(true);
        const { signal } = await warehouse.exited;
        expect(signal).toBe('SIGKILL');
        const proof = JSON.parse(readFileSync(crashFile, 'utf8')) as {
          topic: string;
          partition: number;
          firstOffset: string;
          lastOffset: string;
          accepted: number;
        };
        const after = await committed(proof.topic, proof.partition);
        // appended (accepted > 0, the pipeline returned) and not committed: redelivery will come
        expect(proof.accepted).toBeGreaterThan(0);
        expect(after).toBeLessThanOrEqual(BigInt(proof.firstOffset));
        hookProof = { ...proof, committedAfter: after.toString() };
        kills.push({ kind: 'hook', storedAt: await count(), atMs: Math.round(performance.now() - started) });
        progress(
          started,
          `the hook killed the consumer after appending ${proof.accepted} events of ${proof.topic}/${proof.partition}, offset committed ${after}`,
        );
      }
      warehouse = await startWarehouse();
      await warehouse.ready();
      progress(started, 'warehouse restarted');
    }
    await producing;
    await producer.disconnect();
    const producedMs = performance.now() - started;
    progress(started, `produced ${sent} records (${sentIds.size} distinct ids)`);

    // Drain: every record consumed and committed, the projection at the head.
    let health: Health | undefined;
    const drainUntil = Date.now() + 240_000;
    for (;;) {
      if (!warehouse.alive) throw new Error(`the warehouse died on its own:\n${warehouse.log.join('\n')}`);
      const stored = await db.query<{ n: string }>('select count(*)::text as n from event_store.events where event_id = any($1::text[])', [[...sentIds]]);
      const ours = Number(stored.rows[0]?.n ?? 0);
      health = (await (await healthOf(warehouse.url)).json()) as Health;
      if (ours === sentIds.size && health.kafka.consumerLag === 0 && health.projection.lag === '0') break;
      progress(started, `draining: ${ours}/${sentIds.size} stored, consumer lag ${health.kafka.consumerLag}, projection lag ${health.projection.lag}`);
      if (Date.now() > drainUntil)
        throw new Error(`not drained: ${ours}/${sentIds.size} stored, health ${JSON.stringify({ kafka: health.kafka, projection: health.projection })}`);
      await sleep(1_000);
    }
    const drainedMs = performance.now() - started;
    progress(started, 'drained; replaying the read models from position 0');
    // a clean stop, so no projector runs during the replay
    await warehouse.kill('SIGTERM');

    // The store: ours exactly once, others counted apart.
    const { rows: storedRows } = await db.query<{ event_id: string }>('select event_id from event_store.events');
    const storedIds = new Set(storedRows.map((r) => r.event_id));
    const storedOurs = [...storedIds].filter((id) => sentIds.has(id)).length;
    const others = storedIds.size - storedOurs;
    const lost = [...sentIds].filter((id) => !storedIds.has(id));
    const twice = storedRows.length - storedIds.size;
    const { rows: constraint } = await db.query<{ n: string }>(
      "select count(*)::text as n from pg_constraint where conname = 'events_event_id_unique' and contype = 'u'",
    );
    const { rows: letters } = await db.query<{ event_id: string | null; status: string }>('select event_id, status from warehouse.dead_letters');
    const conflictLetters = letters.filter((l) => l.status === 'conflict' && l.event_id !== null && sentIds.has(l.event_id));
    const conflictIds = new Set(conflictLetters.map((l) => l.event_id));
    const rejectedOurs = letters.filter((l) => l.status === 'rejected' && l.event_id !== null && sentIds.has(l.event_id)).length;
    const { rows: parkedRows } = await db.query<{ n: string }>('select count(*)::text as n from warehouse.parked');

    // The stored copy of each conflicting id is the original, not the late copy.
    const { rows: originals } = await db.query<{ event_id: string; data: CloudEvent }>(
      'select event_id, data from event_store.events where event_id = any($1::text[])',
      [conflictSources.map((e) => e.id)],
    );
    const usage = new Map(originals.map((r) => [r.event_id, (r.data.data as Record<string, unknown>)['usageMinutes']]));

    // Read models: the incremental result against a replay from position 0 of the same store.
    const incremental = await checksum(db);
    const replayStarted = performance.now();
    await reset(db);
    const store = await PostgresEventStore.open(db);
    let after = 0n;
    let replayed = 0;
    for (;;) {
      const page = await store.readAll(after, 5_000);
      if (page.length === 0) break;
      await applyBatch(db, PROJECTION, positioned(page));
      replayed += page.length;
      after = page[page.length - 1]?.position ?? after;
    }
    const replayMs = performance.now() - replayStarted;
    const replay = await checksum(db);
    const wallMs = performance.now() - started;

    const table = {
      'sent (records produced)': sent,
      'distinct ids sent': sentIds.size,
      'duplicates sent (same id, same content)': redelivered.length,
      'conflicts sent (same id, other content)': conflictSources.length,
      'stored (ours)': storedOurs,
      'stored (others on the topics meanwhile)': others,
      'stored twice': twice,
      lost: lost.length,
      'conflicts kept as dead letters (distinct ids / rows)': `${conflictIds.size} / ${conflictLetters.length}`,
      'rejected (ours)': rejectedOurs,
      parked: Number(parkedRows[0]?.n ?? 0),
      kills: `${kills.length} (${kills.map((k) => `${k.kind}@${k.storedAt}`).join(', ')})`,
      'hook kill: batch appended, offset not committed': hookProof
        ? `${hookProof.topic}/${hookProof.partition} offsets ${hookProof.firstOffset}-${hookProof.lastOffset}, ${hookProof.accepted} appended, committed ${hookProof.committedAfter}`
        : 'none',
      'last process: duplicates answered': health.totals.duplicates,
      'identity seeded (s)': (seededMs / 1000).toFixed(1),
      'produced (s)': (producedMs / 1000).toFixed(1),
      'drained (s)': (drainedMs / 1000).toFixed(1),
      'replay (events, s)': `${replayed}, ${(replayMs / 1000).toFixed(1)}`,
      'wall time (s)': (wallMs / 1000).toFixed(1),
      'checksum incremental': incremental,
      'checksum replay from 0': replay,
    };
    console.log(
      `consumer crash test, run ${run} (database ${dbName}, group ${groupId})\n${Object.entries(table)
        .map(([k, v]) => `  ${k.padEnd(54)} ${String(v)}`)
        .join('\n')}`,
    );

    expect(kills.filter((k) => k.kind === 'random').length).toBeGreaterThanOrEqual(3);
    expect(hookProof).toBeDefined();
    expect(sentIds.size).toBeGreaterThanOrEqual(100_000);
    expect(Number(constraint[0]?.n)).toBe(1);
    expect(twice).toBe(0);
    expect(lost).toEqual([]);
    expect(storedOurs).toBe(sentIds.size);
    expect(conflictIds).toEqual(new Set(conflictSources.map((e) => e.id)));
    for (const e of conflictSources) expect(usage.get(e.id)).toBe((e.data as Record<string, unknown>)['usageMinutes']);
    expect(rejectedOurs).toBe(0);
    expect(replayed).toBe(storedIds.size);
    expect(replay).toBe(incremental);
  }, 480_000);
});
