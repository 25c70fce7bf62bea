import { dlqTopicName, retryTopicName } from '@ledgerhook/contracts';
import { type ConsumedRecord, nextOffset } from '@ledgerhook/kafka';
import type { Admin, Kafka } from 'kafkajs';
import type { OpsAuditWriter } from '../audit/ops-audit.writer';
import { type AuditedOutcome, runAudited } from '../audit/audited-run';
import { OperationRefusedError } from '../errors/operation-refused.error';
import { readDeadLetters, viewOf, type DeadLetterView } from './dead-letter-inventory';
import { advanceMarker } from './dead-letter-marker';
import { sendToRetry } from './retry-sender';

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

export interface RedriveOutcome extends RedrivePlan {
  /** How far the handled marker moved: redriven letters no longer show in `dlq list`. */
  marker: Array<{ partition: number; before: string; after: string }>;
}

const at = (record: ConsumedRecord): string => `${record.partition}:${record.offset}`;

/** The open letters (from the marker on) and those of them selected (all when none are named). */
export async function selectDeadLetters(
  kafka: Kafka,
  admin: Admin,
  consumer: string,
  select: readonly string[] | undefined,
): Promise<{ open: ConsumedRecord[]; chosen: ConsumedRecord[] }> {
  const open = await readDeadLetters(kafka, admin, consumer);
  if (!select) return { open, chosen: open };
  const wanted = new Set(select);
  const chosen = open.filter((record) => wanted.has(at(record)));
  const missing = [...wanted].filter((key) => !chosen.some((record) => at(record) === key));
  if (missing.length > 0)
    throw new OperationRefusedError(`no dead letter at ${missing.join(', ')} in ${dlqTopicName(consumer)}`);
  return { open, chosen };
}

/**
 * Per partition, the offset just past the open letters that are all in `handled`, from the first one
 * on: the marker can only cover a prefix, so a letter left out keeps every later one listed too.
 */
export function handledPrefix(
  open: readonly ConsumedRecord[],
  handled: readonly ConsumedRecord[],
): Map<number, string> {
  const done = new Set(handled.map(at));
  const blocked = new Set<number>();
  const marker = new Map<number, string>();
  for (const record of open) {
    if (blocked.has(record.partition)) continue;
    if (done.has(at(record))) marker.set(record.partition, nextOffset(record.offset));
    else blocked.add(record.partition);
  }
  return marker;
}

/** What a redrive would send: nothing changes. */
export async function planRedrive(kafka: Kafka, admin: Admin, request: RedriveRequest): Promise<RedrivePlan> {
  const { chosen } = await selectDeadLetters(kafka, admin, request.consumer, request.select);
  return {
    consumer: request.consumer,
    from: dlqTopicName(request.consumer),
    to: retryTopicName(request.consumer),
    letters: chosen.map(viewOf),
  };
}

/**
 * Sends dead letters again through `retry.<consumer>.v1`, each as dead-lettered (key, value, headers
 * with its `dlq_source_topic`) plus `dlq_redriven_at`: the consumer hands it to the handler of the
 * topic it first came from, and its inbox keeps a letter applied once however often it is redriven.
 * Then marks them handled (the marker moves over the redriven prefix of each partition). Audited.
 */
export async function executeRedrive(
  kafka: Kafka,
  admin: Admin,
  audit: OpsAuditWriter,
  request: RedriveRequest,
): Promise<AuditedOutcome<RedriveOutcome>> {
  return runAudited(
    audit,
    'dlq.redrive',
    { consumer: request.consumer, ...(request.select ? { select: [...request.select] } : { select: 'all' }) },
    async () => {
      const { open, chosen } = await selectDeadLetters(kafka, admin, request.consumer, request.select);
      await sendToRetry(
        kafka,
        request.consumer,
        chosen.map((record) => ({ record })),
      );
      const marker = await advanceMarker(admin, request.consumer, handledPrefix(open, chosen));
      return {
        consumer: request.consumer,
        from: dlqTopicName(request.consumer),
        to: retryTopicName(request.consumer),
        letters: chosen.map(viewOf),
        marker,
      };
    },
    (outcome) => ({
      redriven: outcome.letters.length,
      letters: outcome.letters.map((l) => `${l.partition}:${l.offset}`),
      marker: outcome.marker,
    }),
  );
}
