import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CockpitApp } from './cockpit.module';

describe('CockpitApp: the built app the gateway serves', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-'));
  beforeAll(() => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<title>数据驾驶舱</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not an asset');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the index and the hashed assets with their types', () => {
    const app = new CockpitApp(dir);
    expect(app.index()).toContain('数据驾驶舱');
    expect(app.asset('index-abc.js')).toEqual({ type: 'text/javascript; charset=utf-8', body: Buffer.from('console.log(1)') });
  });

  it('serves nothing outside the assets folder, of an unknown type, or missing', () => {
    const app = new CockpitApp(dir);
    for (const name of ['../secret.txt', '..', '.env', 'index-abc.exe', 'missing.js', '%2e%2e%2fsecret.txt']) expect(app.asset(name)).toBeUndefined();
  });

  it('says when the app is not built, so the status page is shown instead', () => {
    expect(new CockpitApp(join(dir, 'nowhere')).index()).toBeUndefined();
  });
});
