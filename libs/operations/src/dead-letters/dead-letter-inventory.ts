import { dlqTopicName, KNOWN_CONSUMERS, retryTopicName } from '@ledgerhook/contracts';
import { DLQ_HEADERS } from '@ledgerhook/consumer';
import { type ConsumedRecord, endOffsets, readBetween } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { OperationRefusedError } from '../errors/operation-refused.error';
import { readMarker } from './dead-letter-marker';

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

/**
 * Refuses a consumer that has no `dlq.<consumer>.v1` on the cluster (a typo, or a consumer that never
 * ran): the catalogue's consumers and any other service built on libs/consumer qualify.
 */
export async function checkConsumer(admin: Admin, consumer: string): Promise<void> {
  const known = `one of ${KNOWN_CONSUMERS.join(', ')}`;
  if (!/^[a-z0-9-]{1,40}$/.test(consumer))
    throw new OperationRefusedError(`unknown consumer ${consumer}: ${known}`);
  const topics = await admin.listTopics();
  if (!topics.includes(dlqTopicName(consumer)) || !topics.includes(retryTopicName(consumer)))
    throw new OperationRefusedError(
      `unknown consumer ${consumer}: the cluster has no ${dlqTopicName(consumer)} and ${retryTopicName(consumer)} (${known})`,
    );
}

/** A dead letter in full, for `dlq show`: every header as text, and the body only when asked for. */
export interface DeadLetterDetail extends DeadLetterView {
  key: string | null;
  timestamp: string;
  headers: Record<string, string>;
  /** The record's value as UTF-8 text (it may hold personal data): only with `--payload`. */
  payload?: string | null;
}

export function detailOf(record: ConsumedRecord, withPayload: boolean): DeadLetterDetail {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(record.headers).sort()) {
    const value = text(record, name);
    if (value !== undefined) headers[name] = value;
  }
  return {
    ...viewOf(record),
    key: record.key?.toString() ?? null,
    timestamp: new Date(Number(record.timestamp)).toISOString(),
    headers,
    ...(withPayload ? { payload: record.value?.toString('utf8') ?? null } : {}),
  };
}

/**
 * The records of a consumer's dead-letter topic not yet handled (from its marker, see
 * dead-letter-marker.ts), oldest first per partition.
 */
export async function readDeadLetters(
  kafka: Kafka,
  admin: Admin,
  consumer: string,
): Promise<ConsumedRecord[]> {
  await checkConsumer(admin, consumer);
  const topic = dlqTopicName(consumer);
  const offsets = await admin.fetchTopicOffsets(topic);
  const marker = await readMarker(admin, consumer);
  const from = new Map(
    offsets.map(({ partition, low }) => {
      const handled = BigInt(marker.get(partition) ?? '0');
      return [partition, (BigInt(low) > handled ? BigInt(low) : handled).toString()];
    }),
  );
  const to = await endOffsets(admin, topic);
  let total = 0;
  for (const [partition, high] of to) total += Number(BigInt(high) - BigInt(from.get(partition) ?? '0'));
  if (total > MAX_DEAD_LETTERS_READ)
    throw new OperationRefusedError(
      `${topic} holds ${total} records, more than ${MAX_DEAD_LETTERS_READ} open letters: purge the oldest (ledgerhook dlq purge --through partition:offset)`,
    );
  const records = await readBetween(kafka, topic, from, to);
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
