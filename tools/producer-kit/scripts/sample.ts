// Writes the sample the README's run uses: fixtures/sample.ndjson (valid events and one fault
// per rule family, from the contracts' factories) and fixtures/sample.json (the same, an array).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpus } from '../src/testing/corpus';

const dir = join(__dirname, '..', 'fixtures');
mkdirSync(dir, { recursive: true });
const events = corpus().map((c, i) => ({ ...c.event, id: `sample-${String(i + 1).padStart(2, '0')}` }));
writeFileSync(join(dir, 'sample.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
writeFileSync(join(dir, 'sample.json'), JSON.stringify(events, null, 2) + '\n');
console.log(`wrote ${events.length} events to ${dir}`);
