import { TOPIC_PARTITIONS, TOPICS } from '@educube/contracts';
import { Authenticator } from '@educube/oidc';
import { baseConfigSchema, portSchema, type ServiceDefinition } from '@educube/service-kit';
import { z } from 'zod';
import { alertsConfigEnv } from './alerts/options';
import { KafkaReadiness } from './kafka/kafka-ingestion';
import { WarehouseModule, WarehouseReadiness, type WarehouseModuleOptions } from './warehouse.module';
import { warehouseProblems } from './http/problem';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const warehouseConfigSchema = baseConfigSchema.extend({
  PORT: portSchema(3002),
  /** A postgres:// URL for the stack; unset means PGlite at WAREHOUSE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Where the embedded PGlite database lives; `memory://` keeps it in memory (tests). */
  WAREHOUSE_DATA_DIR: z.string().min(1).default('.data/warehouse'),
  DATABASE_POOL_SIZE: positiveInt(10),
  /** Comma-separated host:port list; unset means HTTP ingestion only. */
  KAFKA_BROKERS: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'must be a comma-separated list of host:port')
    .optional(),
  KAFKA_GROUP_ID: z.string().min(1).default('educube-warehouse'),
  /**
   * Partitions of each family topic when the warehouse creates it: 3, as the stack's broker
   * (num.partitions) and the deployments, whose warehouse replica counts stop at it.
   */
  KAFKA_PARTITIONS: positiveInt(TOPIC_PARTITIONS),
  /**
   * Partitions handed over at once (each keeps its order and commits its own offsets); their
   * batches are gathered into shared pipeline runs. Default: every partition of the 7 family
   * topics, so one fetch makes one run.
   */
  KAFKA_CONCURRENCY: positiveInt(TOPIC_PARTITIONS * Object.keys(TOPICS).length),
  /** Pipeline runs at once on the Kafka channel; batches arriving meanwhile go together into the next run. */
  KAFKA_RUNS_IN_FLIGHT: positiveInt(3),
  /** A gathered run takes whole partition batches up to this many records. */
  KAFKA_RUN_MAX_EVENTS: positiveInt(2_000),
  /** The Kafka client behind the port: kafkajs (default) or @platformatic/kafka. */
  KAFKA_CLIENT: z.enum(['kafkajs', 'platformatic']).default('kafkajs'),
  /** A crashed consumer's partitions wait this long for a new owner (the broker allows 6000 and up). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(30_000),
  /** The identity service: school registry and person-link resolution. */
  IDENTITY_URL: z.url().default('http://127.0.0.1:3001'),
  /** The issuer of every token the warehouse accepts (Keycloak's realm, or the embedded issuer). Required (see ALLOW_NO_ISSUER). */
  OIDC_ISSUER: z.url().optional(),
  /** This service's audience: the hub's services (assessment's feed) call with tokens for it. */
  OIDC_AUDIENCE: z.string().min(1).default('educube-warehouse'),
  /** School systems' tokens are for this audience; they open ingestion and nothing else. */
  OIDC_INGEST_AUDIENCE: z.string().min(1).default('educube-ingest'),
  /** People's tokens (signed in through the gateway): officers read dead letters and health. */
  OIDC_PEOPLE_AUDIENCE: z.string().min(1).default('educube-gateway'),
  /** The warehouse's own client (client credentials) for calling identity. */
  SERVICE_CLIENT_ID: z.string().min(1).default('educube-warehouse'),
  SERVICE_CLIENT_SECRET: z.string().min(1).optional(),
  IDENTITY_AUDIENCE: z.string().min(1).default('educube-identity'),
  INGEST_MAX_BODY_BYTES: positiveInt(5 * 1024 * 1024),
  INGEST_MAX_BATCH: positiveInt(1_000),
  /** How often parked events are retried against identity; 0 disables. */
  PARKED_RETRY_MS: z.coerce.number().int().min(0).default(5_000),
  /** How often the school-months the projection marked are recomputed into the district roll-up; 0 disables. */
  ACTIVITY_ROLLUP_MS: z.coerce.number().int().min(0).default(1_000),
  /** How often the districts the roll-up used are compared with identity's tree (moved schools follow); 0 disables. */
  ACTIVITY_RECONCILE_MS: z.coerce.number().int().min(0).default(60_000),
  /** A source that sent before and nothing for this many minutes is silent in ingestion health. */
  INGEST_SILENT_MINUTES: positiveInt(60),
  ...alertsConfigEnv,
});

export type WarehouseConfig = z.infer<typeof warehouseConfigSchema>;

/** The module's options from validated config (tests add an in-memory identity to them). */
export function moduleOptions(config: WarehouseConfig): WarehouseModuleOptions {
  return {
    storage: { databaseUrl: config.DATABASE_URL, dataDir: config.WAREHOUSE_DATA_DIR, poolSize: config.DATABASE_POOL_SIZE },
    serviceClient:
      config.OIDC_ISSUER && config.SERVICE_CLIENT_SECRET
        ? {
            issuer: config.OIDC_ISSUER,
            clientId: config.SERVICE_CLIENT_ID,
            clientSecret: config.SERVICE_CLIENT_SECRET,
            identityAudience: config.IDENTITY_AUDIENCE,
          }
        : undefined,
    limits: { maxBodyBytes: config.INGEST_MAX_BODY_BYTES, maxBatch: config.INGEST_MAX_BATCH },
    kafka: {
      brokers: config.KAFKA_BROKERS?.split(','),
      groupId: config.KAFKA_GROUP_ID,
      partitions: config.KAFKA_PARTITIONS,
      concurrency: config.KAFKA_CONCURRENCY,
      runsInFlight: config.KAFKA_RUNS_IN_FLIGHT,
      maxRunEvents: config.KAFKA_RUN_MAX_EVENTS,
      client: config.KAFKA_CLIENT,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    },
    identityUrl: config.IDENTITY_URL,
    parkedRetryMs: config.PARKED_RETRY_MS,
    activity: { rollupMs: config.ACTIVITY_ROLLUP_MS, reconcileMs: config.ACTIVITY_RECONCILE_MS, silentMinutes: config.INGEST_SILENT_MINUTES },
    alerts: { config: config.ALERTS_CONFIG, holidays: config.ALERTS_CALENDAR, evaluateMs: config.ALERTS_EVALUATE_MS },
  };
}

/** Ingestion (HTTP and Kafka), the event store, dead letters, parking, read models, ingestion health and its alerts. */
export const warehouseService: ServiceDefinition<typeof warehouseConfigSchema> = {
  name: 'data-warehouse',
  configSchema: warehouseConfigSchema,
  imports: (config) => [WarehouseModule.forRoot(moduleOptions(config))],
  readiness: [WarehouseReadiness, KafkaReadiness],
  problems: warehouseProblems,
  description:
    "Ingestion of school systems' CloudEvents (HTTP and Kafka), the event store and its feed, dead letters, parking, activity read models, ingestion health and its alerts.",
  authenticator: (config) =>
    config.OIDC_ISSUER
      ? new Authenticator({ issuer: config.OIDC_ISSUER, audiences: [config.OIDC_AUDIENCE, config.OIDC_INGEST_AUDIENCE, config.OIDC_PEOPLE_AUDIENCE] })
      : undefined,
};
