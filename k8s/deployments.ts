// What each deployment (docker/compose.yaml, the k8s overlays) gives each service: its
// environment as the container would see it, and test values for the Secret it reads. Shared by
// k8s/manifests.spec.ts (static invariants) and k8s/deploy.int.spec.ts (boots them).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = resolve(__dirname, '..');
export const COMPOSE_FILE = join(ROOT, 'docker/compose.yaml');
export const REALM_FILE = join(ROOT, 'scripts/stack/keycloak/realm-educube.json');

/** The services are the folders of apps/ with an entry point. */
export const APPS = readdirSync(join(ROOT, 'apps'))
  .filter((d) => existsSync(join(ROOT, 'apps', d, 'src/main.ts')))
  .sort();

export type Env = Record<string, string>;

/**
 * How a service is started: as the image starts it — docker/entrypoint.sh on the compiled build
 * (`npm run build` → dist/), beneath the environment the Dockerfile's runtime stage sets (with its
 * /app paths moved to this checkout, and PATH to this machine's pinned Node), so what boots here is
 * the image's command, not the development loader. Run from the repository root.
 */
export function serviceCommand(service: string): { command: string; args: string[]; cwd: string; imageEnv: Env } {
  const imageEnv: Env = { PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin` };
  for (const [key, value] of Object.entries(dockerfileEnv())) imageEnv[key] = value.replace(/^\/app(?=\/|$)/, ROOT);
  return { command: join(ROOT, 'docker/entrypoint.sh'), args: [service], cwd: ROOT, imageEnv };
}

/** The ENV instructions of the Dockerfile's last stage (the runtime), as KEY → value. */
export function dockerfileEnv(): Env {
  const text = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const env: Env = {};
  for (const line of runtime.split('\n')) {
    const pairs = /^ENV\s+(.*)$/.exec(line.trim())?.[1] ?? '';
    for (const [, key = '', value = ''] of pairs.matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) env[key] = value.replace(/^"|"$/g, '');
  }
  return env;
}

// ---- compose ---------------------------------------------------------------------------------

interface ComposeService {
  environment?: Record<string, string | number | boolean | null> | string[];
  profiles?: string[];
}

export function composeServices(): Record<string, ComposeService> {
  return (parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> }).services;
}

export function composeEnv(service: string): Env {
  const s = composeServices()[service];
  if (!s) throw new Error(`${COMPOSE_FILE} has no service ${service}`);
  return Array.isArray(s.environment)
    ? Object.fromEntries(s.environment.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

// ---- kubernetes --------------------------------------------------------------------------------

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}
type Secrets = Record<string, Record<string, string>>;

export function yamlObjects(text: string, origin: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${origin}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null && o !== undefined);
}

/** Where scripts/setup.sh (--deploy-tools, or --servers) installs kustomize, kubeconform and the schemas. */
export const DEPLOY_TOOLS = join(process.env['EDUCUBE_CACHE'] ?? join(homedir(), '.cache/educube'), 'deploy-tools');

export function kustomizeBuild(dir: string): K8sObject[] {
  const kustomize = join(DEPLOY_TOOLS, 'bin/kustomize');
  if (!existsSync(kustomize)) throw new Error(`${kustomize} is missing: run bash scripts/setup.sh --deploy-tools`);
  return yamlObjects(execFileSync(kustomize, ['build', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }), `kustomize build ${dir}`);
}

const containerOf = (objects: K8sObject[], app: string): Container => {
  const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === app) as
    { spec?: { template?: { spec?: { containers?: Container[] } } } } | undefined;
  const containers = d?.spec?.template?.spec?.containers ?? [];
  if (containers.length !== 1) throw new Error(`Deployment ${app}: expected exactly one container, found ${containers.length}`);
  return containers[0] as Container;
};

/** The Secret keys the Deployments of these objects read. */
export function secretKeysReferenced(objects: K8sObject[]): Record<string, string[]> {
  const keys: Record<string, Set<string>> = {};
  for (const d of objects.filter((o) => o.kind === 'Deployment')) {
    for (const v of containerOf(objects, d.metadata.name).env ?? []) {
      const ref = v.valueFrom?.secretKeyRef;
      if (ref) (keys[ref.name] ??= new Set()).add(ref.key);
    }
  }
  return Object.fromEntries(Object.entries(keys).map(([name, set]) => [name, [...set].sort()]));
}

/**
 * The container's environment as the kubelet builds it: envFrom first, then env, ConfigMaps from
 * the objects, Secrets from `secrets` (a deployment's real Secret is never in git) or else the
 * objects. Unresolved references are listed, as a pod would fail to start on them.
 */
export function podEnv(objects: K8sObject[], app: string, secrets: Secrets = {}): { env: Env; unresolved: string[] } {
  const c = containerOf(objects, app);
  const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const configMap = (name: string) => (named('ConfigMap', name) as { data?: Env } | undefined)?.data;
  const secret = (name: string): Env | undefined => {
    if (secrets[name]) return secrets[name];
    const s = named('Secret', name) as { data?: Env; stringData?: Env } | undefined;
    if (!s) return undefined;
    return { ...Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()])), ...s.stringData };
  };
  const env: Env = {};
  const unresolved: string[] = [];
  for (const from of c.envFrom ?? []) {
    const source = from.configMapRef ? configMap(from.configMapRef.name) : from.secretRef ? secret(from.secretRef.name) : undefined;
    if (!source) unresolved.push(`envFrom ${JSON.stringify(from)}`);
    Object.assign(env, source);
  }
  for (const v of c.env ?? []) {
    const cm = v.valueFrom?.configMapKeyRef;
    const sk = v.valueFrom?.secretKeyRef;
    const value = v.value ?? (cm ? configMap(cm.name)?.[cm.key] : sk ? secret(sk.name)?.[sk.key] : undefined);
    if (value === undefined) unresolved.push(v.name);
    else env[v.name] = String(value);
  }
  return { env, unresolved };
}

// ---- test values for the Secret ----------------------------------------------------------------

/** Which realm client each client-secret key of educube-secrets belongs to. */
export const CLIENT_OF_SECRET_KEY: Record<string, string> = {
  GATEWAY_CLIENT_SECRET: 'educube-gateway',
  GATEWAY_SERVICE_CLIENT_SECRET: 'educube-gateway-service',
  WAREHOUSE_CLIENT_SECRET: 'educube-warehouse',
  ASSESSMENT_CLIENT_SECRET: 'educube-assessment',
};

/** The dev realm's secret of a client (scripts/stack/keycloak/realm-educube.json). */
export function realmClientSecret(clientId: string): string {
  const realm = JSON.parse(readFileSync(REALM_FILE, 'utf8')) as { clients: { clientId: string; secret?: string }[] };
  const secret = realm.clients.find((c) => c.clientId === clientId)?.secret;
  if (!secret) throw new Error(`${REALM_FILE}: no secret for client ${clientId}`);
  return secret;
}

/**
 * A real-looking test value for each key of educube-secrets: keys in the formats the services
 * require, the dev realm's client secrets (so Keycloak accepts them) and its admin, and database
 * URLs from `databaseUrl` (given the database the example Secret names for that key). An
 * unknown key throws: a new Secret key needs a test value here before the deploy test can run.
 */
export function testSecretValues(keys: string[], databaseUrl: (key: string) => string): Env {
  const value = (key: string): string => {
    if (key.endsWith('_DATABASE_URL')) return databaseUrl(key);
    if (key in CLIENT_OF_SECRET_KEY) return realmClientSecret(CLIENT_OF_SECRET_KEY[key] as string);
    switch (key) {
      case 'IDENTITY_PII_KEYS':
        return `test-1:${randomBytes(32).toString('base64')},test-0:${randomBytes(32).toString('base64')}`;
      case 'IDENTITY_BLIND_INDEX_KEY':
        return randomBytes(32).toString('base64');
      case 'SESSION_SECRET':
        return randomBytes(32).toString('base64url');
      // the dev Keycloak's bootstrap admin (scripts/stack/keycloak.sh, docker/compose.yaml)
      case 'KEYCLOAK_ADMIN_USER':
        return 'admin';
      case 'KEYCLOAK_ADMIN_PASSWORD':
        return 'admin';
      default:
        throw new Error(`no test value for Secret key ${key}: add one to testSecretValues in k8s/deployments.ts`);
    }
  };
  return Object.fromEntries(keys.map((k) => [k, value(k)]));
}

/** The database each *_DATABASE_URL key names in base/secret.example.yaml. */
export function exampleDatabaseNames(): Env {
  const [secret] = yamlObjects(readFileSync(join(ROOT, 'k8s/base/secret.example.yaml'), 'utf8'), 'secret.example.yaml') as { stringData?: Env }[];
  return Object.fromEntries(
    Object.entries(secret?.stringData ?? {})
      .filter(([k]) => k.endsWith('_DATABASE_URL'))
      .map(([k, v]) => [k, new URL(v).pathname.slice(1)]),
  );
}
