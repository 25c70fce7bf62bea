import type { Kafka, Producer } from 'kafkajs';

/**
 * Idempotent producer: the broker drops duplicates caused by the client's own retries, so a retried
 * send never writes a record twice. One request in flight keeps per-partition order across retries.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
}
