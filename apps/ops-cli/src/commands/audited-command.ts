import { OpsAuditWriter } from '@ledgerhook/operations';
import type { KafkaSession } from '../cli/kafka-session';

/** The tool recorded as `client` on ops.audit.v1. */
export const AUDIT_CLIENT = 'ledgerhook-cli';

/** Opens the audit trail for one executed operation (AuditUnavailableError if it cannot) and closes it. */
export async function withAudit<T>(
  { kafka, admin, config }: KafkaSession,
  run: (audit: OpsAuditWriter) => Promise<T>,
): Promise<T> {
  const audit = await OpsAuditWriter.open(kafka, admin, { actor: config.operator, client: AUDIT_CLIENT });
  try {
    return await run(audit);
  } finally {
    await audit.close();
  }
}
