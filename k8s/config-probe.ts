// Judges environments the way each service would at start, without starting it: its own config
// schema, the issuer rule of startService, and identity's refusal to run in production without
// sealing keys. A process of its own (k8s/manifests.spec.ts spawns it): deployment checks load
// the apps' definitions as the services do, they never import them.
//   node -r @swc-node/register k8s/config-probe.ts < [{ "label": "...", "app": "identity", "env": {...} }]
// Prints one JSON array of ProbeResult.
import { loadConfig, ConfigError, type ServiceDefinition } from '@educube/service-kit';
import type { z } from 'zod';

export interface ProbeInput {
  readonly label: string;
  readonly app: string;
  readonly env: Record<string, string>;
}

export interface ProbeResult {
  readonly label: string;
  readonly app: string;
  /** Why the service would refuse to start (empty: it starts). */
  readonly refusals: string[];
  /** Variables given that the schema does not know: zod drops them silently, so a typo would go unnoticed. */
  readonly unknown: string[];
  /** Variables left to a default that points at this machine (127.0.0.1, localhost): wrong in any container. */
  readonly loopbackDefaults: string[];
  /** The schema has DATABASE_URL and none is given: PGlite on the container's root, one private database per replica. */
  readonly embeddedDatabase: boolean;
}

/** Read by the image's entrypoint, not by the service. */
const ENTRYPOINT_VARIABLES = new Set(['SERVICE']);

type AnyDefinition = ServiceDefinition<z.ZodObject>;

/** An app's module, loaded by name at run time in this process of its own (see the header). */
const appModule = (app: string, path: string): Promise<Record<string, unknown>> => import(`../apps/${app}/src/${path}`) as Promise<Record<string, unknown>>;

async function definitionOf(app: string): Promise<AnyDefinition> {
  const exported = await appModule(app, 'service');
  const definition = Object.values(exported).find(
    (v): v is AnyDefinition => typeof v === 'object' && v !== null && 'configSchema' in v && (v as { name?: unknown }).name === app,
  );
  if (!definition) throw new Error(`apps/${app}/src/service.ts exports no ServiceDefinition named ${app}`);
  return definition;
}

async function identityVaultRefusal(config: Record<string, unknown>): Promise<string | undefined> {
  const { openVault } = (await appModule('identity', 'storage/storage')) as {
    openVault: (keys: string | undefined, dataDir: string, production: boolean, blindIndexKey?: string) => unknown;
  };
  try {
    openVault(
      config['IDENTITY_PII_KEYS'] as string | undefined,
      'memory://',
      config['NODE_ENV'] === 'production',
      config['IDENTITY_BLIND_INDEX_KEY'] as string | undefined,
    );
    return undefined;
  } catch (error) {
    return `identity's PII vault: ${(error as Error).message}`;
  }
}

export async function probe(input: ProbeInput): Promise<ProbeResult> {
  const definition = await definitionOf(input.app);
  const shape = definition.configSchema.shape as Record<string, unknown>;
  const given = Object.fromEntries(Object.entries(input.env).filter(([, v]) => v !== ''));
  const unknown = Object.keys(given)
    .filter((k) => !(k in shape) && !ENTRYPOINT_VARIABLES.has(k))
    .sort();
  const refusals: string[] = [];
  let config: Record<string, unknown> | undefined;
  try {
    config = loadConfig(input.app, definition.configSchema, input.env) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    refusals.push(...error.problems.map((p) => `${p.variable}: ${p.message}`));
  }
  const loopbackDefaults: string[] = [];
  if (config) {
    if (!definition.authenticator(config as never) && (config['NODE_ENV'] === 'production' || config['ALLOW_NO_ISSUER'] !== true)) {
      refusals.push('OIDC_ISSUER: is required (startService refuses to start without an issuer)');
    }
    if (input.app === 'identity') {
      const vault = await identityVaultRefusal(config);
      if (vault) refusals.push(vault);
    }
    for (const [key, value] of Object.entries(config)) {
      if (key in given) continue;
      if (/\b(127\.0\.0\.1|localhost)\b/.test(JSON.stringify(value) ?? '')) loopbackDefaults.push(key);
    }
  }
  return {
    label: input.label,
    app: input.app,
    refusals,
    unknown,
    loopbackDefaults: loopbackDefaults.sort(),
    embeddedDatabase: 'DATABASE_URL' in shape && !given['DATABASE_URL'],
  };
}

async function main(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const inputs = JSON.parse(text) as ProbeInput[];
  const results: ProbeResult[] = [];
  for (const input of inputs) results.push(await probe(input));
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`config-probe: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
