// npm run contracts:generate — rewrites libs/contracts/generated from the zod schemas.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateContractFiles } from '../src/generate';

const root = join(__dirname, '..');
rmSync(join(root, 'generated'), { recursive: true, force: true });
const files = generateContractFiles();
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`wrote ${files.size} files under libs/contracts/generated (${readdirSync(join(root, 'generated', 'json-schema')).length} JSON Schemas + asyncapi.yaml)`);
