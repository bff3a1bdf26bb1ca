import { Module, type DynamicModule } from '@nestjs/common';
import { EVIDENCE_CONFIG, EvidenceService, type EvidenceConfig } from './evidence/evidence.service';
import { SheetController } from './http/sheet.controller';
import { FactsProjection, FEED_CONFIG, type FeedConfig } from './projection/facts-projection';
import { openDatabase, SQL_DATABASE, type StorageConfig } from './storage/storage';

export interface AssessmentModuleOptions {
  readonly storage: StorageConfig;
  readonly feed: FeedConfig;
  readonly evidence: EvidenceConfig;
}

@Module({})
export class AssessmentModule {
  static forRoot(options: AssessmentModuleOptions): DynamicModule {
    return {
      module: AssessmentModule,
      controllers: [SheetController],
      providers: [
        { provide: SQL_DATABASE, useFactory: () => openDatabase(options.storage) },
        { provide: FEED_CONFIG, useValue: options.feed },
        { provide: EVIDENCE_CONFIG, useValue: options.evidence },
        FactsProjection,
        EvidenceService,
      ],
      exports: [FactsProjection, EvidenceService],
    };
  }
}
