import { retryTopicName } from '@ledgerhook/contracts';
import { createIdempotentProducer, type ConsumedRecord } from '@ledgerhook/kafka';
import type { IHeaders, Kafka } from 'kafkajs';

/** Set on each record sent again: when an operator did it. */
export const REDRIVEN_AT_HEADER = 'dlq_redriven_at';

/**
 * Sends records to `retry.<consumer>.v1`, which only that consumer reads, byte for byte (key, value,
 * headers) plus `extraHeaders` and `dlq_redriven_at`; resolves once every in-sync replica has them.
 */
export async function sendToRetry(
  kafka: Kafka,
  consumer: string,
  records: ReadonlyArray<{ record: ConsumedRecord; extraHeaders?: IHeaders }>,
): Promise<void> {
  if (records.length === 0) return;
  const redrivenAt = new Date().toISOString();
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: retryTopicName(consumer),
      acks: -1,
      messages: records.map(({ record, extraHeaders }) => ({
        key: record.key,
        value: record.value,
        headers: { ...record.headers, ...extraHeaders, [REDRIVEN_AT_HEADER]: redrivenAt },
      })),
    });
  } finally {
    await producer.disconnect();
  }
}
