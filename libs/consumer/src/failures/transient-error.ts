const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
// (e.g. 57P01 admin shutdown), 40 transaction rollback (serialization failure, deadlock).
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57', '40'];
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection.*(closed|ended)/i,
  /the database system is (starting up|shutting down)/i,
  /Client has encountered a connection error/i,
];

/**
 * Whether a failure is about the infrastructure (retry the same records later, never dead-letter
 * them) rather than about the records themselves.
 */
export function isTransientError(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown };
  if (candidate.driverError && candidate.driverError !== error)
    return isTransientError(candidate.driverError);
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (TRANSIENT_NODE_CODES.has(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/** A short description of an error that is safe to log and to put in a DLQ header: no values. */
export function describeError(error: unknown): string {
  const candidate = error as { name?: string; code?: string; message?: string };
  const name = candidate.name ?? 'Error';
  const code = candidate.code ? ` [${candidate.code}]` : '';
  return `${name}${code}: ${String(candidate.message ?? error).slice(0, 500)}`;
}
