import { loadDatabaseConfig, type DatabaseConfig } from '@ledgerhook/database';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';
import { parseConfig, portVariable } from '@ledgerhook/platform';

export interface LifecycleProjectorConfig {
  port: number;
  kafka: KafkaConfig;
  database: DatabaseConfig;
}

export function loadLifecycleProjectorConfig(
  env: Record<string, string | undefined> = process.env,
): LifecycleProjectorConfig {
  const parsed = parseConfig('lifecycle-projector', { PORT: portVariable(3001) }, env);
  return {
    port: parsed.PORT,
    kafka: loadKafkaConfig('lifecycle-projector', env),
    database: loadDatabaseConfig('lifecycle-projector', env),
  };
}
