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

/**
 * The warehouse service as deployed (same definition, same config schema), with identity
 * answering from memory: unit tests need no identity process.
 */
export async function startTestWarehouse(env: Record<string, string>, identity = aTestIdentity()): Promise<RunningService<WarehouseConfig> & { identity: StaticIdentityLookup }> {
  const full = { PORT: '0', LOG_LEVEL: 'silent', WAREHOUSE_DATA_DIR: 'memory://', PARKED_RETRY_MS: '0', ...env };
  const config = loadConfig('data-warehouse', warehouseConfigSchema, full);
  const running = await startService(
    {
      ...warehouseService,
      imports: () => [
        WarehouseModule.forRoot({ ...moduleOptions(config), identity }),
      ],
    },
    full,
  );
  return Object.assign(running, { identity });
}
