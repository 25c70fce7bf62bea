import { z } from 'zod';
import { csvVariable, parseConfig } from '@ledgerhook/platform';

export const kafkaConfigShape = {
  KAFKA_BROKERS: csvVariable().pipe(
    z
      .array(z.string().regex(/^[^\s:]+:\d+$/, 'each broker must be host:port'))
      .min(1, 'must list at least one broker'),
  ),
  KAFKA_CLIENT_ID: z.string().optional(),
  KAFKA_SSL: z.enum(['true', 'false']).default('false'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
};

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

export function loadKafkaConfig(
  service: string,
  env: Record<string, string | undefined> = process.env,
): KafkaConfig {
  const parsed = parseConfig(service, kafkaConfigShape, env);
  const config: KafkaConfig = {
    brokers: parsed.KAFKA_BROKERS,
    clientId: parsed.KAFKA_CLIENT_ID ?? service,
    ssl: parsed.KAFKA_SSL === 'true',
  };
  if (parsed.KAFKA_SASL_MECHANISM) {
    if (!parsed.KAFKA_SASL_USERNAME || !parsed.KAFKA_SASL_PASSWORD) {
      parseConfig(service, { KAFKA_SASL_USERNAME: z.string(), KAFKA_SASL_PASSWORD: z.string() }, env);
    }
    config.sasl = {
      mechanism: parsed.KAFKA_SASL_MECHANISM,
      username: parsed.KAFKA_SASL_USERNAME ?? '',
      password: parsed.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  return config;
}
