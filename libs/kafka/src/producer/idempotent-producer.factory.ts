import { type Kafka, Partitioners, type Producer } from 'kafkajs';

/**
 * Idempotent producer: the broker drops duplicates caused by the client's own retries, so a retried
 * send never writes a record twice. One request in flight keeps per-partition order across retries.
 * A send to an unreachable broker never fails by itself: callers put their own deadline on it.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Java's murmur2 partitioner: a key lands on the same partition whichever client wrote it.
    createPartitioner: Partitioners.DefaultPartitioner,
    // An idempotent producer retries without limit (kafkajs warns otherwise); callers bound the wait.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5_000 },
  });
}
