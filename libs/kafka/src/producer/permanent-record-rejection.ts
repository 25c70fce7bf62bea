// Broker error types that are about the record itself: sending it again can never succeed. Anything
// else (authorization, unknown topic, broker down) is about the platform and is retried.
const RECORD_REJECTIONS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/** Kafka's reason when it refused a record for good, else undefined. Follows kafkajs' wrapped errors. */
export function permanentRecordRejection(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const candidate = current as {
      type?: unknown;
      message?: unknown;
      originalError?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.type === 'string' && RECORD_REJECTIONS.has(candidate.type))
      return `${candidate.type}: ${String(candidate.message ?? '')}`.slice(0, 300);
    current = candidate.originalError ?? candidate.cause;
  }
  return undefined;
}
