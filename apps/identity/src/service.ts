import { Authenticator } from '@educube/oidc';
import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';
import { DatabaseReadiness, IdentityModule } from './identity.module';
import { identityProblems } from './http/problem';

export const identityConfigSchema = baseConfigSchema
  .extend({
    PORT: portSchema(3001),
    /** postgres://… in the stack; unset in the embedded default, which keeps a PGlite database on disk. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    /** Where the embedded PGlite database lives (relative to the working directory); `memory://` keeps it in memory (tests). */
    IDENTITY_DATA_DIR: z.string().min(1).default('.data/identity'),
    /** Issuer whose tokens this deployment trusts: Keycloak's realm URL, or the embedded issuer. Required (see ALLOW_NO_ISSUER). */
    OIDC_ISSUER: z.url().optional(),
    /** Keys sealing names and identity-card numbers: `id:base64-of-32-bytes[,…]`, the first active. */
    IDENTITY_PII_KEYS: z
      .string()
      .regex(/^[\w-]{1,32}:[A-Za-z0-9+/=]+(,[\w-]{1,32}:[A-Za-z0-9+/=]+)*$/, 'must be id:base64[,id:base64…]')
      .optional(),
    /**
     * The secret the identity-card blind index is derived from, kept apart from the sealing keys so
     * rotating either leaves the other alone (base64 of at least 32 bytes). Setting it on a database
     * indexed without it needs one re-index (the service says so at start).
     */
    IDENTITY_BLIND_INDEX_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43,}={0,2}$/, 'must be base64 of at least 32 bytes')
      .optional(),
    /** This service's audience: the hub's services call identity with tokens for it. */
    OIDC_AUDIENCE: z.string().min(1).default('educube-identity'),
    /** The audience of people's tokens (signed in through the gateway); they are accepted here too. */
    OIDC_PEOPLE_AUDIENCE: z.string().min(1).default('educube-gateway'),
    /** Keycloak's base URL (http://127.0.0.1:28080 in the stack): role assignments are provisioned there. Unset: no provisioning. */
    KEYCLOAK_URL: z.url().optional(),
    KEYCLOAK_REALM: z.string().min(1).default('educube'),
    KEYCLOAK_ADMIN_USER: z.string().min(1).optional(),
    KEYCLOAK_ADMIN_PASSWORD: z.string().min(1).optional(),
    /** host:port[,host:port…]: roster facts are published to educube.roster.v1 there. Unset: read endpoint only. */
    KAFKA_BROKERS: z
      .string()
      .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'must be host:port[,host:port…]')
      .optional(),
  })
  .refine((c) => !c.KEYCLOAK_URL || (c.KEYCLOAK_ADMIN_USER && c.KEYCLOAK_ADMIN_PASSWORD), {
    path: ['KEYCLOAK_ADMIN_USER'],
    message: 'KEYCLOAK_URL needs KEYCLOAK_ADMIN_USER and KEYCLOAK_ADMIN_PASSWORD',
  });

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

/** Unified identity: the organisation tree, people and id links, scopes, and the registry import. */
export const identityService: ServiceDefinition<typeof identityConfigSchema> = {
  name: 'identity',
  configSchema: identityConfigSchema,
  imports: (config) => [
    IdentityModule.forRoot({
      storage: { databaseUrl: config.DATABASE_URL, dataDir: config.IDENTITY_DATA_DIR },
      pii: { keys: config.IDENTITY_PII_KEYS, blindIndexKey: config.IDENTITY_BLIND_INDEX_KEY, production: config.NODE_ENV === 'production' },
      roster: { kafkaBrokers: config.KAFKA_BROKERS?.split(',') },
      sso: {
        keycloakUrl: config.KEYCLOAK_URL,
        realm: config.KEYCLOAK_REALM,
        adminUsername: config.KEYCLOAK_ADMIN_USER,
        adminPassword: config.KEYCLOAK_ADMIN_PASSWORD,
      },
    }),
  ],
  readiness: [DatabaseReadiness],
  problems: identityProblems,
  description:
    'The organisation tree (regions, schools), people and their id links, roles, sealed personal data, the visibility rule the other services ask, and the audit log.',
  authenticator: (config) =>
    config.OIDC_ISSUER ? new Authenticator({ issuer: config.OIDC_ISSUER, audiences: [config.OIDC_AUDIENCE, config.OIDC_PEOPLE_AUDIENCE] }) : undefined,
};
