import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { CreditChekApiClient } from '@ledgerhook/creditchek-api';
import { CreditChekReconciler, RECONCILIATION_CONFIG } from './creditchek-reconciler';
import type { ReconciliationConfig } from './reconciliation.config';

/**
 * The CreditChek reconciler of the income-scorer. `awaitedInsights` provides AWAITED_INSIGHTS (the
 * scorer's per-borrower state answers it); the database, Kafka, metrics and logger are the service's.
 */
@Module({})
export class CreditChekReconciliationModule {
  static forRoot(config: ReconciliationConfig, awaitedInsights: Provider): DynamicModule {
    return {
      module: CreditChekReconciliationModule,
      providers: [
        { provide: RECONCILIATION_CONFIG, useValue: config },
        { provide: CreditChekApiClient, useFactory: () => new CreditChekApiClient(config.creditchekApi) },
        awaitedInsights,
        CreditChekReconciler,
      ],
      exports: [CreditChekReconciler],
    };
  }
}
