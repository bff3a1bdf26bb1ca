/** The real Keycloak of scripts/stack, for the integration tests: tokens as people and clients get them. */
export const KEYCLOAK_URL = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
export const KEYCLOAK_ISSUER = `${KEYCLOAK_URL}/realms/educube`;

async function tokenOf(form: Record<string, string>, who: string): Promise<string> {
  const res = await fetch(`${KEYCLOAK_ISSUER}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(form) });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`token for ${who} refused by Keycloak: ${body.error_description}`);
  return body.access_token;
}

/** A person's access token, signed in through the gateway's client (audience educube-gateway). */
export const passwordToken = (username: string, password: string): Promise<string> =>
  tokenOf({ grant_type: 'password', client_id: 'educube-gateway', client_secret: 'dev-gateway-secret', username, password, scope: 'openid' }, username);

/** A confidential client's own token (client credentials): a school system's, or a hub service's. */
export const clientToken = (clientId: string, secret: string): Promise<string> =>
  tokenOf({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }, clientId);

export const bearer = (token: string): { authorization: string } => ({ authorization: `Bearer ${token}` });

/** The claims of a JWT, unverified: to say in a test what Keycloak put in it (the service verifies). */
export const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
