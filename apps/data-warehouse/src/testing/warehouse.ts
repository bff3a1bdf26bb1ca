import type { Directory } from '@educube/identity-client';
import { directoryFrom, directoryRegion, directorySchool, visibilityFrom } from '@educube/identity-client/testing';
import { actors, startTestIssuer, type TestIssuer, type TestTokenSpec } from '@educube/oidc/testing';
import { loadConfig, startService, type RunningService } from '@educube/service-kit';
import { StaticIdentityLookup } from '../identity/identity-client';
import type { Clock } from '../clock';
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
  const links = new Map([
    ...Array.from({ length: 100 }, (_, i): [string, string] => [`timetabling/T-${String(i + 1).padStart(4, '0')}`, `person-${i + 1}`]),
    ...SAMPLE_PEOPLE,
  ]);
  return new StaticIdentityLookup(schools, links);
}

/** The test province's schools as identity places them: by their code (海曙区 330203), unless a test moved one. */
const placed = (schools: Iterable<string>, moved: ReadonlyMap<string, string>) =>
  [...schools].map((code) => ({ code, regionCode: moved.get(code) ?? code.slice(0, 6) }));

/** Identity's tree of those schools: their districts, with the cities and province above them. */
function treeOf(schools: readonly { code: string; regionCode: string }[]): Directory {
  const regions = new Set<string>();
  for (const { regionCode } of schools) for (const code of [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`]) regions.add(code);
  return {
    asOf: '2026-09-01',
    regions: [...regions].sort().map((code) => directoryRegion(code)),
    schools: schools.map((s) => directorySchool(s.code, s.regionCode)),
  };
}

export interface TestWarehouse extends RunningService<WarehouseConfig> {
  readonly identity: StaticIdentityLookup;
  readonly issuer: TestIssuer;
  /** POST /v1/events as the school system of `school` (default 3302030001) */
  post(body: unknown, school?: string, contentType?: string): Promise<Response>;
  /** GET as someone (default: a hub service, which sees everything) */
  get(path: string, as?: TestTokenSpec): Promise<Response>;
  /** any request, with a token of `as` */
  call(path: string, init: RequestInit, as: TestTokenSpec): Promise<Response>;
  /** identity now places `school` in district `regionCode` (visibility and the directory follow) */
  relocate(school: string, regionCode: string): void;
}

/**
 * The warehouse service as deployed (same definition, same config schema, tokens verified
 * against a real discovery document and JWKS), with identity answering from memory: unit tests
 * need no identity process.
 */
export async function startTestWarehouse(env: Record<string, string>, identity = aTestIdentity(), clock?: Clock): Promise<TestWarehouse> {
  const issuer = await startTestIssuer();
  const full = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    WAREHOUSE_DATA_DIR: 'memory://',
    PARKED_RETRY_MS: '0',
    ALERTS_EVALUATE_MS: '0',
    OIDC_ISSUER: issuer.issuer,
    ...env,
  };
  const config = loadConfig('data-warehouse', warehouseConfigSchema, full);
  const moved = new Map<string, string>();
  const running = await startService(
    {
      ...warehouseService,
      imports: () => [
        // identity's answers for visibility and its tree come from the same static schools, placed by their code
        WarehouseModule.forRoot({
          ...moduleOptions(config),
          identity,
          visibleSchools: visibilityFrom(() => placed(identity.schools, moved)),
          directory: directoryFrom(() => treeOf(placed(identity.schools, moved))),
          ...(clock ? { clock } : {}),
        }),
      ],
    },
    full,
  );
  const stop = running.close;
  const call = async (path: string, init: RequestInit, as: TestTokenSpec) =>
    fetch(`${running.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(await issuer.bearer(as)) } });
  return Object.assign(running, {
    identity,
    issuer,
    call,
    relocate: (school: string, regionCode: string) => void moved.set(school, regionCode),
    post: (body: unknown, school = '3302030001', contentType = 'application/cloudevents-batch+json') =>
      call(
        '/v1/events',
        { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) },
        actors.schoolSystem(school),
      ),
    get: (path: string, as: TestTokenSpec = actors.service('educube-gateway-service', 'educube-warehouse')) => call(path, { method: 'GET' }, as),
    close: async () => {
      await stop();
      await issuer.close();
    },
  });
}
