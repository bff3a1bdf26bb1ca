// Makes kubeconform's schemas from Kubernetes' own OpenAPI (v2) spec, offline: kubeconform
// normally downloads them from a schema repository that this project's machines cannot reach.
//   node k8s/static-checks/kubernetes-schemas.mjs <swagger.json> <out-dir>
// Writes <kind>-<group>-<version>.json (core: <kind>-<version>.json), the names kubeconform asks
// for with -schema-location '<out-dir>/{{ .ResourceKind }}{{ .KindSuffix }}.json'. Each file is
// standalone (the definitions it reaches ride along under `definitions`, so recursive types such
// as JSONSchemaProps need no endless inlining) and strict: every object with declared properties
// refuses others, and kind and apiVersion must be the file's own. Run by scripts/setup.sh.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [specFile, outDir] = process.argv.slice(2);
if (!specFile || !outDir) {
  console.error('usage: kubernetes-schemas.mjs <swagger.json> <out-dir>');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const definitions = spec.definitions ?? {};
if (Object.keys(definitions).length === 0) {
  console.error(`${specFile}: no definitions; is it Kubernetes' api/openapi-spec/swagger.json?`);
  process.exit(1);
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const refName = (ref) => ref.replace('#/definitions/', '');

/** JSON Schema draft-07 from a Swagger 2 schema node; collects the definitions it refers to. */
function convert(node, refs) {
  if (Array.isArray(node)) return node.map((n) => convert(n, refs));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    refs.add(refName(node.$ref));
    return { $ref: node.$ref };
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // documentation and Kubernetes' own extensions are no constraints; formats such as int64
    // or byte are not JSON Schema formats
    if (key === 'description' || key === 'format' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, refs)]));
    else out[key] = convert(value, refs);
  }
  if (node.format === 'int-or-string') {
    delete out.type;
    out.oneOf = [{ type: 'string' }, { type: 'integer' }];
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function definition(name, refs) {
  if (name === INT_OR_STRING) return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  // 500m, 1, 0.5, 128Mi: YAML gives numbers or strings
  if (name === QUANTITY) return { oneOf: [{ type: 'string' }, { type: 'number' }] };
  const def = definitions[name];
  if (!def) throw new Error(`${specFile}: #/definitions/${name} is referred to but missing`);
  return convert(def, refs);
}

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [name, def] of Object.entries(definitions)) {
  for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
    const file = `${gvk.kind.toLowerCase()}${gvk.group ? `-${gvk.group.split('.')[0].toLowerCase()}` : ''}-${gvk.version.toLowerCase()}.json`;
    const refs = new Set();
    const root = definition(name, refs);
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    root.properties = { ...root.properties, apiVersion: { type: 'string', enum: [apiVersion] }, kind: { type: 'string', enum: [gvk.kind] } };
    root.required = [...new Set([...(root.required ?? []), 'apiVersion', 'kind'])];
    // every definition reachable from the root, each converted once
    const bundled = {};
    for (const queue = [...refs]; queue.length > 0;) {
      const next = queue.shift();
      if (bundled[next]) continue;
      const found = new Set();
      bundled[next] = definition(next, found);
      for (const r of found) if (!bundled[r]) queue.push(r);
    }
    writeFileSync(join(outDir, file), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...root, definitions: bundled }));
    written += 1;
  }
}
console.log(`kubernetes-schemas: ${written} schemas from ${specFile} in ${outDir}`);
