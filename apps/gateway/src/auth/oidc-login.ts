import { createTokenVerifier, type TokenVerifier } from '@educube/oidc';
import { createHash, randomBytes } from 'node:crypto';

export interface OidcLoginSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

interface Discovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint?: string;
  readonly scopes_supported?: readonly string[];
}

/** What the gateway keeps of a person after login: the minimal claims, nothing else. */
export interface SessionClaims {
  readonly sub: string;
  readonly preferred_username?: string;
  readonly roles: readonly string[];
  readonly region_code?: string;
  readonly school_codes: readonly string[];
  readonly exp: number;
}

/** The state of one login in flight, kept in a short-lived signed cookie until the callback. */
export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly returnTo: string;
  readonly exp: number;
}

// Keycloak's built-in roles say nothing about EduCube's scopes; leave them out of the session.
const BUILT_IN_ROLE = /^(default-roles-.*|offline_access|uma_authorization)$/;

/**
 * The authorization code flow with PKCE (S256) for a confidential client, written out by hand:
 * discovery, the authorization redirect, the code exchange (client_secret_post, which Keycloak
 * and the embedded issuer both accept), and the tokens checked by the one shared verifier.
 */
export class OidcLogin {
  private discovery?: Promise<Discovery>;
  private verifiers?: Promise<{ idToken: TokenVerifier; accessToken: TokenVerifier }>;

  constructor(private readonly settings: OidcLoginSettings) {}

  async authorizationUrl(redirectUri: string, returnTo: string, ttlSeconds = 600): Promise<{ url: string; pending: PendingLogin }> {
    const doc = await this.discover();
    const pending: PendingLogin = {
      state: randomBytes(16).toString('base64url'),
      nonce: randomBytes(16).toString('base64url'),
      verifier: randomBytes(32).toString('base64url'),
      returnTo,
      exp: Math.floor(Date.now() / 1000) + ttlSeconds,
    };
    // The embedded issuer puts region and schools under its `educube` scope; Keycloak maps them always.
    const scopes = ['openid', 'profile', 'email', ...(doc.scopes_supported?.includes('educube') ? ['educube'] : [])];
    const url = new URL(doc.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.settings.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), pending };
  }

  /** Exchanges the code and returns the session's claims; throws with a reason on any mismatch. */
  async complete(pending: PendingLogin, code: string, redirectUri: string, sessionTtlSeconds: number): Promise<SessionClaims> {
    const doc = await this.discover();
    const res = await fetch(doc.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: pending.verifier,
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
    if (!res.ok || !body.access_token || !body.id_token) {
      throw new Error(`the issuer refused the code (${res.status} ${body.error ?? ''} ${body.error_description ?? ''})`.trim());
    }
    const { idToken, accessToken } = await this.tokenVerifiers();
    const id = await idToken.verify(body.id_token);
    if (id.claims['nonce'] !== pending.nonce) throw new Error('the ID token does not carry the nonce of this login');
    const access = await accessToken.verify(body.access_token);
    if (access.subject !== id.subject) throw new Error('the access token and the ID token name different people');
    const claims = { ...id.claims, ...access.claims };
    const realmRoles = (claims['realm_access'] as { roles?: unknown } | undefined)?.roles;
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
    return {
      sub: access.subject,
      ...(typeof claims['preferred_username'] === 'string' ? { preferred_username: claims['preferred_username'] } : {}),
      roles: strings(realmRoles).filter((r) => !BUILT_IN_ROLE.test(r)),
      ...(typeof claims['region_code'] === 'string' ? { region_code: claims['region_code'] } : {}),
      school_codes: strings(claims['school_codes']),
      exp: Math.floor(Date.now() / 1000) + sessionTtlSeconds,
    };
  }

  /** Where to send the browser to end the issuer's session too (RP-initiated logout), if it offers that. */
  async logoutUrl(postLogoutRedirectUri: string): Promise<string | undefined> {
    const doc = await this.discover();
    if (!doc.end_session_endpoint) return undefined;
    const url = new URL(doc.end_session_endpoint);
    url.search = new URLSearchParams({ client_id: this.settings.clientId, post_logout_redirect_uri: postLogoutRedirectUri }).toString();
    return url.toString();
  }

  private discover(): Promise<Discovery> {
    // Cached once it answers; a failure is retried on the next login rather than remembered.
    this.discovery ??= fetchDiscovery(this.settings.issuer).catch((e: unknown) => {
      this.discovery = undefined;
      throw e;
    });
    return this.discovery;
  }

  private tokenVerifiers(): Promise<{ idToken: TokenVerifier; accessToken: TokenVerifier }> {
    this.verifiers ??= (async () => {
      const { issuer, clientId } = this.settings;
      // Both tokens are checked by the shared verifier: issuer, audience (this client), expiry, signature, algorithm.
      const accessToken = await createTokenVerifier({ issuer, audience: clientId });
      const idToken = await createTokenVerifier({ issuer, audience: clientId });
      return { idToken, accessToken };
    })().catch((e: unknown) => {
      this.verifiers = undefined;
      throw e;
    });
    return this.verifiers;
  }
}

async function fetchDiscovery(issuer: string): Promise<Discovery> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const doc = (await res.json()) as Partial<Discovery>;
  if (doc.issuer !== issuer) throw new Error(`discovery at ${url} names issuer ${doc.issuer}, expected ${issuer}`);
  if (!doc.authorization_endpoint || !doc.token_endpoint) throw new Error(`discovery at ${url} lacks the authorization or token endpoint`);
  return doc as Discovery;
}
