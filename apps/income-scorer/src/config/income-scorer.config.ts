import { z } from 'zod';
import { type AccountRefs, accountRefKeyVariable } from '@ledgerhook/contracts';
import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import {
  loadReadApiAuthConfig,
  parseConfig,
  portVariable,
  type ReadApiAuthConfig,
} from '@ledgerhook/platform';
import { loadReconciliationConfig, type ReconciliationConfig } from '../reconciliation/reconciliation.config';
import { loadScoringConfig, type ScoringConfig } from '../scoring/scoring.config';

export const INCOME_SCORER = 'income-scorer';

export interface IncomeScorerConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
  /** The model's thresholds (docs/scoring.md), validated at boot. */
  scoring: ScoringConfig;
  /** Who may call the read API (READ_API_TOKENS, OIDC_ISSUER_URL). */
  readApi: ReadApiAuthConfig;
  /** Accounts as `acct:` references (ACCOUNT_REF_KEY, the same key as every service's). */
  accountRefs: AccountRefs;
  /** A new group re-reads webhooks.creditchek.v1 from the start (rebuild into an empty database). */
  groupId: string;
  /** Reads webhooks.creditchek.v1 from another topic (tests, the bench). */
  topicOverrides: Readonly<Record<string, string>>;
  /** The CreditChek reconciler (CREDITCHEK_RECONCILE_*, CREDITCHEK_API_*); undefined when turned off. */
  reconciliation: ReconciliationConfig | undefined;
}

export function loadIncomeScorerConfig(
  env: Record<string, string | undefined> = process.env,
): IncomeScorerConfig {
  const parsed = parseConfig(
    INCOME_SCORER,
    {
      PORT: portVariable(3003),
      ACCOUNT_REF_KEY: accountRefKeyVariable(),
      INCOME_SCORER_GROUP_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be a Kafka consumer group id ([A-Za-z0-9._-])')
        .default(INCOME_SCORER),
    },
    env,
  );
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig(INCOME_SCORER, env),
    database: loadDatabaseConfig(INCOME_SCORER, env),
    scoring: loadScoringConfig(INCOME_SCORER, env),
    readApi: loadReadApiAuthConfig(INCOME_SCORER, env),
    accountRefs: parsed.ACCOUNT_REF_KEY,
    groupId: parsed.INCOME_SCORER_GROUP_ID,
    topicOverrides: {},
    reconciliation: loadReconciliationConfig(INCOME_SCORER, env),
  };
}
