import { join } from 'node:path';
import { Authenticator, ServiceTokens } from '@educube/oidc';
import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';
import { AuthModule } from './auth/auth.module';
import { CockpitModule } from './cockpit/cockpit.module';
import { GatewayGraphqlModule, graphqlRoutes } from './graphql/graphql.module';
import { SessionOrBearer } from './auth/session-authenticator';

export const gatewayConfigSchema = baseConfigSchema
  .extend({
    PORT: portSchema(3000),
    /** Health URLs of the other services, shown on the cockpit's status strip. */
    UPSTREAM_HEALTH_URLS: z
      .string()
      .default('identity=http://127.0.0.1:3001,data-warehouse=http://127.0.0.1:3002,assessment=http://127.0.0.1:3003')
      .transform((value, ctx) => {
        const entries = value
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split('='));
        const bad = entries.find(([name, url]) => !name || !url || !URL.canParse(url));
        if (bad) {
          ctx.addIssue({ code: 'custom', message: `each entry must be name=http://host:port, not "${bad.join('=')}"` });
          return z.NEVER;
        }
        return entries.map(([name, url]) => ({ name: name as string, url: url as string }));
      }),
    /** The OpenID Connect issuer people sign in at (Keycloak's realm URL, or the embedded issuer). Unset: login disabled. */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).default('educube-gateway'),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The gateway's own base URL as browsers reach it (for the redirect URI); unset: taken from the Host header. */
    PUBLIC_URL: z.url().optional(),
    /** Signs the session and login cookies (HMAC-SHA256); at least 32 characters. */
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(86_400)
      .default(8 * 3600),
    /** The gateway's own client for calling the other services (client credentials, realm role hub_service). */
    SERVICE_CLIENT_ID: z.string().min(1).default('educube-gateway-service'),
    SERVICE_CLIENT_SECRET: z.string().min(1).optional(),
    WAREHOUSE_AUDIENCE: z.string().min(1).default('educube-warehouse'),
    IDENTITY_AUDIENCE: z.string().min(1).default('educube-identity'),
    ASSESSMENT_AUDIENCE: z.string().min(1).default('educube-assessment'),
    /** Where the gateway's GraphQL reads from: the services that own the data. */
    IDENTITY_URL: z.url().default('http://127.0.0.1:3001'),
    WAREHOUSE_URL: z.url().default('http://127.0.0.1:3002'),
    ASSESSMENT_URL: z.url().default('http://127.0.0.1:3003'),
    /** The built cockpit app (`npm run cockpit:build`); without it `/` shows the status page. */
    COCKPIT_DIR: z
      .string()
      .min(1)
      .default(join(__dirname, '..', '..', '..', 'dist', 'cockpit')),
    /** Limits checked before any resolver runs (GraphQL Armor). */
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(100).default(15),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(100_000).default(3_000),
    /** How often live subscriptions poll the owning service while someone listens. */
    LIVE_POLL_MS: z.coerce.number().int().min(200).max(600_000).default(5_000),
    /** Region-level answers (standings, activity, ingestion of a region) are shared between callers this long; 0 turns it off. */
    UPSTREAM_SHARED_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  })
  .superRefine((config, ctx) => {
    if (!config.OIDC_ISSUER) return;
    for (const name of ['OIDC_CLIENT_SECRET', 'SESSION_SECRET'] as const) {
      if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when OIDC_ISSUER is set' });
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** fetch() with the gateway's client-credentials token for one audience; plain fetch without an issuer (the services then answer 401). */
function serviceFetch(config: GatewayConfig, audience: string): (url: string, init?: RequestInit) => Promise<Response> {
  if (!config.OIDC_ISSUER || !config.SERVICE_CLIENT_SECRET) return (url, init) => fetch(url, init);
  const tokens = new ServiceTokens({ issuer: config.OIDC_ISSUER, clientId: config.SERVICE_CLIENT_ID, clientSecret: config.SERVICE_CLIENT_SECRET, audience });
  return (url, init) => tokens.fetch(url, init);
}

const graphqlRequest = z
  .object({ query: z.string(), variables: z.record(z.string(), z.unknown()).optional(), operationName: z.string().optional() })
  .meta({ id: 'GraphqlRequest' });
const graphqlAnswer = z
  .object({ data: z.unknown().optional(), errors: z.array(z.looseObject({ message: z.string() })).optional() })
  .meta({ id: 'GraphqlAnswer' });

/** GraphQL for officers (region roll-ups, school drill-down, live subscriptions), the status page and sign-in. */
export const gatewayService: ServiceDefinition<typeof gatewayConfigSchema> = {
  name: 'gateway',
  configSchema: gatewayConfigSchema,
  imports: (config) => [
    CockpitModule.forRoot(
      config.UPSTREAM_HEALTH_URLS,
      config.OIDC_ISSUER && config.SERVICE_CLIENT_SECRET
        ? new ServiceTokens({
            issuer: config.OIDC_ISSUER,
            clientId: config.SERVICE_CLIENT_ID,
            clientSecret: config.SERVICE_CLIENT_SECRET,
            audience: config.WAREHOUSE_AUDIENCE,
          })
        : undefined,
      config.COCKPIT_DIR,
    ),
    GatewayGraphqlModule.forRoot({
      production: config.NODE_ENV === 'production',
      identityUrl: config.IDENTITY_URL,
      assessmentUrl: config.ASSESSMENT_URL,
      warehouseUrl: config.WAREHOUSE_URL,
      fetchFor: {
        identity: serviceFetch(config, config.IDENTITY_AUDIENCE),
        assessment: serviceFetch(config, config.ASSESSMENT_AUDIENCE),
        warehouse: serviceFetch(config, config.WAREHOUSE_AUDIENCE),
      },
      limits: {
        maxDepth: config.GRAPHQL_MAX_DEPTH,
        maxAliases: config.GRAPHQL_MAX_ALIASES,
        maxCost: config.GRAPHQL_MAX_COST,
        maxTokens: config.GRAPHQL_MAX_TOKENS,
      },
      livePollMs: config.LIVE_POLL_MS,
      sharedMs: config.UPSTREAM_SHARED_MS,
    }),
    AuthModule.forRoot({
      ...(config.OIDC_ISSUER && config.OIDC_CLIENT_SECRET && config.SESSION_SECRET
        ? {
            oidc: {
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
              sessionSecret: config.SESSION_SECRET,
            },
          }
        : {}),
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
      sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    }),
  ],
  routes: () => graphqlRoutes(),
  // GraphQL is described by its own schema (docs/graphql.md); the document says only how to reach it
  routeSpecs: {
    'GET /graphql': {
      summary: 'a GraphQL query in the URL (queries only)',
      query: graphqlRequest.partial({ variables: true, operationName: true }).extend({ variables: z.string().optional() }),
      response: graphqlAnswer,
    },
    'POST /graphql': { summary: 'a GraphQL operation', body: graphqlRequest, response: graphqlAnswer },
  },
  description: "The officers' door: GraphQL (region roll-ups, school drill-down, live subscriptions), the cockpit app and its status strip, and sign-in.",
  // people's tokens are for the gateway (its own client)
  // a bearer token of the gateway's own audience, or the session of a person signed in here
  authenticator: (config) =>
    config.OIDC_ISSUER ? new SessionOrBearer(new Authenticator({ issuer: config.OIDC_ISSUER, audiences: [config.OIDC_CLIENT_ID] })) : undefined,
};
