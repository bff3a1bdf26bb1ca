// Invariants of the deployment files: k8s/ (kustomize), docker/compose.yaml and docker/Dockerfile.
// No cluster and no Docker engine is needed: the files are parsed and cross-checked against each
// other and against the services' own code (default ports, shared config schema).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { TOPIC_PARTITIONS } from '@educube/contracts';
import { baseConfigSchema, loadConfig, portSchema } from '@educube/service-kit';
import { parse, parseAllDocuments } from 'yaml';
import type { ProbeInput, ProbeResult } from './config-probe';
import { composeEnv, exampleDatabaseNames, type K8sObject as BuiltObject, podEnv, secretKeysReferenced, testSecretValues } from './deployments';

const ROOT = resolve(__dirname, '..');
const K8S = __dirname;
const BASE = join(K8S, 'base');
const OVERLAYS = join(K8S, 'overlays');
const DOCKER = join(ROOT, 'docker');
const COMPOSE_FILE = join(DOCKER, 'compose.yaml');
const IMAGE = 'educube-hub';
/** Where the Ingress's controller runs and where Prometheus runs: the only namespaces let in. */
const INGRESS_CONTROLLER_NAMESPACE = { 'kubernetes.io/metadata.name': 'ingress-nginx' };
const MONITORING_NAMESPACE = { 'kubernetes.io/metadata.name': 'monitoring' };
const METRICS_PORT = 9464;

// ---- shapes of what is read (only the fields these checks use) ------------------------------

type Labels = Record<string, string>;
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } };
}
interface HttpProbe {
  httpGet?: { path: string; port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}
interface Container {
  name: string;
  image: string;
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  startupProbe?: HttpProbe;
  livenessProbe?: HttpProbe;
  readinessProbe?: HttpProbe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: {
      metadata: { labels: Labels; annotations?: Record<string, string> };
      spec: {
        containers: Container[];
        securityContext?: SecurityContext;
        terminationGracePeriodSeconds?: number;
        volumes?: { name: string; emptyDir?: object }[];
        topologySpreadConstraints?: { topologyKey: string; labelSelector?: LabelSelector }[];
      };
    };
  };
}
interface Service extends K8sObject {
  spec: { selector?: Labels; ports: { name?: string; port: number; targetPort?: number | string }[] };
}
interface Pdb extends K8sObject {
  spec: { selector: LabelSelector; minAvailable?: number | string; maxUnavailable?: number | string };
}
interface Hpa extends K8sObject {
  spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number };
}
interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
interface NetworkPolicy extends K8sObject {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { port?: number | string }[] }[];
  };
}
interface Ingress extends K8sObject {
  spec: {
    ingressClassName?: string;
    tls?: { hosts?: string[]; secretName?: string }[] | null;
    rules?: {
      host?: string;
      http?: { paths: { path: string; pathType: string; backend: { service?: { name: string; port: { name?: string; number?: number } } } }[] };
    }[];
  };
}
interface ConfigMap extends K8sObject {
  data?: Record<string, string>;
}
interface Secret extends K8sObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
interface Kustomization {
  namespace?: string;
  resources?: string[];
  components?: string[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string } }[];
  patchesStrategicMerge?: string[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
}
interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string } | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { host_ip?: string; published?: string | number; target: number })[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target: string })[];
  stop_grace_period?: string;
  network_mode?: string;
}
interface Compose {
  services: Record<string, ComposeService>;
}

// ---- reading -------------------------------------------------------------------------------

function yamlDocs(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

const yamlFilesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

const baseFiles = yamlFilesIn(BASE).filter((f) => f !== 'kustomization.yaml');
const baseObjects = baseFiles.flatMap((f) => yamlDocs(join(BASE, f)).map((doc) => ({ file: f, doc: doc as K8sObject })));
const all = <T extends K8sObject>(kind: string) => baseObjects.filter((o) => o.doc.kind === kind).map((o) => o.doc as T);
const byName = <T extends K8sObject>(kind: string, name: string) => all<T>(kind).find((o) => o.metadata.name === name);

const deployments = all<Deployment>('Deployment');
const services = all<Service>('Service');
const pdbs = all<Pdb>('PodDisruptionBudget');
const hpas = all<Hpa>('HorizontalPodAutoscaler');
const policies = all<NetworkPolicy>('NetworkPolicy');
const ingresses = all<Ingress>('Ingress');

/** Each Ingress path with the Service and port it sends to. */
function ingressBackends(objects: Ingress[] = ingresses) {
  return objects.flatMap((i) =>
    (i.spec.rules ?? []).flatMap((r) =>
      (r.http?.paths ?? []).map((p) => ({
        ingress: i.metadata.name,
        host: r.host,
        path: p.path,
        pathType: p.pathType,
        service: p.backend.service?.name,
        port: p.backend.service?.port,
      })),
    ),
  );
}

const kustomization = (dir: string) => parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
const overlayDirs = readdirSync(OVERLAYS)
  .filter((d) => existsSync(join(OVERLAYS, d, 'kustomization.yaml')))
  .sort();

/** The services are the folders of apps/ with an entry point; their default ports come from their own schema. */
const APPS = readdirSync(join(ROOT, 'apps'))
  .filter((d) => existsSync(join(ROOT, 'apps', d, 'src/main.ts')))
  .sort();
function defaultPort(app: string): number {
  const source = readFileSync(join(ROOT, 'apps', app, 'src/service.ts'), 'utf8');
  const match = /PORT:\s*portSchema\((\d+)\)/.exec(source);
  if (!match) throw new Error(`apps/${app}/src/service.ts: no PORT: portSchema(<default>) found`);
  return Number(match[1]);
}

// ---- helpers -------------------------------------------------------------------------------

function selects(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const matchExpressions = (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    if (e.operator === 'Exists') return value !== undefined;
    if (e.operator === 'DoesNotExist') return value === undefined;
    if (e.operator === 'In') return value !== undefined && (e.values ?? []).includes(value);
    return value === undefined || !(e.values ?? []).includes(value);
  });
  return matchLabels && matchExpressions;
}

