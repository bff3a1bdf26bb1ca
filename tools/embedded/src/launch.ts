/**
 * `npm start`: the whole hub in one command on the embedded default — no server to install.
 * Each service runs as its own child process (as it would in a cluster), so a crash in one
 * is visible as such; this launcher only starts them, waits for readiness, relays their logs
 * in a readable form and stops them together.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { settingsEnv, simulationSettings } from './simulation';

const root = join(__dirname, '..', '..', '..');
const basePort = Number(process.env['EDUCUBE_BASE_PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';
const jsonLogs = process.env['EDUCUBE_LOG_FORMAT'] === 'json';

const services = [
  { name: 'gateway', port: basePort },
  { name: 'identity', port: basePort + 1 },
  { name: 'data-warehouse', port: basePort + 2 },
  { name: 'assessment', port: basePort + 3 },
];
const url = (port: number) => `http://${host}:${port}`;
// The fetch standard blocks these ports (X11's 6000 among them): the services' own calls to each
// other, and browsers, would never reach a service there, so refuse before starting anything.
const FETCH_BLOCKED = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const blocked = Array.from({ length: 10 }, (_, i) => basePort + i).filter((p) => FETCH_BLOCKED.has(p));
if (blocked.length) {
  process.stdout.write(
    `EDUCUBE_BASE_PORT=${basePort} would put a service on port ${blocked.join(', ')}, which fetch and browsers refuse to call; choose another base port (the hub uses base…base+9)\n`,
  );
  process.exit(78);
}
// The embedded default's OpenID Connect issuer (stands in for Keycloak): its own child process.
const issuerPort = basePort + 9;
const issuerUrl = url(issuerPort);
// Sessions of this run only; set SESSION_SECRET to keep people signed in across restarts.
const sessionSecret = process.env['SESSION_SECRET'] || randomBytes(32).toString('base64url');
// The simulated province (EDUCUBE_SIM_*): the issuer registers a school system per simulated
// school, the feeder uses them; their secrets derive from this run's secret.
const simulation = simulationSettings(process.env);
const simEnv = { ...settingsEnv(simulation), EDUCUBE_SIM_CLIENT_SECRET: randomBytes(32).toString('base64url') };
const children = new Map<string, ChildProcess>();
let stopping = false;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function relay(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (jsonLogs) return say(line);
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string; context?: string; event?: string; status?: number };
        // Nest's route mapping is noise for someone running the hub; keep it in JSON mode only.
        if (entry.context === 'RouterExplorer' || entry.context === 'RoutesResolver' || entry.context === 'InstanceLoader') return;
        // so is a line per request while the simulator posts all day; failures still show
        if (entry.event === 'http.request' && (entry.status ?? 0) < 500) return;
        say(`${name.padEnd(15)} ${(entry.level ?? '').padEnd(5)} ${entry.msg ?? line}`);
      } catch {
        say(`${name.padEnd(15)} ${line}`);
      }
    });
  }
}

async function waitReady(name: string, port: number, timeoutMs: number, path = '/health/ready'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url(port)}${path}`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready on ${url(port)} within ${timeoutMs / 1000} s`);
    const child = children.get(name);
    if (!child || child.exitCode !== null) throw new Error(`${name} exited during start-up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping the hub…');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
  process.exit(code);
}

/** The demonstration's alert thresholds (see main); every other field keeps the rules' default. */
const DEMO_ALERTS_CONFIG = {
  silentSource: { silentAfterMinutes: 30 },
  rejectSpike: { minRejects: 5, minRate: 0.05, clearBelowRejects: 2, clearBelowRate: 0.02 },
};

