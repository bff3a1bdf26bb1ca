/**
 * `npm run bench:dashboards`: how fast the gateway's GraphQL answers officers' dashboards over a
 * seeded city (1,000 schools) and province (10,000), on the stack's real PostgreSQL. Per size:
 *
 *   (0) an OIDC test issuer in this process (`@educube/oidc/testing`: discovery, JWKS, a token
 *       endpoint for the services' client credentials); identity, the warehouse, the assessment
 *       and the gateway as child processes verifying its tokens, each service on a database of
 *       its own (created here, dropped at the end);
 *   (1) seeding: identity through its API (regions, the registry import), the assessment's
 *       standings and the warehouse's monthly activity as rows their own code then rolls up;
 *   (2) baseline: the same number of clients reading a page of 50 schools' standings straight
 *       from the assessment's database;
 *   (3) load: BENCH_CLIENTS officers (10 % province, 30 % city, 60 % district, each its own
 *       subject) looping over the cockpit's queries: region overview, a page of schools, a
 *       school drill-down; latency per query kind, throughput, peak RSS and CPU per process.
 *
 * Not a test: nothing asserts a number. See docs/benchmarks/dashboards.md for method and results.
 */
import { commandLine } from '@educube/cli';
import { actors, startTestIssuer, type TestIssuer } from '@educube/oidc/testing';
import { Rng } from '@educube/simulator';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client as PgClient, Pool } from 'pg';
import { KINDS, once, runLoad, runSolo, type Client, type Kind, type LoadResult } from './dashboards-load';
import {
  activityOf,
  buildTree,
  itemDifficulty,
  monthsEnding,
  regionCommands,
  registryCsv,
  STANDARDS,
  standingsOf,
  type SheetItem,
  type StandardId,
  type StandingRow,
  type Tree,
} from './dashboards-seed';
import { overviewLoad, type BrowserRuns } from './dashboards-browser';
import { cpuSeconds, fmtInt, fmtMiB, fmtMs, latencies, postgresCpuSeconds } from './measure';
import { machine, peakRss, resetPeakRss, root, say, startService, stopService, type Service } from './processes';

commandLine({
  command: 'npm run bench:dashboards --',
  summary:
    "How fast the gateway's GraphQL answers officers' dashboards over a seeded city and province, on the\nstack's PostgreSQL (npm run stack). Starts the four services itself, each on a database of its own that it\ndrops at the end. Not a test: see docs/benchmarks/dashboards.md.",
  env: {
    BENCH_SIZES: 'schools per run, comma-separated (default 1000,10000)',
    BENCH_CLIENTS: 'concurrent officers (default 200)',
    BENCH_DURATION_S: 'load per size (default 30)',
    BENCH_WARMUP_S: 'default 5',
    BENCH_BASELINE_S: 'the direct-database baseline (default 10)',
    BENCH_SOLO_S: 'one client alone (default 10)',
    BENCH_BASELINE_POOL: 'default 20',
    BENCH_IMPORT_ROWS: 'rows per registry import (default 2000)',
    BENCH_RATE_LIMIT_PER_MINUTE: "the services' rate limit during the run (default 1000000)",
    BENCH_PROGRESS_MS: 'progress line interval (default 5000)',
    BENCH_BROWSER: '0 skips the headless-browser page loads',
    BENCH_PROFILE: 'services to CPU-profile, comma-separated (to tmp/bench-profiles)',
    BENCH_KEEP_DB: '1 keeps the benchmark databases',
    BENCH_DATABASE_URL: 'an admin connection (default postgres://educube:educube@127.0.0.1:25432/educube)',
  },
  examples: ['BENCH_SIZES=1000 BENCH_DURATION_S=10 npm run bench:dashboards'],
  exitCodes: { 0: 'measured', 1: 'error', 130: 'interrupted' },
});