const podLabels = (d: Deployment) => d.spec.template.metadata.labels;
const containerOf = (d: Deployment): Container => {
  const [container, ...others] = d.spec.template.spec.containers;
  if (!container || others.length > 0) throw new Error(`${d.metadata.name}: expected exactly one container`);
  return container;
};

/** A container port by number or by name, as probes, Services and NetworkPolicies refer to it. */
function containerPort(c: Container, port: number | string | undefined): number | undefined {
  if (port === undefined) return undefined;
  const found = (c.ports ?? []).find((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port));
  return found?.containerPort;
}

/** The container's environment as the kubelet would build it from base's ConfigMaps and Secrets. */
function resolveEnv(c: Container): { env: Record<string, string>; unresolved: string[] } {
  const env: Record<string, string> = {};
  const unresolved: string[] = [];
  const configMap = (name: string) => byName<ConfigMap>('ConfigMap', name)?.data;
  const secret = (name: string) => {
    const s = byName<Secret>('Secret', name);
    if (!s) return undefined;
    const decoded = Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
    return { ...decoded, ...s.stringData };
  };
  for (const from of c.envFrom ?? []) {
    const source = from.configMapRef ? configMap(from.configMapRef.name) : from.secretRef ? secret(from.secretRef.name) : undefined;
    if (!source) unresolved.push(`envFrom ${JSON.stringify(from)}`);
    Object.assign(env, source);
  }
  for (const v of c.env ?? []) {
    const ref = v.valueFrom?.configMapKeyRef ?? v.valueFrom?.secretKeyRef;
    const value = v.value ?? (ref && (v.valueFrom?.configMapKeyRef ? configMap(ref.name) : secret(ref.name))?.[ref.key]);
    if (value === undefined) unresolved.push(v.name);
    else env[v.name] = String(value);
  }
  return { env, unresolved };
}

/** Kubernetes quantities: cpu in cores, memory in bytes. */
function quantity(q: string | number | undefined): number {
  if (q === undefined) return NaN;
  const m = /^([0-9.]+)(m|k|Ki|M|Mi|G|Gi)?$/.exec(String(q));
  if (!m) return NaN;
  const factor: Record<string, number> = { m: 1e-3, k: 1e3, Ki: 1024, M: 1e6, Mi: 1024 ** 2, G: 1e9, Gi: 1024 ** 3 };
  return Number(m[1]) * (m[2] ? (factor[m[2]] ?? NaN) : 1);
}

function preStopSleepSeconds(c: Container): number {
  const preStop = c.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  const sleep = command.join(' ').match(/\bsleep\s+(\d+(?:\.\d+)?)/);
  return sleep ? Number(sleep[1]) : 0;
}

/** Validates the shared settings with the services' own schema: what would exit 78 at start fails here. */
function validateSharedConfig(app: string, env: Record<string, string | undefined>) {
  return loadConfig(app, baseConfigSchema.extend({ PORT: portSchema(defaultPort(app)) }), env);
}

function upstreams(value: string | undefined): { name: string; url: URL }[] {
  return (value ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [name, url] = entry.split('=');
      if (!name || !url || !URL.canParse(url)) throw new Error(`bad UPSTREAM_HEALTH_URLS entry "${entry}"`);
      return { name, url: new URL(url) };
    });
}

function deploymentFor(app: string): Deployment {
  const d = deployments.find((x) => x.metadata.name === app);
  if (!d) throw new Error(`no Deployment named ${app} in k8s/base`);
  return d;
}

// ---- k8s/base --------------------------------------------------------------------------------

describe('k8s kustomize layout', () => {
  it('every YAML under k8s/base parses into Kubernetes objects with a kind and a name', () => {
    expect(baseObjects.length).toBeGreaterThan(0);
    for (const { file, doc } of baseObjects) {
      expect({ file, apiVersion: typeof doc.apiVersion, kind: typeof doc.kind, name: typeof doc.metadata?.name }).toEqual({
        file,
        apiVersion: 'string',
        kind: 'string',
        name: 'string',
      });
    }
  });

  it.each([BASE, ...overlayDirs.map((d) => join(OVERLAYS, d))].map((dir) => [relative(ROOT, dir), dir]))(
    '%s/kustomization.yaml lists every YAML file beside it',
    (_name, dir) => {
      const k = kustomization(dir);
      const listed = new Set(
        [...(k.resources ?? []), ...(k.components ?? []), ...(k.patchesStrategicMerge ?? []), ...(k.patches ?? []).map((p) => p.path)].filter(
          (p): p is string => typeof p === 'string',
        ),
      );
      const files = yamlFilesIn(dir).filter((f) => f !== 'kustomization.yaml');
      expect(files.filter((f) => !listed.has(f))).toEqual([]);
      // ...and everything listed exists (a typo would only show at `kubectl apply -k`).
      expect([...listed].filter((p) => !existsSync(join(dir, p)))).toEqual([]);
    },
  );

  it('the base puts everything in the educube namespace it creates', () => {
    expect(kustomization(BASE).namespace).toBe('educube');
    expect(all('Namespace').map((n) => n.metadata.name)).toEqual(['educube']);
    expect(baseObjects.filter(({ doc }) => doc.metadata.namespace && doc.metadata.namespace !== 'educube')).toEqual([]);
  });

  it('has exactly one Deployment per service in apps/', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(APPS);
  });
});

