import { TOPICS, uuidv7 } from '@ledgerhook/contracts';
import { describeError } from '@ledgerhook/consumer';
import { AuditUnavailableError } from '../errors/audit-unavailable.error';
import { OperationRefusedError } from '../errors/operation-refused.error';
import type { OpsAuditWriter } from './ops-audit.writer';

export interface AuditedOutcome<T> {
  operationId: string;
  value: T;
}

/**
 * Runs an operation between two audit records: `started` first (if it cannot be written, the
 * operation does not run), then `succeeded` with `result(value)`, or `refused` / `failed` with the
 * error, which is rethrown.
 */
export async function runAudited<T>(
  writer: OpsAuditWriter,
  operation: string,
  parameters: Record<string, unknown>,
  run: () => Promise<T>,
  result: (value: T) => Record<string, unknown>,
): Promise<AuditedOutcome<T>> {
  const operationId = uuidv7();
  try {
    await writer.write({ operationId, operation, status: 'started', parameters });
  } catch (error) {
    throw new AuditUnavailableError(
      `could not write the audit record of ${operation} (${describeError(error)}): nothing was changed; fix the audit topic ${TOPICS.opsAudit} and run again`,
      { cause: error },
    );
  }
  let value: T;
  try {
    value = await run();
  } catch (error) {
    const status = error instanceof OperationRefusedError ? 'refused' : 'failed';
    await writer
      .write({ operationId, operation, status, parameters, error: describeError(error) })
      .catch(() => undefined); // the started record is there; the operator sees the error itself
    throw error;
  }
  try {
    await writer.write({ operationId, operation, status: 'succeeded', parameters, result: result(value) });
  } catch (error) {
    throw new AuditUnavailableError(
      `${operation} ${operationId} SUCCEEDED but its outcome could not be written to ${TOPICS.opsAudit} (${describeError(error)}); its started record is there: record the outcome by hand`,
      { cause: error },
    );
  }
  return { operationId, value };
}
