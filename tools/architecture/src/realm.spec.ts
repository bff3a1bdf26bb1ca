import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The Keycloak realms are configuration, not code, so nothing else would notice a client losing
// an audience or the production template growing a secret: these checks read both files as the
// server would import them.
const dir = join(__dirname, '..', '..', '..', 'scripts', 'stack', 'keycloak');

interface Mapper {
  readonly name: string;
  readonly protocolMapper: string;
  readonly config: Record<string, string>;
}
interface Client {
  readonly clientId: string;
  readonly name?: string;
  readonly description?: string;
  readonly secret?: string;
  readonly publicClient?: boolean;
  readonly serviceAccountsEnabled?: boolean;
  readonly standardFlowEnabled?: boolean;
  readonly directAccessGrantsEnabled?: boolean;
  readonly protocolMappers?: readonly Mapper[];
}
interface User {
  readonly username: string;
  readonly serviceAccountClientId?: string;
  readonly realmRoles?: readonly string[];
}
interface Realm {
  readonly realm: string;
  readonly sslRequired: string;
  readonly bruteForceProtected: boolean;
  readonly roles: { readonly realm: readonly { readonly name: string; readonly description?: string }[] };
  readonly clients: readonly Client[];
  readonly users?: readonly User[];
}

const text = (file: string) => readFileSync(join(dir, file), 'utf8');
const dev = JSON.parse(text('realm-educube.json')) as Realm;
const productionText = text('realm-educube.production.json');
const production = JSON.parse(productionText) as Realm;

// Whose tokens each client gets, i.e. which services accept them.
const SERVICE_CLIENTS: Record<string, readonly string[]> = {
  'educube-warehouse': ['educube-identity'],
  'educube-assessment': ['educube-warehouse', 'educube-identity'],
  'educube-gateway-service': ['educube-identity', 'educube-warehouse', 'educube-assessment'],
  'educube-registry': ['educube-identity'],
};
const SCHOOL_SYSTEMS = ['timetabling-system', 'grading-system', 'asset-system', 'attendance-system', 'learning-space', 'resource-platform'];
const CLIENTS = [...Object.keys(SERVICE_CLIENTS), ...SCHOOL_SYSTEMS, 'educube-gateway', 'educube-ingest'];
// Realm role of each service client's service account (declared in the dev realm only).
const SERVICE_ACCOUNT_ROLES: Record<string, readonly string[]> = {
  'educube-warehouse': ['hub_service'],
  'educube-assessment': ['hub_service'],
  'educube-gateway-service': ['hub_service'],
  'educube-registry': ['province_officer'],
};

function client(realm: Realm, clientId: string): Client {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`client ${clientId} missing from realm`);
  return found;
}

function audiences(c: Client): string[] {
  return (c.protocolMappers ?? [])
    .filter((m) => m.protocolMapper === 'oidc-audience-mapper')
    .map((m) => m.config['included.custom.audience'] ?? m.config['included.client.audience'] ?? '')
    .sort();
}

const realms: [string, Realm][] = [
  ['dev', dev],
  ['production', production],
];

describe.each(realms)('the %s realm', (_name, realm) => {
  it('is the educube realm', () => {
    expect(realm.realm).toBe('educube');
    expect(realm.sslRequired).toBe('external');
  });

  // Keycloak stores names and descriptions in VARCHAR(255) columns: a longer one fails the import.
  it('fits every client and role name and description in 255 characters', () => {
    const texts = [...realm.clients.flatMap((c) => [c.name, c.description]), ...realm.roles.realm.map((r) => r.description)];
    expect(texts.filter((t) => (t ?? '').length > 255)).toEqual([]);
  });

  it('declares the hub_service role', () => {
    expect(realm.roles.realm.map((r) => r.name)).toContain('hub_service');
  });

  it.each(CLIENTS)('has the client %s', (clientId) => {
    expect(() => client(realm, clientId)).not.toThrow();
  });

  it.each(Object.entries(SERVICE_CLIENTS))('gives %s exactly the audiences %j, client credentials only', (clientId, want) => {
    const c = client(realm, clientId);
    expect(audiences(c)).toEqual([...want].sort());
    expect(c).toMatchObject({ publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false, directAccessGrantsEnabled: false });
  });

  it.each(SCHOOL_SYSTEMS)('gives the school system %s the ingestion audience only', (clientId) => {
    expect(audiences(client(realm, clientId))).toEqual(['educube-ingest']);
  });

  it("gives people's tokens from the gateway login the educube-gateway audience", () => {
    expect(audiences(client(realm, 'educube-gateway'))).toEqual(['educube-gateway']);
  });

  it('lets the registry loader act for province 330000', () => {
    const mapper = client(realm, 'educube-registry').protocolMappers?.find((m) => m.config['claim.name'] === 'region_code');
    expect(mapper).toMatchObject({
      protocolMapper: 'oidc-hardcoded-claim-mapper',
      config: { 'claim.value': '330000', 'jsonType.label': 'String', 'access.token.claim': 'true' },
    });
  });
});

describe('the dev realm', () => {
  it.each(Object.entries(SERVICE_ACCOUNT_ROLES))("grants %s's service account the realm roles %j", (clientId, roles) => {
    const user = (dev.users ?? []).find((u) => u.serviceAccountClientId === clientId);
    expect(user).toMatchObject({ username: `service-account-${clientId}`, realmRoles: roles });
  });

  it('gives every confidential client a secret', () => {
    expect(dev.clients.filter((c) => c.publicClient === false && !c.secret).map((c) => c.clientId)).toEqual([]);
  });
});

describe('the production template', () => {
  it('has no users at all', () => {
    expect(production).not.toHaveProperty('users');
  });

  it('has no client secrets', () => {
    expect(production.clients.filter((c) => 'secret' in c).map((c) => c.clientId)).toEqual([]);
  });

  it('names no local address anywhere', () => {
    expect(productionText).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('leaves out the tests-only short-lived client and the password grant', () => {
    expect(production.clients.map((c) => c.clientId)).not.toContain('educube-shortlived');
    expect(production.clients.filter((c) => c.directAccessGrantsEnabled).map((c) => c.clientId)).toEqual([]);
  });

  it('has brute-force protection on', () => {
    expect(production.bruteForceProtected).toBe(true);
  });
});
