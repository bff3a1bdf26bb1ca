import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AlertStreams } from '@educube/alert-streams';
import { PostgresEventStore, type EventStore } from '@educube/event-store';
import { checkWritableDatabase, type SqlDatabase, waitForDatabase } from '@educube/postgres';
import type { ReadinessCheck } from '@educube/service-kit';
import type { FastifyInstance } from 'fastify';
import { ReadScope, VISIBLE_SCHOOLS } from './http/auth';
import { ServiceTokens } from '@educube/oidc';
import { OrgDirectory, VisibleSchools } from '@educube/identity-client';
import { ACTIVITY_CONFIG, ActivityRollup, ORG_DIRECTORY, type ActivityConfig } from './activity/rollup';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts/options';
import { SourceFacts } from './alerts/source-facts';
import { CLOCK, systemClock, type Clock } from './clock';
import { ActivityController } from './http/activity.controller';
import { EventsController, INGEST_LIMITS, type IngestLimits } from './http/events.controller';
import { FeedController } from './http/feed.controller';
import { HealthController } from './http/health.controller';
import { HttpIdentityLookup, IDENTITY_LOOKUP, type IdentityLookup } from './identity/identity-client';
import { Ingestor } from './ingest/ingestor';
import { IngestionStats } from './ingest/stats';
import { KAFKA_CONFIG, KafkaIngestion, KafkaReadiness, type KafkaIngestionConfig } from './kafka/kafka-ingestion';
import { Projector } from './projection/projector';
import { IngestionRecords } from './storage/dead-letters';
import { DATABASE, EVENT_STORE, openDatabase, SQL_DATABASE, type Database, type StorageConfig } from './storage/storage';

/** Readiness: the database answers and takes writes; the shared connection closes last. */
@Injectable()
export class WarehouseReadiness implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'warehouse-database';
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  check(): Promise<void> {
    return checkWritableDatabase(this.db);
  }

  async onApplicationShutdown(): Promise<void> {
    // the store first gives back its LISTEN connection, then closes the pool: a pool's end()
    // waits for every checked-out client, so closing the pool alone would never return
    await this.store.close();
  }
}

/**
 * Takes the body of event batches as bytes: the controller checks size, UTF-8 and JSON itself
 * so each refusal names its rule, and a dead letter keeps the bytes exactly as they came.
 */
@Injectable()
export class RawJsonBody implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.removeContentTypeParser(['application/json', 'text/plain']);
    fastify.addContentTypeParser(
      ['application/json', 'application/cloudevents-batch+json', 'application/cloudevents+json'],
      { parseAs: 'buffer' },
      (_req, body, done) => done(null, body),
    );
    // any other media type, or none (the Python SDK's binary mode sends no content-type for JSON
    // data), arrives as bytes too: the controller decides by the ce-* headers what it is
    if (!fastify.hasContentTypeParser('*')) fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }
}