describe.each(APPS)('k8s Deployment %s', (app) => {
  const d = deploymentFor(app);
  const c = containerOf(d);
  const pod = d.spec.template.spec;
  const { env, unresolved } = resolveEnv(c);

  it('selects its own pod template, and runs the shared image for this service', () => {
    expect(selects(d.spec.selector, podLabels(d))).toBe(true);
    expect(c.image.split(':')[0]).toBe(IMAGE);
    expect(env.SERVICE).toBe(app);
  });

  it('probes: startup, liveness on /health/live and readiness on /health/ready, on a declared port', () => {
    expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(c.startupProbe?.httpGet?.path).toBe('/health/live');
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(containerPort(c, probe?.httpGet?.port)).toBe(Number(env.PORT));
    }
  });

  it('sets cpu, memory and ephemeral-storage requests and limits, requests not above limits', () => {
    // ephemeral-storage: the /tmp emptyDir and the container's logs count against it; without a
    // limit one pod can fill the node's disk and get every pod there evicted
    for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
      const request = quantity(c.resources?.requests?.[resource]);
      const limit = quantity(c.resources?.limits?.[resource]);
      expect({ resource, request: request > 0, limit: limit > 0, fits: request <= limit }).toEqual({
        resource,
        request: true,
        limit: true,
        fits: true,
      });
    }
  });

  it("runs as the image's own user and group (docker/Dockerfile's USER), the volumes' group the same", () => {
    const user = /^USER\s+(\d+)(?::(\d+))?\s*$/m.exec(readFileSync(join(DOCKER, 'Dockerfile'), 'utf8'));
    expect(user).not.toBeNull();
    const [uid, gid] = [Number(user?.[1]), Number(user?.[2] ?? user?.[1])];
    const ctx = { ...pod.securityContext, ...c.securityContext };
    expect({ runAsUser: ctx.runAsUser, runAsGroup: ctx.runAsGroup, fsGroup: pod.securityContext?.fsGroup }).toEqual({
      runAsUser: uid,
      runAsGroup: gid,
      fsGroup: gid,
    });
  });

  it(`serves /metrics on METRICS_PORT (${METRICS_PORT}), a declared port apart from http, which Prometheus is told and no Service exposes`, () => {
    expect(Number(env.METRICS_PORT)).toBe(METRICS_PORT);
    expect(containerPort(c, 'metrics')).toBe(METRICS_PORT);
    expect(Number(env.PORT)).not.toBe(METRICS_PORT);
    const annotations = d.spec.template.metadata.annotations ?? {};
    expect(Number(annotations['prometheus.io/port'])).toBe(METRICS_PORT);
    const exposed = services.flatMap((svc) =>
      svc.spec.ports.filter((p) => containerPort(c, p.targetPort ?? p.port) === METRICS_PORT && selects({ matchLabels: svc.spec.selector }, podLabels(d))),
    );
    expect(exposed).toEqual([]);
  });

  it('runs as non-root, without privilege escalation, with a read-only root and an emptyDir on /tmp', () => {
    expect(c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot).toBe(true);
    expect(c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser ?? 1000).not.toBe(0);
    expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('environment: every reference resolves, HOST=0.0.0.0, PORT is the container port and the service default, shared config is valid', () => {
    expect(unresolved).toEqual([]);
    expect(env.HOST).toBe('0.0.0.0');
    expect(Number(env.PORT)).toBe(defaultPort(app));
    expect(containerPort(c, Number(env.PORT))).toBe(Number(env.PORT));
    expect(() => validateSharedConfig(app, env)).not.toThrow();
  });

  it('terminationGracePeriodSeconds covers the preStop sleep plus SHUTDOWN_GRACE_MS', () => {
    const { SHUTDOWN_GRACE_MS } = validateSharedConfig(app, env);
    const preStop = preStopSleepSeconds(c);
    expect(preStop).toBeGreaterThan(0); // endpoints must drop before the drain starts
    expect((pod.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(preStop * 1000 + SHUTDOWN_GRACE_MS);
  });

  it('spreads its replicas over zones and nodes', () => {
    const constraints = pod.topologySpreadConstraints ?? [];
    expect(constraints.map((t) => t.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
    for (const t of constraints) expect(selects(t.labelSelector, podLabels(d))).toBe(true);
  });

  it('has a Service that selects its pods and targets the container port', () => {
    const matching = services.filter((s) => s.spec.selector && selects({ matchLabels: s.spec.selector }, podLabels(d)));
    expect(matching.map((s) => s.metadata.name)).toEqual([app]);
    for (const p of matching[0]?.spec.ports ?? []) expect(containerPort(c, p.targetPort ?? p.port)).toBe(Number(env.PORT));
  });

  it('has a PodDisruptionBudget that selects it and still lets a node drain evict one pod, in base and every overlay', () => {
    const budgets = pdbs.filter((p) => selects(p.spec.selector, podLabels(d)));
    expect(budgets).toHaveLength(1);
    const budget = budgets[0] as Pdb;
    const hpa = hpas.find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === app);
    const minima = [hpa?.spec.minReplicas ?? d.spec.replicas ?? 1];
    for (const overlay of overlayDirs) {
      const k = kustomization(join(OVERLAYS, overlay));
      const replicas = k.replicas?.find((r) => r.name === app)?.count;
      const hpaPatch = overlayPatches(overlay).find((p) => p.kind === 'HorizontalPodAutoscaler' && p.metadata.name === app) as Hpa | undefined;
      minima.push(hpaPatch?.spec.minReplicas ?? replicas ?? minima[0] ?? 1);
    }
    for (const replicas of minima) {
      if (budget.spec.maxUnavailable !== undefined) expect(Number(budget.spec.maxUnavailable)).toBeGreaterThanOrEqual(1);
      else expect(Number(budget.spec.minAvailable)).toBeLessThan(replicas);
    }
  });
});

describe('k8s scaling', () => {
  it('gateway and assessment have HorizontalPodAutoscalers on an existing Deployment', () => {
    const targets = hpas.map((h) => h.spec.scaleTargetRef);
    expect(targets.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['assessment', 'gateway']));
    for (const t of targets) expect(t.kind === 'Deployment' && deployments.some((d) => d.metadata.name === t.name)).toBe(true);
    for (const h of hpas) expect(h.spec.minReplicas ?? 1).toBeLessThanOrEqual(h.spec.maxReplicas);
  });

  it('a Deployment scaled by an HPA leaves spec.replicas unset (each apply would reset the HPA)', () => {
    for (const h of hpas) expect(deploymentFor(h.spec.scaleTargetRef.name).spec.replicas).toBeUndefined();
  });
});

describe('k8s service wiring', () => {
  const gateway = deploymentFor('gateway');
  const entries = upstreams(resolveEnv(containerOf(gateway)).env.UPSTREAM_HEALTH_URLS);

  it('UPSTREAM_HEALTH_URLS names every other service', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(APPS.filter((a) => a !== 'gateway'));
  });

  it.each(entries.map((e) => [e.name, e] as const))('upstream %s resolves to a Service port that reaches a container port', (_name, entry) => {
    const serviceName = entry.url.hostname.split('.')[0] as string;
    const service = byName<Service>('Service', serviceName);
    expect(service).toBeDefined();
    const port = service?.spec.ports.find((p) => p.port === Number(entry.url.port || 80));
    expect(port).toBeDefined();
    const target = deployments.find((d) => selects({ matchLabels: service?.spec.selector }, podLabels(d)));
    expect(target && containerPort(containerOf(target), port?.targetPort ?? port?.port)).toBeDefined();
  });
});

describe('k8s NetworkPolicies', () => {
  const ingressPolicies = policies.filter((p) => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'));
  const openToAnySource = (peer: NetworkPolicyPeer) =>
    peer.ipBlock !== undefined || (peer.namespaceSelector !== undefined && selects(peer.namespaceSelector, {}) && !peer.podSelector);

  it('deny ingress by default to every pod', () => {
    const denyAll = ingressPolicies.find((p) => selects(p.spec.podSelector, {}) && (p.spec.ingress ?? []).length === 0);
    expect(denyAll).toBeDefined();
  });

  /** Who may reach a pod from outside the namespace, and on which ports (by number). */
  const fromOutside = (d: Deployment) => {
    const c = containerOf(d);
    return ingressPolicies
      .filter((p) => selects(p.spec.podSelector, podLabels(d)))
      .flatMap((p) => p.spec.ingress ?? [])
      .flatMap((r) =>
        (r.from ?? [{ ipBlock: { cidr: '0.0.0.0/0' } }])
          .filter((peer) => peer.namespaceSelector !== undefined || peer.ipBlock !== undefined)
          .map((peer) => ({
            from: peer.ipBlock ? `ipBlock ${peer.ipBlock.cidr}` : JSON.stringify(peer.namespaceSelector?.matchLabels ?? peer.namespaceSelector),
            ports: (r.ports ?? [{ port: undefined }]).map((rp) => (rp.port === undefined ? 'all' : (containerPort(c, rp.port) ?? `unknown ${rp.port}`))),
          })),
      );
  };

  it('nothing is open to any source: every rule from outside the namespace names a namespace', () => {
    for (const d of deployments) {
      const open = ingressPolicies.some(
        (p) => selects(p.spec.podSelector, podLabels(d)) && (p.spec.ingress ?? []).some((r) => !r.from || r.from.some(openToAnySource)),
      );
      expect({ deployment: d.metadata.name, open }).toEqual({ deployment: d.metadata.name, open: false });
    }
  });

  it('from outside the namespace: the ingress controller reaches the http port of what the Ingress routes to, Prometheus the metrics port of every pod, nothing else', () => {
    const routed = new Set(ingressBackends().map((b) => b.service));
    for (const d of deployments) {
      const c = containerOf(d);
      const http = containerPort(c, 'http');
      const metrics = containerPort(c, 'metrics');
      const expected = [
        ...(routed.has(d.metadata.name) ? [{ from: JSON.stringify(INGRESS_CONTROLLER_NAMESPACE), ports: [http] }] : []),
        { from: JSON.stringify(MONITORING_NAMESPACE), ports: [metrics] },
      ];
      const sort = (xs: { from: string; ports: unknown[] }[]) => [...xs].sort((a, b) => a.from.localeCompare(b.from));
      expect({ deployment: d.metadata.name, rules: sort(fromOutside(d)) }).toEqual({ deployment: d.metadata.name, rules: sort(expected) });
    }
  });

  it('each backend admits the gateway (and the other services) on its own port', () => {
    const gatewayLabels = podLabels(deploymentFor('gateway'));
    for (const d of deployments.filter((x) => x.metadata.name !== 'gateway')) {
      const c = containerOf(d);
      const port = Number(resolveEnv(c).env.PORT);
      const admitted = ingressPolicies.some(
        (p) =>
          selects(p.spec.podSelector, podLabels(d)) &&
          (p.spec.ingress ?? []).some(
            (r) =>
              (r.from ?? []).some((peer) => !peer.namespaceSelector && !peer.ipBlock && selects(peer.podSelector, gatewayLabels)) &&
              (!r.ports || r.ports.some((rp) => rp.port === undefined || containerPort(c, rp.port) === port)),
          ),
      );
      expect({ deployment: d.metadata.name, admitted }).toEqual({ deployment: d.metadata.name, admitted: true });
    }
  });
});

describe('k8s Secrets', () => {
  it('the Secret in base is an example: every value is a CHANGE_ME placeholder', () => {
    const secrets = all<Secret>('Secret');
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) {
      const values = [...Object.values(s.stringData ?? {}), ...Object.values(s.data ?? {}).map((v) => Buffer.from(v, 'base64').toString())];
      expect(values.filter((v) => !v.includes('CHANGE_ME'))).toEqual([]);
    }
  });

  it('the prod overlay deletes every example Secret, so an apply never overwrites the real one', () => {
    const deleted = overlayPatches('prod')
      .filter((p) => p.kind === 'Secret' && (p as unknown as Record<string, unknown>)['$patch'] === 'delete')
      .map((p) => p.metadata.name);
    expect(deleted.sort()).toEqual(
      all('Secret')
        .map((s) => s.metadata.name)
        .sort(),
    );
  });
});

function overlayPatches(overlay: string): K8sObject[] {
  const dir = join(OVERLAYS, overlay);
  const k = kustomization(dir);
  const files = [...(k.patches ?? []).map((p) => p.path), ...(k.patchesStrategicMerge ?? [])].filter((p): p is string => !!p);
  return files.flatMap((f) => yamlDocs(join(dir, f)) as K8sObject[]);
}

describe.each(overlayDirs)('k8s overlay %s', (overlay) => {
  const k = kustomization(join(OVERLAYS, overlay));

  it('builds on base and pins a tag for the service image', () => {
    expect(k.resources).toContain('../../base');
    const image = k.images?.find((i) => i.name === IMAGE);
    expect(image?.newTag ?? image?.digest).toBeTruthy();
  });

  it('patches and replica counts name objects that exist in base; replicas never touch an HPA-managed Deployment', () => {
    for (const patch of overlayPatches(overlay)) {
      expect(`${patch.kind}/${patch.metadata.name}: ${!!byName(patch.kind, patch.metadata.name)}`).toBe(`${patch.kind}/${patch.metadata.name}: true`);
    }
    for (const r of k.replicas ?? []) {
      expect(deploymentFor(r.name)).toBeDefined();
      expect(hpas.some((h) => h.spec.scaleTargetRef.name === r.name)).toBe(false);
    }
  });
});

// ---- docker/compose.yaml ---------------------------------------------------------------------

describe('docker/compose.yaml', () => {
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Compose;
  const entries = Object.entries(compose.services);
  const envOf = (s: ComposeService): Record<string, string> =>
    Array.isArray(s.environment)
      ? Object.fromEntries(s.environment.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
      : Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
  const dependsOn = (s: ComposeService): Record<string, string | undefined> =>
    Array.isArray(s.depends_on)
      ? Object.fromEntries(s.depends_on.map((n) => [n, 'service_started']))
      : Object.fromEntries(Object.entries(s.depends_on ?? {}).map(([n, v]) => [n, v.condition ?? 'service_started']));
  const appService = (app: string): ComposeService => {
    const s = compose.services[app];
    if (!s) throw new Error(`compose has no service ${app}`);
    return s;
  };

  it('every service has a healthcheck', () => {
    for (const [name, s] of entries) {
      const test = s.healthcheck?.test;
      const ok = !s.healthcheck?.disable && test !== undefined && !(Array.isArray(test) && test[0] === 'NONE');
      expect({ name, healthcheck: ok }).toEqual({ name, healthcheck: true });
    }
  });

  it('ports are published on 127.0.0.1 only', () => {
    for (const [name, s] of entries) {
      expect(s.network_mode).not.toBe('host');
      for (const p of s.ports ?? []) {
        const hostIp = typeof p === 'object' ? p.host_ip : /^(\d+\.\d+\.\d+\.\d+):\d+(-\d+)?:\d+/.exec(String(p))?.[1];
        expect({ name, port: p, hostIp }).toEqual({ name, port: p, hostIp: '127.0.0.1' });
      }
    }
  });

  it('depends_on names existing services; waiting for service_healthy needs a healthcheck there', () => {
    for (const [, s] of entries) {
      for (const [dep, condition] of Object.entries(dependsOn(s))) {
        expect(Object.keys(compose.services)).toContain(dep);
        if (condition === 'service_healthy') expect(compose.services[dep]?.healthcheck?.test).toBeDefined();
      }
    }
  });

  it.each(APPS)('%s is built from docker/Dockerfile with HOST=0.0.0.0, its default PORT and valid shared config', (app) => {
    const s = appService(app);
    const build = typeof s.build === 'string' ? { context: s.build } : s.build;
    expect(resolve(DOCKER, build?.context ?? '.')).toBe(ROOT);
    expect(build?.dockerfile).toBe('docker/Dockerfile');
    const env = envOf(s);
    expect(env.SERVICE).toBe(app);
    expect(env.HOST).toBe('0.0.0.0');
    expect(Number(env.PORT ?? defaultPort(app))).toBe(defaultPort(app));
    const { SHUTDOWN_GRACE_MS } = validateSharedConfig(app, env);
    // Docker sends SIGKILL after stop_grace_period (default 10 s): it must outlast the drain.
    const grace = /^(\d+)s$/.exec(s.stop_grace_period ?? '10s');
    expect(Number(grace?.[1]) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
  });

  it('service endpoints name compose services, and the services wait for the servers they need', () => {
    const names = Object.keys(compose.services);
    const warehouse = envOf(appService('data-warehouse'));
    const dbHost = new URL(warehouse.DATABASE_URL ?? '').hostname;
    const kafkaHosts = (warehouse.KAFKA_BROKERS ?? '').split(',').map((b) => b.split(':')[0]);
    const issuer = new URL(envOf(appService('identity')).OIDC_ISSUER ?? '');
    expect(names).toEqual(expect.arrayContaining([dbHost, ...kafkaHosts, issuer.hostname]));
    expect(dependsOn(appService('data-warehouse'))).toMatchObject({ [dbHost]: 'service_healthy', [kafkaHosts[0] as string]: 'service_healthy' });
    expect(dependsOn(appService('identity'))).toMatchObject({ [issuer.hostname]: 'service_healthy' });
    for (const entry of upstreams(envOf(appService('gateway')).UPSTREAM_HEALTH_URLS)) {
      const target = appService(entry.url.hostname);
      expect(Number(envOf(target).PORT ?? defaultPort(entry.url.hostname))).toBe(Number(entry.url.port));
    }
  });

  it('the Keycloak realm file mounted for --import-realm exists and is the realm OIDC_ISSUER names', () => {
    const keycloak = compose.services.keycloak;
    const mounts = (keycloak?.volumes ?? []).map((v) =>
      typeof v === 'string' ? { source: v.split(':')[0] as string, target: v.split(':')[1] as string } : { source: v.source ?? '', target: v.target },
    );
    const realm = mounts.find((m) => m.target.startsWith('/opt/keycloak/data/import/'));
    expect(realm).toBeDefined();
    const file = resolve(DOCKER, realm?.source ?? '');
    expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
    const issuer = envOf(appService('identity')).OIDC_ISSUER ?? '';
    const realmName = (JSON.parse(readFileSync(file, 'utf8')) as { realm?: string }).realm;
    expect(issuer.endsWith(`/realms/${realmName}`)).toBe(true);
  });

  it('Kafka and Keycloak images are the versions scripts/stack runs', () => {
    const stackDefault = (script: string, variable: string) => {
      const source = readFileSync(join(ROOT, 'scripts/stack', script), 'utf8');
      return new RegExp(`^${variable}="\\$\\{[A-Z_]+:-([^}]+)\\}"`, 'm').exec(source)?.[1];
    };
    const tag = (name: string) => compose.services[name]?.image?.split(':').pop();
    expect(tag('kafka')).toBe(stackDefault('kafka.sh', 'KAFKA_VERSION'));
    expect(tag('keycloak')).toBe(stackDefault('keycloak.sh', 'KC_VERSION'));
  });
});

// ---- what each deployment gives each service in production --------------------------------------

/** base plus an overlay's ConfigMap patches: the environment-relevant part of `kustomize build` (deploy.int.spec.ts runs the real one). */
function overlayObjects(overlay: string): BuiltObject[] {
  const patches = overlayPatches(overlay);
  return baseObjects.map(({ doc }) => {
    const patch = patches.find((p) => p.kind === doc.kind && p.metadata.name === doc.metadata.name) as ConfigMap | undefined;
    if (doc.kind !== 'ConfigMap' || !patch) return doc as unknown as BuiltObject;
    return { ...doc, data: { ...(doc as ConfigMap).data, ...patch.data } } as unknown as BuiltObject;
  });
}

/** The Secret's keys with test values of the right format (the example's are placeholders). */
function testSecrets(objects: BuiltObject[]) {
  const dbs = exampleDatabaseNames();
  return Object.fromEntries(
    Object.entries(secretKeysReferenced(objects)).map(([name, keys]) => [
      name,
      testSecretValues(keys, (key) => `postgres://educube:test@postgres.test:5432/${dbs[key] ?? 'unknown'}`),
    ]),
  );
}

const DEPLOYMENT_ENVS: { deployment: string; app: string; env: Record<string, string> }[] = [
  ...APPS.map((app) => ({ deployment: 'compose', app, env: composeEnv(app) })),
  ...overlayDirs.flatMap((overlay) => {
    const objects = overlayObjects(overlay);
    const secrets = testSecrets(objects);
    return APPS.map((app) => ({ deployment: `k8s/${overlay}`, app, env: podEnv(objects, app, secrets).env }));
  }),
];

describe('every deployment gives each service what it needs to start in production', () => {
  let results: ProbeResult[] = [];

  beforeAll(() => {
    // the services' own schemas and start-up rules, judged in a process of their own (config-probe.ts)
    const inputs: ProbeInput[] = DEPLOYMENT_ENVS.map((d) => ({ label: d.deployment, app: d.app, env: d.env }));
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'k8s/config-probe.ts'], {
      cwd: ROOT,
      input: JSON.stringify(inputs),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`k8s/config-probe.ts failed (${run.status}): ${run.stderr}`);
    results = JSON.parse(run.stdout) as ProbeResult[];
  }, 120_000);

  const result = (deployment: string, app: string): ProbeResult => {
    const found = results.find((r) => r.label === deployment && r.app === app);
    if (!found) throw new Error(`no probe result for ${deployment} ${app}`);
    return found;
  };

  it.each(DEPLOYMENT_ENVS.map((d) => [d.deployment, d.app] as const))(
    '%s %s: NODE_ENV=production, nothing refused, no unknown variable, no loopback default, no embedded database',
    (deployment, app) => {
      const r = result(deployment, app);
      const env = DEPLOYMENT_ENVS.find((d) => d.deployment === deployment && d.app === app)?.env ?? {};
      expect({
        NODE_ENV: env.NODE_ENV,
        refusals: r.refusals,
        unknown: r.unknown,
        loopbackDefaults: r.loopbackDefaults,
        embeddedDatabase: r.embeddedDatabase,
      }).toEqual({
        NODE_ENV: 'production',
        refusals: [],
        unknown: [],
        loopbackDefaults: [],
        embeddedDatabase: false,
      });
    },
  );

  it.each(['compose', ...overlayDirs.map((o) => `k8s/${o}`)])(
    '%s: one issuer for every service, under the Keycloak identity provisions to; the gateway has its OIDC client and PUBLIC_URL',
    (deployment) => {
      const envs = Object.fromEntries(DEPLOYMENT_ENVS.filter((d) => d.deployment === deployment).map((d) => [d.app, d.env]));
      const issuers = new Set(Object.values(envs).map((e) => e.OIDC_ISSUER));
      expect(issuers.size).toBe(1);
      const identity = envs.identity ?? {};
      expect(identity.OIDC_ISSUER).toBe(`${identity.KEYCLOAK_URL}/realms/${identity.KEYCLOAK_REALM ?? 'educube'}`);
      expect(identity.KAFKA_BROKERS).toBe(envs['data-warehouse']?.KAFKA_BROKERS);
      const gateway = envs.gateway ?? {};
      expect({
        secret: !!gateway.OIDC_CLIENT_SECRET,
        session: (gateway.SESSION_SECRET ?? '').length >= 32,
        publicUrl: URL.canParse(gateway.PUBLIC_URL ?? ''),
      }).toEqual({ secret: true, session: true, publicUrl: true });
    },
  );

  it('every service keeping state has a database of its own in every deployment', () => {
    for (const deployment of new Set(DEPLOYMENT_ENVS.map((d) => d.deployment))) {
      const urls = DEPLOYMENT_ENVS.filter((d) => d.deployment === deployment && d.env.DATABASE_URL).map((d) => ({
        app: d.app,
        db: new URL(d.env.DATABASE_URL as string).pathname,
      }));
      expect({ deployment, shared: urls.filter((u) => urls.some((o) => o.app !== u.app && o.db === u.db)) }).toEqual({ deployment, shared: [] });
    }
  });
});

describe('k8s Secret keys', () => {
  it('the example Secret has exactly the keys the Deployments read', () => {
    const [example] = all<Secret>('Secret');
    expect(Object.keys(example?.stringData ?? {}).sort()).toEqual(
      secretKeysReferenced(baseObjects.map((o) => o.doc as unknown as BuiltObject))['educube-secrets'],
    );
  });
});

// ---- Kafka partitions ---------------------------------------------------------------------------

describe('one partition count for the family topics', () => {
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Compose;
  // the default is the contracts' TOPIC_PARTITIONS (or a literal, should someone write one)
  const written = /KAFKA_PARTITIONS:\s*positiveInt\((\w+)\)/.exec(readFileSync(join(ROOT, 'apps/data-warehouse/src/service.ts'), 'utf8'))?.[1];
  const schemaDefault = written === 'TOPIC_PARTITIONS' ? TOPIC_PARTITIONS : Number(written);
  const stackBroker = Number(/^num\.partitions=(\d+)/m.exec(readFileSync(join(ROOT, 'scripts/stack/kafka/server.properties.template'), 'utf8'))?.[1]);

  it("the warehouse's default, the stack's broker, compose's broker and warehouse, and every overlay's ConfigMap agree", () => {
    const composeEnvOf = (name: string) => (compose.services[name]?.environment ?? {}) as Record<string, string | number>;
    const counts: Record<string, number> = {
      'apps/data-warehouse KAFKA_PARTITIONS default': schemaDefault,
      'scripts/stack num.partitions': stackBroker,
      'compose kafka KAFKA_NUM_PARTITIONS': Number(composeEnvOf('kafka').KAFKA_NUM_PARTITIONS),
      'compose data-warehouse KAFKA_PARTITIONS': Number(composeEnvOf('data-warehouse').KAFKA_PARTITIONS ?? schemaDefault),
      ...Object.fromEntries(
        overlayDirs.map((o) => [
          `k8s/${o} KAFKA_PARTITIONS`,
          Number(DEPLOYMENT_ENVS.find((d) => d.deployment === `k8s/${o}` && d.app === 'data-warehouse')?.env.KAFKA_PARTITIONS ?? schemaDefault),
        ]),
      ),
    };
    expect(counts).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, stackBroker])));
  });

  it('no overlay runs more warehouse replicas than partitions (the extra consumers would idle)', () => {
    const base = deploymentFor('data-warehouse').spec.replicas ?? 1;
    for (const overlay of overlayDirs) {
      const replicas = kustomization(join(OVERLAYS, overlay)).replicas?.find((r) => r.name === 'data-warehouse')?.count ?? base;
      const partitions = Number(
        DEPLOYMENT_ENVS.find((d) => d.deployment === `k8s/${overlay}` && d.app === 'data-warehouse')?.env.KAFKA_PARTITIONS ?? schemaDefault,
      );
      expect({ overlay, fits: replicas <= partitions }).toEqual({ overlay, fits: true });
    }
  });
});

