/**
 * The fault scenarios: real PostgreSQL and Kafka of this run (PrivateServers), identity, the
 * warehouse (and in one case the assessment) as child processes with the shared Keycloak's
 * tokens, traffic over HTTP and Kafka, one fault, and one table row of what happened.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPIC_PARTITIONS, TOPICS } from '@educube/contracts';
import { batches, type Province } from '@educube/simulator';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Child, deadline, freePort, ROOT, sleep, Tokens } from './processes';
import { PrivateServers } from './servers';
import { faultProvince, HTTP_SCHOOL, HttpSender, KafkaSender, ledger, planned, ReadinessSampler, REGISTRY, storedCount, type Sender } from './traffic';

export const ISSUER = `${process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080'}/realms/educube`;
const TOPIC_LIST = Object.values(TOPICS);

export interface FaultOptions {
  /** distinct events (split between the channels when both are used) */
  readonly events: number;
  /** earlier events sent again */
  readonly resends: number;
  /** how long the server stays away (for a freeze: how long the process stays stopped) */
  readonly outageSeconds: number;
  /** SIGKILLs of the warehouse (the kills scenario) */
  readonly kills: number;
  /** from the fault's end until everything must be stored: a hang guard, not a performance figure */
  readonly recoveryLimitSeconds: number;
  /** a progress line */
  readonly say: (line: string) => void;
}

export interface Row {
  readonly scenario: string;
  readonly fault: string;
  readonly produced: number;
  readonly distinct: number;
  readonly stored: number;
  readonly storedTwice: number;
  readonly atTwoPositions: number;
  readonly lost: number;
  /** seconds from the server back (the process resumed) until every distinct id is stored, Kafka's lag is 0 and every warehouse is ready with all checks passing; null: not within the limit */
  readonly recoverySeconds: number | null;
  readonly clientsSaw: Record<string, Record<string, number>>;
  readonly readiness: Record<string, string[]>;
  /** service processes that ended without being asked to */
  readonly exited: string[];
  /** restarts of a service the harness needed to finish (an exited warehouse is restarted so the ledger can still be read) */
  readonly restarts: number;
  readonly notes: string[];
}

/** Everything one scenario started, so it can all be stopped. */
class Run {
  readonly id = randomBytes(3).toString('hex');
  readonly t0 = performance.now();
  readonly children: Child[] = [];
  readonly samplers: ReadinessSampler[] = [];
  readonly notes: string[] = [];
  restarts = 0;
  private admin: Admin | undefined;

  constructor(
    readonly name: string,
    readonly servers: PrivateServers,
    readonly tokens: Tokens,
    readonly options: FaultOptions,
  ) {}

  ms(): number {
    return Math.round(performance.now() - this.t0);
  }

  say(line: string): void {
    this.options.say(`[${this.name} ${(this.ms() / 1000).toFixed(1)} s] ${line}`);
  }

  get groupId(): string {
    return `faults-${this.name}-${this.id}`;
  }

  db(kind: string): string {
    return `${kind}_${this.name.replace(/-/g, '_')}_${this.id}`;
  }

