import { randomBytes } from 'node:crypto';
import { uuidv7Time } from '@ledgerhook/contracts';
import { type ConsumedRecord, endOffsets, toConsumedRecord } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { OperationRefusedError } from '../errors/operation-refused.error';

/** The raw topics: one per provider or generic source, `webhooks.<source>.v1`. */
export const RAW_TOPIC_PATTERN = /^webhooks\.[a-z0-9-]{1,40}\.v1$/;

// A ce_id is a UUIDv7 minted by the ingress as it receives the webhook, a moment before Kafka stamps
// the record: the search starts this long before the id's time, so clock skew cannot hide it.
const SEARCH_MARGIN_MS = 60 * 60 * 1000;

export interface FindRequest {
  ceId: string;
  /** Only this raw topic; every raw topic on the cluster when absent. */
  topic?: string;
  timeoutMs?: number;
}

/** Where each partition's search starts (the first record at or after the id's time less the margin) and ends. */
async function searchRange(admin: Admin, topic: string, since: number) {
  const start = await admin.fetchTopicOffsetsByTimestamp(topic, since);
  const end = await endOffsets(admin, topic);
  return start
    .map(({ partition, offset }) => ({
      topic,
      partition,
      from: offset === '-1' ? (end.get(partition) ?? '0') : offset,
      to: end.get(partition) ?? '0',
    }))
    .filter(({ from, to }) => BigInt(from) < BigInt(to));
}

/**
 * Finds the raw event whose `ce_id` header is `ceId`: reads each raw topic from about the id's time
 * to its end as it was when the search began, and stops at the first match. Refuses (exit 4) when
 * the id is not a UUIDv7, the topic is not a raw topic, or no raw topic holds it.
 */
export async function findRawEvent(
  kafka: Kafka,
  admin: Admin,
  request: FindRequest,
): Promise<ConsumedRecord> {
  let since: number;
  try {
    since = uuidv7Time(request.ceId).getTime() - SEARCH_MARGIN_MS;
  } catch {
    throw new OperationRefusedError(`${request.ceId} is not a ce_id (a UUIDv7, as the ingress answers)`);
  }
  const existing = (await admin.listTopics()).filter((name) => RAW_TOPIC_PATTERN.test(name));
  if (request.topic && !existing.includes(request.topic))
    throw new OperationRefusedError(
      `${request.topic} is not a raw topic on the cluster (webhooks.<source>.v1)`,
    );
  const topics = request.topic ? [request.topic] : existing.sort();
  const ranges = (await Promise.all(topics.map((topic) => searchRange(admin, topic, since)))).flat();
  const found = ranges.length === 0 ? undefined : await scan(kafka, ranges, request);
  if (!found)
    throw new OperationRefusedError(
      `no record with ce_id ${request.ceId} in ${topics.join(', ')} (searched from ${new Date(since).toISOString()})`,
    );
  return found;
}

interface Range {
  topic: string;
  partition: number;
  from: string;
  to: string;
}

async function scan(
  kafka: Kafka,
  ranges: readonly Range[],
  request: FindRequest,
): Promise<ConsumedRecord | undefined> {
  const timeoutMs = request.timeoutMs ?? 120_000;
  const pending = new Map(ranges.map((range) => [`${range.topic}:${range.partition}`, range]));
  const consumer = kafka.consumer({ groupId: `raw-event-finder-${randomBytes(6).toString('hex')}` });
  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...new Set(ranges.map((range) => range.topic))],
      fromBeginning: true,
    });
    return await new Promise<ConsumedRecord | undefined>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`searched for ce_id ${request.ceId} for ${timeoutMs} ms without reaching the ends`),
          ),
        timeoutMs,
      );
      const finish = (record: ConsumedRecord | undefined) => {
        clearTimeout(timer);
        resolve(record);
      };
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const range of ranges)
          consumer.seek({ topic: range.topic, partition: range.partition, offset: range.from });
      });
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const range = pending.get(`${topic}:${partition}`);
          if (!range || BigInt(message.offset) < BigInt(range.from)) return;
          if (message.headers?.['ce_id']?.toString() === request.ceId)
            return finish(toConsumedRecord(topic, partition, message));
          if (BigInt(message.offset) + 1n >= BigInt(range.to)) {
            pending.delete(`${topic}:${partition}`);
            if (pending.size === 0) finish(undefined);
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}
