import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { TOPICS } from '@ledgerhook/contracts';
import { consumerServiceImports } from '@ledgerhook/consumer';
import { type Logger, ReadApiAuthModule } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { awaitedInsights } from './borrowers/awaited-insights';
import { Borrower } from './borrowers/borrower.entity';
import { INCOME_SCORER, type IncomeScorerConfig } from './config/income-scorer.config';
import { IncomeScoringController } from './consumer/income-scoring.controller';
import { IncomeScoring } from './consumer/income-scoring.service';
import { INCOME_SCORER_CONFIG } from './income-scorer.tokens';
import { CreateScoringSchema1795708800000 } from './migrations/1795708800000-create-scoring-schema';
import { CreateReconciliationSchema1795900000000 } from './migrations/1795900000000-create-reconciliation-schema';
import { AWAITED_INSIGHTS, type AwaitedInsights } from './reconciliation/awaited-insights';
import { CreditChekReconciliationModule } from './reconciliation/creditchek-reconciliation.module';
import { ReconciliationEntry } from './reconciliation/reconciliation-entry.entity';
import { ScoreResult } from './scores/score-result.entity';
import { ScoresController } from './scores/scores.controller';

/** The reconciler's port, answered by the borrowers' state (schema `scoring`). */
const AWAITED_FROM_STATE: Provider = {
  provide: AWAITED_INSIGHTS,
  inject: [DataSource],
  useFactory: (db: DataSource): AwaitedInsights => ({
    findAwaited: (olderThan, limit) => awaitedInsights(db, olderThan, limit),
  }),
};

/**
 * Folds CreditChek's events per borrower (@EventPattern on webhooks.creditchek.v1) into schema
 * `scoring`, publishes each new result on lending.income-scores.v1 and serves them on the read API;
 * reconciles insights whose webhook never came (`awaitedInsights`: the state's, unless a test gives one).
 */
@Module({})
export class IncomeScorerModule {
  static forRoot(
    config: IncomeScorerConfig,
    kafka: Kafka,
    logger: Logger,
    awaitedInsightsProvider: Provider = AWAITED_FROM_STATE,
  ): DynamicModule {
    return {
      module: IncomeScorerModule,
      imports: [
        ReadApiAuthModule.forService(config.readApi),
        ...consumerServiceImports({
          service: INCOME_SCORER,
          kafka,
          kafkaConfig: config.kafka,
          databaseUrl: config.database.url,
          logger,
          topics: [TOPICS.creditchekRaw, TOPICS.incomeScores],
          entities: [Borrower, ScoreResult, ReconciliationEntry],
          migrations: [CreateScoringSchema1795708800000, CreateReconciliationSchema1795900000000],
          consumer: {
            groupId: config.groupId,
            topicOverrides: config.topicOverrides,
            // The scorer reads bodies as sent: an insight that breaks the contract is a "no score".
            typedProviderEvents: false,
          },
        }),
        ...(config.reconciliation
          ? [CreditChekReconciliationModule.forRoot(config.reconciliation, awaitedInsightsProvider)]
          : []),
      ],
      controllers: [IncomeScoringController, ScoresController],
      providers: [{ provide: INCOME_SCORER_CONFIG, useValue: config }, IncomeScoring],
    };
  }
}