  kafkaAdmin(): Admin {
    this.admin ??= new Kafka({ brokers: this.servers.brokers, clientId: 'faults-admin', logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
    return this.admin;
  }

  /**
   * The group must read this run's records only: what earlier scenarios left in the topics is
   * deleted (the new group starts at the beginning, which is then the end). Deleting records is
   * one admin request per topic; placing a new group's offsets would join the group six times.
   * A broker just started may not have its leaders yet: retried for a while.
   */
  async prepareGroup(): Promise<void> {
    const until = Date.now() + 60_000;
    for (;;) {
      try {
        const admin = this.kafkaAdmin();
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        const missing = TOPIC_LIST.filter((t) => !existing.has(t));
        if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS })) });
        for (const topic of TOPIC_LIST) {
          const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => BigInt(p.high) > BigInt(p.low));
          if (ends.length) await admin.deleteTopicRecords({ topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
        }
        return;
      } catch (error) {
        if (Date.now() > until) throw error;
        await this.admin?.disconnect().catch(() => undefined);
        this.admin = undefined;
        await sleep(1_000);
      }
    }
  }

  /** Records not yet committed by the group; undefined while the broker cannot be asked. */
  async consumerLag(): Promise<number | undefined> {
    try {
      const admin = this.kafkaAdmin();
      await admin.connect();
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: TOPIC_LIST });
      let lag = 0;
      for (const topic of TOPIC_LIST) {
        const done = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const from = done.get(end.partition);
          lag += Number(BigInt(end.high) - (from === undefined || from < 0n ? BigInt(end.low) : from));
        }
      }
      return lag;
    } catch {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
      return undefined;
    }
  }

  /** Identity, started (not yet ready: the other services boot beside it). */
  async startIdentity(onPostgres: boolean): Promise<Child> {
    const env: Record<string, string> = { OIDC_ISSUER: ISSUER };
    if (onPostgres) env['DATABASE_URL'] = await this.servers.createDatabase(this.db('identity'));
    else env['IDENTITY_DATA_DIR'] = 'memory://';
    const identity = await Child.start('identity', 'identity', env);
    this.children.push(identity);
    return identity;
  }

  async seed(identity: Child, province: Province): Promise<void> {
    const post = async (path: string, body: string, contentType = 'application/json') => {
      const res = await fetch(`${identity.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${await this.tokens.of(REGISTRY.clientId, REGISTRY.clientSecret)}` },
        body,
      });
      if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    };
    await post('/v1/org/commands', JSON.stringify({ commands: province.regionCommands }));
    await post(`/v1/registry/import?dryRun=false&effectiveOn=${province.effectiveOn}`, province.registryCsv, 'text/csv');
    for (const commands of batches(province.peopleCommands, 500)) await post('/v1/people/commands', JSON.stringify({ commands }));
  }

  warehouseEnv(databaseUrl: string, identity: Child): Record<string, string> {
    return {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '6',
      KAFKA_BROKERS: this.servers.brokers.join(','),
      KAFKA_GROUP_ID: this.groupId,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      IDENTITY_URL: identity.url,
      PARKED_RETRY_MS: '1000',
      OIDC_ISSUER: ISSUER,
      SERVICE_CLIENT_SECRET: 'dev-warehouse-service-secret',
    };
  }

  async startWarehouse(name: string, env: Record<string, string>, port?: number, wait = true): Promise<Child> {
    const warehouse = await Child.start(name, 'data-warehouse', env, port);
    this.children.push(warehouse);
    if (wait) await warehouse.ready();
    return warehouse;
  }

  sample(name: string, url: () => string): ReadinessSampler {
    const sampler = new ReadinessSampler(name, url, this.t0).start();
    this.samplers.push(sampler);
    return sampler;
  }

  /** The services' error lines (LOG_LEVEL=warn), the last few of each, for the report. */
  errors(): string[] {
    return this.children.flatMap((c) =>
      c.log
        .filter((l) => /error|fatal|exception/i.test(l))
        .slice(-3)
        .map((l) => `${c.name}: ${l.slice(0, 300)}`),
    );
  }

  exited(): string[] {
    return this.children.map((c) => c.describeExit()).filter((x): x is string => x !== undefined);
  }

  async close(): Promise<void> {
    for (const s of this.samplers) s.stop();
    await Promise.all(this.children.map((c) => c.stop()));
    await this.admin?.disconnect().catch(() => undefined);
  }
}

interface Shape {
  readonly fault: string;
  readonly channels: readonly ('http' | 'kafka')[];
  readonly warehouses: number;
  /** the assessment beside identity and the warehouse on the same PostgreSQL (whose restart they must survive) */
  readonly bystanders?: boolean;
  /** the fault itself; resolves when the server is back (the process resumed), with what it noted */
  readonly inject: (ctx: FaultContext) => Promise<void>;
}

interface FaultContext {
  readonly run: Run;
  readonly servers: PrivateServers;
  readonly warehouses: Child[];
  readonly outageMs: number;
}

/** The server stopped (sessions ended as by a restart), away for the outage, started again. */
const postgresAway: Shape['inject'] = async ({ servers, outageMs }) => {
  await servers.stopPostgres();
  await sleep(outageMs);
  await servers.startPostgres();
};

const brokerAway: Shape['inject'] = async ({ servers, outageMs }) => {
  await servers.stopKafka();
  await sleep(outageMs);
  await servers.startKafka();
};

