import { rawTopicName } from '@ledgerhook/contracts';
import { type ConsumedRecord, readBetween } from '@ledgerhook/kafka';
import { maskDeep } from '@ledgerhook/platform';
import type { Admin, Kafka } from 'kafkajs';
import { tailOffsets } from './tail-offsets';

/** The providers whose raw topics (webhooks.<provider>.v1) the console lists. */
export const PROVIDERS = ['credfin', 'creditchek', 'bridge'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const isProvider = (value: unknown): value is Provider =>
  typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);

/** One raw event as listed: CloudEvents attributes and where it is; never its body. */
export interface DeliveryRow {
  time: string;
  type: string;
  subject: string;
  ceId: string;
  partition: number;
  offset: string;
}

const header = (record: ConsumedRecord, name: string): string => {
  const value = record.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? '' : first.toString();
};

export function rowOf(record: ConsumedRecord): DeliveryRow {
  return {
    time: header(record, 'ce_time') || new Date(Number(record.timestamp)).toISOString(),
    type: header(record, 'ce_type'),
    subject: header(record, 'ce_subject'),
    ceId: header(record, 'ce_id'),
    partition: record.partition,
    offset: record.offset,
  };
}

/** The newest events of a provider's raw topic (up to `perPartition` of each partition), newest first. */
export async function recentDeliveries(
  kafka: Kafka,
  admin: Admin,
  provider: Provider,
  perPartition: number,
): Promise<DeliveryRow[]> {
  const topic = rawTopicName(provider);
  // A provider that never sent anything may have no topic yet (the ingress creates them).
  if (!(await admin.listTopics()).includes(topic)) return [];
  const { from, to } = await tailOffsets(admin, topic, perPartition);
  const records = await readBetween(kafka, topic, from, to);
  return records.map(rowOf).sort((a, b) => b.time.localeCompare(a.time));
}

/** One record by its position (undefined when there is none there). */
export async function deliveryAt(
  kafka: Kafka,
  admin: Admin,
  provider: Provider,
  partition: number,
  offset: bigint,
): Promise<ConsumedRecord | undefined> {
  const topic = rawTopicName(provider);
  // Only a position the partition holds: a read past its end would wait for a record never written.
  if (!(await admin.listTopics()).includes(topic)) return undefined;
  const held = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition);
  if (!held || offset < BigInt(held.low) || offset >= BigInt(held.high)) return undefined;
  const [record] = await readBetween(
    kafka,
    topic,
    new Map([[partition, offset.toString()]]),
    new Map([[partition, (offset + 1n).toString()]]),
  ).catch(() => []);
  return record;
}

/** Every header as text. */
export function headersOf(record: ConsumedRecord): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record.headers)
      .sort()
      .map((name) => [name, header(record, name)]),
  );
}

/**
 * The body as shown without a reveal: a JSON body keeps its shape with every value masked; any
 * other body only says how long it is. Webhook bodies carry names, account numbers, emails.
 */
export function maskedBody(record: ConsumedRecord): string {
  const text = record.value?.toString('utf8') ?? '';
  try {
    return JSON.stringify(maskDeep(JSON.parse(text) as unknown), null, 2);
  } catch {
    return `(${Buffer.byteLength(text)} bytes, not JSON: reveal to see them)`;
  }
}

export function revealedBody(record: ConsumedRecord): string {
  const text = record.value?.toString('utf8') ?? '';
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return text;
  }
}
