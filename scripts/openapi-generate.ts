// npm run openapi:generate — rewrites docs/openapi/<service>.json from each service's routes and zod schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commandLine } from '@educube/cli';
import { DOCUMENT_ENV, loadConfig, openApiFile, openApiText, serviceDocument, type ServiceDefinition } from '@educube/service-kit';
import { assessmentService } from '../apps/assessment/src/service';
import { warehouseService } from '../apps/data-warehouse/src/service';
import { gatewayService } from '../apps/gateway/src/service';
import { identityService } from '../apps/identity/src/service';

commandLine({
  command: 'npm run openapi:generate --',
  summary: "Rewrites docs/openapi/<service>.json from each service's routes and zod schemas (no server started).",
  examples: ['npm run openapi:generate && git diff --stat docs/openapi'],
  exitCodes: { 0: 'written', 1: 'error' },
});

const root = join(__dirname, '..');
const services = [identityService, warehouseService, assessmentService, gatewayService] as unknown as ServiceDefinition<never>[];
let total = 0;
for (const def of services) {
  const doc = serviceDocument(def, loadConfig(def.name, def.configSchema, DOCUMENT_ENV) as never);
  const count = Object.values(doc['paths'] as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
  total += count;
  const file = join(root, openApiFile(def.name));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, openApiText(doc));
  console.log(`${openApiFile(def.name)}: ${count} endpoints`);
}
console.log(`${total} endpoints in ${services.length} documents`);