const SHAPES: Record<string, Shape> = {
  'pg-restart-http': {
    fault: 'PostgreSQL restart during HTTP ingestion (identity, assessment on the same server)',
    channels: ['http'],
    warehouses: 1,
    bystanders: true,
    inject: postgresAway,
  },
  'pg-restart-kafka': {
    fault: 'PostgreSQL restart during Kafka ingestion',
    channels: ['kafka'],
    warehouses: 1,
    inject: postgresAway,
  },
  'broker-restart': {
    fault: 'Kafka broker restart during Kafka ingestion',
    channels: ['kafka'],
    warehouses: 1,
    inject: brokerAway,
  },
  'broker-outage': {
    fault: "Kafka broker away longer than the client's retry budget",
    channels: ['kafka'],
    warehouses: 1,
    inject: brokerAway,
  },
  'frozen-consumer': {
    fault: 'one of two consumers frozen (SIGSTOP) past its session timeout',
    channels: ['kafka'],
    warehouses: 2,
    inject: async ({ warehouses, outageMs }) => {
      const frozen = warehouses[0] as Child;
      frozen.signal('SIGSTOP');
      await sleep(outageMs);
      frozen.signal('SIGCONT');
    },
  },
  'read-only': {
    fault: 'writes refused (default_transaction_read_only) during HTTP and Kafka ingestion',
    channels: ['http', 'kafka'],
    warehouses: 1,
    inject: async ({ servers, outageMs }) => {
      await servers.setReadOnly(true);
      await sleep(outageMs);
      await servers.setReadOnly(false);
    },
  },
};

export const SCENARIO_NAMES = [...Object.keys(SHAPES), 'kills'] as const;

/** Default outage of each scenario, seconds. */
export function defaultOutage(name: string): number {
  if (name === 'broker-outage') return 60;
  if (name === 'broker-restart') return 10;
  if (name === 'frozen-consumer') return 18; // 3 × the 6 s session timeout
  return 8;
}

/** The scenarios of the table, on one pair of private servers. */
export class FaultSuite {
  private servers: PrivateServers | undefined;
  private readonly tokens = new Tokens(ISSUER);
  private current: Run | undefined;

  async start(): Promise<PrivateServers> {
    this.servers = await PrivateServers.create();
    await this.servers.start();
    return this.servers;
  }

  async stop(): Promise<void> {
    await this.current?.close().catch(() => undefined);
    await this.servers?.stop();
    this.servers = undefined;
  }

  async run(name: string, options: FaultOptions): Promise<Row> {
    if (!this.servers) throw new Error('start() the suite first');
    const run = new Run(name, this.servers, this.tokens, options);
    this.current = run;
    try {
      const row = name === 'kills' ? await kills(run) : await faultRun(run, SHAPES[name] ?? unknown(name));
      writeRow(row);
      return row;
    } finally {
      await run.close();
      this.current = undefined;
    }
  }
}

const unknown = (name: string): never => {
  throw new Error(`no scenario ${name}; one of ${SCENARIO_NAMES.join(', ')}`);
};

/** /health/ready answers 200 and every check passes (a consumer back in its group, the database writable). */
async function fullyReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { checks?: { ok: boolean }[] };
    return res.status === 200 && (body.checks ?? []).every((c) => c.ok);
  } catch {
    return false;
  }
}

/**
 * Waits until every id sent is stored, the group's lag is 0 and every warehouse is ready with all
 * its checks passing, restarting a warehouse that died (counted); true when that happened in time.
 */
