/**
 * `npm run bench:replay`: how fast the two replays run, `warehouse:rebuild` and
 * `assessment:rebuild`, on the stack's real PostgreSQL. One run:
 *
 *   (0) a database of its own (created here, dropped at the end), its event store filled with N
 *       simulated events in school streams, stored as the warehouse's ingestor stores them;
 *   (1) the warehouse service (a child process, no Kafka, no OIDC) projects them live, page by
 *       page, until its checkpoint is at the head: the incremental read models and checksum;
 *   (2) `warehouse:rebuild` (a child process, the CLI as an operator runs it) replays the store
 *       into empty read models and compares the checksums; it reports its own CPU and peak RSS;
 *   (3) `assessment:migrate`, then the same events into the assessment's applied-events table
 *       (as its feed projection stores them), then `assessment:rebuild` (a child process) with no
 *       evidence stored: the facts replay alone; then the assessment service (a child process,
 *       identity and the warehouse unreachable) evaluates every school and stores its evidence,
 *       and `assessment:rebuild` runs again: facts and evidence. The evidence part is the
 *       difference of the two runs.
 *
 * Tools spawn apps, never import them: each replay is measured as a process of its own.
 * Not a test: nothing asserts a number.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { commandLine } from '@educube/cli';
import { eventRegistry, type CloudEvent } from '@educube/contracts';
import { PostgresEventStore, streamId } from '@educube/event-store';
import { createPool, fromPool } from '@educube/postgres';
import { simulateProvince } from '@educube/simulator';
import { Client } from 'pg';
import { envInt, simulatedEvents } from './inputs';
import { cpuSeconds, fmtInt, fmtMiB } from './measure';
import { freePort, machine, root, say } from './processes';

commandLine({
  command: 'npm run bench:replay --',
  summary:
    "How fast warehouse:rebuild and assessment:rebuild replay N simulated events, on the stack's PostgreSQL\n(npm run stack). Creates a database of its own and drops it at the end. Not a test: nothing asserts a number.",
  env: {
    BENCH_EVENTS: 'events in the store (default 200000)',
    BENCH_SCHOOLS: 'simulated schools (default 20)',
    BENCH_TEACHERS_PER_SCHOOL: 'default 15',
    BENCH_STUDENTS_PER_SCHOOL: 'default 120',
    BENCH_APPEND_BATCH: 'events per appendMany (default 5000)',
    BENCH_ASSESSMENT: '0 skips the assessment replay (default 1)',
    BENCH_PHASE_TIMEOUT_S: 'give up a phase after (default 1800)',
    BENCH_KEEP_DB: '1 keeps the benchmark databases',
    BENCH_DATABASE_URL: 'an admin connection (default postgres://educube:educube@127.0.0.1:25432/educube)',
  },
  examples: ['npm run bench:replay', 'BENCH_EVENTS=1000000 npm run bench:replay'],
  exitCodes: { 0: 'measured (checksums identical)', 1: 'error', 2: 'measured, but the checksums differ', 130: 'interrupted' },
});

const env = process.env;
const int = envInt;

const EVENTS = int('BENCH_EVENTS', 200_000);
const SCHOOLS = int('BENCH_SCHOOLS', 20);
const TEACHERS = int('BENCH_TEACHERS_PER_SCHOOL', 15);
const STUDENTS = int('BENCH_STUDENTS_PER_SCHOOL', 120);
const APPEND_BATCH = int('BENCH_APPEND_BATCH', 5_000);
const ASSESSMENT = env['BENCH_ASSESSMENT'] !== '0';
const PHASE_TIMEOUT_MS = int('BENCH_PHASE_TIMEOUT_S', 1_800) * 1000;
const KEEP_DB = env['BENCH_KEEP_DB'] === '1';
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube';
const PROJECTION = 'warehouse-facts';

const now = (): number => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const urlOf = (dbName: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
};

// ---------------------------------------------------------------- (0) the store

/**
 * Appends as the ingestor does: validated events (defaults applied) in their school's stream
 * (`school-<code>`),
 * the event as `data`, the channel and receipt time as metadata, several streams per appendMany.
 */
