import { retryTopicName } from '@ledgerhook/contracts';
import { DLQ_HEADERS } from '@ledgerhook/consumer';
import type { ConsumedRecord } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import type { OpsAuditWriter } from '../audit/ops-audit.writer';
import { type AuditedOutcome, runAudited } from '../audit/audited-run';
import { checkConsumer } from '../dead-letters/dead-letter-inventory';
import { sendToRetry } from '../dead-letters/retry-sender';
import { findRawEvent } from './raw-event-finder';

export interface RepublishRequest {
  ceId: string;
  consumer: string;
  topic?: string;
}

/** Where the event was found and where it goes; never its body. */
export interface RepublishPlan {
  ceId: string;
  ceType?: string;
  consumer: string;
  found: { topic: string; partition: number; offset: string; timestamp: string };
  to: string;
}

function planOf(request: RepublishRequest, record: ConsumedRecord): RepublishPlan {
  const ceType = record.headers['ce_type']?.toString();
  return {
    ceId: request.ceId,
    ...(ceType ? { ceType } : {}),
    consumer: request.consumer,
    found: {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: new Date(Number(record.timestamp)).toISOString(),
    },
    to: retryTopicName(request.consumer),
  };
}

/** Finds the event and says where it would go: nothing changes. */
export async function planRepublish(
  kafka: Kafka,
  admin: Admin,
  request: RepublishRequest,
): Promise<RepublishPlan> {
  await checkConsumer(admin, request.consumer);
  return planOf(request, await findRawEvent(kafka, admin, request));
}

/**
 * Re-emits one raw event for one consumer: to `retry.<consumer>.v1` (which only that consumer reads),
 * byte for byte, with the `dlq_source_*` headers naming where it was found (the consumer hands it to
 * that topic's handler) and `dlq_redriven_at`. The consumer's inbox applies it once: an event it
 * already applied is skipped. Audited as `republish`.
 */
export async function executeRepublish(
  kafka: Kafka,
  admin: Admin,
  audit: OpsAuditWriter,
  request: RepublishRequest,
): Promise<AuditedOutcome<RepublishPlan>> {
  await checkConsumer(admin, request.consumer);
  return runAudited(
    audit,
    'republish',
    { ceId: request.ceId, consumer: request.consumer, ...(request.topic ? { topic: request.topic } : {}) },
    async () => {
      const record = await findRawEvent(kafka, admin, request);
      await sendToRetry(kafka, request.consumer, [
        {
          record,
          extraHeaders: {
            [DLQ_HEADERS.topic]: record.topic,
            [DLQ_HEADERS.partition]: String(record.partition),
            [DLQ_HEADERS.offset]: record.offset,
          },
        },
      ]);
      return planOf(request, record);
    },
    (plan) => ({ found: plan.found, to: plan.to }),
  );
}