async function drain(
  run: Run,
  warehouseDb: string,
  senders: readonly Sender[],
  warehouses: Child[],
  restart: (i: number) => Promise<Child>,
  limitMs: number,
): Promise<boolean> {
  const distinct = senders.reduce((n, s) => n + s.ids.size, 0);
  const kafka = senders.some((s) => s.channel === 'kafka');
  const until = Date.now() + limitMs;
  const abandoned = senders.reduce((n, s) => n + s.abandoned, 0);
  let last = '';
  let lastAt = 0;
  let still = { stored: -1, since: Date.now() };
  while (Date.now() < until) {
    for (const [i, w] of warehouses.entries()) {
      if (!w.alive && !w.exit?.planned) {
        run.say(`${w.name} exited on its own (${w.describeExit()}); last lines:\n${w.log.slice(-15).join('\n')}\nrestarting it`);
        run.restarts++;
        warehouses[i] = await restart(i);
      }
    }
    const stored = await storedCount(warehouseDb);
    const lag = kafka ? await run.consumerLag() : 0;
    const state = `${stored ?? '?'}/${distinct} stored${kafka ? `, consumer lag ${lag ?? '?'}` : ''}`;
    const ready = (await Promise.all(warehouses.map((w) => fullyReady(w.url)))).every(Boolean);
    if (stored !== undefined && stored >= distinct && lag === 0 && ready) {
      const l = await ledger(warehouseDb, senders);
      if (l.lost === 0) return true;
    }
    // records a client gave up on never come: once nothing moves for 15 s, waiting longer shows nothing more
    if (stored !== still.stored) still = { stored: stored ?? -1, since: Date.now() };
    else if (abandoned > 0 && lag === 0 && Date.now() - still.since > 15_000) {
      run.notes.push(`stopped waiting: ${state}, nothing moved for 15 s and the clients gave up on ${abandoned} records`);
      return false;
    }
    if (state !== last && Date.now() - lastAt > 3_000) {
      run.say(state);
      last = state;
      lastAt = Date.now();
    }
    await sleep(250);
  }
  return false;
}

async function faultRun(run: Run, shape: Shape): Promise<Row> {
  const { servers, options } = run;
  const province = faultProvince(1);
  run.say(`${shape.fault}: ${options.events} events + ${options.resends} resends, outage ${options.outageSeconds} s`);
  // The group is placed at the topics' ends before anyone joins it; then every service boots at
  // once (the machine's two cores compile them in parallel); nothing is sent before identity is seeded.
  await run.prepareGroup();
  const warehouseDb = await servers.createDatabase(run.db('warehouse'));
  // identity on the private PostgreSQL too (as deployed): a database fault reaches it as well
  const identity = await run.startIdentity(true);
  const env = run.warehouseEnv(warehouseDb, identity);
  const ports: number[] = [];
  for (let i = 0; i < shape.warehouses; i++) ports.push(await freePort());
  const names = ports.map((_, i) => (shape.warehouses > 1 ? `warehouse-${i + 1}` : 'warehouse'));
  const warehouses = await Promise.all(ports.map((port, i) => run.startWarehouse(names[i] as string, env, port, false)));
  // a restart keeps the port, so the sender and the samplers keep their address
  const restart = (i: number) => run.startWarehouse(names[i] as string, env, ports[i]);
  let assessment: Child | undefined;
  if (shape.bystanders) {
    const assessmentDb = await servers.createDatabase(run.db('assessment'));
    assessment = await Child.start('assessment', 'assessment', {
      DATABASE_URL: assessmentDb,
      WAREHOUSE_URL: (warehouses[0] as Child).url,
      IDENTITY_URL: identity.url,
      OIDC_ISSUER: ISSUER,
      SERVICE_CLIENT_SECRET: 'dev-assessment-service-secret',
    });
    run.children.push(assessment);
  }
  await identity.ready();
  run.say('identity ready');
  await run.seed(identity, province);
  run.say(`identity seeded (${province.counts.schools} school)`);
  for (const c of run.children) await c.ready();
  run.say(`services ready (${run.children.map((c) => `${c.name} pid ${c.pid}`).join(', ')})`);
  const samplers = [...warehouses.map((w, i) => run.sample(w.name, () => (warehouses[i] as Child).url))];
  if (shape.bystanders) {
    samplers.push(run.sample('identity', () => identity.url));
    if (assessment) samplers.push(run.sample('assessment', () => (assessment as Child).url));
  }

  // Paced so that events flow before and all through the fault: it starts after a few seconds of
  // traffic, and the schedule ends when the fault does, so a client held up by it has a backlog to
  // catch up on once the server is back.
  const outageMs = options.outageSeconds * 1_000;
  const leadS = Math.max(5, options.outageSeconds / 2);
  const perChannel = Math.ceil(options.events / shape.channels.length);
  const resendsPerChannel = Math.ceil(options.resends / shape.channels.length);
  const durationS = leadS + options.outageSeconds;
  const rate = Math.ceil((perChannel + resendsPerChannel) / durationS);
  const senders: Sender[] = [];
  const sending = shape.channels.map((channel) => {
    const records = planned(province, `faults-${run.name}-${run.id}-${channel}`, perChannel, resendsPerChannel, HTTP_SCHOOL, channel);
    const sendOptions = { batch: 500, rate, retryBudgetMs: options.recoveryLimitSeconds * 1_000 + outageMs };
    if (channel === 'http') {
      const sender = new HttpSender(() => (warehouses[0] as Child).url, run.tokens);
      senders.push(sender);
      return sender.run(records, sendOptions);
    }
    const sender = new KafkaSender(servers.brokers);
    senders.push(sender);
    return sender.run(records, sendOptions);
  });
  const sent = Promise.all(sending);
  sent.catch(() => undefined);

  await sleep(leadS * 1_000);
  const faultAt = run.ms();
  run.say(`fault: ${shape.fault}`);
  await shape.inject({ run, servers, warehouses, outageMs });
  const backAt = run.ms();
  run.say(`back after ${((backAt - faultAt) / 1000).toFixed(1)} s`);

  let recovered = false;
  const guard = options.recoveryLimitSeconds * 1_000;
  const senderDone = await Promise.race([sent.then(() => true), deadline(guard + durationS * 1_000).then(() => false)]);
  if (!senderDone) run.notes.push('the senders did not finish within the limit');
  else recovered = await drain(run, warehouseDb, senders, warehouses, restart, Math.max(guard - (run.ms() - backAt), 1_000));
  const doneAt = run.ms();
  // the bystanders must be fully ready again too (all their checks passing)
  for (const other of shape.bystanders ? [identity, assessment] : []) {
    if (!other?.alive) continue;
    const until = Date.now() + 30_000;
    while (!(await fullyReady(other.url)) && Date.now() < until) await sleep(250);
    if (!(await fullyReady(other.url))) run.notes.push(`${other.name}: not ready with every check passing 30 s after the warehouse recovered`);
  }
  // a last sample or two, so the readiness sequences end with the state recovery ended in
  await sleep(750);
  for (const s of run.samplers) s.stop();
  const l = await ledger(warehouseDb, senders);
  const row: Row = {
    scenario: run.name,
    fault: `${shape.fault}, ${options.outageSeconds} s`,
    produced: senders.reduce((n, s) => n + s.produced, 0),
    distinct: senders.reduce((n, s) => n + s.ids.size, 0),
    stored: l.stored,
    storedTwice: l.twice,
    atTwoPositions: l.atTwoPositions,
    lost: l.lost,
    recoverySeconds: recovered ? Math.round((doneAt - backAt) / 100) / 10 : null,
    clientsSaw: Object.fromEntries(
      senders.flatMap((s) => [[s.channel, s.saw.toJSON()], ...(s instanceof HttpSender ? [['http results', s.results.toJSON()]] : [])]),
    ),
    readiness: Object.fromEntries(samplers.map((s) => [s.name, s.since(faultAt)])),
    exited: run.exited(),
    restarts: run.restarts,
    notes: [
      ...run.notes,
      ...l.lostWhere.map((w) => `lost: ${w}`),
      ...senders.filter((s) => s.abandoned).map((s) => `${s.channel}: ${s.abandoned} records given up by the client`),
      ...run.errors().map((e) => `log ${e}`),
    ],
  };
  run.say(`done: ${JSON.stringify({ ...row, readiness: undefined, clientsSaw: undefined })}`);
  return row;
}