async function fillStore(databaseUrl: string, events: readonly CloudEvent[]): Promise<{ head: bigint; ms: number }> {
  const pool = createPool({ url: databaseUrl, applicationName: 'bench-replay', max: 2 });
  const store = await PostgresEventStore.open(fromPool(pool));
  const started = now();
  const receivedAt = new Date();
  let head = 0n;
  try {
    for (let i = 0; i < events.length; i += APPEND_BATCH) {
      const byStream = new Map<string, { id: string; type: string; data: CloudEvent; metadata: Record<string, unknown> }[]>();
      for (const event of events.slice(i, i + APPEND_BATCH)) {
        const stream = streamId('school', event.subject);
        const list = byStream.get(stream) ?? [];
        list.push({ id: event.id, type: event.type, data: event, metadata: { channel: 'http', receivedAt: receivedAt.toISOString(), persons: {} } });
        byStream.set(stream, list);
      }
      const results = await store.appendMany([...byStream].map(([id, list]) => ({ streamId: id, events: list })));
      for (const r of results)
        for (const o of r.outcomes) {
          if (o.status !== 'appended') throw new Error(`event ${o.id} was ${o.status}, not appended`);
          if (o.position > head) head = o.position;
        }
    }
  } finally {
    await store.close();
  }
  return { head, ms: now() - started };
}

// ---------------------------------------------------------------- child processes

interface Child {
  readonly pid: number;
  readonly lines: string[];
  readonly exited: Promise<number>;
  /** the last CPU seconds and peak RSS read from /proc while it ran (sampled every 50 ms) */
  readonly sampled: () => { cpu: number; rss: number | undefined };
  kill(): void;
}

function peakRssOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** children still running, ended by the clean-up on an error or a signal */
const running = new Set<{ kill: () => void }>();

function run(name: string, script: string, extraEnv: Record<string, string>, echo: boolean | ((line: string) => boolean) = true): Child {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, script)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? 0;
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      const shown = typeof echo === 'function' ? echo(line) : echo;
      if (shown && !line.startsWith('result ') && !line.startsWith('[')) say(`  [${name}] ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`);
    });
  }
  let cpu = 0;
  let rss: number | undefined;
  const sampler = setInterval(() => {
    const c = cpuSeconds(pid);
    if (c > 0) cpu = c;
    rss = peakRssOf(pid) ?? rss;
  }, 50);
  const handle = { kill: () => child.kill('SIGTERM') };
  running.add(handle);
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => {
      clearInterval(sampler);
      running.delete(handle);
      resolve(code ?? (signal ? 128 : 1));
    }),
  );
  return { pid, lines, exited, sampled: () => ({ cpu, rss }), kill: handle.kill };
}

/**
 * CPU seconds of the postgres processes over a phase, sampled every 50 ms per process, so a
 * backend that exits (the child's connections close before it does) keeps what it used up to its
 * last sample. The server is shared: whatever else runs against it is counted too.
 */
function postgresCpu(): { stop: () => number } {
  const base = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (into: Map<number, number>) => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
        into.set(Number(entry), cpuSeconds(Number(entry)));
      } catch {
        // gone meanwhile
      }
    }
  };
  sample(base);
  const timer = setInterval(() => sample(last), 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample(last);
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (base.get(pid) ?? 0);
      return total;
    },
  };
}

// ---------------------------------------------------------------- (1) live projection

async function projectLive(databaseUrl: string, db: Client, head: bigint): Promise<number> {
  const port = await freePort();
  const started = now();
  // identity is not running: its warnings (roll-up, alerts) are expected and not shown
  const service = run(
    'warehouse',
    'apps/data-warehouse/src/main.ts',
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      PARKED_RETRY_MS: '0',
      ALLOW_NO_ISSUER: 'true',
    },
    (line) => !line.includes('identity cannot be reached') && !line.includes('auth.no-issuer'),
  );
  try {
    const deadline = Date.now() + PHASE_TIMEOUT_MS;
    for (;;) {
      // the table appears with the service's migration, the row with its first page
      const { rows } = await db
        .query<{ position: string }>(`select position::text as position from read_models.checkpoints where projection = $1`, [PROJECTION])
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '42P01') return { rows: [] as { position: string }[] };
          throw error;
        });
      if (BigInt(rows[0]?.position ?? '0') >= head) break;
      if (Date.now() > deadline) throw new Error(`the live projection did not reach ${head} in time`);
      const exited = await Promise.race([service.exited, sleep(100).then(() => undefined)]);
      if (exited !== undefined) throw new Error(`the warehouse exited (${exited}) before it had projected:\n${service.lines.slice(-20).join('\n')}`);
    }
    return now() - started;
  } finally {
    service.kill();
    await service.exited;
  }
}