const env = process.env;
const int = (name: string, fallback: number, min = 1): number => {
  const n = Number(env[name] ?? fallback);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${env[name]}"`);
  return n;
};
const SIZES = (env['BENCH_SIZES'] ?? '1000,10000').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 10 || n > 90_000) throw new Error(`BENCH_SIZES must list whole numbers 10..90000, got "${s}"`);
  return n;
});
const CLIENTS = int('BENCH_CLIENTS', 200);
const DURATION_S = int('BENCH_DURATION_S', 30);
const WARMUP_S = int('BENCH_WARMUP_S', 5, 0);
const BASELINE_S = int('BENCH_BASELINE_S', 10);
/** One query at a time (no contention) before the load: 0 skips it. */
const SOLO_S = int('BENCH_SOLO_S', 10, 0);
/** Connections the baseline's clients share (a service's pool is of this order; max_connections is 200). */
const BASELINE_POOL = int('BENCH_BASELINE_POOL', 20);
/** Registry rows per import request. */
const IMPORT_ROWS = int('BENCH_IMPORT_ROWS', 2_000);
const RATE_LIMIT = int('BENCH_RATE_LIMIT_PER_MINUTE', 1_000_000);
const PROGRESS_MS = int('BENCH_PROGRESS_MS', 5_000);
const KEEP_DB = env['BENCH_KEEP_DB'] === '1';
/** Services to run with V8's CPU profiler (comma-separated names: gateway, assessment, …); profiles go to tmp/bench-profiles. */
/** The cockpit's overview measured in Chromium (Debian's package) once per size; 0 skips it. */
const BROWSER = env['BENCH_BROWSER'] !== '0';
const PROFILE = new Set(
  (env['BENCH_PROFILE'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const ADMIN_URL = env['BENCH_DATABASE_URL'] ?? 'postgres://educube:educube@127.0.0.1:25432/educube';
const EFFECTIVE_ON = '2026-09-01';
const GATEWAY_AUD = 'educube-gateway';
const TOKEN_LIFE_S = 4 * 3600;

const now = (): number => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const secondsSince = (t0: number): number => (now() - t0) / 1000;
/** The assessment's default as-of date: today in China time (apps/assessment `chinaToday`). */
const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------- what a run keeps alive

const live = new Set<Service>();
const databases = new Set<string>();
let admin: PgClient | undefined;

async function start(name: string, app: string, vars: Record<string, string>): Promise<Service> {
  const t0 = now();
  const profile: Record<string, string> = PROFILE.has(name)
    ? { NODE_OPTIONS: `${env['NODE_OPTIONS'] ?? ''} --cpu-prof --cpu-prof-dir=${join(root, 'tmp', 'bench-profiles')}`.trim() }
    : {};
  const s = await startService(name, app, { ...vars, ...profile });
  live.add(s);
  say(`  ${name} ready at ${s.url} (pid ${s.child.pid}) in ${secondsSince(t0).toFixed(1)} s`);
  return s;
}

async function stop(s: Service | undefined): Promise<void> {
  if (!s) return;
  await stopService(s);
  live.delete(s);
}

async function createDatabase(label: string): Promise<string> {
  const name = `educube_bench_${label}_${randomBytes(3).toString('hex')}`;
  await (admin as PgClient).query(`create database ${name}`);
  databases.add(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabases(): Promise<void> {
  for (const name of [...databases]) {
    if (KEEP_DB) {
      say(`kept database ${name} (BENCH_KEEP_DB=1): drop it yourself`);
    } else {
      await admin?.query(`drop database if exists ${name} with (force)`).then(
        () => say(`dropped database ${name}`),
        (e: unknown) => say(`could not drop database ${name}: ${String(e)}`),
      );
    }
    databases.delete(name);
  }
}

let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await Promise.all([...live].map((s) => stopService(s)));
    live.clear();
    await dropDatabases();
    await admin?.end().catch(() => undefined);
  })());

// ---------------------------------------------------------------- (1) seeding

async function post(url: string, authorization: string, body: string, type = 'application/json'): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type, authorization }, body, signal: AbortSignal.timeout(600_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Regions, then the registry in requests of IMPORT_ROWS rows, with a province officer's token. */
async function seedIdentity(identity: Service, tree: Tree, officer: string): Promise<{ regionsS: number; importS: number; events: number }> {
  let t0 = now();
  await post(`${identity.url}/v1/org/commands`, officer, JSON.stringify({ commands: regionCommands(tree) }));
  const regionsS = secondsSince(t0);
  say(`  identity: ${tree.cities.length + tree.districts.length + 1} regions in ${regionsS.toFixed(1)} s`);
  t0 = now();
  let events = 0;
  for (let i = 0; i < tree.schools.length; i += IMPORT_ROWS) {
    const part = tree.schools.slice(i, i + IMPORT_ROWS);
    const t1 = now();
    const answer = (await post(`${identity.url}/v1/registry/import?dryRun=false&effectiveOn=${EFFECTIVE_ON}`, officer, registryCsv(part), 'text/csv')) as {
      eventsAppended?: number;
    };
    events += answer.eventsAppended ?? 0;
    say(`  identity: registry rows ${i + 1}–${i + part.length} imported in ${secondsSince(t1).toFixed(1)} s (${fmtInt(answer.eventsAppended ?? 0)} events)`);
  }
  return { regionsS, importS: secondsSince(t0), events };
}

/** The items of each standard's sheet, as the assessment's sheet endpoint lists them (the catalogs are its own). */
async function sheetItems(assessment: Service, school: string, service: string): Promise<Map<StandardId, SheetItem[]>> {
  const out = new Map<StandardId, SheetItem[]>();
  for (const standard of STANDARDS) {
    const res = await fetch(`${assessment.url}/v1/schools/${school}/standards/${standard}/sheet`, {
      headers: { authorization: service },
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw new Error(`the assessment's ${standard} sheet answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { rows: { itemId: string; flags: string }[] };
    out.set(
      standard,
      body.rows.map((r) => ({ itemId: r.itemId, flags: r.flags })),
    );
  }
  return out;
}

/**
 * The standing rows as `StandingsStore.save` writes them (its `insert … on conflict` without the
 * conflict, the tables being new; `region_label` = `label` until the district's recompute; a
 * digest no evaluation produces, so a real re-score would overwrite them).
 */
async function insertStandings(db: PgClient, rows: readonly StandingRow[], asOf: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const c = rows.slice(i, i + 5_000);
    await db.query(
      `insert into assessment_standing (school, standard, district, label, region_label, score, stars, stars_by_score, passed, level, basic_met, basic_total, met_items, digest, as_of)
       select u.school, u.standard, u.district, u.label, u.label, u.score, u.stars, u.stars_by_score, u.passed, u.level, u.basic_met, u.basic_total,
              array(select jsonb_array_elements_text(u.met::jsonb)), 'bench-seeded', $13::date
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[], $7::int[], $8::bool[], $9::text[], $10::int[], $11::int[], $12::text[])
         as u(school, standard, district, label, score, stars, stars_by_score, passed, level, basic_met, basic_total, met)`,
      [
        c.map((r) => r.school),
        c.map((r) => r.standard),
        c.map((r) => r.district),
        c.map((r) => r.label),
        c.map((r) => r.score),
        c.map((r) => r.stars),
        c.map((r) => r.starsByScore),
        c.map((r) => r.passed),
        c.map((r) => r.level),
        c.map((r) => r.basicMet),
        c.map((r) => r.basicTotal),
        c.map((r) => JSON.stringify(r.metItems)),
        asOf,
      ],
    );
  }
}

interface AssessmentStatus {
  standings?: { staleDistricts: number; districtsRecomputed: number; schools: number; error: string | null };
}

async function assessmentStatus(assessment: Service, service: string): Promise<AssessmentStatus> {
  const res = await fetch(`${assessment.url}/v1/assessment/status`, { headers: { authorization: service }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`assessment status answered ${res.status}`);
  return (await res.json()) as AssessmentStatus;
}

/** Twelve months of `activity_months` per school and one headcount report, then each school marked for the warehouse's roll-up. */
async function seedActivity(db: PgClient, tree: Tree, months: readonly string[]): Promise<{ rows: number }> {
  const rng = new Rng('bench-dashboards:activity');
  const rows = [];
  const heads: { school: string; teachers: number; students: number; classes: number }[] = [];
  for (const s of tree.schools) {
    const a = activityOf(s, months, rng);
    rows.push(...a.rows);
    heads.push({ school: s.code, teachers: a.teachers, students: a.students, classes: s.classCount });
  }
  for (let i = 0; i < rows.length; i += 10_000) {
    const c = rows.slice(i, i + 10_000);
    await db.query(
      `insert into read_models.activity_months (school, month, teacher_space_summaries, teacher_space_activities, resource_uploads, teacher_uploads, lessons_delivered, remote_lessons, three_classroom_lessons)
       select * from unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])`,
      [
        c.map((r) => r.school),
        c.map((r) => r.month),
        c.map((r) => r.teacherSpaceSummaries),
        c.map((r) => r.teacherSpaceActivities),
        c.map((r) => r.resourceUploads),
        c.map((r) => r.teacherUploads),
        c.map((r) => r.lessonsDelivered),
        c.map((r) => r.remoteLessons),
        c.map((r) => r.threeClassroomLessons),
      ],
    );
  }
  // one HeadcountReported per school, the year before the window (the ratios' denominators)
  const asOf = `${Number(months[0]?.slice(0, 4)) - 1}-09-01`;
  await db.query(
    `insert into read_models.headcounts (school, as_of, teachers, students, classes, counts_clock)
     select s, $2::date, t, st, c, $3 from unnest($1::text[], $4::bigint[], $5::bigint[], $6::bigint[]) as u(s, t, st, c)`,
    [
      heads.map((h) => h.school),
      asOf,
      `${asOf}T00:00:00.000Z|bench-seed`,
      heads.map((h) => h.teachers),
      heads.map((h) => h.students),
      heads.map((h) => h.classes),
    ],
  );
  // markSchools (libs/warehouse/read-models-postgres): whole schools, month ''
  await db.query(
    `insert into read_models.activity_dirty (school, month, seq) select s, '', nextval('read_models.activity_dirty_seq') from unnest($1::text[]) as u(s)
     on conflict (school, month) do update set seq = excluded.seq`,
    [tree.schools.map((s) => s.code)],
  );
  return { rows: rows.length };
}

async function pendingActivity(db: PgClient): Promise<number> {
  const { rows } = await db.query<{ n: string }>('select count(*)::text as n from read_models.activity_dirty');
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------- (2) baseline

interface Measured {
  name: string;
  samples: { ms: number; bytes: number }[];
  seconds: number;
  errors: number;
}

/** Each client reads the standings of a random page of 50 of its region's schools, as `StandingsStore.of` does, from a shared pool. */
async function baseline(assessmentDb: string, clients: readonly Client[]): Promise<Measured> {
  const pool = new Pool({ connectionString: assessmentDb, max: BASELINE_POOL });
  const samples: { ms: number; bytes: number }[] = [];
  let errors = 0;
  const warm = now() + 2_000;
  const end = warm + BASELINE_S * 1000;
  const sql =
    "select school, standard, district, label, region_label, score, stars, stars_by_score, passed, level, basic_met, basic_total, met_items, to_char(as_of, 'YYYY-MM-DD') as as_of, computed_at from assessment_standing where school = any($1::text[]) order by school, standard";
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (now() < end) {
          const pages = Math.ceil(c.schools.length / 50);
          const p = c.rng.int(pages);
          const codes = c.schools.slice(p * 50, p * 50 + 50);
          const t0 = now();
          try {
            const { rows } = await pool.query(sql, [codes]);
            const t1 = now();
            if (t0 >= warm && t1 <= end) samples.push({ ms: t1 - t0, bytes: rows.length });
          } catch {
            errors += 1;
          }
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return { name: `baseline: pg page of 50 schools' standings (pool ${BASELINE_POOL})`, samples, seconds: BASELINE_S, errors };
}

// ---------------------------------------------------------------- (3) load

/** 10 % province, 30 % city, 60 % district officers, each its own subject; cities and districts round-robin. */
async function officers(tree: Tree, issuer: TestIssuer, n: number): Promise<Client[]> {
  const province = Math.round(n * 0.1);
  const city = Math.round(n * 0.3);
  const out: Client[] = [];
  for (let i = 0; i < n; i++) {
    const role = i < province ? 'province_officer' : i < province + city ? 'city_officer' : 'district_officer';
    const region =
      role === 'province_officer'
        ? tree.province.code
        : role === 'city_officer'
          ? (tree.cities[(i - province) % tree.cities.length] as { code: string }).code
          : (tree.districts[(i - province - city) % tree.districts.length] as { code: string }).code;
    const base =
      role === 'province_officer'
        ? actors.provinceOfficer(GATEWAY_AUD)
        : role === 'city_officer'
          ? actors.cityOfficer(GATEWAY_AUD, region)
          : actors.districtOfficer(GATEWAY_AUD, region);
    const token = await issuer.token({ ...base, sub: `bench.${role}.${region}.${i}`, expiresIn: TOKEN_LIFE_S });
    out.push({
      id: i,
      role,
      region,
      authorization: `Bearer ${token}`,
      schools: tree.schoolsIn.get(region) ?? [],
      cursors: [],
      complete: false,
      rng: new Rng(`bench-client:${i}`),
    });
  }
  return out;
}

interface ProcessFigures {
  name: string;
  peakRss: number | undefined;
  cpu: number;
}

interface SizeResult {
  size: number;
  tree: { cities: number; districts: number; schools: number };
  seeding: [string, number][];
  base: Measured;
  solo: LoadResult | undefined;
  load: LoadResult;
  processes: ProcessFigures[];
  postgresCpu: number;
  answers: Map<Kind, { bytes: number; ms: number }>;
  browserRuns: BrowserRuns;
}

// ---------------------------------------------------------------- one size

async function runSize(size: number, issuer: TestIssuer): Promise<SizeResult> {
  const tree = buildTree(size);
  say('');
  say(
    `=== ${fmtInt(tree.schools.length)} schools: ${tree.cities.length} ${tree.cities.length === 1 ? 'city' : 'cities'}, ${tree.districts.length} districts (${Math.min(...tree.districts.map((d) => tree.schoolsIn.get(d.code)?.length ?? 0))}–${Math.max(...tree.districts.map((d) => tree.schoolsIn.get(d.code)?.length ?? 0))} schools each) ===`,
  );
  const seeding: [string, number][] = [];
  const [identityDb, warehouseDb, assessmentDb] = [await createDatabase('identity'), await createDatabase('warehouse'), await createDatabase('assessment')];
  say(`  databases: ${[...databases].join(', ')}`);
  const officerToken = `Bearer ${await issuer.token({ ...actors.provinceOfficer(GATEWAY_AUD), sub: 'bench.seeder', expiresIn: TOKEN_LIFE_S })}`;
  const serviceToken = `Bearer ${await issuer.token({ ...actors.service('educube-bench', 'educube-assessment'), expiresIn: TOKEN_LIFE_S })}`;
  // every service verifies the issuer's tokens; SERVICE_CLIENT_SECRET opens its client credentials (the test issuer takes any secret)
  const common = { OIDC_ISSUER: issuer.issuer, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), SERVICE_CLIENT_SECRET: `bench-${randomBytes(8).toString('hex')}` };
  let identity: Service | undefined;
  let warehouse: Service | undefined;
  let assessment: Service | undefined;
  let gateway: Service | undefined;
  const wdb = new PgClient({ connectionString: warehouseDb });
  const adb = new PgClient({ connectionString: assessmentDb });
  try {
    say("(1) identity: regions and the registry import, with a province officer's token…");
    identity = await start('identity', 'identity', { ...common, DATABASE_URL: identityDb });
    const id = await seedIdentity(identity, tree, officerToken);
    seeding.push(
      ['identity: regions (1 request)', id.regionsS],
      [`identity: registry import (${Math.ceil(tree.schools.length / IMPORT_ROWS)} requests of ≤ ${fmtInt(IMPORT_ROWS)} rows)`, id.importS],
    );

    say("(1) warehouse: twelve months of activity per school, rolled up by the warehouse's own roll-up…");
    warehouse = await start('warehouse', 'data-warehouse', { ...common, DATABASE_URL: warehouseDb, IDENTITY_URL: identity.url });
    await wdb.connect();
    let t0 = now();
    const months = monthsEnding(chinaToday().slice(0, 7), 12);
    const act = await seedActivity(wdb, tree, months);
    const insertS = secondsSince(t0);
    say(
      `  ${fmtInt(act.rows)} school-month rows (${months[0]}..${months[months.length - 1]}) and ${fmtInt(tree.schools.length)} headcounts inserted in ${insertS.toFixed(1)} s; waiting for the roll-up…`,
    );
    t0 = now();
    let told = now();
    for (let pending = await pendingActivity(wdb); pending > 0; pending = await pendingActivity(wdb)) {
      if (now() - told > PROGRESS_MS) {
        say(`  warehouse roll-up: ${fmtInt(pending)} schools still marked`);
        told = now();
      }
      if (secondsSince(t0) > 1_200) throw new Error(`the warehouse's activity roll-up left ${pending} marks after 20 minutes`);
      await sleep(250);
    }
    const rollupS = secondsSince(t0);
    seeding.push(['warehouse: activity rows inserted (SQL)', insertS], ['warehouse: its roll-up into districts (service)', rollupS]);
    say(`  roll-up done in ${rollupS.toFixed(1)} s`);

    say('(1) assessment: a first start creates its tables; standings inserted; a second start rolls them up…');
    assessment = await start('assessment', 'assessment', { ...common, DATABASE_URL: assessmentDb, WAREHOUSE_URL: warehouse.url, IDENTITY_URL: identity.url });
    const items = await sheetItems(assessment, (tree.schools[0] as { code: string }).code, serviceToken);
    say(`  sheet items: ${[...items].map(([s, l]) => `${s} ${l.length}`).join(', ')}`);
    await stop(assessment);
    assessment = undefined;
    await adb.connect();
    t0 = now();
    const rng = new Rng('bench-dashboards:standings');
    const difficulty = itemDifficulty(items);
    const asOf = chinaToday();
    const rows = tree.schools.flatMap((s) => standingsOf(s.code, s.district, items, difficulty, rng));
    await insertStandings(adb, rows, asOf);
    const standingsS = secondsSince(t0);
    say(`  ${fmtInt(rows.length)} standings (as of ${asOf}) inserted in ${standingsS.toFixed(1)} s`);
    t0 = now();
    assessment = await start('assessment', 'assessment', { ...common, DATABASE_URL: assessmentDb, WAREHOUSE_URL: warehouse.url, IDENTITY_URL: identity.url });
    const pairs = tree.districts.length * STANDARDS.length;
    for (;;) {
      const s = (await assessmentStatus(assessment, serviceToken)).standings;
      if (s?.error) say(`  assessment standings: ${s.error}`);
      if (s && s.staleDistricts === 0 && s.districtsRecomputed >= pairs) break;
      if (secondsSince(t0) > 600) throw new Error(`the assessment recomputed ${s?.districtsRecomputed} of ${pairs} district roll-ups in 10 minutes`);
      await sleep(250);
    }
    const recomputeS = secondsSince(t0);
    seeding.push(
      ['assessment: standings inserted (SQL)', standingsS],
      [`assessment: start + its roll-up of ${pairs} district × standard pairs (service)`, recomputeS],
    );

    say('(1) gateway…');
    const sessionSecret = randomBytes(32).toString('hex');
    gateway = await start('gateway', 'gateway', {
      ...common,
      OIDC_CLIENT_SECRET: `bench-${randomBytes(8).toString('hex')}`,
      SESSION_SECRET: sessionSecret,
      IDENTITY_URL: identity.url,
      WAREHOUSE_URL: warehouse.url,
      ASSESSMENT_URL: assessment.url,
      UPSTREAM_HEALTH_URLS: `identity=${identity.url},data-warehouse=${warehouse.url},assessment=${assessment.url}`,
    });

    const clients = await officers(tree, issuer, CLIENTS);
    const answers = await check(gateway, clients, tree);

    // the cockpit's overview in Chromium, for the officer of the size's top city (nothing else running)
    const city = tree.cities[0];
    const browserRuns =
      BROWSER && city
        ? await overviewLoad(gateway.url, sessionSecret, { sub: 'bench.city', roles: ['city_officer'], regionCode: city.code })
        : { available: false, why: 'BENCH_BROWSER=0' };
    say(
      browserRuns.available
        ? `(1b) cockpit overview in Chromium (${city?.name}): cold ${fmtMs(browserRuns.coldMs ?? Number.NaN)}, warm ${(browserRuns.warmMs ?? []).map((m) => fmtMs(m)).join(', ')}`
        : `(1b) cockpit overview in Chromium skipped: ${browserRuns.why}`,
    );

    say(`(2) baseline: ${CLIENTS} clients, ${BASELINE_S} s (after 2 s warm-up)…`);
    const base = await baseline(assessmentDb, clients);
    say(`  ${fmtInt(base.samples.length)} queries, ${base.errors} errors`);

    let solo: LoadResult | undefined;
    if (SOLO_S > 0) {
      say(`(3) one query at a time, ${SOLO_S} s (round-robin over the ${CLIENTS} officers and the three kinds)…`);
      solo = await runSolo(`${gateway.url}/graphql`, clients, SOLO_S);
      say(`  ${solo.samples.length} queries, ${[...solo.errors.values()].reduce((a, b) => a + b, 0)} errors`);
    }
    say(
      `(4) load: ${CLIENTS} clients (${clients.filter((c) => c.role === 'province_officer').length} province, ${clients.filter((c) => c.role === 'city_officer').length} city, ${clients.filter((c) => c.role === 'district_officer').length} district officers), ${WARMUP_S} s warm-up, ${DURATION_S} s measured…`,
    );
    const services = [identity, warehouse, assessment, gateway];
    const cpu0 = new Map<string, number>();
    let pg0 = 0;
    // CPU and peak RSS over the measured window only: reset when the warm-up ends
    const mark = setTimeout(() => {
      for (const s of services) {
        if (s.child.pid) resetPeakRss(s.child.pid);
        cpu0.set(s.name, s.child.pid ? cpuSeconds(s.child.pid) : 0);
      }
      resetPeakRss('self');
      cpu0.set('bench', process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6);
      pg0 = postgresCpuSeconds();
    }, WARMUP_S * 1000);
    const load = await runLoad(`${gateway.url}/graphql`, clients, WARMUP_S, DURATION_S, say, PROGRESS_MS);
    clearTimeout(mark);
    const processes: ProcessFigures[] = services.map((s) => ({
      name: s.name,
      peakRss: s.child.pid ? peakRss(s.child.pid) : undefined,
      cpu: (s.child.pid ? cpuSeconds(s.child.pid) : 0) - (cpu0.get(s.name) ?? 0),
    }));
    const benchCpu = process.cpuUsage();
    processes.push({ name: 'bench (clients)', peakRss: peakRss('self'), cpu: benchCpu.user / 1e6 + benchCpu.system / 1e6 - (cpu0.get('bench') ?? 0) });
    const postgresCpu = postgresCpuSeconds() - pg0;
    return {
      size,
      tree: { cities: tree.cities.length, districts: tree.districts.length, schools: tree.schools.length },
      seeding,
      base,
      solo,
      load,
      processes,
      postgresCpu,
      answers,
      browserRuns,
    };
  } finally {
    await wdb.end().catch(() => undefined);
    await adb.end().catch(() => undefined);
    for (const s of [gateway, assessment, warehouse, identity]) await stop(s);
    await dropDatabases();
  }
}

/** One query of each kind as a province officer before the clock: the answers are right, and how big they are. */
async function check(gateway: Service, clients: readonly Client[], tree: Tree): Promise<Map<Kind, { bytes: number; ms: number }>> {
  const province = clients.find((c) => c.role === 'province_officer') ?? (clients[0] as Client);
  const probe: Client = { ...province, cursors: [], complete: false, rng: new Rng('bench-check') };
  const out = new Map<Kind, { bytes: number; ms: number }>();
  for (const k of KINDS) {
    const t0 = now();
    const { problem, bytes } = await once(`${gateway.url}/graphql`, probe, k);
    if (problem) throw new Error(`the gateway answered the cockpit's ${k} query with an error before the load started: ${problem}`);
    out.set(k, { bytes, ms: now() - t0 });
  }
  // the overview's figures, as an officer would read them
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: province.authorization },
    body: JSON.stringify({
      query: `{ region(code: "${province.region}") { schoolCount ningxia: standing(standard: ningxia) { schools distribution { label count } } jiangsu: standing(standard: jiangsu) { passRate } zhejiang: standing(standard: zhejiang) { distribution { label count } } wenzhou: standing(standard: wenzhou) { distribution { label count } } activity { month lessonsDelivered uploadsPerTeacher } } }`,
    }),
  });
  const body = (await res.json()) as {
    data?: {
      region?: {
        schoolCount: number;
        ningxia: { schools: number; distribution: { label: string; count: number }[] };
        jiangsu: { passRate: number };
        zhejiang: { distribution: { label: string; count: number }[] };
        wenzhou: { distribution: { label: string; count: number }[] };
        activity: { month: string; lessonsDelivered: number; uploadsPerTeacher: number | null }[];
      };
    };
  };
  const r = body.data?.region;
  if (!r) throw new Error(`the overview check answered ${JSON.stringify(body).slice(0, 500)}`);
  const dist = (d: { label: string; count: number }[]) => d.map((x) => `${x.label} ${x.count}`).join(', ');
  say(
    `  check (${province.region}): ${r.schoolCount} schools (seeded ${tree.schools.length}); ningxia ${r.ningxia.schools} rated: ${dist(r.ningxia.distribution)}; jiangsu pass rate ${(r.jiangsu.passRate * 100).toFixed(1)} %; zhejiang ${dist(r.zhejiang.distribution)}; wenzhou ${dist(r.wenzhou.distribution)}`,
  );
  const last = r.activity[r.activity.length - 2];
  say(
    `  activity: ${r.activity.length} months, ${last?.month}: ${fmtInt(last?.lessonsDelivered ?? 0)} lessons, ${last?.uploadsPerTeacher?.toFixed(2) ?? '–'} uploads per teacher`,
  );
  say(`  one query each, alone (province officer, first of its kind): ${[...out].map(([k, v]) => `${k} ${fmtInt(v.bytes)} B in ${fmtMs(v.ms)}`).join(', ')}`);
  return out;
}

