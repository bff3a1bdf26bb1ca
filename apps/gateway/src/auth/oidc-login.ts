import { createTokenVerifier, type TokenVerifier } from '@educube/oidc';
import * as oidc from 'openid-client';

export interface OidcLoginSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
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
// Seconds for discovery and, through the configuration it yields, the code exchange.
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * The authorization code flow with PKCE (S256) for a confidential client (client_secret_post,
 * which Keycloak and the embedded issuer both accept), on openid-client: discovery, the
 * authorization URL, and the code exchange, which checks state, the ID token and its nonce.
 * The session's claims come from the access token, verified by the one shared verifier.
 */
export class OidcLogin {
  private configuration?: Promise<oidc.Configuration>;
  private accessTokens?: Promise<TokenVerifier>;

  constructor(private readonly settings: OidcLoginSettings) {}

  async authorizationUrl(redirectUri: string, returnTo: string, ttlSeconds = 600): Promise<{ url: string; pending: PendingLogin }> {
    const config = await this.discover();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnTo,
      exp: Math.floor(Date.now() / 1000) + ttlSeconds,
    };
    // The embedded issuer puts region and schools under its `educube` scope; Keycloak maps them always.
    const scopes = ['openid', 'profile', 'email', ...(config.serverMetadata().scopes_supported?.includes('educube') ? ['educube'] : [])];
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /**
   * Exchanges the code the issuer sent to `callbackUrl` (the redirect URI with the callback's
   * query) and returns the session's claims; throws with a reason on any mismatch.
   */
  async complete(pending: PendingLogin, callbackUrl: URL, sessionTtlSeconds: number): Promise<SessionClaims> {
    const config = await this.discover();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw new Error(reasonOf(e));
    }
    const id = tokens.claims();
    if (!id) throw new Error('the issuer sent no ID token');
    const access = await (await this.accessTokenVerifier()).verify(tokens.access_token);
    if (access.subject !== id.sub) throw new Error('the access token and the ID token name different people');
    const claims: Record<string, unknown> = { ...id, ...access.claims };
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
    const config = await this.discover();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri }).href;
  }

  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Cached once it answers; a failure is retried on the next login rather than remembered.
    this.configuration ??= oidc
      .discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretPost(clientSecret), {
        timeout: REQUEST_TIMEOUT_SECONDS,
        // An http:// issuer is the operator's explicit choice (the embedded issuer and the dev
        // Keycloak on 127.0.0.1, compose's keycloak:8080); an https:// one stays TLS-only.
        ...(new URL(issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((e: unknown) => {
        this.configuration = undefined;
        throw new Error(`discovery of ${issuer} failed: ${reasonOf(e)}`);
      });
    return this.configuration;
  }

  private accessTokenVerifier(): Promise<TokenVerifier> {
    // issuer, audience (this client), expiry, signature, algorithm
    this.accessTokens ??= createTokenVerifier({ issuer: this.settings.issuer, audience: this.settings.clientId }).catch((e: unknown) => {
      this.accessTokens = undefined;
      throw e;
    });
    return this.accessTokens;
  }
}

/** One line for the sign-in page: the issuer's own error when it sent one, else what failed. */
function reasonOf(e: unknown): string {
  if (e instanceof oidc.ResponseBodyError) return `the issuer refused the code (${e.status} ${e.error} ${e.error_description ?? ''})`.trim();
  if (e instanceof oidc.AuthorizationResponseError) return `the issuer said: ${e.error} ${e.error_description ?? ''}`.trim();
  const cause = (e as { cause?: unknown }).cause;
  const why = e instanceof Error ? e.message : String(e);
  return cause instanceof Error && cause.message !== why ? `${why} (${cause.message})` : why;
}
