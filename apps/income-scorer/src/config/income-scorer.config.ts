import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { type AccountRefs, accountRefKeyVariable } from '@ledgerhook/contracts';
import { parseConfig, portVariable } from '@ledgerhook/platform';
import { loadScoringConfig, type ScoringConfig } from '../scoring/scoring.config';

export interface IncomeScorerConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  /** The model's thresholds (docs/scoring.md), validated at boot. */
  scoring: ScoringConfig;
  /** Accounts as `acct:` references (ACCOUNT_REF_KEY, the same key as every service's). */
  accountRefs: AccountRefs;
}

export function loadIncomeScorerConfig(
  env: Record<string, string | undefined> = process.env,
): IncomeScorerConfig {
  const parsed = parseConfig(
    'income-scorer',
    { PORT: portVariable(3003), ACCOUNT_REF_KEY: accountRefKeyVariable() },
    env,
  );
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig('income-scorer', env),
    database: loadDatabaseConfig('income-scorer', env),
    scoring: loadScoringConfig('income-scorer', env),
    accountRefs: parsed.ACCOUNT_REF_KEY,
  };
}