// ---------------------------------------------------------------- (2) warehouse rebuild

interface ReplayFigures {
  readonly name: string;
  readonly events: number;
  /** the replay itself */
  readonly replayMs: number;
  /** the whole command, start-up and checksums included */
  readonly wallMs: number;
  readonly nodeCpu: number;
  readonly nodeRss: number | undefined;
  readonly postgresCpu: number;
  readonly note: string;
}

interface RebuildReport {
  events: number;
  elapsedMs: number;
  replayMs?: number;
  identical: boolean;
  before: string;
  after: string;
  cpuSeconds: number;
  peakRssBytes: number | null;
}

async function warehouseRebuild(databaseUrl: string): Promise<{ figures: ReplayFigures; report: RebuildReport }> {
  const pg = postgresCpu();
  const started = now();
  const child = run('warehouse:rebuild', 'apps/data-warehouse/src/cli/rebuild.ts', { DATABASE_URL: databaseUrl, WAREHOUSE_REBUILD_JSON: '1' });
  const code = await child.exited;
  const wallMs = now() - started;
  const postgresSeconds = pg.stop();
  const line = child.lines.find((l) => l.startsWith('result '));
  if (!line || (code !== 0 && code !== 2)) throw new Error(`warehouse:rebuild failed (${code}):\n${child.lines.slice(-20).join('\n')}`);
  const report = JSON.parse(line.slice('result '.length)) as RebuildReport;
  const replayMs = report.replayMs ?? report.elapsedMs;
  return {
    report,
    figures: {
      name: 'warehouse:rebuild',
      events: report.events,
      replayMs,
      wallMs,
      nodeCpu: report.cpuSeconds,
      nodeRss: report.peakRssBytes ?? undefined,
      postgresCpu: postgresSeconds,
      note: `checksums ${report.identical ? 'identical' : 'DIFFERENT'}; ${report.replayMs === undefined ? 'replay time includes migrate and both checksums' : `${seconds(report.elapsedMs - replayMs)} more for migrate and the two checksums`}`,
    },
  };
}

// ---------------------------------------------------------------- (3) assessment rebuild

/** The assessment's applied events, as its feed projection stores them: id, position, school, the event. */
async function fillAssessment(databaseUrl: string, events: readonly CloudEvent[]): Promise<number> {
  const migrate = run('assessment:migrate', 'apps/assessment/src/cli/migrate.ts', { DATABASE_URL: databaseUrl }, false);
  const code = await migrate.exited;
  if (code !== 0) throw new Error(`assessment:migrate failed (${code}):\n${migrate.lines.slice(-20).join('\n')}`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const started = now();
  try {
    for (let i = 0; i < events.length; i += APPEND_BATCH) {
      const rows = events.slice(i, i + APPEND_BATCH).map((event, j) => ({ id: event.id, position: i + j + 1, school: event.subject, event }));
      await db.query(
        `insert into assessment_applied_events (id, position, school, event)
         select r.id, r.position, r.school, r.event from json_to_recordset($1::json) as r(id text, position numeric, school text, event jsonb)
         on conflict (id) do nothing`,
        [JSON.stringify(rows)],
      );
    }
    return now() - started;
  } finally {
    await db.end();
  }
}

/**
 * Evidence rows as the service stores them: the assessment service (a child process, no OIDC,
 * its warehouse and identity unreachable, so schools are placed by their SchoolRegistered facts)
 * folds the applied events at start and evaluates every school; done once every school with
 * events has rows and the count stood still for two seconds.
 */
async function evidenceByTheService(databaseUrl: string, schools: number): Promise<{ rows: number; ms: number }> {
  const [port, nowhere] = [await freePort(), await freePort()];
  const started = now();
  const service = run(
    'assessment',
    'apps/assessment/src/main.ts',
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ALLOW_NO_ISSUER: 'true',
      WAREHOUSE_URL: `http://127.0.0.1:${nowhere}`,
      IDENTITY_URL: `http://127.0.0.1:${nowhere}`,
      ASSESSMENT_POLL_MS: '60000',
      ASSESSMENT_EVIDENCE_REFRESH_MS: '200',
    },
    (line) => line.includes('"level":"error"'),
  );
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const deadline = Date.now() + PHASE_TIMEOUT_MS;
    let last = -1;
    let steadySince = Date.now();
    for (;;) {
      const { rows } = await db
        .query<{ n: string; s: string }>('select count(*)::text as n, count(distinct school)::text as s from assessment_evidence')
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '42P01') return { rows: [{ n: '0', s: '0' }] };
          throw error;
        });
      const n = Number(rows[0]?.n ?? 0);
      if (n !== last) {
        last = n;
        steadySince = Date.now();
      } else if (n > 0 && Number(rows[0]?.s ?? 0) >= schools && Date.now() - steadySince > 2_000) return { rows: n, ms: now() - started };
      if (Date.now() > deadline) throw new Error('the assessment service stored no complete evidence in time');
      const exited = await Promise.race([service.exited, sleep(250).then(() => undefined)]);
      if (exited !== undefined) throw new Error(`the assessment service exited (${exited}):\n${service.lines.slice(-20).join('\n')}`);
    }
  } finally {
    await db.end();
    service.kill();
    await service.exited;
  }
}

