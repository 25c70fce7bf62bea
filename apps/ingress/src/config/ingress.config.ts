import { portVariable, parseConfig } from '@ledgerhook/platform';
import { loadKafkaConfig, type KafkaConfig } from '@ledgerhook/kafka';

export interface IngressConfig {
  port: number;
  kafka: KafkaConfig;
}

export const INGRESS_CONFIG = Symbol('INGRESS_CONFIG');

export function loadIngressConfig(env: Record<string, string | undefined> = process.env): IngressConfig {
  const parsed = parseConfig('ingress', { PORT: portVariable(3000) }, env);
  return { port: parsed.PORT, kafka: loadKafkaConfig('ingress', env) };
}
