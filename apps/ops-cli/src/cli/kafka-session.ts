import type { Admin, Kafka } from 'kafkajs';
import { createKafkaClient } from '@ledgerhook/kafka';
import { createLogger } from '@ledgerhook/platform';
import { loadOpsCliConfig, OPS_CLI, type OpsCliConfig } from '../config/ops-cli.config';
import type { CliIo } from './cli-io';

export interface KafkaSession {
  config: OpsCliConfig;
  kafka: Kafka;
  admin: Admin;
}

/** Loads the configuration, connects an admin client for `use`, and always disconnects it. */
export async function withKafka<T>(io: CliIo, use: (session: KafkaSession) => Promise<T>): Promise<T> {
  const config = loadOpsCliConfig(io.env);
  // Client logs go to stderr (stdout is the command's result), and only when asked for: kafkajs logs
  // each retry, and the error that ends the command is printed anyway.
  const logger = createLogger(OPS_CLI, io.env['LEDGERHOOK_LOG_LEVEL'] ?? 'silent', io.stderr);
  const kafka = createKafkaClient(config.kafka, logger);
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use({ config, kafka, admin });
  } finally {
    await admin.disconnect();
  }
}
