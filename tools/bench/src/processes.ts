/**
 * The services under test run as child processes, exactly as `npm start` and a deployment run
 * them (tools never import apps), so their memory and CPU are theirs and measurable apart from
 * the benchmark's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const root = join(__dirname, '..', '..', '..');

export interface Service {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** the last lines it printed, for an error message when it dies */
  readonly tail: string[];
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A port nobody listens on now (the kernel's choice), so a run never collides with `npm start`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startService(name: string, app: string, env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it exits (where the time goes)
  const profileDir = process.env['BENCH_CPU_PROF'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', join(root, 'apps', app, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      // warnings and errors only (LOG_LEVEL=warn): worth seeing while the run goes on
      say(`  [${name}] ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`);
    });
  }
  const service = { name, url: `http://127.0.0.1:${port}`, child, tail };
  await waitReady(service, 90_000);
  return service;
}

async function waitReady(service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null || service.child.signalCode !== null)
      throw new Error(`${service.name} exited during start-up:\n${service.tail.join('\n')}`);
    try {
      const res = await fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service.name} was not ready on ${service.url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stopService(service: Service | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return resolve();
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
    service.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    service.child.kill('SIGTERM');
  });
}

/** Peak resident set size (VmHWM) of a process in bytes; undefined when /proc does not say. */
export function peakRss(pid: number | 'self'): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resident set size now (VmRSS) of a process in bytes; undefined when /proc does not say. */
export function currentRss(pid: number | 'self'): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0, `echo 5 > clear_refs`), so each phase reads its own peak. */
export function resetPeakRss(pid: number | 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** What the results are worth only next to: the machine they were measured on. */
export function machine(): { cpus: string; model: string; memory: string; node: string; kafka: string } {
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const cpuinfo = read('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const cpus = String((cpuinfo.match(/^processor\s*:/gm) ?? []).length || 'unknown');
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(read('/proc/meminfo'))?.[1] ?? 0);
  // the stack's broker runs from the Maven Central artifacts of one version, named in its class path
  const kafkaPid = read(join(root, '.stack', 'kafka', 'kafka.pid')).trim();
  const cmdline = kafkaPid ? read(`/proc/${kafkaPid}/cmdline`).replace(/\0/g, ' ') : '';
  const kafka = /kafka\/(\d+\.\d+\.\d+)\/lib/.exec(cmdline)?.[1] ?? /kafka_2\.13-(\d+\.\d+\.\d+)/.exec(cmdline)?.[1] ?? 'unknown';
  return { cpus, model, memory: `${(memKb / 1024 / 1024).toFixed(1)} GiB`, node: process.version, kafka };
}
