import { visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { loadConfig, startService, type RunningService } from '@educube/service-kit';
import { StaticIdentityLookup } from '../identity/identity-client';
import { moduleOptions, warehouseConfigSchema, warehouseService, type WarehouseConfig } from '../service';
import { WarehouseModule } from '../warehouse.module';

/** The people the contract factories' sample data names (anEvent/sampleData), linked. */
const SAMPLE_PEOPLE: [string, string][] = [
  ['timetabling/T0001', 'person-sample-teacher'],
  ['attendance-card/S0001', 'person-sample-student'],
  ['identity/P0001', 'person-sample-head'],
  ['identity/P0002', 'person-sample-cio'],
];

/** The schools and links of a small test province: 10 schools of 海曙区, teachers T-0001…T-0100 and the factories' sample people linked. */
export function aTestIdentity(): StaticIdentityLookup {
  const schools = new Set(Array.from({ length: 10 }, (_, i) => `33020300${String(i + 1).padStart(2, '0')}`));
  const links = new Map([...Array.from({ length: 100 }, (_, i): [string, string] => [`timetabling/T-${String(i + 1).padStart(4, '0')}`, `person-${i + 1}`]), ...SAMPLE_PEOPLE]);
  return new StaticIdentityLookup(schools, links);
}

/** The test province's schools as identity places them: 海曙区 (330203). */
const placed = (schools: Iterable<string>) => [...schools].map((code) => ({ code, regionCode: code.slice(0, 6) }));

export interface TestWarehouse extends RunningService<WarehouseConfig> {
  readonly identity: StaticIdentityLookup;
  readonly issuer: TestIssuer;
  /** POST /v1/events as the school system of `school` (default 3302030001) */
  post(body: unknown, school?: string, contentType?: string): Promise<Response>;
  /** GET as someone (default: a hub service, which sees everything) */
  get(path: string, as?: TestTokenSpec): Promise<Response>;
  /** any request, with a token of `as` */
  call(path: string, init: RequestInit, as: TestTokenSpec): Promise<Response>;
}

/**
 * The warehouse service as deployed (same definition, same config schema, tokens verified
 * against a real discovery document and JWKS), with identity answering from memory: unit tests
 * need no identity process.
 */
export async function startTestWarehouse(env: Record<string, string>, identity = aTestIdentity()): Promise<TestWarehouse> {
  const issuer = await startTestIssuer();
  const full = { PORT: '0', LOG_LEVEL: 'silent', WAREHOUSE_DATA_DIR: 'memory://', PARKED_RETRY_MS: '0', OIDC_ISSUER: issuer.issuer, ...env };
  const config = loadConfig('data-warehouse', warehouseConfigSchema, full);
  const running = await startService(
    {
      ...warehouseService,
      imports: () => [
        // identity's answers for visibility come from the same static schools, placed by their code
        WarehouseModule.forRoot({ ...moduleOptions(config), identity, visibleSchools: visibilityFrom(() => placed(identity.schools)) }),
      ],
    },
    full,
  );
  const stop = running.close;
  const call = async (path: string, init: RequestInit, as: TestTokenSpec) => fetch(`${running.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(await issuer.bearer(as)) } });
  return Object.assign(running, {
    identity,
    issuer,
    call,
    post: (body: unknown, school = '3302030001', contentType = 'application/cloudevents-batch+json') =>
      call('/v1/events', { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }, actors.schoolSystem(school)),
    get: (path: string, as: TestTokenSpec = actors.service('educube-gateway-service', 'educube-warehouse')) => call(path, { method: 'GET' }, as),
    close: async () => {
      await stop();
      await issuer.close();
    },
  });
}
