import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { parseConfig, portVariable } from '@ledgerhook/platform';
import { loadReconciliationConfig, type ReconciliationConfig } from '../reconciliation/reconciliation.config';
import { loadScoringConfig, type ScoringConfig } from '../scoring/scoring.config';

export interface IncomeScorerConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  /** The model's thresholds (docs/scoring.md), validated at boot. */
  scoring: ScoringConfig;
  /** The CreditChek reconciler (CREDITCHEK_RECONCILE_*, CREDITCHEK_API_*); undefined when turned off. */
  reconciliation: ReconciliationConfig | undefined;
}

export function loadIncomeScorerConfig(
  env: Record<string, string | undefined> = process.env,
): IncomeScorerConfig {
  const parsed = parseConfig('income-scorer', { PORT: portVariable(3003) }, env);
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig('income-scorer', env),
    database: loadDatabaseConfig('income-scorer', env),
    scoring: loadScoringConfig('income-scorer', env),
    reconciliation: loadReconciliationConfig('income-scorer', env),
  };
}
