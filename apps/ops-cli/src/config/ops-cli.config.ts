import os from 'node:os';
import { z } from 'zod';
import { type KafkaConfig, loadKafkaConfig } from '@ledgerhook/kafka';
import { parseConfig } from '@ledgerhook/platform';

export const OPS_CLI = 'ops-cli';

export interface OpsCliConfig {
  kafka: KafkaConfig;
  /** Who runs the operations, recorded on ops.audit.v1. */
  operator: string;
}

const opsCliShape = {
  LEDGERHOOK_OPERATOR: z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters')
    .optional(),
};

/** The operating-system login running the tool: the operator when LEDGERHOOK_OPERATOR is unset. */
function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // A container user without a passwd entry still has a uid.
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}

/** The services' Kafka variables (KAFKA_BROKERS, TLS, SASL) plus LEDGERHOOK_OPERATOR. */
export function loadOpsCliConfig(env: Record<string, string | undefined>): OpsCliConfig {
  const kafka = loadKafkaConfig(OPS_CLI, env);
  const { LEDGERHOOK_OPERATOR } = parseConfig(OPS_CLI, opsCliShape, env);
  return { kafka, operator: LEDGERHOOK_OPERATOR ?? osUser() };
}
