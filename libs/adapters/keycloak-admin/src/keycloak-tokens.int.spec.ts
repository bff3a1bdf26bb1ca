import { describeTokenCases } from '@educube/embedded-issuer/testing';

// The same table as the embedded issuer's, against the real Keycloak started by
// scripts/stack/keycloak.sh with scripts/stack/keycloak/realm-educube.json. No stand-ins.
const keycloak = process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:28080';
const issuer = `${keycloak}/realms/educube`;

async function token(form: Record<string, string>): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(form) });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused the token request (${res.status}): ${body.error_description}`);
  return body.access_token;
}

describeTokenCases('Keycloak', () => ({
  issuer,
  schoolSystemToken: () => token({ grant_type: 'client_credentials', client_id: 'timetabling-system', client_secret: 'dev-timetabling-secret' }),
  districtOfficerToken: () =>
    token({
      grant_type: 'password',
      client_id: 'educube-gateway',
      client_secret: 'dev-gateway-secret',
      username: 'officer.haishu',
      password: 'Passw0rd!',
      scope: 'openid',
    }),
  shortLivedToken: () => token({ grant_type: 'client_credentials', client_id: 'educube-shortlived', client_secret: 'dev-shortlived-secret' }),
}));
