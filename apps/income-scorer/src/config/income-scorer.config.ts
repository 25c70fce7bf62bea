import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { parseConfig, portVariable } from '@ledgerhook/platform';

export interface IncomeScorerConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
}

export function loadIncomeScorerConfig(
  env: Record<string, string | undefined> = process.env,
): IncomeScorerConfig {
  const parsed = parseConfig('income-scorer', { PORT: portVariable(3003) }, env);
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig('income-scorer', env),
    database: loadDatabaseConfig('income-scorer', env),
  };
}
