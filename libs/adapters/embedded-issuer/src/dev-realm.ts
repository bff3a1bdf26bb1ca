import { createHmac } from 'node:crypto';
import type { EmbeddedAccount, EmbeddedClient, SchoolSystemClient } from './issuer';

/**
 * The embedded default's counterpart of scripts/stack/keycloak/realm-educube.json: the same
 * clients (DEV ONLY secrets), users, attributes and roles, so either issuer serves the same tests.
 */
export function devRealm(options: { redirectUris: readonly string[] }): { clients: EmbeddedClient[]; accounts: EmbeddedAccount[] } {
  const school1 = ['3302030001'];
  const systems = ['timetabling-system', 'grading-system', 'asset-system', 'attendance-system', 'learning-space', 'resource-platform'];
  return {
    clients: [
      ...systems.map((id): EmbeddedClient => ({
        kind: 'school-system',
        clientId: id,
        clientSecret: `dev-${id.replace(/-system$/, '')}-secret`,
        schoolCodes: school1,
      })),
      { kind: 'school-system', clientId: 'educube-shortlived', clientSecret: 'dev-shortlived-secret', schoolCodes: school1, accessTokenTtlSeconds: 2 },
      { kind: 'browser-app', clientId: 'educube-gateway', clientSecret: 'dev-gateway-secret', redirectUris: options.redirectUris },
      // the hub's own services (realm role hub_service) and the registry loader, as in the Keycloak realm
      {
        kind: 'service',
        clientId: 'educube-warehouse',
        clientSecret: 'dev-warehouse-service-secret',
        audiences: ['educube-identity'],
        realmRoles: ['hub_service'],
      },
      {
        kind: 'service',
        clientId: 'educube-assessment',
        clientSecret: 'dev-assessment-service-secret',
        audiences: ['educube-warehouse', 'educube-identity'],
        realmRoles: ['hub_service'],
      },
      {
        kind: 'service',
        clientId: 'educube-gateway-service',
        clientSecret: 'dev-gateway-service-secret',
        audiences: ['educube-identity', 'educube-warehouse', 'educube-assessment'],
        realmRoles: ['hub_service'],
      },
      {
        kind: 'service',
        clientId: 'educube-registry',
        clientSecret: 'dev-registry-secret',
        audiences: ['educube-identity'],
        realmRoles: ['province_officer'],
        claims: { region_code: '330000' },
      },
    ],
    accounts: [
      { username: 'officer.haishu', email: 'officer.haishu@educube.test', regionCode: '330203', realmRoles: ['district_officer'] },
      { username: 'officer.ningbo', email: 'officer.ningbo@educube.test', regionCode: '330200', realmRoles: ['city_officer'] },
      { username: 'officer.zhejiang', email: 'officer.zhejiang@educube.test', regionCode: '330000', realmRoles: ['province_officer'] },
      { username: 'cio.school1', email: 'cio.school1@educube.test', regionCode: '330203', schoolCodes: school1, realmRoles: ['cio'] },
      { username: 'teacher.school1', email: 'teacher.school1@educube.test', regionCode: '330203', schoolCodes: school1, realmRoles: ['teacher'] },
    ],
  };
}

/**
 * One school-system client per simulated school (DEV ONLY), named `<prefix>-<code>`, each secret
 * derived from one secret of the run: whoever holds the run's secret (the feeder, a benchmark)
 * can act as any of them, no one else can.
 */
export function simulatedSchoolSystems(schoolCodes: readonly string[], runSecret: string, prefix: string): SchoolSystemClient[] {
  return schoolCodes.map((code) => ({
    kind: 'school-system',
    clientId: `${prefix}-${code}`,
    clientSecret: createHmac('sha256', runSecret).update(`${prefix}-${code}`).digest('base64url'),
    schoolCodes: [code],
  }));
}
