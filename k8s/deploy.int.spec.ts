// Boots what each deployment describes: docker/compose.yaml, `kustomize build k8s/overlays/dev`
// and `kustomize build k8s/overlays/prod`. Every service is started as a process with exactly the
// environment its container would get there (compose `environment`; k8s env and envFrom from the
// built ConfigMaps, and a Secret filled with test values), against the running stack
// (scripts/stack: PostgreSQL, Kafka, Keycloak), and must answer 200 on /health/ready.
//
// The one change made to those environments is the rewrite of addresses to this machine:
//   - PostgreSQL URLs → the stack's server; each database gets a fresh name per deployment
//     (deploy_<deployment>_<name>), created before the start and dropped afterwards
//   - KAFKA_BROKERS → the stack's broker (duplicates dropped)
//   - the Keycloak origin of KEYCLOAK_URL / OIDC_ISSUER → the stack's Keycloak (same realm path)
//   - a URL naming a service (identity:3001, data-warehouse.educube.svc…:3002) → 127.0.0.1 and
//     the port that service got here
//   - PORT and METRICS_PORT → free ports: containers each have their own network namespace, so
//     four services on one machine cannot all listen on 9464 (nor trust 3000–3003 to be free)
// Any other URL left pointing away from this machine (PUBLIC_URL aside, which only shapes
// redirects) fails the test: the rewrite would not know where the service means to go.
// Secret values: the dev realm's client secrets and admin (Keycloak accepts them), newly made PII
// and session keys, and the database URLs above (k8s/deployments.ts, testSecretValues). Each
// service's client credentials, as configured, must then get a token from the stack's realm.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  APPS,
  composeEnv,
  composeServices,
  type Env,
  exampleDatabaseNames,
  kustomizeBuild,
  podEnv,
  ROOT,
  secretKeysReferenced,
  serviceCommand,
  testSecretValues,
} from './deployments';

const STACK = {
  postgres: `127.0.0.1:${process.env['EDUCUBE_PG_PORT'] ?? '25432'}`,
  kafka: `127.0.0.1:${process.env['EDUCUBE_KAFKA_PORT'] ?? '29092'}`,
  keycloak: `http://127.0.0.1:${process.env['EDUCUBE_KEYCLOAK_PORT'] ?? '28080'}`,
};
const ADMIN_DATABASE_URL = `postgres://educube:educube@${STACK.postgres}/educube`;
const READY_TIMEOUT_MS = 240_000;

interface Deployment {
  readonly name: string;
  /** Each service's environment as the deployment gives it, before the rewrite. */
  readonly envs: Record<string, Env>;
}

function composeDeployment(): Deployment {
  const services = composeServices();
  const missing = APPS.filter((app) => !services[app]);
  if (missing.length > 0) throw new Error(`docker/compose.yaml has no service ${missing.join(', ')}`);
  return { name: 'compose', envs: Object.fromEntries(APPS.map((app) => [app, composeEnv(app)])) };
}

function k8sDeployment(overlay: string): Deployment {
  const objects = kustomizeBuild(join(ROOT, 'k8s/overlays', overlay));
  const dbNames = exampleDatabaseNames();
  const secrets = Object.fromEntries(
    Object.entries(secretKeysReferenced(objects)).map(([name, keys]) => [
      name,
      testSecretValues(keys, (key) => {
        const db = dbNames[key];
        if (!db) throw new Error(`Secret key ${key}: base/secret.example.yaml names no database for it`);
        // host and database are rewritten like every other PostgreSQL URL
        return `postgres://educube:educube@postgres.secret.test:5432/${db}`;
      }),
    ]),
  );
  const envs: Record<string, Env> = {};
  for (const app of APPS) {
    const { env, unresolved } = podEnv(objects, app, secrets);
    if (unresolved.length > 0) throw new Error(`k8s/overlays/${overlay}: ${app} refers to what the build lacks: ${unresolved.join(', ')}`);
    envs[app] = env;
  }
  return { name: `k8s/${overlay}`, envs };
}

// ---- the rewrite -------------------------------------------------------------------------------

interface Ports {
  readonly port: number;
  readonly metrics: number;
}

// Ports for one deployment's services, all distinct: every probe stays open until all are drawn
// (one closed before the next is drawn can be handed out again), bound on 0.0.0.0 as the services
// bind, and never reused within the run (a stopped deployment's port may still be closing).
const handedOut = new Set<number>();
async function freePorts(count: number): Promise<number[]> {
  const probes: ReturnType<typeof createServer>[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = createServer();
      probes.push(server);
      const port = await new Promise<number>((resolvePort, reject) => {
        server.once('error', reject);
        server.listen(0, '0.0.0.0', () => {
          const address = server.address();
          resolvePort(typeof address === 'object' && address ? address.port : 0);
        });
      });
      if (!handedOut.has(port)) ports.push(port);
    }
  } finally {
    await Promise.all(probes.map((server) => new Promise<void>((done) => server.close(() => done()))));
  }
  for (const port of ports) handedOut.add(port);
  return ports;
}

