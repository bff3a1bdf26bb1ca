import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// Runs `npm start`'s launcher for real, on spare ports, and checks what a newcomer would see.
const root = join(__dirname, '..', '..', '..');
const basePort = 43100 + Math.floor(Math.random() * 500);

describe('npm start (embedded default)', () => {
  let hub: ChildProcess;
  let output = '';

  beforeAll(async () => {
    hub = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'launch.ts')], {
      cwd: root,
      env: { ...process.env, EDUCUBE_BASE_PORT: String(basePort), EDUCUBE_OPEN_BROWSER: '0', DATABASE_URL: '', KAFKA_BROKERS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    hub.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (!output.includes('EduCube Hub is running')) {
      if (hub.exitCode !== null) throw new Error(`launcher exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`not running after 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    if (hub.exitCode === null) {
      const exited = new Promise((r) => hub.once('exit', r));
      hub.kill('SIGINT');
      await exited;
    }
  });

  it.each([
    ['gateway', 0],
    ['identity', 1],
    ['data-warehouse', 2],
    ['assessment', 3],
  ])('%s answers liveness and readiness', async (name, offset) => {
    const live = await fetch(`http://127.0.0.1:${basePort + offset}/health/live`);
    expect(await live.json()).toMatchObject({ status: 'live', service: name });
    const ready = await fetch(`http://127.0.0.1:${basePort + offset}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('serves the cockpit page and sees every service ready through the gateway', async () => {
    const page = await fetch(`http://127.0.0.1:${basePort}/`);
    expect(await page.text()).toContain('数据驾驶舱');
    const status = (await (await fetch(`http://127.0.0.1:${basePort}/api/status`)).json()) as { services: { name: string; ready: boolean }[] };
    expect(status.services.map((s) => [s.name, s.ready])).toEqual([
      ['identity', true],
      ['data-warehouse', true],
      ['assessment', true],
    ]);
  });

  it('prints the addresses a newcomer needs', () => {
    expect(output).toContain(`cockpit         http://127.0.0.1:${basePort}/`);
  });

  it('stops every service on Ctrl+C', async () => {
    const exited = new Promise<number | null>((r) => hub.once('exit', (code) => r(code)));
    hub.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${basePort + 2}/health/live`)).rejects.toThrow();
  });
});
