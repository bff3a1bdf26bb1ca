import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { EVIDENCE_CONFIG, EvidenceService, type EvidenceConfig } from './evidence/evidence.service';
import { Access, AUTH_CONFIG, type AuthConfig } from './http/access';
import { SheetController } from './http/sheet.controller';
import { ReviewController } from './review/review.controller';
import { MAX_DOCUMENT_BYTES, ReviewService } from './review/review.service';
import { FactsProjection, FEED_CONFIG, type FeedConfig } from './projection/facts-projection';
import { openDatabase, SQL_DATABASE, type StorageConfig } from './storage/storage';

export interface AssessmentModuleOptions {
  readonly storage: StorageConfig;
  readonly feed: FeedConfig;
  readonly evidence: EvidenceConfig;
  readonly auth: AuthConfig;
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

@Module({})
export class AssessmentModule {
  static forRoot(options: AssessmentModuleOptions): DynamicModule {
    return {
      module: AssessmentModule,
      controllers: [SheetController, ReviewController],
      providers: [
        { provide: SQL_DATABASE, useFactory: () => openDatabase(options.storage) },
        { provide: FEED_CONFIG, useValue: options.feed },
        { provide: EVIDENCE_CONFIG, useValue: options.evidence },
        FactsProjection,
        { provide: AUTH_CONFIG, useValue: options.auth },
        EvidenceService,
        ReviewService,
        Access,
        RawBodyParser,
      ],
      exports: [FactsProjection, EvidenceService],
    };
  }
}
