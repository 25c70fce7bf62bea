import { dlqTopicName, KNOWN_CONSUMERS } from '@ledgerhook/contracts';
import { DLQ_HEADERS } from '@ledgerhook/consumer';
import { type ConsumedRecord, endOffsets, readBetween } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { OperationRefusedError } from '../errors/operation-refused.error';

/** One dead letter as an operator sees it: where it is, where it came from, why. Never its body. */
export interface DeadLetterView {
  partition: number;
  offset: string;
  ceId?: string;
  ceType?: string;
  sourceTopic?: string;
  sourcePartition?: string;
  sourceOffset?: string;
  error?: string;
  failedAt?: string;
}

// A dead-letter topic is read whole to list it; past this many records, narrow down with --offset.
export const MAX_DEAD_LETTERS_READ = 10_000;

const text = (record: ConsumedRecord, header: string): string | undefined => {
  const value = record.headers[header];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

export function viewOf(record: ConsumedRecord): DeadLetterView {
  const view: DeadLetterView = { partition: record.partition, offset: record.offset };
  const fields: [keyof DeadLetterView, string][] = [
    ['ceId', 'ce_id'],
    ['ceType', 'ce_type'],
    ['sourceTopic', DLQ_HEADERS.topic],
    ['sourcePartition', DLQ_HEADERS.partition],
    ['sourceOffset', DLQ_HEADERS.offset],
    ['error', DLQ_HEADERS.error],
    ['failedAt', DLQ_HEADERS.failedAt],
  ];
  for (const [field, header] of fields) {
    const value = text(record, header);
    if (value !== undefined) (view as unknown as Record<string, string>)[field] = value;
  }
  return view;
}

export function checkConsumer(consumer: string): void {
  if (!(KNOWN_CONSUMERS as readonly string[]).includes(consumer))
    throw new OperationRefusedError(`unknown consumer ${consumer}: one of ${KNOWN_CONSUMERS.join(', ')}`);
}

/** Every record of a consumer's dead-letter topic, oldest first per partition. */
export async function readDeadLetters(
  kafka: Kafka,
  admin: Admin,
  consumer: string,
): Promise<ConsumedRecord[]> {
  checkConsumer(consumer);
  const topic = dlqTopicName(consumer);
  const offsets = await admin.fetchTopicOffsets(topic);
  const from = new Map(offsets.map(({ partition, low }) => [partition, low]));
  const to = await endOffsets(admin, topic);
  let total = 0;
  for (const [partition, high] of to) total += Number(BigInt(high) - BigInt(from.get(partition) ?? '0'));
  if (total > MAX_DEAD_LETTERS_READ)
    throw new OperationRefusedError(
      `${topic} holds ${total} records, more than ${MAX_DEAD_LETTERS_READ}: name them with --offset partition:offset`,
    );
  const records = await readBetween(kafka, topic, from, to);
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