// ---- Ingress -------------------------------------------------------------------------------------

describe('k8s Ingress', () => {
  /** What outsiders may call on the warehouse: the ingestion routes of events.controller.ts. */
  const INGESTION_ROUTES = ['/v1/events'];

  it('exists, for the gateway and the ingestion routes only', () => {
    const backends = ingressBackends();
    expect(backends.length).toBeGreaterThan(0);
    expect([...new Set(backends.map((b) => b.service))].sort()).toEqual(['data-warehouse', 'gateway']);
    for (const b of backends) {
      const port = byName<Service>('Service', b.service ?? '')?.spec.ports.find((p) => p.name === b.port?.name || p.port === b.port?.number);
      expect({ ...b, servicePort: port?.name }).toEqual({ ...b, servicePort: 'http' });
    }
  });

  it('reaches the warehouse only on its ingestion routes, each Exact, each a route the warehouse serves', () => {
    const source = readFileSync(join(ROOT, 'apps/data-warehouse/src/http/events.controller.ts'), 'utf8');
    for (const route of INGESTION_ROUTES) {
      const [, prefix, path] = /^\/(.+)\/([^/]+)$/.exec(route) ?? [];
      expect({ route, served: source.includes(`@Controller('${prefix}')`) && source.includes(`@Post('${path}')`) }).toEqual({ route, served: true });
    }
    const warehouse = ingressBackends().filter((b) => b.service === 'data-warehouse');
    expect(warehouse.map((b) => ({ path: b.path, pathType: b.pathType }))).toEqual(INGESTION_ROUTES.map((path) => ({ path, pathType: 'Exact' })));
  });

  it('never sends the feed or another internal route anywhere but the gateway', () => {
    const internal = [
      '/v1/feed',
      '/v1/dead-letters',
      '/v1/parked',
      '/v1/activity/schools',
      '/v1/ingestion/health',
      '/v1/alerts',
      '/v1/access/visible-schools',
      '/health/ready',
      '/metrics',
    ];
    for (const path of internal) {
      const matches = ingressBackends().filter((b) =>
        b.pathType === 'Exact' ? b.path === path : path === b.path || path.startsWith(b.path.endsWith('/') ? b.path : `${b.path}/`),
      );
      // the longest match wins in every controller
      const winner = matches.sort((a, b) => b.path.length - a.path.length)[0];
      expect({ path, to: winner?.service ?? 'nothing' }).toEqual({ path, to: winner ? 'gateway' : 'nothing' });
    }
  });

  it.each(overlayDirs)("overlay %s: every Ingress host is PUBLIC_URL's, with TLS exactly when PUBLIC_URL is https", (overlay) => {
    const publicUrl = new URL(DEPLOYMENT_ENVS.find((d) => d.deployment === `k8s/${overlay}` && d.app === 'gateway')?.env.PUBLIC_URL ?? '');
    const patched = overlayPatches(overlay).filter((p) => p.kind === 'Ingress') as Ingress[];
    const effective = ingresses.map((i) => {
      const patch = patched.find((p) => p.metadata.name === i.metadata.name);
      return patch ? { ...i, spec: { ...i.spec, ...patch.spec } } : i;
    });
    for (const i of effective) {
      expect({ ingress: i.metadata.name, hosts: [...new Set((i.spec.rules ?? []).map((r) => r.host))] }).toEqual({
        ingress: i.metadata.name,
        hosts: [publicUrl.hostname],
      });
      const tlsHosts = (i.spec.tls ?? []).flatMap((t) => t.hosts ?? []);
      expect({ ingress: i.metadata.name, tlsHosts }).toEqual({
        ingress: i.metadata.name,
        tlsHosts: publicUrl.protocol === 'https:' ? [publicUrl.hostname] : [],
      });
    }
  });
});

