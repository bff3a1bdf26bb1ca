// `npm run identity:reconcile [-- --apply]`: asks a running identity service what differs between
// its role assignments and Keycloak (GET /v1/sso/drift) and, with --apply, provisions
// (POST /v1/sso/provision). Exit 0 in sync (or applied), 2 drift found, 1 error — so a cron job
// or CI step can alert on drift. IDENTITY_URL (default http://127.0.0.1:3001), IDENTITY_TOKEN (a
// province officer's bearer token when the service requires one).
import { commandLine } from '@educube/cli';
import type { DriftReport, ProvisionReport } from '@educube/keycloak-admin';
import { formatDrift, formatProvision } from '../sso/report';

const { values } = commandLine({
  command: 'npm run identity:reconcile --',
  summary:
    'Asks a running identity service what differs between its role assignments and Keycloak\n(GET /v1/sso/drift) and prints it; with --apply, provisions Keycloak to match (POST /v1/sso/provision).',
  options: { apply: { type: 'boolean', description: 'provision Keycloak instead of only reporting the drift' } },
  env: {
    IDENTITY_URL: 'the identity service (default http://127.0.0.1:3001)',
    IDENTITY_TOKEN: "a province officer's bearer token, when the service requires one",
  },
  examples: ['npm run identity:reconcile', 'IDENTITY_URL=http://identity:3001 npm run identity:reconcile -- --apply'],
  exitCodes: { 0: 'in sync (or provisioned)', 1: 'error (service unreachable, refused)', 2: 'drift found; or bad arguments (usage on stderr)' },
});

async function main(): Promise<number> {
  const base = (process.env['IDENTITY_URL'] ?? 'http://127.0.0.1:3001').replace(/\/$/, '');
  const token = process.env['IDENTITY_TOKEN'];
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const apply = values['apply'] === true;
  const res = await fetch(`${base}/v1/sso/${apply ? 'provision' : 'drift'}`, { method: apply ? 'POST' : 'GET', headers });
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    process.stderr.write(`identity answered ${res.status}: ${(body as { detail?: string }).detail ?? JSON.stringify(body)}\n`);
    return 1;
  }
  if (apply) {
    process.stdout.write(`${formatProvision(body as ProvisionReport)}\n`);
    return 0;
  }
  const drift = body as DriftReport & { desiredAccounts: number };
  process.stdout.write(`${formatDrift(drift, drift.desiredAccounts)}\n`);
  return drift.inSync ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `reconcile failed (${process.env['IDENTITY_URL'] ?? 'http://127.0.0.1:3001'}): ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
