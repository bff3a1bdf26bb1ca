// `npm run build`: the four services (and their command-line jobs) as plain CommonJS in dist/,
// so production runs `node dist/apps/<service>/src/main.js` with no compiler loaded and
// `npm ci --omit=dev` installed. See docs/adr/0001-node-24-and-esm-nest.md for the module format.
//
// Only files reachable from the entries are compiled (walking the compiled requires), which keeps
// specs, testing helpers and tools out of the image and gives the dependency check below an exact
// list of the packages production loads. swc is called per file with the options @swc-node/register
// derives from tsconfig.base.json today, so the output behaves as development does: legacy
// decorators with metadata (Nest's injection reads it), define semantics for class fields (ES2023
// target), class names kept (Nest and the loggers print them), `@educube/*` rewritten to relative paths.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinModules } from 'node:module';

const USAGE = `Usage: node tools/build/build.mjs [--out-dir <dir>] [--quiet]

Compiles the services gateway, identity, data-warehouse and assessment (apps/<name>/src/main.ts
and apps/<name>/src/cli/*.ts) and every lib file they import to CommonJS under <dir>, mirroring the
source tree (dist/apps/gateway/src/main.js, dist/libs/...). The cockpit is built by Vite
(npm run cockpit:build -> dist/cockpit) and is left alone. Writes <dir>/build-manifest.json: the
compiled files and the npm packages they load, checked against package.json "dependencies".

Options:
  --out-dir <dir>  where to write (default: dist, beside package.json)
  --quiet          no summary line
  -h, --help       this text

Example: npm run build && node dist/apps/identity/src/main.js

Exit codes:
    0  built
    1  a compile error, or a runtime import that is not a production dependency
    2  bad arguments (this text on stderr)`;

let args;
try {
  args = parseArgs({
    strict: true,
    allowPositionals: false,
    options: { 'out-dir': { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  // worded as libs/cli words it for the TypeScript entries (this file runs before anything is compiled)
  const option = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /option '([^']+)'/i.exec(error.message)?.[1];
  process.stderr.write(`build: ${option ? `unknown option '${option}'` : error.message}\nRun with --help for usage.\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const root = resolve(import.meta.dirname, '..', '..');
const outDir = resolve(args['out-dir'] ?? join(root, 'dist'));
const require = createRequire(join(root, 'package.json'));
const swc = require('@swc/core');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
export const SERVICES = ['gateway', 'identity', 'data-warehouse', 'assessment'];

const started = process.hrtime.bigint();
const baseUrl = resolve(root, compilerOptions.baseUrl ?? '.');
const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => resolve(baseUrl, t))]));
const swcOptions = (filename) => ({
  filename,
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  inlineSourcesContent: false,
  isModule: true,
  jsc: {
    target: compilerOptions.target.toLowerCase(),
    parser: { syntax: 'typescript', tsx: filename.endsWith('.tsx'), decorators: compilerOptions.experimentalDecorators === true, dynamicImport: true },
    transform: {
      legacyDecorator: compilerOptions.experimentalDecorators === true,
      decoratorMetadata: compilerOptions.emitDecoratorMetadata === true,
      useDefineForClassFields: true,
    },
    keepClassNames: true,
    baseUrl,
    paths,
  },
  module: { type: compilerOptions.module.toLowerCase(), noInterop: compilerOptions.esModuleInterop !== true, ignoreDynamic: false },
});

function entries() {
  const files = [];
  for (const service of SERVICES) {
    files.push(join(root, 'apps', service, 'src', 'main.ts'));
    const cli = join(root, 'apps', service, 'src', 'cli');
    if (existsSync(cli)) {
      for (const name of readdirSync(cli).sort()) if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) files.push(join(cli, name));
    }
  }
  return files;
}

function resolveLocal(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(root, fromFile)}: cannot resolve '${specifier}'`);
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const queue = entries();
const seen = new Set(queue);
const output = new Map(); // source path -> { code, map }
const packages = new Map(); // npm package -> first importing file
while (queue.length) {
  const file = queue.shift();
  const source = readFileSync(file, 'utf8');
  if (!file.endsWith('.ts') && !file.endsWith('.tsx')) {
    output.set(file, { copy: source });
    continue;
  }
  let result;
  try {
    result = swc.transformSync(source, swcOptions(file));
  } catch (error) {
    process.stderr.write(`build: ${relative(root, file)}: ${error.message}\n`);
    process.exit(1);
  }
  output.set(file, result);
  // swc's CommonJS output loads every module (static and dynamic) as require("…"); a package
  // found by require.resolve (files served from it, as swagger-ui-dist's) is needed as much.
  for (const [, , specifier] of result.code.matchAll(/\brequire(?:\.resolve)?\(\s*(["'])([^"']+)\1\s*\)/g)) {
    if (specifier.startsWith('.')) {
      const target = resolveLocal(file, specifier);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    } else if (!builtins.has(specifier)) {
      const name = packageOf(specifier);
      if (!packages.has(name)) packages.set(name, relative(root, file).split(sep).join('/'));
    }
  }
}

const emitted = [];
for (const top of ['apps', 'libs']) rmSync(join(outDir, top), { recursive: true, force: true });
for (const file of [...output.keys()].sort()) {
  const rel = relative(root, file);
  const result = output.get(file);
  const target = join(outDir, result.copy === undefined ? rel.replace(/\.tsx?$/, '.js') : rel);
  mkdirSync(dirname(target), { recursive: true });
  if (result.copy !== undefined) {
    writeFileSync(target, result.copy);
  } else {
    const mapName = `${target.slice(dirname(target).length + 1)}.map`;
    writeFileSync(target, `${result.code}\n//# sourceMappingURL=${mapName}\n`);
    // The map names its source as seen from dist/ beside apps/ and libs/, wherever the tree was
    // checked out or built to, so two builds of one commit are byte for byte the same.
    const map = JSON.parse(result.map);
    map.sources = [
      relative(dirname(join(root, 'dist', rel)), file)
        .split(sep)
        .join('/'),
    ];
    writeFileSync(`${target}.map`, JSON.stringify(map));
  }
  emitted.push(relative(outDir, target).split(sep).join('/'));
}

const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));
const notProduction = [...packages].filter(([name]) => !dependencies.has(name)).sort(([a], [b]) => a.localeCompare(b));
const manifest = {
  services: Object.fromEntries(SERVICES.map((s) => [s, `apps/${s}/src/main.js`])),
  packages: Object.fromEntries([...packages].sort(([a], [b]) => a.localeCompare(b))),
  files: emitted,
};
writeFileSync(join(outDir, 'build-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
if (!args.quiet)
  process.stdout.write(`build: ${emitted.length} files, ${packages.size} npm packages, into ${relative(process.cwd(), outDir) || '.'} in ${ms} ms\n`);
if (notProduction.length) {
  process.stderr.write(
    `build: production code loads packages that are not in package.json "dependencies" (npm ci --omit=dev would leave them out):\n${notProduction.map(([name, from]) => `  ${name} (first from ${from})`).join('\n')}\n`,
  );
  process.exit(1);
}