// ---------------------------------------------------------------- report

const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function tables(r: SizeResult): string[] {
  const out: string[] = [];
  out.push(
    `#### ${fmtInt(r.size)} schools (${r.tree.cities} ${r.tree.cities === 1 ? 'city' : 'cities'}, ${r.tree.districts} districts), ${CLIENTS} clients, ${DURATION_S} s measured after ${WARMUP_S} s warm-up`,
  );
  out.push('');
  const header = ['query', 'answers', 'errors', 'p50', 'p95', 'p99', 'queries/s', 'mean answer'];
  out.push(line(header), line(header.map(() => '---')));
  const errorsOf = (k?: Kind) => [...r.load.errors].filter(([m]) => !m.startsWith('(warm-up)') && (!k || m.startsWith(`${k}:`))).reduce((n, [, c]) => n + c, 0);
  const row = (name: string, samples: readonly { ms: number; bytes: number }[], errors: number, seconds: number, bytes = true) => {
    const l = latencies(samples.map((s) => s.ms));
    const mean = samples.length ? samples.reduce((n, s) => n + s.bytes, 0) / samples.length : Number.NaN;
    return line([
      name,
      fmtInt(l.n),
      fmtInt(errors),
      fmtMs(l.p50),
      fmtMs(l.p95),
      fmtMs(l.p99),
      fmtInt(l.n / seconds),
      bytes ? (Number.isNaN(mean) ? '–' : `${(mean / 1024).toFixed(1)} KiB`) : `${Math.round(mean)} rows`,
    ]);
  };
  const names: Record<Kind, string> = { overview: '(a) region overview', page: '(b) page of 50 schools', drill: '(c) school drill-down' };
  for (const k of KINDS)
    out.push(
      row(
        names[k],
        r.load.samples.filter((s) => s.kind === k),
        errorsOf(k),
        r.load.seconds,
      ),
    );
  out.push(row('**all cockpit queries**', r.load.samples, errorsOf(), r.load.seconds));
  out.push(row(r.base.name, r.base.samples, r.base.errors, r.base.seconds, false));
  if (r.solo) {
    const soloErrors = (k: Kind) => [...(r.solo as LoadResult).errors].filter(([m]) => m.startsWith(`${k}:`)).reduce((n, [, c]) => n + c, 0);
    for (const k of KINDS)
      out.push(
        row(
          `one at a time: ${names[k]}`,
          r.solo.samples.filter((s) => s.kind === k),
          soloErrors(k),
          r.solo.seconds,
        ),
      );
  }
  out.push('');
  const ph = ['process', 'peak RSS', 'CPU s', 'CPU share'];
  out.push(line(ph), line(ph.map(() => '---')));
  for (const p of r.processes) out.push(line([p.name, fmtMiB(p.peakRss), p.cpu.toFixed(1), `${Math.round((p.cpu / r.load.seconds) * 100)} %`]));
  out.push(line(['postgres (all processes)*', '–', r.postgresCpu.toFixed(1), `${Math.round((r.postgresCpu / r.load.seconds) * 100)} %`]));
  out.push('');
  const sh = ['seeding step', 'seconds'];
  out.push(line(sh), line(sh.map(() => '---')));
  for (const [name, s] of r.seeding) out.push(line([name, s.toFixed(1)]));
  if (r.browserRuns.available) {
    const warm = latencies([...(r.browserRuns.warmMs ?? [])]);
    out.push(
      '',
      `Cockpit overview in headless Chromium, a city officer, navigation → tiles and both charts holding data, nothing else running: first load ${fmtMs(r.browserRuns.coldMs ?? Number.NaN)}, then ${fmtInt(warm.n)} reloads p50 ${fmtMs(warm.p50)}, max ${fmtMs(Math.max(...(r.browserRuns.warmMs ?? [Number.NaN])))}.`,
    );
  }
  return out;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const m = machine();
  admin = new PgClient({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ server_version: string }>('show server_version');
  const pgVersion = rows[0]?.server_version ?? 'unknown';
  say(
    `dashboards benchmark: sizes ${SIZES.map(fmtInt).join(', ')}; ${CLIENTS} clients, ${WARMUP_S} s warm-up + ${DURATION_S} s per size; baseline ${BASELINE_S} s`,
  );
  say(`machine: ${m.cpus} × ${m.model}, ${m.memory} RAM; PostgreSQL ${pgVersion}; Node ${m.node}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the services and dropping the databases…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  const issuer = await startTestIssuer();
  say(`OIDC test issuer at ${issuer.issuer} (in this process); services with RATE_LIMIT_PER_MINUTE=${fmtInt(RATE_LIMIT)}`);
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      const r = await runSize(size, issuer);
      results.push(r);
      for (const l of tables(r)) say(l);
      const errs = [...r.load.errors].sort((a, b) => b[1] - a[1]);
      if (errs.length) {
        say(`errors (${errs.reduce((n, [, c]) => n + c, 0)}):`);
        for (const [msg, n] of errs.slice(0, 10)) say(`  ${n} × ${msg}`);
      }
    }
  } finally {
    await issuer.close().catch(() => undefined);
    await cleanUp();
  }
  say('');
  say(`machine: ${m.cpus} × ${m.model}, ${m.memory} RAM; PostgreSQL ${pgVersion}; Node ${m.node}`);
  for (const r of results) {
    say('');
    for (const l of tables(r)) say(l);
    const errs = [...r.load.errors].sort((a, b) => b[1] - a[1]);
    for (const [msg, n] of errs.slice(0, 10)) say(`  error: ${n} × ${msg}`);
  }
  say('');
  say(
    '* every `postgres` process on the machine (the server is shared); CPU and peak RSS over the measured window; latency per query, send → answer read, in the bench process (which shares the 2 cores).',
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    void cleanUp().finally(() => process.exit(1));
  },
);
