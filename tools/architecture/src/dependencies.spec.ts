import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// A dependency nothing uses is weight in every install and image, and a claim about the design
// that is not true. Each one in package.json must be imported by our code, or be used in one of
// the few other ways listed below — and that way is checked too, so the list cannot go stale.
const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort();

const SKIP = new Set(['node_modules', 'dist', '.stack', 'tmp', 'generated', 'gql', '.git']);
function files(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

const all = [
  ...['apps', 'libs', 'tools', 'scripts', 'k8s', 'docker'].flatMap((d) => files(join(root, d))),
  ...readdirSync(root)
    .filter((f) => /\.(js|mjs|cjs|ts|mts|json)$/.test(f))
    .map((f) => join(root, f)),
];
const code = all.filter((f) => /\.(ts|tsx|mts|js|mjs|cjs)$/.test(f));
// where commands and tool names are written: scripts, targets, CI, configs
const commandText = [
  JSON.stringify(pkg.scripts),
  ...all
    .filter((f) => /(\.sh|project\.json|nx\.json|\.ci\/run|Dockerfile|\.config\.(js|mjs|ts|mts)|jest\.preset\.js|codegen\.ts)$/.test(f))
    .map((f) => readFileSync(f, 'utf8')),
  existsSync(join(root, '.ci', 'run')) ? readFileSync(join(root, '.ci', 'run'), 'utf8') : '',
].join('\n');

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
const imported = new Map<string, string>();
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+|\brequire\.resolve\s*\(\s*|-r\s+)['"]?([@a-z][\w.@/-]*)['"]?/g;
for (const file of code) {
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const name = packageOf(match[1]!);
    if (!imported.has(name)) imported.set(name, relative(root, file));
  }
}
// `node -r @swc-node/register …` in the scripts loads a package without an import statement
for (const match of commandText.matchAll(/-r\s+([@a-z][\w.@/-]*)/g))
  if (!imported.has(packageOf(match[1]!))) imported.set(packageOf(match[1]!), 'a -r flag in the scripts');

const manifest = (name: string) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
    peerDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
  };
const bins = (name: string) => {
  const bin = existsSync(join(root, 'node_modules', name, 'package.json')) ? manifest(name).bin : undefined;
  return bin === undefined ? [] : typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin);
};

/** Used without an import statement, and why. Each reason is verified below. */
const OTHER_USES: Record<string, { readonly peerOf?: readonly string[]; readonly namedIn?: { file: string; as: string }; readonly why: string }> = {
  '@as-integrations/fastify': { peerOf: ['@nestjs/apollo'], why: "@nestjs/apollo loads it at run time for Apollo on Fastify (the gateway's GraphQL)" },
  '@swc/core': { peerOf: ['@swc-node/register', '@swc/jest'], why: 'the compiler behind @swc-node/register and @swc/jest, pinned in overrides' },
  rxjs: { peerOf: ['@nestjs/common', '@nestjs/core'], why: 'a peer dependency of NestJS' },
  ws: { peerOf: ['graphql-ws'], why: "the WebSocket server under graphql-ws (the gateway's subscriptions)" },
  '@graphql-codegen/client-preset': {
    namedIn: { file: 'apps/cockpit/codegen.ts', as: "preset: 'client'" },
    why: "the cockpit's codegen preset, named 'client' in its config",
  },
};

function use(name: string): string | undefined {
  const at = imported.get(name);
  if (at) return `imported (${at})`;
  if (name.startsWith('@types/')) {
    const typed = name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2');
    if (['node', 'jest'].includes(typed)) return `types of ${typed}`;
    return imported.has(typed) ? `types of ${typed}, which is imported` : undefined;
  }
  const bin = bins(name).find((b) => new RegExp(`(^|[\\s"'/(])${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s"')]|$)`, 'm').test(commandText));
  if (bin) return `its command ${bin} is run by the scripts`;
  // a config naming it as a string: a Jest transform, an ESLint shareable config
  if (new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`).test(commandText)) return 'named in a config';
  const other = OTHER_USES[name];
  if (other?.peerOf?.every((parent) => use(parent) && { ...manifest(parent).peerDependencies, ...manifest(parent).dependencies }[name] !== undefined))
    return `${other.why} (peer of ${other.peerOf.join(', ')})`;
  if (other?.namedIn && readFileSync(join(root, other.namedIn.file), 'utf8').includes(other.namedIn.as)) return other.why;
  return undefined;
}

describe('dependencies', () => {
  it.each(declared)('%s is used', (name) => {
    const how = use(name);
    if (!how)
      throw new Error(
        `${name} is in package.json, but nothing imports it, no script runs its command, and it is not a verified peer: remove it, or record why it is needed in OTHER_USES`,
      );
    expect(how).toBeTruthy();
  });

  it('finds an unused dependency (the check can fail)', () => {
    expect(use('left-pad-nobody-imports')).toBeUndefined();
  });
});
