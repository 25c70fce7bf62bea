import { type DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@ledgerhook/contracts';
import { consumerServiceImports } from '@ledgerhook/consumer';
import { type Logger, ReadApiAuthModule } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import { Borrower } from './borrowers/borrower.entity';
import { INCOME_SCORER, type IncomeScorerConfig } from './config/income-scorer.config';
import { IncomeScoringController } from './consumer/income-scoring.controller';
import { IncomeScoring } from './consumer/income-scoring.service';
import { INCOME_SCORER_CONFIG } from './income-scorer.tokens';
import { CreateScoringSchema1795708800000 } from './migrations/1795708800000-create-scoring-schema';
import { ScoreResult } from './scores/score-result.entity';
import { ScoresController } from './scores/scores.controller';

/**
 * Folds CreditChek's events per borrower (@EventPattern on webhooks.creditchek.v1) into schema
 * `scoring`, publishes each new result on lending.income-scores.v1 and serves them on the read API.
 */
@Module({})
export class IncomeScorerModule {
  static forRoot(config: IncomeScorerConfig, kafka: Kafka, logger: Logger): DynamicModule {
    return {
      module: IncomeScorerModule,
      imports: [
        ReadApiAuthModule.forService(config.readApiTokens),
        ...consumerServiceImports({
          service: INCOME_SCORER,
          kafka,
          kafkaConfig: config.kafka,
          databaseUrl: config.database.url,
          logger,
          topics: [TOPICS.creditchekRaw, TOPICS.incomeScores],
          entities: [Borrower, ScoreResult],
          migrations: [CreateScoringSchema1795708800000],
          consumer: {
            groupId: config.groupId,
            topicOverrides: config.topicOverrides,
            // The scorer reads bodies as sent: an insight that breaks the contract is a "no score".
            typedProviderEvents: false,
          },
        }),
      ],
      controllers: [IncomeScoringController, ScoresController],
      providers: [{ provide: INCOME_SCORER_CONFIG, useValue: config }, IncomeScoring],
    };
  }
}
