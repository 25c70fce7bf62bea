import { createIdempotentProducer } from '@ledgerhook/kafka';
import type { Kafka } from 'kafkajs';

/** A record as a bench fills a topic with it. */
export interface BenchRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Produces every batch (acks=all, sent 5,000 records at a time across their topics); returns the count. */
export async function produceRecords(
  kafka: Kafka,
  batches: Iterable<readonly BenchRecord[]>,
): Promise<number> {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  let count = 0;
  let pending: BenchRecord[] = [];
  const flush = async () => {
    const byTopic = new Map<string, BenchRecord[]>();
    for (const r of pending) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, records]) => ({
        topic,
        messages: records.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
    count += pending.length;
    pending = [];
  };
  for (const batch of batches) {
    pending.push(...batch);
    if (pending.length >= 5_000) await flush();
  }
  await flush();
  await producer.disconnect();
  return count;
}
