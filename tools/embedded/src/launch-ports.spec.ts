import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('npm start on a base port whose range holds a port fetch refuses', () => {
  it('refuses to start, naming the port, instead of waiting forever for a service nobody can call', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, EDUCUBE_BASE_PORT: '5995' };
    delete env['NODE_OPTIONS'];
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'launch.ts')], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(78);
    expect(run.stdout).toContain('would put a service on port 6000');
  });
});
