import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Account, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { generateSigningKey, loadKeys, saveKeys, type KeySource, type SigningJwk } from './keys';

/** The audience of every school system's token, as in the Keycloak realm (client `educube-ingest`). */
export const INGEST_AUDIENCE = 'educube-ingest';
/** Realm role every school system's service account carries in the Keycloak realm. */
export const SCHOOL_SYSTEM_ROLE = 'school_system';
/** Resource indicators (RFC 8707) are URIs; `urn:educube:<audience>` names each audience. */
export const resourceFor = (audience: string): string => `urn:educube:${audience}`;

/** An upstream school system: client credentials only; tokens for `educube-ingest`. */
export interface SchoolSystemClient {
  readonly kind: 'school-system';
  readonly clientId: string;
  readonly clientSecret: string;
  readonly schoolCodes: readonly string[];
  /** Access token lifetime; default 300 s like the realm. */
  readonly accessTokenTtlSeconds?: number;
}

/** A browser app (the gateway): authorization code + PKCE; tokens whose audience is its own id. */
export interface BrowserAppClient {
  readonly kind: 'browser-app';
  readonly clientId: string;
  readonly clientSecret: string;
  /** Exact redirect URIs (Keycloak's realm allows any localhost port; a standard issuer wants them listed). */
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  readonly accessTokenTtlSeconds?: number;
}

/**
 * One of the hub's own services (or a loader acting with an officer's role): client credentials;
 * a token per audience it may call, asked for with a resource indicator, carrying its realm roles.
 */
export interface ServiceClient {
  readonly kind: 'service';
  readonly clientId: string;
  readonly clientSecret: string;
  /** the services it may call: one token per audience */
  readonly audiences: readonly string[];
  readonly realmRoles: readonly string[];
  /** hardcoded claims, as Keycloak's hardcoded-claim mappers add them (region_code of a loader) */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly accessTokenTtlSeconds?: number;
}

export type EmbeddedClient = SchoolSystemClient | BrowserAppClient | ServiceClient;

/** A person who may sign in on the built-in page; the same attributes as the realm's users. */
export interface EmbeddedAccount {
  /** `sub` of their tokens; defaults to the username. */
  readonly id?: string;
  readonly username: string;
  readonly email?: string;
  readonly regionCode?: string;
  readonly schoolCodes?: readonly string[];
  readonly realmRoles: readonly string[];
}

export interface EmbeddedIssuerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Defaults to http://<host>:<port>; set it when the issuer is reached through another address. */
  readonly issuerUrl?: string;
  readonly clients: readonly EmbeddedClient[];
  readonly accounts: readonly EmbeddedAccount[];
  /** Default: generated at start. Use `{ kind: 'file', path }` so restarts keep tokens valid. */
  readonly keys?: KeySource;
}

