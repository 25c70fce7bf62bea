import { type DynamicModule, Module } from '@nestjs/common';
import { TOPIC_CATALOGUE, TOPICS, dlqTopicName } from '@ledgerhook/contracts';
import { DatabaseModule, PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '@ledgerhook/database';
import { KafkaModule } from '@ledgerhook/kafka';
import { platformImports, type Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import type { ReportRetrieverConfig } from './config/report-retriever.config';

/** What this service reads, writes and dead-letters to. */
const SERVICE_TOPICS = new Set<string>([TOPICS.credfinRaw, TOPICS.reports, dlqTopicName('report-retriever')]);

/** Fetches Credfin's reports, PDFs, HTML and bundles once they are ready and announces them. */
@Module({})
export class ReportRetrieverModule {
  static forRoot(config: ReportRetrieverConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: ReportRetrieverModule,
      imports: [
        ...platformImports('report-retriever', logger),
        KafkaModule.forService({
          config: config.kafka,
          client: kafka,
          topics: TOPIC_CATALOGUE.filter((topic) => SERVICE_TOPICS.has(topic.name)),
        }),
        DatabaseModule.forService({
          url: config.database.url,
          applicationName: 'report-retriever',
          entities: [...PLATFORM_ENTITIES],
          migrations: [...PLATFORM_MIGRATIONS],
          migrationsTableName: 'migrations_report_retriever',
        }),
      ],
    };
  }
}