/** SIGKILL the warehouse `kills` times while a large run is produced to Kafka, restarting it each time. */
async function kills(run: Run): Promise<Row> {
  const { servers, options } = run;
  const province = faultProvince(Math.max(1, Math.ceil(options.events / 50_000)));
  run.say(`${options.kills} SIGKILLs of the warehouse over ${options.events} events + ${options.resends} resends produced to Kafka`);
  await run.prepareGroup();
  const warehouseDb = await servers.createDatabase(run.db('warehouse'));
  const identity = await run.startIdentity(true);
  const env = run.warehouseEnv(warehouseDb, identity);
  const port = await freePort();
  let warehouse = await run.startWarehouse('warehouse', env, port, false);
  await identity.ready();
  await run.seed(identity, province);
  run.say(`identity seeded: ${province.counts.schools} schools`);
  await warehouse.ready();
  const warehouses = [warehouse];
  const sampler = run.sample('warehouse', () => (warehouses[0] as Child).url);
  const sender = new KafkaSender(servers.brokers);
  const sending = sender.run(planned(province, `faults-kills-${run.id}`, options.events, options.resends), {
    batch: 2_000,
    rate: 0,
    retryBudgetMs: options.recoveryLimitSeconds * 1_000,
  });
  sending.catch(() => undefined);
  let killed = 0;
  let backAt = run.ms();
  for (let k = 1; k <= options.kills; k++) {
    const threshold = Math.round((options.events * k) / (options.kills + 1));
    let stored = (await storedCount(warehouseDb)) ?? 0;
    let grew = { stored, at: Date.now() };
    while (stored < threshold) {
      if (!warehouse.alive) {
        run.say(`the warehouse exited on its own (${warehouse.describeExit()}); restarting it`);
        run.restarts++;
        warehouse = await run.startWarehouse('warehouse', env, port);
        warehouses[0] = warehouse;
      }
      await sleep(100);
      stored = (await storedCount(warehouseDb)) ?? stored;
      if (stored > grew.stored) grew = { stored, at: Date.now() };
      else if (Date.now() - grew.at > options.recoveryLimitSeconds * 1_000)
        throw new Error(`no progress for ${options.recoveryLimitSeconds} s at ${stored} stored`);
    }
    await warehouse.stop('SIGKILL');
    killed++;
    run.say(`SIGKILL ${k}/${options.kills} at ${stored} stored (${sender.produced} produced)`);
    warehouse = await run.startWarehouse('warehouse', env, port);
    warehouses[0] = warehouse;
    backAt = run.ms();
  }
  await sending;
  run.say(`produced ${sender.produced} records (${sender.ids.size} distinct ids); draining`);
  const recovered = await drain(
    run,
    warehouseDb,
    [sender],
    warehouses,
    async () => {
      warehouse = await run.startWarehouse('warehouse', env, port);
      return warehouse;
    },
    Math.max(options.recoveryLimitSeconds * 1_000, options.events / 2),
  );
  const doneAt = run.ms();
  await sleep(750);
  sampler.stop();
  const l = await ledger(warehouseDb, [sender]);
  return {
    scenario: run.name,
    fault: `${killed} SIGKILLs of the warehouse, restarted each time`,
    produced: sender.produced,
    distinct: sender.ids.size,
    stored: l.stored,
    storedTwice: l.twice,
    atTwoPositions: l.atTwoPositions,
    lost: l.lost,
    recoverySeconds: recovered ? Math.round((doneAt - backAt) / 100) / 10 : null,
    clientsSaw: { kafka: sender.saw.toJSON() },
    readiness: { warehouse: sampler.since(0) },
    exited: run.exited(),
    restarts: run.restarts,
    notes: [...run.notes, ...l.lostWhere.map((w) => `lost: ${w}`), `recovery: from the last restart until drained`, ...run.errors().map((e) => `log ${e}`)],
  };
}

