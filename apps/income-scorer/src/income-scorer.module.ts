import { type DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@ledgerhook/contracts';
import { consumerServiceImports } from '@ledgerhook/consumer';
import type { Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import type { IncomeScorerConfig } from './config/income-scorer.config';

/** Scores CreditChek income insights and publishes the scores. Its consumer arrives with its own issue. */
@Module({})
export class IncomeScorerModule {
  static forRoot(config: IncomeScorerConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: IncomeScorerModule,
      imports: consumerServiceImports({
        service: 'income-scorer',
        kafka,
        kafkaConfig: config.kafka,
        databaseUrl: config.database.url,
        logger,
        topics: [TOPICS.creditchekRaw, TOPICS.incomeScores],
      }),
    };
  }
}
