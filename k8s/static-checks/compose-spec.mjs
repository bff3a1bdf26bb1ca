// Validates a compose file against the Compose Specification's JSON schema (draft 2020-12, as
// compose-go ships it), the way `docker compose config` does: YAML anchors and merge keys (<<)
// resolved first.
//   node k8s/static-checks/compose-spec.mjs <compose-spec.json> <compose.yaml>
// Exits 1 with every finding listed. Run by scripts/static-checks.sh.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const { parse } = require('yaml');

const [schemaFile, composeFile] = process.argv.slice(2);
if (!schemaFile || !composeFile) {
  console.error('usage: compose-spec.mjs <compose-spec.json> <compose.yaml>');
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const source = readFileSync(composeFile, 'utf8');
// A variable would be interpolated from the caller's environment: none is allowed here, so what
// is validated is exactly what every machine runs.
const variables = [...source.matchAll(/(?<!\$)\$(\{[^}]*\}|[A-Za-z_]\w*)/g)].map((m) => m[0]);
if (variables.length > 0) {
  console.error(`${composeFile}: interpolated variables ${[...new Set(variables)].join(', ')}: give literal values, or extend this check to interpolate them`);
  process.exit(1);
}
const document = parse(source, { merge: true, maxAliasCount: -1 });

// strict: false: Ajv's strict mode judges schema style (union types), and this schema is taken as published.
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
if (validate(document)) {
  console.log(`${composeFile}: valid against the Compose Specification (${Object.keys(document.services ?? {}).length} services)`);
} else {
  for (const e of validate.errors)
    console.error(`${composeFile}: ${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
  process.exit(1);
}