/** tmp/faults/<scenario>.json (tmp/ is git-ignored). */
function writeRow(row: Row): void {
  const dir = join(ROOT, 'tmp', 'faults');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${row.scenario}.json`), `${JSON.stringify(row, null, 2)}\n`);
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The rows as a markdown table. */
export function table(rows: readonly Row[]): string {
  const head = [
    'fault',
    'produced',
    'distinct',
    'stored',
    'stored twice',
    'lost',
    'recovery',
    'clients saw',
    'readiness during the fault',
    'exited',
    'restarts',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const saw = Object.entries(r.clientsSaw)
      .map(
        ([channel, t]) =>
          `${channel}: ${Object.entries(t)
            .map(([k, v]) => `${k} ×${v}`)
            .join(', ')}`,
      )
      .join('; ');
    const readiness = Object.entries(r.readiness)
      .map(([name, states]) => `${name}: ${states.join(' → ')}`)
      .join('; ');
    lines.push(
      `| ${[
        r.fault,
        r.produced,
        r.distinct,
        r.stored,
        `${r.storedTwice}${r.atTwoPositions ? ` (${r.atTwoPositions} ids at two positions)` : ''}`,
        r.lost,
        r.recoverySeconds === null ? 'not recovered' : `${r.recoverySeconds} s`,
        saw,
        readiness,
        r.exited.length ? r.exited.join(', ') : 'none',
        r.restarts,
      ]
        .map((c) => cell(String(c)))
        .join(' | ')} |`,
    );
    for (const n of r.notes) lines.push(`| ↳ ${cell(n)} | | | | | | | | | | |`);
  }
  return lines.join('\n');
}
