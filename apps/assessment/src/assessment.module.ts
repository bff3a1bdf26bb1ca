import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { checkWritableDatabase, type SqlDatabase, waitForDatabase } from '@educube/postgres';
import type { ReadinessCheck } from '@educube/service-kit';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AlertsConfig } from '@educube/alerts';
import { AlertsController } from './alerts/alerts.controller';
import { CLOCK, wallClock, type Clock } from './alerts/clock';
import { ALERTS_CONFIG, IndicatorAlerts } from './alerts/indicator-alerts';
import { EVIDENCE_CONFIG, EvidenceService, type EvidenceConfig } from './evidence/evidence.service';
import { ServiceTokens } from '@educube/oidc';
import { OrgDirectory, VisibleSchools } from '@educube/identity-client';
import { Scope, VISIBLE_SCHOOLS } from './http/access';
import { SheetController } from './http/sheet.controller';
import { StandingsController } from './http/standings.controller';
import { ORG_DIRECTORY } from './identity/org-directory';
import { StandingsService } from './standings/standings.service';
import { ReviewController } from './review/review.controller';
import { NingxiaRatingsStore } from './rulings/ningxia-ratings-store';
import { RulingsController } from './rulings/rulings.controller';
import { MAX_DOCUMENT_BYTES, ReviewService } from './review/review.service';
import { FactsProjection, FEED_CONFIG, FEED_FETCH, type FeedConfig } from './projection/facts-projection';
import { openDatabase, SQL_DATABASE, type StorageConfig } from './storage/storage';

export interface AssessmentModuleOptions {
  readonly storage: StorageConfig;
  readonly feed: FeedConfig;
  readonly evidence: EvidenceConfig;
  /** The alert rules' settings (`ALERTS_CONFIG`). */
  readonly alerts: AlertsConfig;
  /** The assessment's own client credentials: tokens for the warehouse's feed and for identity. */
  readonly serviceClient: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string } | undefined;
  readonly identityUrl: string;
  readonly audiences: { readonly warehouse: string; readonly identity: string };
  /** tests: visibility without an identity service */
  readonly visibleSchools?: VisibleSchools;
  /** tests: identity's organisation tree without an identity service */
  readonly directory?: OrgDirectory;
  /** tests: a fixed time for the alerts (default the wall clock) */
  readonly clock?: Clock;
}

/** Documents are uploaded as the raw file (application/pdf, image/png…): any type JSON does not claim arrives as bytes. */
@Injectable()
export class RawBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('*')) return;
    fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body));
  }
}

/** fetch() with the assessment's own token for one audience; without a client, calls go out bare and are refused. */
function serviceFetch(options: AssessmentModuleOptions, audience: string): (url: string, init?: RequestInit) => Promise<Response> {
  const client = options.serviceClient;
  if (!client) return (url, init) => fetch(url, init);
  const tokens = new ServiceTokens({ ...client, audience });
  return (url, init) => tokens.fetch(url, init);
}

/** Readiness: the assessment's database answers and takes writes (reviews, rulings, the feed's checkpoint). */
@Injectable()
export class AssessmentReadiness implements ReadinessCheck {
  readonly name = 'assessment-database';
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  check(): Promise<void> {
    return checkWritableDatabase(this.db);
  }
}

/**
 * The warehouse feed, reported but not required: sheets and reviews are served from what was
 * already applied while the feed is away, and the projection backs off and resumes by itself.
 */
@Injectable()
export class FeedReadiness implements ReadinessCheck {
  readonly name = 'warehouse-feed';
  readonly required = false;
  constructor(private readonly facts: FactsProjection) {}

  async check(): Promise<string> {
    const status = this.facts.status();
    if (status.error) throw new Error(`reading the feed fails, retrying with back-off: ${status.error}`);
    return `checkpoint ${status.checkpoint}; ${status.caughtUp ? 'at the end of the feed' : 'catching up'}`;
  }
}

@Module({})
export class AssessmentModule {
  static forRoot(options: AssessmentModuleOptions): DynamicModule {
    return {
      module: AssessmentModule,
      controllers: [SheetController, ReviewController, StandingsController, AlertsController, RulingsController],
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
        { provide: FEED_CONFIG, useValue: options.feed },
        { provide: EVIDENCE_CONFIG, useValue: options.evidence },
        { provide: ALERTS_CONFIG, useValue: options.alerts },
        { provide: CLOCK, useValue: options.clock ?? wallClock },
        { provide: FEED_FETCH, useFactory: () => serviceFetch(options, options.audiences.warehouse) },
        FactsProjection,
        {
          provide: VISIBLE_SCHOOLS,
          useFactory: () => options.visibleSchools ?? new VisibleSchools(options.identityUrl, serviceFetch(options, options.audiences.identity)),
        },
        // where each school sits for the roll-ups: identity's tree, never the feed (30 s cache inside)
        {
          provide: ORG_DIRECTORY,
          useFactory: () => options.directory ?? new OrgDirectory(options.identityUrl, serviceFetch(options, options.audiences.identity)),
        },
        EvidenceService,
        ReviewService,
        StandingsService,
        IndicatorAlerts,
        NingxiaRatingsStore,
        Scope,
        RawBodyParser,
        AssessmentReadiness,
        FeedReadiness,
      ],
      exports: [FactsProjection, EvidenceService, StandingsService, AssessmentReadiness, FeedReadiness],
    };
  }
}