async function main(): Promise<void> {
  const upstreams = services
    .filter((s) => s.name !== 'gateway')
    .map((s) => `${s.name}=${url(s.port)}`)
    .join(',');
  const started = Date.now();
  const gatewayEnv = {
    OIDC_ISSUER: issuerUrl,
    OIDC_CLIENT_ID: 'educube-gateway',
    OIDC_CLIENT_SECRET: 'dev-gateway-secret', // DEV ONLY, as in devRealm and the Keycloak realm
    PUBLIC_URL: url(basePort),
    SESSION_SECRET: sessionSecret,
  };
  // essential: its exit stops the hub (the feeder's does not: the services are useful without it)
  const start = (name: string, entry: string, env: Record<string, string>, essential = true) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
      cwd: root,
      env: { ...process.env, HOST: host, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(name, child);
    relay(name, child);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      if (!essential) {
        children.delete(name);
        if (code !== 0) say(`${name} exited (${signal ?? `code ${code}`}); the services keep running`);
        return;
      }
      say(`${name} exited (${signal ?? `code ${code}`}); stopping the others`);
      void stopAll(1);
    });
  };
  // Every service verifies tokens of the embedded issuer and calls the others with its own
  // client-credentials token (the dev realm's clients; DEV ONLY secrets, as in the Keycloak realm).
  // Every address derives from EDUCUBE_BASE_PORT, so a second hub never talks to the first.
  const common = { OIDC_ISSUER: issuerUrl, IDENTITY_URL: url(basePort + 1), WAREHOUSE_URL: url(basePort + 2), ASSESSMENT_URL: url(basePort + 3) };
  // Alerts: the simulated province's bad senders refuse 10–25 % of one source's events, so the
  // demonstration lowers the reject-spike bars (the defaults want 20 % and ten refusals an hour)
  // and evaluates every 15 s, so the cockpit shows alerts within a minute. ALERTS_CONFIG and
  // ALERTS_EVALUATE_MS in the environment replace these.
  const alerts = {
    ALERTS_CONFIG: process.env['ALERTS_CONFIG'] || JSON.stringify(DEMO_ALERTS_CONFIG),
    ALERTS_EVALUATE_MS: process.env['ALERTS_EVALUATE_MS'] || '15000',
  };
  const perService: Record<string, Record<string, string>> = {
    gateway: { ...gatewayEnv, SERVICE_CLIENT_SECRET: 'dev-gateway-service-secret' },
    identity: {},
    'data-warehouse': { SERVICE_CLIENT_SECRET: 'dev-warehouse-service-secret', ...alerts },
    assessment: { SERVICE_CLIENT_SECRET: 'dev-assessment-service-secret', ...alerts },
  };
  start('issuer', join(root, 'tools', 'embedded', 'src', 'issuer.ts'), { ISSUER_PORT: String(issuerPort), GATEWAY_PUBLIC_URL: url(basePort), ...simEnv });
  for (const s of services) {
    start(s.name, join(root, 'apps', s.name, 'src', 'main.ts'), {
      PORT: String(s.port),
      UPSTREAM_HEALTH_URLS: upstreams,
      ...common,
      ...perService[s.name],
    });
  }
  await Promise.all([waitReady('issuer', issuerPort, 60_000, '/.well-known/openid-configuration'), ...services.map((s) => waitReady(s.name, s.port, 60_000))]);
  say('');
  say(`EduCube Hub is running on the embedded default (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
  for (const s of services) say(`  ${s.name.padEnd(15)} ${url(s.port)}   health: ${url(s.port)}/health/ready`);
  say(`  issuer          ${issuerUrl}   discovery: ${issuerUrl}/.well-known/openid-configuration`);
  say(`  cockpit         ${url(basePort)}/`);
  say(`  sign in         ${url(basePort)}/me   (demo accounts of the embedded default only: officer.haishu, officer.ningbo, cio.school1, …; passwordless)`);
  if (simulation.enabled) {
    say(
      `Simulated province: ${simulation.schools} schools (seed ${simulation.seed}) — identity is seeded first, then their school systems stream events into the warehouse, ` +
        `replaying the last ${simulation.daysBack} days at up to ${simulation.ratePerSecond} events/s and then following the clock (EDUCUBE_SIM=off to disable).`,
    );
    start(
      'feeder',
      join(root, 'tools', 'embedded', 'src', 'feeder.ts'),
      {
        ...simEnv,
        IDENTITY_URL: url(basePort + 1),
        WAREHOUSE_URL: url(basePort + 2),
        ASSESSMENT_URL: url(basePort + 3),
        OIDC_ISSUER: issuerUrl,
        EDUCUBE_REGISTRY_CLIENT_SECRET: 'dev-registry-secret',
      },
      false,
    );
  } else say('Simulated province: off (EDUCUBE_SIM=off).');
  say('Press Ctrl+C to stop.');
  if (process.env['EDUCUBE_OPEN_BROWSER'] !== '0' && process.env['DISPLAY']) {
    spawn('xdg-open', [`${url(basePort)}/`], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  }
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch((error: unknown) => {
  say(`the hub did not start: ${(error as Error).message}`);
  void stopAll(1);
});