interface Rewritten {
  readonly envs: Record<string, Env>;
  readonly databases: Set<string>;
  readonly rewrites: Map<string, string>;
}

function rewrite(deployment: Deployment, ports: Record<string, Ports>): Rewritten {
  const slug = deployment.name.replace(/[^a-z0-9]+/g, '_');
  const databases = new Set<string>();
  const rewrites = new Map<string, string>();
  const keycloakOrigins = new Set(
    Object.values(deployment.envs).flatMap((env) =>
      [env['OIDC_ISSUER'], env['KEYCLOAK_URL']].filter((u): u is string => !!u && URL.canParse(u)).map((u) => new URL(u).origin),
    ),
  );
  const url = (text: string): string => {
    const u = new URL(text);
    let out = text;
    if (u.protocol === 'postgres:' || u.protocol === 'postgresql:') {
      const db = `deploy_${slug}_${u.pathname.slice(1)}`;
      databases.add(db);
      u.host = STACK.postgres;
      u.pathname = `/${db}`;
      out = u.toString();
    } else if (keycloakOrigins.has(u.origin)) {
      out = `${STACK.keycloak}${text.slice(u.origin.length)}`;
    } else {
      const app = APPS.find((a) => u.hostname === a || u.hostname.startsWith(`${a}.`));
      if (app) out = `http://127.0.0.1:${(ports[app] as Ports).port}${text.slice(u.origin.length)}`;
    }
    if (out !== text) rewrites.set(text.replace(/\/\/[^@/]*@/, '//'), out.replace(/\/\/[^@/]*@/, '//'));
    return out;
  };
  const envs: Record<string, Env> = {};
  for (const [app, env] of Object.entries(deployment.envs)) {
    const out: Env = {};
    for (const [key, value] of Object.entries(env)) {
      if (key === 'PUBLIC_URL') out[key] = value;
      else if (key === 'KAFKA_BROKERS') {
        out[key] = STACK.kafka;
        rewrites.set(value, STACK.kafka);
      } else out[key] = value.replace(/\b(?:https?|postgres(?:ql)?):\/\/[^\s,]+/g, url);
    }
    out['PORT'] = String((ports[app] as Ports).port);
    if (env['METRICS_PORT'] !== undefined) out['METRICS_PORT'] = String((ports[app] as Ports).metrics);
    envs[app] = out;
  }
  // Nothing may still point away from this machine: the service would try to reach it.
  const away = Object.entries(envs).flatMap(([app, env]) =>
    Object.entries(env)
      .filter(([key]) => key !== 'PUBLIC_URL')
      .flatMap(([key, value]) => [...value.matchAll(/\b(?:https?|postgres(?:ql)?):\/\/[^\s,]+/g)].map((m) => ({ app, key, url: m[0] })))
      .filter(({ url: u }) => new URL(u).hostname !== '127.0.0.1'),
  );
  if (away.length > 0) throw new Error(`${deployment.name}: no rewrite for ${away.map((a) => `${a.app} ${a.key}=${a.url}`).join('; ')}`);
  return { envs, databases, rewrites };
}

// ---- databases and processes -------------------------------------------------------------------

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const created = new Set<string>();

