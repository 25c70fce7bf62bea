import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { parseConfig, portVariable } from '@ledgerhook/platform';

export interface ReportRetrieverConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
}

export function loadReportRetrieverConfig(
  env: Record<string, string | undefined> = process.env,
): ReportRetrieverConfig {
  const parsed = parseConfig('report-retriever', { PORT: portVariable(3002) }, env);
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig('report-retriever', env),
    database: loadDatabaseConfig('report-retriever', env),
  };
}
