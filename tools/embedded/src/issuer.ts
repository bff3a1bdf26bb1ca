/**
 * The embedded default's sign-in: the built-in OpenID Connect issuer (oidc-provider, with the
 * same clients, users and claims as the Keycloak realm) as its own child process of `npm start`.
 * Keys live in a file under .data/issuer/, so a restart keeps sessions' tokens verifiable.
 */
import { devRealm, startEmbeddedIssuer } from '@educube/embedded-issuer';
import { join } from 'node:path';
import { leaderClients } from './leaders';
import { province, schoolSystemClients, simulationSettings } from './simulation';

const root = join(__dirname, '..', '..', '..');
const port = Number(process.env['ISSUER_PORT'] ?? 3009);
const host = process.env['HOST'] ?? '127.0.0.1';
const gatewayUrl = (process.env['GATEWAY_PUBLIC_URL'] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const keyFile = process.env['ISSUER_KEY_FILE'] ?? join(root, '.data', 'issuer', 'keys.json');

const log = (level: string, msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), service: 'issuer', msg, ...extra })}\n`);

async function main(): Promise<void> {
  const realm = devRealm({ redirectUris: [`${gatewayUrl}/auth/callback`] });
  // the simulated province's school systems, one per school, beside the realm's own clients
  const settings = simulationSettings(process.env);
  const runSecret = process.env['EDUCUBE_SIM_CLIENT_SECRET'];
  const simulated =
    settings.enabled && runSecret
      ? schoolSystemClients(
          province(settings).schools.map((s) => s.code),
          runSecret,
        )
      : [];
  // and, with EDUCUBE_SIM_LEADERS on, the leader schools' CIOs and the officers who review them (leaders.ts)
  const leaders = runSecret ? leaderClients(settings, runSecret) : [];
  const issuer = await startEmbeddedIssuer({
    port,
    host,
    clients: [...realm.clients.map((c) => (c.kind === 'browser-app' ? { ...c, postLogoutRedirectUris: [`${gatewayUrl}/`] } : c)), ...simulated, ...leaders],
    accounts: realm.accounts,
    keys: { kind: 'file', path: keyFile },
  });
  log(
    'info',
    `embedded OpenID Connect issuer at ${issuer.issuer} (built-in login page; accounts: ${realm.accounts.map((a) => a.username).join(', ')}; ${simulated.length} simulated school systems${leaders.length ? `, ${leaders.length} clients of the leader schools' CIOs and reviewers` : ''})`,
    {
      event: 'service.started',
      url: issuer.issuer,
    },
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      issuer.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  log('fatal', `the embedded issuer did not start: ${(error as Error).message}`);
  process.exit(1);
});
