import { type DynamicModule, Module } from '@nestjs/common';
import { TOPIC_CATALOGUE, TOPICS, dlqTopicName } from '@ledgerhook/contracts';
import { DatabaseModule, PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '@ledgerhook/database';
import { KafkaModule } from '@ledgerhook/kafka';
import { platformImports, type Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import type { IncomeScorerConfig } from './config/income-scorer.config';

/** What this service reads, writes and dead-letters to. */
const SERVICE_TOPICS = new Set<string>([
  TOPICS.creditchekRaw,
  TOPICS.incomeScores,
  dlqTopicName('income-scorer'),
]);

/** Scores CreditChek income insights and publishes the scores. */
@Module({})
export class IncomeScorerModule {
  static forRoot(config: IncomeScorerConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: IncomeScorerModule,
      imports: [
        ...platformImports('income-scorer', logger),
        KafkaModule.forService({
          config: config.kafka,
          client: kafka,
          topics: TOPIC_CATALOGUE.filter((topic) => SERVICE_TOPICS.has(topic.name)),
        }),
        DatabaseModule.forService({
          url: config.database.url,
          applicationName: 'income-scorer',
          entities: [...PLATFORM_ENTITIES],
          migrations: [...PLATFORM_MIGRATIONS],
          migrationsTableName: 'migrations_income_scorer',
        }),
      ],
    };
  }
}
