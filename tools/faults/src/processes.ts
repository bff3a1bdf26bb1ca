/**
 * The services as child processes, exactly as deployed (`node -r @swc-node/register
 * apps/<app>/src/main.ts`): tools spawn apps, never import them. Each child keeps its last lines
 * of output for a failure message and remembers how it ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A wait that does not keep the process alive (the losing side of a race). */
export const deadline = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** A port nobody listens on now (the kernel's ephemeral range, far from the shared stack's 2xxxx ports). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const address = server.address();
  await new Promise((ok) => server.close(ok));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** true when the harness asked for it (a planned SIGKILL, the final stop) */
  readonly planned: boolean;
}

export class Child {
  readonly log: string[] = [];
  readonly exited: Promise<Exit>;
  private planned = false;
  exit: Exit | undefined;

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
    this.exited = new Promise((ok) =>
      process.once('exit', (code, signal) => {
        this.exit = { code, signal, planned: this.planned };
        ok(this.exit);
      }),
    );
  }

  static async start(name: string, app: string, env: Record<string, string>, port?: number): Promise<Child> {
    port ??= await freePort();
    // Jest's NODE_OPTIONS (vm modules) are not the service's
    const inherited = { ...process.env };
    delete inherited['NODE_OPTIONS'];
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
      cwd: ROOT,
      env: { ...inherited, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Child(name, child, `http://127.0.0.1:${port}`);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Resolves once /health/ready answers 200; fails if the process dies or the time passes. */
  async ready(timeoutMs = 120_000): Promise<void> {
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

  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.process.kill(signal);
  }

  /** A planned end: SIGKILL at once, or SIGTERM then SIGKILL after 15 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    this.planned = true;
    if (this.alive) {
      // a frozen process never handles SIGTERM
      this.process.kill('SIGCONT');
      this.process.kill(signal);
      const timer = setTimeout(() => this.alive && this.process.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exit ?? (await this.exited);
  }

  describeExit(): string | undefined {
    if (!this.exit || this.exit.planned) return undefined;
    return `${this.name} ${this.exit.signal ? `killed by ${this.exit.signal}` : `exited with code ${this.exit.code}`}`;
  }
}

/** Client-credentials tokens of the shared Keycloak's realm, reused for a minute. */
export class Tokens {
  private readonly cache = new Map<string, { token: string; at: number }>();

  constructor(readonly issuer: string) {}

  async of(clientId: string, clientSecret: string, fresh = false): Promise<string> {
    const kept = this.cache.get(clientId);
    if (kept && !fresh && Date.now() - kept.at < 60_000) return kept.token;
    const res = await fetch(`${this.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { access_token?: string; error_description?: string };
    if (!body.access_token) throw new Error(`Keycloak refused ${clientId}: ${body.error_description}`);
    this.cache.set(clientId, { token: body.access_token, at: Date.now() });
    return body.access_token;
  }
}
