import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { type ConsumedRecord, toConsumedRecord } from '../consumer/consumed-record';

/** partition -> offset (the high watermark: the offset the next record will get). */
export type EndOffsets = Map<number, string>;

export async function endOffsets(admin: Admin, topic: string): Promise<EndOffsets> {
  // A topic created a moment ago may not have its leaders known to every broker connection yet.
  for (let attempt = 1; ; attempt++) {
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map(({ partition, high }) => [partition, high]));
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** How many records were appended to the topic since `before`. */
export function countSince(before: EndOffsets, after: EndOffsets): number {
  let count = 0;
  for (const [partition, high] of after) count += Number(BigInt(high) - BigInt(before.get(partition) ?? '0'));
  return count;
}

/**
 * Reads exactly the records appended between two end-offset snapshots, from every partition
 * (tests use it to see what a producer wrote; operators to list dead letters). It reads under a
 * throw-away consumer group that commits nothing.
 */
export async function readBetween(
  kafka: Kafka,
  topic: string,
  from: EndOffsets,
  to: EndOffsets,
  timeoutMs = 20_000,
): Promise<ConsumedRecord[]> {
  const expected = countSince(from, to);
  if (expected === 0) return [];
  const consumer = kafka.consumer({ groupId: `topic-reader-${randomBytes(6).toString('hex')}` });
  const records: ConsumedRecord[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`read ${records.length} of ${expected} records from ${topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const start = BigInt(from.get(partition) ?? '0');
          const end = BigInt(to.get(partition) ?? '0');
          const offset = BigInt(message.offset);
          if (offset < start || offset >= end) return;
          records.push(toConsumedRecord(topic, partition, message));
          if (records.length === expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const [partition, offset] of from) consumer.seek({ topic, partition, offset });
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