async function createDatabases(names: Iterable<string>): Promise<void> {
  await admin(async (client) => {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdent(name)} OWNER educube`);
      created.add(name);
    }
  });
}

async function dropDatabases(names: Iterable<string>): Promise<void> {
  await admin(async (client) => {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      created.delete(name);
    }
  });
}

interface Started {
  readonly app: string;
  readonly child: ChildProcess;
  readonly output: string[];
  /** stderr apart: a refusal's reason is at its start, before any stack trace */
  readonly errors: string[];
  exit?: number | string;
}
const running = new Set<Started>();

function start(app: string, env: Env): Started {
  const { command, args, cwd, imageEnv } = serviceCommand(app);
  // exactly the deployment's environment over the image's: nothing of this test process leaks in
  const child = spawn(command, args, { cwd, env: { ...imageEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const started: Started = { app, child, output: [], errors: [] };
  const keep = (into: string[]) => (chunk: Buffer) => {
    into.push(chunk.toString());
    if (into.length > 200) into.shift();
  };
  child.stdout?.on('data', keep(started.output));
  child.stderr?.on('data', keep(started.errors));
  child.once('exit', (code, signal) => {
    started.exit = code ?? signal ?? 'unknown';
    running.delete(started);
  });
  running.add(started);
  return started;
}

async function stop(started: Started): Promise<void> {
  if (started.exit !== undefined) return;
  const exited = new Promise<void>((done) => started.child.once('exit', () => done()));
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Seconds until /health/ready answered 200, or why it never did. */
async function waitReady(started: Started, port: number, t0: number): Promise<{ ready: true; seconds: number } | { ready: false; why: string }> {
  let last = 'no answer';
  while (performance.now() - t0 < READY_TIMEOUT_MS) {
    if (started.exit !== undefined) {
      const said = started.errors.join('').trim() || started.output.join('').trim().split('\n').slice(-8).join('\n');
      return { ready: false, why: `exited (${started.exit}): ${said.split('\n').slice(0, 6).join('\n')}` };
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      if (res.status === 200) return { ready: true, seconds: (performance.now() - t0) / 1000 };
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ready: false, why: `not ready after ${READY_TIMEOUT_MS / 1000} s: ${last}` };
}

/** SERVICE_CLIENT_ID's default in the service's own schema (apps/<app>/src/service.ts). */
function defaultServiceClientId(app: string): string | undefined {
  return /SERVICE_CLIENT_ID:\s*z\.string\(\)\.min\(1\)\.default\('([^']+)'\)/.exec(readFileSync(join(ROOT, 'apps', app, 'src/service.ts'), 'utf8'))?.[1];
}

/** The realm must accept each service's client credentials as configured: a token for each, or why not. */
async function clientRefusals(envs: Record<string, Env>): Promise<string[]> {
  const refusals: string[] = [];
  for (const [app, env] of Object.entries(envs)) {
    const secret = env['SERVICE_CLIENT_SECRET'];
    if (!secret) continue;
    const clientId = env['SERVICE_CLIENT_ID'] ?? defaultServiceClientId(app);
    if (!clientId) {
      refusals.push(`${app}: no SERVICE_CLIENT_ID and no default found in apps/${app}/src/service.ts`);
      continue;
    }
    const res = await fetch(`${env['OIDC_ISSUER']}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    if (res.status !== 200) refusals.push(`${app}: client ${clientId} refused by ${env['OIDC_ISSUER']}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
  return refusals;
}

// ---- the test ----------------------------------------------------------------------------------

type Outcome = { ready: true; seconds: number } | { ready: false; why: string };
const table = new Map<string, Record<string, Outcome>>();

function printTable(): void {
  const columns = ['deployment', ...APPS];
  const cell = (o: Outcome | undefined) => (!o ? '-' : o.ready ? `ready ${o.seconds.toFixed(1)} s` : 'NOT READY');
  const rows = [...table].map(([name, outcomes]) => [name, ...APPS.map((app) => cell(outcomes[app]))]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  const out = [line(columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  process.stdout.write(`\ndeployment × service → /health/ready (seconds from process start)\n${out.join('\n')}\n\n`);
}

describe('deployments boot against the stack', () => {
  beforeAll(async () => {
    // the services boot as the image runs them: from the compiled build
    execFileSync(process.execPath, [join(ROOT, 'tools/build/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    // fail early and plainly when the stack is down, rather than as four timeouts
    await admin((client) => client.query('select 1')).catch((error: unknown) => {
      throw new Error(`PostgreSQL at ${STACK.postgres} does not answer (start the stack: npm run stack): ${(error as Error).message}`);
    });
  });

  afterAll(async () => {
    await Promise.all([...running].map(stop));
    if (created.size > 0) await dropDatabases([...created]);
    printTable();
  }, 60_000);

  it.each([['compose'], ['k8s/dev'], ['k8s/prod']])(
    '%s: every service starts with the deployment’s environment and answers /health/ready',
    async (name) => {
      const deployment = name === 'compose' ? composeDeployment() : k8sDeployment(name.replace('k8s/', ''));
      const ports: Record<string, Ports> = {};
      const drawn = await freePorts(APPS.length * 2);
      APPS.forEach((app, i) => (ports[app] = { port: drawn[2 * i] as number, metrics: drawn[2 * i + 1] as number }));
      const { envs, databases, rewrites } = rewrite(deployment, ports);
      process.stdout.write(`\n${name}: addresses rewritten\n${[...rewrites].map(([from, to]) => `  ${from} → ${to}`).join('\n')}\n`);
      await createDatabases(databases);
      const outcomes: Record<string, Outcome> = {};
      table.set(name, outcomes);
      const t0 = performance.now();
      const processes = APPS.map((app) => start(app, envs[app] as Env));
      try {
        await Promise.all(
          processes.map(async (p) => {
            outcomes[p.app] = await waitReady(p, (ports[p.app] as Ports).port, t0);
          }),
        );
      } finally {
        await Promise.all(processes.map(stop));
        await dropDatabases(databases);
      }
      const notReady = Object.entries(outcomes)
        .filter(([, o]) => !o.ready)
        .map(([app, o]) => `${app}: ${(o as { why: string }).why}`);
      expect(notReady).toEqual([]);
      expect(await clientRefusals(envs)).toEqual([]);
    },
    READY_TIMEOUT_MS + 60_000,
  );
});
