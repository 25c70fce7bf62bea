/**
 * The audit record could not be written to ops.audit.v1. Before the operation acted: nothing was
 * changed. After it: the message says what was done, so the operator can record it by hand.
 */
export class AuditUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditUnavailableError';
  }
}