// ---- compose: what runs --------------------------------------------------------------------------

describe('docker/compose.yaml: what starts by default', () => {
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Compose & { services: Record<string, { profiles?: string[] }> };

  it('a server no service uses (env or depends_on) starts only in an opt-in profile', () => {
    const used = new Set(
      APPS.flatMap((app) => {
        const s = compose.services[app] as ComposeService;
        const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
        const mentioned = Object.keys(compose.services).filter((name) => JSON.stringify(s.environment ?? {}).includes(`${name}:`));
        return [...deps, ...mentioned];
      }),
    );
    for (const [name, s] of Object.entries(compose.services)) {
      if (APPS.includes(name) || used.has(name)) continue;
      expect({ name, profiles: (s.profiles ?? []).length > 0 }).toEqual({ name, profiles: true });
    }
    expect(compose.services.kurrentdb?.profiles).toEqual(['eventstore']);
  });

  it(`each service gets METRICS_PORT (${METRICS_PORT}) and publishes only its main port`, () => {
    for (const app of APPS) {
      const s = compose.services[app] as ComposeService;
      const env = composeEnv(app);
      expect({ app, metrics: Number(env.METRICS_PORT) }).toEqual({ app, metrics: METRICS_PORT });
      const published = (s.ports ?? []).map((p) => (typeof p === 'object' ? p.target : Number(String(p).split(':').pop())));
      expect({ app, published }).toEqual({ app, published: [Number(env.PORT)] });
    }
  });

  it('each service waits for the servers its environment names (PostgreSQL, Kafka, Keycloak) to be healthy', () => {
    for (const app of APPS) {
      const s = compose.services[app] as ComposeService;
      const env = composeEnv(app);
      const hosts = [
        env.DATABASE_URL && new URL(env.DATABASE_URL).hostname,
        ...(env.KAFKA_BROKERS ?? '')
          .split(',')
          .filter(Boolean)
          .map((b) => b.split(':')[0]),
        env.KEYCLOAK_URL && new URL(env.KEYCLOAK_URL).hostname,
      ].filter((h): h is string => !!h);
      const deps = Array.isArray(s.depends_on) ? {} : (s.depends_on ?? {});
      for (const host of new Set(hosts)) expect({ app, host, condition: deps[host]?.condition }).toEqual({ app, host, condition: 'service_healthy' });
    }
  });
});