async function assessmentRebuild(databaseUrl: string, evidenceRows: number, factsOnly?: ReplayFigures): Promise<ReplayFigures> {
  const pg = postgresCpu();
  const started = now();
  const child = run('assessment:rebuild', 'apps/assessment/src/cli/rebuild.ts', { DATABASE_URL: databaseUrl });
  const code = await child.exited;
  const wallMs = now() - started;
  const postgresSeconds = pg.stop();
  const sampled = child.sampled();
  // "replayed N events of S schools in X s"
  const line = child.lines.find((l) => l.startsWith('replayed '));
  const match = line ? /^replayed (\d+) events of (\d+) schools in ([\d.]+) s/.exec(line) : null;
  if (!match || (code !== 0 && code !== 2)) throw new Error(`assessment:rebuild failed (${code}):\n${child.lines.slice(-20).join('\n')}`);
  const schools = Number(match[2]);
  return {
    name: evidenceRows === 0 ? 'assessment:rebuild, facts replay' : 'assessment:rebuild, facts and evidence',
    events: Number(match[1]),
    replayMs: Number(match[3]) * 1000,
    wallMs,
    nodeCpu: sampled.cpu,
    nodeRss: sampled.rss,
    postgresCpu: postgresSeconds,
    note:
      evidenceRows === 0
        ? 'no evidence rows stored yet, so none recomputed (0 schools): the facts replay alone; time as the CLI prints it (0.1 s); node CPU and RSS sampled from /proc every 50 ms'
        : `${fmtInt(evidenceRows)} stored evidence rows of ${schools} schools recomputed${factsOnly ? `: the evidence part, by difference with the run above, ${seconds(Number(match[3]) * 1000 - factsOnly.replayMs)}` : ''}; ${code === 0 ? 'all identical' : 'SOME DIFFERENT'}`,
  };
}

// ---------------------------------------------------------------- output

function table(results: readonly ReplayFigures[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['replay', 'events', 'replay time', 'events/s', 'command wall', 'node CPU', 'node peak RSS', 'postgres CPU*', 'notes']),
    line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
    ...results.map((r) =>
      line([
        r.name,
        fmtInt(r.events),
        seconds(r.replayMs),
        r.replayMs > 0 ? fmtInt(r.events / (r.replayMs / 1000)) : '–',
        seconds(r.wallMs),
        `${r.nodeCpu.toFixed(1)} s`,
        fmtMiB(r.nodeRss),
        `${r.postgresCpu.toFixed(1)} s`,
        r.note,
      ]),
    ),
  ];
}