export interface EmbeddedIssuer {
  /** The `iss` of every token, and the base of discovery (`/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly port: number;
  readonly jwksUri: string;
  readonly tokenEndpoint: string;
  /** Key ids in the published JWKS, the signing one first. */
  kids(): string[];
  /**
   * Adds a new signing key (new kid) that signs from now on; the previous keys stay published so
   * tokens already issued keep verifying. Persisted when the keys live in a file.
   */
  rotateKey(): Promise<string>;
  /** Stops publishing a key (its tokens stop verifying once verifiers refetch). Never the signing key. */
  retireKey(kid: string): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_TTL = 300;

export async function startEmbeddedIssuer(options: EmbeddedIssuerOptions): Promise<EmbeddedIssuer> {
  const keySource = options.keys ?? { kind: 'ephemeral' };
  let keys = await loadKeys(keySource);
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const accounts = new Map(options.accounts.map((a) => [a.id ?? a.username, a]));
  if (clients.size !== options.clients.length) throw new Error('client ids must be unique');
  if (accounts.size !== options.accounts.length) throw new Error('account ids must be unique');
  // Cookie keys outlive a key rotation (the provider is rebuilt, sessions are kept).
  const cookieKeys = [randomBytes(32).toString('base64url')];

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer((req, res) => handler(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = (options.issuerUrl ?? `http://${host}:${port}`).replace(/\/$/, '');

  const build = () => {
    const provider = new Provider(issuer, configuration({ clients, accounts, keys, cookieKeys }));
    handler = provider.callback();
  };
  try {
    build();
  } catch (e) {
    server.close();
    throw e;
  }

  return {
    issuer,
    port,
    jwksUri: `${issuer}/jwks`,
    tokenEndpoint: `${issuer}/token`,
    kids: () => keys.map((k) => k.kid),
    async rotateKey() {
      const key = await generateSigningKey();
      keys = [key, ...keys];
      await saveKeys(keySource, keys);
      build();
      return key.kid;
    },
    async retireKey(kid) {
      if (keys[0]?.kid === kid) throw new Error(`key ${kid} is the signing key; rotate first`);
      keys = keys.filter((k) => k.kid !== kid);
      await saveKeys(keySource, keys);
      build();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

interface Model {
  readonly clients: ReadonlyMap<string, EmbeddedClient>;
  readonly accounts: ReadonlyMap<string, EmbeddedAccount>;
  readonly keys: readonly SigningJwk[];
  readonly cookieKeys: string[];
}

/** The audiences a client may get tokens for; the first is its default. */
const audiencesOf = (client: EmbeddedClient): readonly string[] =>
  client.kind === 'school-system' ? [INGEST_AUDIENCE] : client.kind === 'service' ? client.audiences : [client.clientId];
const audienceOf = (client: EmbeddedClient): string => audiencesOf(client)[0] ?? client.clientId;

function clientMetadata(client: EmbeddedClient): ClientMetadata {
  const common = { client_id: client.clientId, client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_post' as const };
  if (client.kind === 'school-system' || client.kind === 'service') {
    return { ...common, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] };
  }
  return {
    ...common,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...(client.postLogoutRedirectUris ?? [])],
  };
}

/** The claims Keycloak's realm puts into a person's tokens (mappers region_code, school_codes; realm roles). */
function personClaims(account: EmbeddedAccount): Record<string, unknown> {
  return {
    preferred_username: account.username,
    ...(account.email ? { email: account.email } : {}),
    ...(account.regionCode ? { region_code: account.regionCode } : {}),
    ...(account.schoolCodes ? { school_codes: [...account.schoolCodes] } : {}),
    realm_access: { roles: [...account.realmRoles] },
  };
}

function configuration(model: Model): Configuration {
  const { clients, accounts } = model;
  const registered = (clientId: string | undefined): EmbeddedClient | undefined => (clientId ? clients.get(clientId) : undefined);

  return {
    clients: [...clients.values()].map(clientMetadata),
    jwks: { keys: model.keys.map((k) => ({ ...k })) },
    cookies: { keys: model.cookieKeys },
    claims: {
      openid: ['sub'],
      profile: ['preferred_username'],
      email: ['email'],
      // Like the realm's mappers: scope claims on every token of the gateway.
      educube: ['region_code', 'school_codes', 'realm_access'],
    },
    scopes: ['openid', 'profile', 'email', 'educube', 'offline_access'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, client, oneOf) => {
          if (oneOf) return oneOf;
          const known = registered(client.clientId);
          if (!known) throw new errors.InvalidClient(`client ${client.clientId} is not registered`);
          return resourceFor(audienceOf(known));
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator, client) => {
          const known = registered(client.clientId);
          const audience = known ? audiencesOf(known).find((a) => resourceFor(a) === resourceIndicator) : undefined;
          if (!known || !audience) {
            throw new errors.InvalidTarget(`${client.clientId} may not obtain tokens for ${resourceIndicator}`);
          }
          return {
            scope: 'educube',
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: known.accessTokenTtlSeconds ?? DEFAULT_TTL,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // First-party apps only: the grant is implied, so the built-in page asks for the login and no consent.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.['consent']?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const known = registered(client.clientId);
      if (known?.kind !== 'browser-app') return undefined;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email educube offline_access');
      grant.addResourceScope(resourceFor(audienceOf(known)), 'educube');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub): Account | undefined => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...personClaims(account) }) };
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = registered(token.clientId);
        if (client?.kind === 'service')
          return {
            ...client.claims,
            azp: client.clientId,
            preferred_username: `service-account-${client.clientId}`,
            realm_access: { roles: [...client.realmRoles] },
          };
        if (client?.kind !== 'school-system') return undefined;
        return {
          azp: client.clientId,
          preferred_username: `service-account-${client.clientId}`,
          school_codes: [...client.schoolCodes],
          realm_access: { roles: [SCHOOL_SYSTEM_ROLE] },
        };
      }
      const accountId = 'accountId' in token ? (token.accountId as string | undefined) : undefined;
      const account = accountId ? accounts.get(accountId) : undefined;
      return account ? { azp: token.clientId, ...personClaims(account) } : undefined;
    },
    ttl: {
      // per client, like Keycloak's access.token.lifespan client attribute
      AccessToken: (_ctx, _token, client) => registered(client.clientId)?.accessTokenTtlSeconds ?? DEFAULT_TTL,
      ClientCredentials: (_ctx, _token, client) => registered(client.clientId)?.accessTokenTtlSeconds ?? DEFAULT_TTL,
      IdToken: DEFAULT_TTL,
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 8 * 3600,
      Session: 8 * 3600,
      RefreshToken: 24 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
}