// ---- docker/Dockerfile -----------------------------------------------------------------------

describe('docker/Dockerfile', () => {
  const lines = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const instructions = lines.map((l) => {
    const [op = '', ...rest] = l.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });
  const runtime = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));
  const last = (op: string) => runtime.filter((i) => i.op === op).pop()?.args;

  it('every stage is node:<major of the pinned node devDependency>-bookworm-slim', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const major = /(\d+)\./.exec(pkg.devDependencies.node ?? '')?.[1];
    const args = Object.fromEntries(
      instructions.filter((i) => i.op === 'ARG' && i.args.includes('=')).map((i) => [i.args.split('=')[0], i.args.split('=')[1]]),
    );
    // a digest pin (@sha256:…) fixes the exact build of that tag; the tag is what is compared
    const froms = instructions
      .filter((i) => i.op === 'FROM')
      .map((i) => (i.args.split(/\s+/)[0] ?? '').replace(/^\$\{(\w+)\}$/, (_m, a: string) => args[a] ?? '').replace(/@sha256:[0-9a-f]{64}$/, ''));
    expect(froms.length).toBeGreaterThanOrEqual(2); // multi-stage
    expect(new Set(froms)).toEqual(new Set([`node:${major}-bookworm-slim`]));
  });

  it('runtime stage: numeric non-root USER, HOST=0.0.0.0, HEALTHCHECK on /health/live, STOPSIGNAL SIGTERM', () => {
    expect(last('USER')).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(
      runtime
        .filter((i) => i.op === 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(last('HEALTHCHECK')).toContain('healthcheck.js');
    expect(readFileSync(join(DOCKER, 'healthcheck.js'), 'utf8')).toContain('/health/live');
    expect(last('STOPSIGNAL')).toBe('SIGTERM');
  });

  it("the healthcheck's default ports are the services' defaults", () => {
    const source = readFileSync(join(DOCKER, 'healthcheck.js'), 'utf8');
    const table = /DEFAULT_PORTS = \{([^}]*)\}/.exec(source)?.[1] ?? '';
    const ports = Object.fromEntries([...table.matchAll(/'?([a-z-]+)'?:\s*(\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(ports).toEqual(Object.fromEntries(APPS.map((a) => [a, defaultPort(a)])));
  });

  it('every file COPY takes from the build context is let through by Dockerfile.dockerignore', () => {
    const allowed = readFileSync(join(DOCKER, 'Dockerfile.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).replace(/\/$/, ''));
    const sources = instructions
      .filter((i) => i.op === 'COPY' && !/--from=/.test(i.args))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) {
      const path = src.replace(/\/$/, '');
      expect({ src, allowed: allowed.some((a) => path === a || path.startsWith(`${a}/`)) }).toEqual({ src, allowed: true });
      expect(existsSync(join(ROOT, path))).toBe(true);
    }
  });
});
