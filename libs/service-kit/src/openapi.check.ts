import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { loadConfig } from './config';
import { DOCUMENT_ENV, documentedRoutes, openApiFile, openApiPath, openApiText, serviceDocument, type DocumentedService } from './openapi';

type Json = Record<string, unknown>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * What can be checked of an OpenAPI 3.1 document without its meta-schema (none ships in
 * node_modules): the version, the info, each operation's shape (responses, unique operationId,
 * a declared required parameter for each `{name}` of its path), every `$ref` resolving, and every
 * schema compiling as JSON Schema 2020-12 (OpenAPI 3.1's dialect) with Ajv. Returns the faults.
 */
export function checkOpenApiDocument(doc: Json): string[] {
  const faults: string[] = [];
  if (typeof doc['openapi'] !== 'string' || !/^3\.1\.\d+$/.test(doc['openapi'])) faults.push(`openapi must be 3.1.x, not ${String(doc['openapi'])}`);
  const info = doc['info'] as Json | undefined;
  if (!info || typeof info['title'] !== 'string' || typeof info['version'] !== 'string') faults.push('info needs a title and a version');
  const text = JSON.stringify(doc);
  for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
    const target = (ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
    if (target === undefined) faults.push(`$ref ${ref} resolves to nothing`);
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(text.replace(/"#\/components\//g, '"openapi.json#/components/')) as Json, 'openapi.json');
  const compile = (where: string, schema: unknown): void => {
    try {
      ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/')) as Json);
    } catch (e) {
      faults.push(`${where}: ${(e as Error).message}`);
    }
  };
  for (const [name, schema] of Object.entries(((doc['components'] as Json | undefined)?.['schemas'] ?? {}) as Json))
    compile(`components.schemas.${name}`, schema);
  const paths = doc['paths'] as Record<string, Record<string, Json>> | undefined;
  if (!paths || typeof paths !== 'object') return [...faults, 'paths is missing'];
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) faults.push(`paths: ${path} must start with /`);
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!METHODS.has(method)) {
        faults.push(`${where}: not an HTTP method`);
        continue;
      }
      const id = op['operationId'];
      if (typeof id === 'string') {
        if (ids.has(id)) faults.push(`${where}: operationId ${id} is used twice`);
        ids.add(id);
      }
      const responses = op['responses'] as Record<string, Json> | undefined;
      if (!responses || Object.keys(responses).length === 0) faults.push(`${where}: no responses`);
      for (const [status, r] of Object.entries(responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) faults.push(`${where}: response key ${status}`);
        if (typeof r['description'] !== 'string') faults.push(`${where} ${status}: a response needs a description`);
        for (const [type, media] of Object.entries((r['content'] ?? {}) as Record<string, Json>)) compile(`${where} ${status} ${type}`, media['schema'] ?? {});
      }
      const parameters = (op['parameters'] ?? []) as Json[];
      for (const p of parameters) {
        if (!['path', 'query', 'header', 'cookie'].includes(String(p['in']))) faults.push(`${where}: parameter ${String(p['name'])} in ${String(p['in'])}`);
        compile(`${where} parameter ${String(p['name'])}`, p['schema'] ?? {});
      }
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!parameters.some((p) => p['in'] === 'path' && p['name'] === name && p['required'] === true))
          faults.push(`${where}: path parameter ${name} is not declared as required`);
      }
      const body = op['requestBody'] as Json | undefined;
      for (const [type, media] of Object.entries((body?.['content'] ?? {}) as Record<string, Json>)) compile(`${where} body ${type}`, media['schema'] ?? {});
    }
  }
  return faults;
}

/**
 * The drift check of a service's committed OpenAPI file (npm run openapi:generate rewrites it):
 * the file is what the code generates now, it passes the structural check, and it documents
 * exactly the routes of the permission snapshot (PERMISSIONS.txt, which the permissions test
 * holds to the running service's route table), with the same access. Returns the faults.
 */
export function openApiFaults(def: DocumentedService<never> & { readonly configSchema: z.ZodObject }, repoRoot: string, permissionsFile: string): string[] {
  const doc = serviceDocument(def, loadConfig(def.name, def.configSchema, DOCUMENT_ENV) as never);
  const file = join(repoRoot, openApiFile(def.name));
  const faults: string[] = [];
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (committed !== openApiText(doc)) faults.push(`${openApiFile(def.name)} differs from what the code generates: run npm run openapi:generate and commit it`);
  faults.push(...checkOpenApiDocument(doc));
  const permissions = readFileSync(permissionsFile, 'utf8').trim().split('\n');
  const served = permissions.map((l) => l.split(/\s+/).slice(0, 2).join(' ')).sort();
  const documented = documentedRoutes(doc);
  for (const r of served) if (!documented.includes(r)) faults.push(`${r} is served but not documented`);
  for (const r of documented) if (!served.includes(r)) faults.push(`${r} is documented but not served`);
  const paths = doc['paths'] as Record<string, Record<string, { 'x-educube-access': { kind: string; why?: string; roles?: string[]; scope?: string } }>>;
  for (const line of permissions) {
    const [method = '', path = ''] = line.split(/\s+/);
    const access = paths[openApiPath(path)]?.[method.toLowerCase()]?.['x-educube-access'];
    if (!access) continue;
    const said = access.kind === 'public' ? `public — ${access.why}` : `${(access.roles ?? []).join(', ')} — ${access.scope}`;
    if (!line.endsWith(said)) faults.push(`${method} ${path}: the document's access (${said}) is not the route's (${line.slice(60)})`);
  }
  return faults;
}
