import { IdentityUnavailable } from '@educube/identity-client';
import { describeDatabaseError, isTransientDatabaseError } from '@educube/postgres';
import { Authenticator, TokenError } from '@educube/oidc';
import { baseConfigSchema, portSchema, Problem, type ProblemTranslator, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';
import { alertsConfigVariable } from '@educube/alert-streams';
import { AssessmentModule, AssessmentReadiness, FeedReadiness, type AssessmentModuleOptions } from './assessment.module';

export const assessmentConfigSchema = baseConfigSchema.extend({
  PORT: portSchema(3003),
  /** The data warehouse whose feed (`GET /v1/feed`) the assessment follows. */
  WAREHOUSE_URL: z.url().default('http://127.0.0.1:3002'),
  /** A postgres:// URL for the stack; unset means PGlite at ASSESSMENT_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Where the embedded PGlite database lives; `memory://` keeps it in memory (tests). */
  ASSESSMENT_DATA_DIR: z.string().min(1).default('.data/assessment'),
  ASSESSMENT_FEED_PAGE: z.coerce.number().int().min(1).max(5_000).default(1_000),
  ASSESSMENT_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  /** A fixed assessment date for stored evidence (demos, tests); unset: today in China time. */
  ASSESSMENT_AS_OF: z.iso.date().optional(),
  /** How often schools whose facts changed are re-evaluated into stored evidence. */
  /** The OIDC issuer whose tokens the API accepts (Keycloak's realm, or the embedded issuer). Required (see ALLOW_NO_ISSUER). */
  OIDC_ISSUER: z.url().optional(),
  /** This service's audience (the gateway calls with tokens for it). */
  OIDC_AUDIENCE: z.string().min(1).default('educube-assessment'),
  /** People's tokens (signed in through the gateway) are accepted too. */
  OIDC_PEOPLE_AUDIENCE: z.string().min(1).default('educube-gateway'),
  /** Identity: the one visibility rule and each school's region. */
  IDENTITY_URL: z.url().default('http://127.0.0.1:3001'),
  /** The assessment's own client (client credentials) for the warehouse feed and identity. */
  SERVICE_CLIENT_ID: z.string().min(1).default('educube-assessment'),
  SERVICE_CLIENT_SECRET: z.string().min(1).optional(),
  WAREHOUSE_AUDIENCE: z.string().min(1).default('educube-warehouse'),
  IDENTITY_AUDIENCE: z.string().min(1).default('educube-identity'),
  ASSESSMENT_EVIDENCE_REFRESH_MS: z.coerce.number().int().min(10).default(1_000),
  /** The alert rules' settings as JSON (`@educube/alerts`' configuration); unset: its defaults. */
  ALERTS_CONFIG: alertsConfigVariable,
});

export type AssessmentConfig = z.infer<typeof assessmentConfigSchema>;

export function moduleOptions(config: AssessmentConfig): AssessmentModuleOptions {
  return {
    storage: { databaseUrl: config.DATABASE_URL, dataDir: config.ASSESSMENT_DATA_DIR },
    feed: { warehouseUrl: config.WAREHOUSE_URL, pageSize: config.ASSESSMENT_FEED_PAGE, pollMs: config.ASSESSMENT_POLL_MS },
    serviceClient:
      config.OIDC_ISSUER && config.SERVICE_CLIENT_SECRET
        ? { issuer: config.OIDC_ISSUER, clientId: config.SERVICE_CLIENT_ID, clientSecret: config.SERVICE_CLIENT_SECRET }
        : undefined,
    identityUrl: config.IDENTITY_URL,
    audiences: { warehouse: config.WAREHOUSE_AUDIENCE, identity: config.IDENTITY_AUDIENCE },
    evidence: { asOf: config.ASSESSMENT_AS_OF, refreshMs: config.ASSESSMENT_EVIDENCE_REFRESH_MS },
    alerts: config.ALERTS_CONFIG,
  };
}

/** The assessment's adapters' errors as problems (service-kit's filter answers them; it knows no adapter). */
export const assessmentProblems: ProblemTranslator = (error) => {
  if (error instanceof TokenError) return new Problem(401, 'Unauthenticated', error.message, [{ path: 'authorization', rule: error.code }]);
  if (error instanceof IdentityUnavailable)
    return new Problem(503, 'Unavailable', `who may see which school is identity's to say, and it did not answer: ${error.message}`, [
      { path: '', rule: 'identity-available' },
    ]);
  if (isTransientDatabaseError(error)) return Problem.unavailable('database', describeDatabaseError(error), 5, 'nothing already recorded is lost or changed.');
  return undefined;
};

/** Indicator evidence and score sheets from the event streams, projected from the warehouse feed. */
export const assessmentService: ServiceDefinition<typeof assessmentConfigSchema> = {
  name: 'assessment',
  configSchema: assessmentConfigSchema,
  imports: (config) => [AssessmentModule.forRoot(moduleOptions(config))],
  readiness: [AssessmentReadiness, FeedReadiness],
  problems: assessmentProblems,
  description:
    'Indicator evidence, score sheets and standings per standard, projected from the warehouse feed; reviews, attestations, overrides, rulings and alerts.',
  authenticator: (config) =>
    config.OIDC_ISSUER ? new Authenticator({ issuer: config.OIDC_ISSUER, audiences: [config.OIDC_AUDIENCE, config.OIDC_PEOPLE_AUDIENCE] }) : undefined,
};