/** Retries parked events every few seconds: they are appended once identity learns the link. */
@Injectable()
export class ParkedRetry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('parked-retry');
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly ingestor: Ingestor,
    @Inject('PARKED_RETRY_MS') private readonly everyMs: number,
  ) {}

  onModuleInit(): void {
    if (this.everyMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  async tick(): Promise<{ appended: number; stillParked: number } | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      return await this.ingestor.retryParked();
    } catch (error) {
      this.logger.warn(`retrying parked events failed (identity unavailable?): ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** fetch() with the warehouse's own token; without a client (no issuer) calls go out bare and identity refuses them. */
const serviceFetch = (tokens: ServiceTokens | undefined) => (url: string, init?: RequestInit) => (tokens ? tokens.fetch(url, init) : fetch(url, init));

export interface WarehouseModuleOptions {
  readonly storage: StorageConfig;
  /** the warehouse's own client credentials, for calling identity; undefined without an issuer */
  readonly serviceClient: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string; readonly identityAudience: string } | undefined;
  readonly limits: IngestLimits;
  readonly kafka: KafkaIngestionConfig;
  readonly identityUrl: string;
  readonly parkedRetryMs: number;
  /** tests and benchmarks: identity answers from memory */
  readonly identity?: IdentityLookup;
  /** tests: which schools each caller may see, without an identity service */
  readonly visibleSchools?: VisibleSchools;
  /** the monthly activity roll-up and ingestion silence */
  readonly activity: ActivityConfig;
  /** tests: identity's organisation tree from memory (directoryFrom) */
  readonly directory?: OrgDirectory;
  /** the alert rules the warehouse evaluates (ADR 4) */
  readonly alerts: AlertsOptions;
  /** tests: the time receipts are stamped with and alerts are judged at */
  readonly clock?: Clock;
}

@Module({})
export class WarehouseModule {
  static forRoot(options: WarehouseModuleOptions): DynamicModule {
    return {
      module: WarehouseModule,
      controllers: [EventsController, HealthController, FeedController, ActivityController, AlertsController],
      providers: [
        // a database that is not up yet is waited for, not a reason to exit into a crash loop
        {
          provide: DATABASE,
          useFactory: async (): Promise<Database> => {
            const database = openDatabase(options.storage);
            await waitForDatabase(database.db);
            return database;
          },
        },
        { provide: SQL_DATABASE, inject: [DATABASE], useFactory: (d: Database) => d.db },
        { provide: EVENT_STORE, inject: [DATABASE], useFactory: (d: Database) => PostgresEventStore.open(d.db, { notifications: d.notifications }) },
        { provide: IngestionRecords, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => IngestionRecords.open(db) },
        // after IngestionRecords, which creates the `warehouse` schema too: PostgreSQL's `create schema
        // if not exists` fails on a concurrent one (a unique violation in pg_namespace)
        { provide: SourceFacts, inject: [SQL_DATABASE, IngestionRecords], useFactory: (db: SqlDatabase) => SourceFacts.open(db) },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: ServiceTokens,
          useFactory: () =>
            options.serviceClient
              ? new ServiceTokens({
                  issuer: options.serviceClient.issuer,
                  clientId: options.serviceClient.clientId,
                  clientSecret: options.serviceClient.clientSecret,
                  audience: options.serviceClient.identityAudience,
                })
              : undefined,
        },
        {
          provide: IDENTITY_LOOKUP,
          inject: [ServiceTokens],
          useFactory: (tokens: ServiceTokens | undefined) => options.identity ?? new HttpIdentityLookup(options.identityUrl, serviceFetch(tokens)),
        },
        {
          provide: VISIBLE_SCHOOLS,
          inject: [ServiceTokens],
          useFactory: (tokens: ServiceTokens | undefined) => options.visibleSchools ?? new VisibleSchools(options.identityUrl, serviceFetch(tokens)),
        },
        ReadScope,
        // the district of each school comes from identity's tree, never from what its events say
        {
          provide: ORG_DIRECTORY,
          inject: [ServiceTokens],
          useFactory: (tokens: ServiceTokens | undefined) => options.directory ?? new OrgDirectory(options.identityUrl, serviceFetch(tokens)),
        },
        { provide: ACTIVITY_CONFIG, useValue: options.activity },
        ActivityRollup,
        { provide: INGEST_LIMITS, useValue: options.limits },
        { provide: KAFKA_CONFIG, useValue: options.kafka },
        { provide: 'PARKED_RETRY_MS', useValue: options.parkedRetryMs },
        WarehouseReadiness,
        KafkaReadiness,
        RawJsonBody,
        IngestionStats,
        Ingestor,
        Projector,
        KafkaIngestion,
        ParkedRetry,
        // alerts-<district> streams live beside the school streams: the projector and the feed read only school-<code>
        { provide: AlertStreams, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AlertStreams(store) },
        { provide: ALERTS_OPTIONS, useValue: options.alerts },
        AlertsService,
      ],
      exports: [WarehouseReadiness, KafkaReadiness, Ingestor, Projector, ParkedRetry, ActivityRollup, AlertsService, SourceFacts, EVENT_STORE, SQL_DATABASE],
    };
  }
}
