import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PostgresEventStore } from '@educube/event-store';
import { AuditLog, PersonalDataStore } from '@educube/identity-privacy';
import { checkWritableDatabase, type SqlDatabase, waitForDatabase } from '@educube/postgres';
import type { ReadinessCheck } from '@educube/service-kit';
import type { FastifyInstance } from 'fastify';
import { Access } from './auth/access';
import { IdentityController } from './http/identity.controller';
import { ROSTER_CONFIG, RosterController, RosterPublisher, type RosterConfig } from './roster/roster';
import { SSO_CONFIG, SsoController, SsoProvisioning, type SsoConfig } from './sso/sso';
import { IdentityState } from './storage/identity-state';
import { AUDIT_LOG, EVENT_STORE, openDatabase, openVault, PERSONAL_DATA, SQL_DATABASE, type StorageConfig } from './storage/storage';

/** Readiness: one round trip to the database the events and the audit log live in. */
@Injectable()
export class DatabaseReadiness implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'identity-database';
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  check(): Promise<void> {
    return checkWritableDatabase(this.db);
  }

  /** The store and the audit log share this connection; it closes once, last. */
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** Lets the registry import take its file as `text/csv`, the way registries are exported. */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }
}

export interface IdentityModuleOptions {
  readonly storage: StorageConfig;
  readonly pii: { readonly keys: string | undefined; readonly blindIndexKey?: string | undefined; readonly production: boolean };
  readonly sso: SsoConfig;
  readonly roster: RosterConfig;
}

@Module({})
export class IdentityModule {
  static forRoot(options: IdentityModuleOptions): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [IdentityController, SsoController, RosterController],
      providers: [
        // a database that is not up yet is waited for, not a reason to exit into a crash loop
        {
          provide: SQL_DATABASE,
          useFactory: async () => {
            const db = openDatabase(options.storage);
            await waitForDatabase(db);
            return db;
          },
        },
        { provide: EVENT_STORE, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => PostgresEventStore.open(db) },
        { provide: AUDIT_LOG, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => AuditLog.open(db) },
        {
          provide: PERSONAL_DATA,
          inject: [SQL_DATABASE],
          useFactory: (db: SqlDatabase) =>
            PersonalDataStore.open(db, openVault(options.pii.keys, options.storage.dataDir, options.pii.production, options.pii.blindIndexKey).vault),
        },
        DatabaseReadiness,
        CsvBodyParser,
        IdentityState,
        Access,
        { provide: SSO_CONFIG, useValue: options.sso },
        SsoProvisioning,
        { provide: ROSTER_CONFIG, useValue: options.roster },
        RosterPublisher,
      ],
      exports: [DatabaseReadiness, IdentityState, AUDIT_LOG],
    };
  }
}