async function main(): Promise<number> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const {
    rows: [version],
  } = await admin.query<{ v: string }>("select current_setting('server_version') as v");
  const m = machine();
  say(`machine: ${m.cpus} × ${m.model}, ${m.memory} RAM; PostgreSQL ${version?.v ?? '?'}; Node ${m.node}`);
  const suffix = randomBytes(4).toString('hex');
  const dbName = `educube_replay_${suffix}`;
  const assessmentDb = `educube_replay_${suffix}_assessment`;
  let db: Client | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const child of running) child.kill();
      await db?.end().catch(() => undefined);
      for (const name of [dbName, assessmentDb]) {
        if (KEEP_DB) say(`kept database ${name} (BENCH_KEEP_DB=1): drop it yourself`);
        else await admin.query(`drop database if exists ${name} with (force)`).catch((e: unknown) => say(`could not drop database ${name}: ${String(e)}`));
      }
      await admin.end().catch(() => undefined);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: dropping the databases…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    await admin.query(`create database ${dbName}`);
    const databaseUrl = urlOf(dbName);
    say(`(0) database ${dbName}; generating ${fmtInt(EVENTS)} events (${SCHOOLS} schools)…`);
    const province = simulateProvince({ seed: 1, schools: SCHOOLS, teachersPerSchool: TEACHERS, studentsPerSchool: STUDENTS });
    // validated once, as the ingestor validates them (defaults applied): what both stores hold
    const validatedAt = new Date();
    const events = simulatedEvents(province, 'bench-replay', EVENTS).map((raw) => {
      const checked = eventRegistry.validate(raw, { now: validatedAt });
      if (!checked.ok) throw new Error(`simulated event ${raw.id} is not valid: ${JSON.stringify(checked.problems).slice(0, 300)}`);
      return checked.event;
    });
    say(`  ${fmtInt(events.length)} events from ${events[0]?.time.slice(0, 10)} on; appending in batches of ${fmtInt(APPEND_BATCH)}…`);
    const filled = await fillStore(databaseUrl, events);
    say(`  stored in ${seconds(filled.ms)} (${fmtInt(events.length / (filled.ms / 1000))} events/s), head ${filled.head}`);

    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    say('(1) the warehouse service projects them live (checkpointed pages, as in production)…');
    const liveMs = await projectLive(databaseUrl, db, filled.head);
    say(`  projected live in ${seconds(liveMs)} (service start-up included)`);
    await db.end();
    db = undefined;

    say('(2) warehouse:rebuild…');
    const results: ReplayFigures[] = [];
    const warehouse = await warehouseRebuild(databaseUrl);
    results.push(warehouse.figures);
    say(`  incremental checksum ${warehouse.report.before}`);
    say(`  rebuilt checksum     ${warehouse.report.after}  ${warehouse.report.identical ? 'identical' : 'DIFFERENT'}`);

    if (ASSESSMENT) {
      await admin.query(`create database ${assessmentDb}`);
      const assessmentUrl = urlOf(assessmentDb);
      say(`(3) database ${assessmentDb}: the same events into assessment_applied_events, then assessment:rebuild…`);
      const fillMs = await fillAssessment(assessmentUrl, events);
      say(`  ${fmtInt(events.length)} applied events stored in ${seconds(fillMs)}; assessment:rebuild before any evidence is stored (the facts replay alone)…`);
      const factsOnly = await assessmentRebuild(assessmentUrl, 0);
      results.push(factsOnly);
      say('  the assessment service evaluates every school and stores its evidence (identity and the warehouse unreachable)…');
      const schools = new Set(events.map((e) => e.subject)).size;
      const evidence = await evidenceByTheService(assessmentUrl, schools);
      say(`  ${fmtInt(evidence.rows)} evidence rows stored in ${seconds(evidence.ms)} (service start-up included); assessment:rebuild again…`);
      results.push(await assessmentRebuild(assessmentUrl, evidence.rows, factsOnly));
    }

    say('');
    say(`machine: ${m.cpus} × ${m.model}, ${m.memory} RAM; PostgreSQL ${version?.v ?? '?'}; Node ${m.node}`);
    say(`${fmtInt(events.length)} simulated events, ${SCHOOLS} schools; live projection before the rebuild took ${seconds(liveMs)}`);
    for (const line of table(results)) say(line);
    say('* postgres CPU: every postgres process on the machine over the command, sampled every 50 ms (the server is shared).');
    return warehouse.report.identical ? 0 : 2;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
