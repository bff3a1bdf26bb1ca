import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const SERVICES = ['gateway', 'identity', 'data-warehouse', 'assessment'];

type Manifest = { services: Record<string, string>; packages: Record<string, string>; files: string[] };

function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = join(prefix, name);
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, snapshot(dir, rel));
    else
      out[rel] = createHash('sha256')
        .update(readFileSync(join(dir, rel)))
        .digest('hex');
  }
  return out;
}

// An /app as the image lays it out: the compiled tree beside a node_modules (here the repo's, so
// any package is found; what production may load is checked against "dependencies" instead).
describe('npm run build', () => {
  let app: string;
  let manifest: Manifest;

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'educube-build-'));
    symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
    await run(process.execPath, [join(root, 'tools/build/build.mjs'), '--out-dir', join(app, 'dist'), '--quiet']);
    manifest = JSON.parse(readFileSync(join(app, 'dist', 'build-manifest.json'), 'utf8')) as Manifest;
  }, 60_000);
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('loads only production dependencies at run time (npm ci --omit=dev leaves the rest out)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const missing = Object.keys(manifest.packages).filter((name) => !(name in pkg.dependencies));
    expect(missing).toEqual([]);
    expect(Object.keys(manifest.packages)).toEqual(expect.arrayContaining(['@nestjs/core', 'reflect-metadata']));
    expect(Object.keys(manifest.packages).filter((name) => /swc|typescript|jest/.test(name))).toEqual([]);
  });

  it('compiles no spec or testing helper into the image', () => {
    expect(manifest.files.filter((f) => /\.spec\.js$|\/testing(\/|\.js$)/.test(f))).toEqual([]);
  });

  it('is deterministic: a second build writes the same bytes', async () => {
    const second = mkdtempSync(join(tmpdir(), 'educube-build-'));
    try {
      await run(process.execPath, [join(root, 'tools/build/build.mjs'), '--out-dir', second, '--quiet']);
      expect(snapshot(second)).toEqual(snapshot(join(app, 'dist')));
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  }, 60_000);

  // Without an issuer each service refuses its configuration (exit 78) — after main.js has loaded
  // its whole static import graph with plain node, no compiler registered. Starting them for real
  // is what the image's smoke test (docker/README.md) does.
  it.each(SERVICES)(
    '%s: its compiled main.js runs on plain node',
    async (service) => {
      const main = join(app, 'dist', manifest.services[service] ?? 'missing');
      const env = { PATH: process.env['PATH'] ?? '', SERVICE: service, PORT: '0', NODE_OPTIONS: '' };
      const result = await run(process.execPath, [main], { env, cwd: app }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.stderr).toContain(`invalid configuration for ${service}`);
      expect(result.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND|SyntaxError/);
      expect(result.code).toBe(78);
    },
    60_000,
  );
});
