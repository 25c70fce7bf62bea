import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { TOPICS } from '@ledgerhook/contracts';
import { consumerServiceImports } from '@ledgerhook/consumer';
import type { Logger } from '@ledgerhook/platform';
import type { Kafka } from 'kafkajs';
import type { IncomeScorerConfig } from './config/income-scorer.config';
import { CreateReconciliationSchema1795900000000 } from './migrations/1795900000000-create-reconciliation-schema';
import { CreditChekReconciliationModule } from './reconciliation/creditchek-reconciliation.module';
import { ReconciliationEntry } from './reconciliation/reconciliation-entry.entity';

/**
 * Scores CreditChek income insights and publishes the scores; reconciles insights whose webhook never
 * came. `awaitedInsights` provides the reconciler's AWAITED_INSIGHTS port (the per-borrower state
 * answers it); without one the reconciler does not run, and says so at boot.
 */
@Module({})
export class IncomeScorerModule {
  static forRoot(
    config: IncomeScorerConfig,
    kafka: Kafka,
    logger: Logger,
    awaitedInsights?: Provider,
  ): DynamicModule {
    if (config.reconciliation && !awaitedInsights)
      logger.warn('CreditChek reconciliation is on but nothing provides AwaitedInsights: not reconciling');
    return {
      module: IncomeScorerModule,
      imports: [
        ...consumerServiceImports({
          service: 'income-scorer',
          kafka,
          kafkaConfig: config.kafka,
          databaseUrl: config.database.url,
          logger,
          topics: [TOPICS.creditchekRaw, TOPICS.incomeScores],
          entities: [ReconciliationEntry],
          migrations: [CreateReconciliationSchema1795900000000],
        }),
        ...(config.reconciliation && awaitedInsights
          ? [CreditChekReconciliationModule.forRoot(config.reconciliation, awaitedInsights)]
          : []),
      ],
    };
  }
}
