import { dlqTopicName, retryTopicName } from '@ledgerhook/contracts';
import { createIdempotentProducer, type ConsumedRecord } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import type { OpsAuditWriter } from '../audit/ops-audit.writer';
import { type AuditedOutcome, runAudited } from '../audit/audited-run';
import { OperationRefusedError } from '../errors/operation-refused.error';
import { readDeadLetters, viewOf, type DeadLetterView } from './dead-letter-inventory';

export interface RedriveRequest {
  consumer: string;
  /** `partition:offset` of the dead letters to send again; all of them when absent. */
  select?: readonly string[];
}

export interface RedrivePlan {
  consumer: string;
  from: string;
  to: string;
  letters: DeadLetterView[];
}

async function selected(kafka: Kafka, admin: Admin, request: RedriveRequest): Promise<ConsumedRecord[]> {
  const records = await readDeadLetters(kafka, admin, request.consumer);
  if (!request.select) return records;
  const wanted = new Set(request.select);
  const found = records.filter((record) => wanted.has(`${record.partition}:${record.offset}`));
  const missing = [...wanted].filter((key) => !found.some((r) => `${r.partition}:${r.offset}` === key));
  if (missing.length > 0)
    throw new OperationRefusedError(
      `no dead letter at ${missing.join(', ')} in ${dlqTopicName(request.consumer)}`,
    );
  return found;
}

/** What a redrive would send: nothing changes. */
export async function planRedrive(kafka: Kafka, admin: Admin, request: RedriveRequest): Promise<RedrivePlan> {
  const records = await selected(kafka, admin, request);
  return {
    consumer: request.consumer,
    from: dlqTopicName(request.consumer),
    to: retryTopicName(request.consumer),
    letters: records.map(viewOf),
  };
}

/**
 * Sends dead letters again through `retry.<consumer>.v1`, each exactly as dead-lettered (key, value,
 * headers with its `dlq_source_topic`): the consumer hands it to the handler of the topic it first came
 * from, and its inbox keeps a letter applied once however often it is redriven. Audited.
 */
export async function executeRedrive(
  kafka: Kafka,
  admin: Admin,
  audit: OpsAuditWriter,
  request: RedriveRequest,
): Promise<AuditedOutcome<RedrivePlan>> {
  return runAudited(
    audit,
    'dlq.redrive',
    { consumer: request.consumer, ...(request.select ? { select: [...request.select] } : { select: 'all' }) },
    async () => {
      const records = await selected(kafka, admin, request);
      if (records.length > 0) {
        const producer = createIdempotentProducer(kafka);
        await producer.connect();
        try {
          await producer.send({
            topic: retryTopicName(request.consumer),
            acks: -1,
            messages: records.map((record) => ({
              key: record.key,
              value: record.value,
              headers: record.headers,
            })),
          });
        } finally {
          await producer.disconnect();
        }
      }
      return {
        consumer: request.consumer,
        from: dlqTopicName(request.consumer),
        to: retryTopicName(request.consumer),
        letters: records.map(viewOf),
      };
    },
    (plan) => ({
      redriven: plan.letters.length,
      letters: plan.letters.map((l) => `${l.partition}:${l.offset}`),
    }),
  );
}
