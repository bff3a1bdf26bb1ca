import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every command-line entry of the hub, run as a user would: --help answers with the usage and
// exit 0, an unknown flag is refused with exit 2 before the command does anything.
const root = join(__dirname, '..', '..', '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const fromScripts = Object.values(scripts).flatMap((s) => [...s.matchAll(/node -r @swc-node\/register (\S+\.ts)/g)].map((m) => m[1] as string));
// not behind an npm script
const extra = ['libs/simulator/scripts/engine-spread.ts', 'tools/build/build.mjs'];
const ENTRIES = [...new Set([...fromScripts, ...extra])].sort();

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(entry: string, arg: string): Promise<Outcome> {
  const args = entry.endsWith('.ts') ? ['-r', '@swc-node/register', entry, arg] : [entry, arg];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

// two at a time: the machine is shared, and each run compiles its entry's imports
async function runAll(): Promise<Map<string, Outcome>> {
  const jobs = ENTRIES.flatMap((entry) => ['--help', '--bogus'].map((arg) => ({ entry, arg })));
  const results = new Map<string, Outcome>();
  const worker = async (): Promise<void> => {
    for (let job = jobs.shift(); job; job = jobs.shift()) results.set(`${job.entry} ${job.arg}`, await run(job.entry, job.arg));
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe('command-line entries', () => {
  let results: Map<string, Outcome>;
  beforeAll(async () => {
    results = await runAll();
  }, 300_000);

  it('are the npm scripts that run a TypeScript file, and the scripts beside them', () => {
    expect(ENTRIES).toEqual(
      expect.arrayContaining(['apps/identity/src/cli/reconcile.ts', 'tools/producer-kit/src/validate.ts', 'libs/contracts/scripts/generate.ts']),
    );
    expect(ENTRIES.length).toBeGreaterThanOrEqual(13);
  });

  it.each(ENTRIES)('%s --help: the usage on stdout, exit 0', (entry) => {
    const r = results.get(`${entry} --help`);
    expect({ code: r?.code, stderr: r?.code === 0 ? '' : r?.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r?.stdout).toMatch(/^Usage: /);
    expect(r?.stdout).toContain('--help');
    expect(r?.stdout).toMatch(/Examples?:/);
    expect(r?.stdout).toContain('Exit codes:');
  });

  it.each(ENTRIES)('%s --bogus: refused by name with a pointer to --help, exit 2', (entry) => {
    const r = results.get(`${entry} --bogus`);
    expect(r?.code).toBe(2);
    expect(r?.stderr).toContain("unknown option '--bogus'");
    expect(r?.stderr).toContain('--help');
    expect(r?.stdout).toBe('');
  });
});
