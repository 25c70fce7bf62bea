import { type DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@ledgerhook/contracts';
import { consumerServiceImports } from '@ledgerhook/consumer';
import type { Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import type { ReportRetrieverConfig } from './config/report-retriever.config';

/** Fetches Credfin's reports, PDFs, HTML and bundles once they are ready and announces them. Its consumer arrives with its own issue. */
@Module({})
export class ReportRetrieverModule {
  static forRoot(config: ReportRetrieverConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: ReportRetrieverModule,
      imports: consumerServiceImports({
        service: 'report-retriever',
        kafka,
        kafkaConfig: config.kafka,
        databaseUrl: config.database.url,
        logger,
        topics: [TOPICS.credfinRaw, TOPICS.reports],
      }),
    };
  }
}
