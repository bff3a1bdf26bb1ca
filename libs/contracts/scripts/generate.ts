// npm run contracts:generate — rewrites libs/contracts/generated from the zod schemas.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commandLine } from '@educube/cli';
import { generateContractFiles } from '../src/generate';

commandLine({
  command: 'npm run contracts:generate --',
  summary:
    'Rewrites libs/contracts/generated (a JSON Schema per event type, rules.json, asyncapi.yaml) from the\nzod schemas of libs/contracts/src. Commit the result; the contracts specs fail while it is stale.',
  examples: ['npm run contracts:generate && git diff --stat libs/contracts/generated'],
  exitCodes: { 0: 'written', 1: 'error' },
});

const root = join(__dirname, '..');
rmSync(join(root, 'generated'), { recursive: true, force: true });
const files = generateContractFiles();
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(
  `wrote ${files.size} files under libs/contracts/generated (${readdirSync(join(root, 'generated', 'json-schema')).length} JSON Schemas + asyncapi.yaml)`,
);
