import { dlqTopicName } from '@ledgerhook/contracts';
import type { Admin, Kafka } from 'kafkajs';
import type { OpsAuditWriter } from '../audit/ops-audit.writer';
import { type AuditedOutcome, runAudited } from '../audit/audited-run';
import { OperationRefusedError } from '../errors/operation-refused.error';
import { viewOf, type DeadLetterView } from './dead-letter-inventory';
import { advanceMarker } from './dead-letter-marker';
import { handledPrefix, selectDeadLetters } from './dead-letter-redrive';

export interface PurgeRequest {
  consumer: string;
  /** `partition:offset`: purge that letter and every open one before it in its partition; all when absent. */
  through?: readonly string[];
}

export interface PurgePlan {
  consumer: string;
  topic: string;
  letters: DeadLetterView[];
}

export interface PurgeOutcome extends PurgePlan {
  marker: Array<{ partition: number; before: string; after: string }>;
}

async function planned(kafka: Kafka, admin: Admin, request: PurgeRequest) {
  const { open, chosen } = await selectDeadLetters(kafka, admin, request.consumer, request.through);
  const last = new Map(chosen.map((record) => [record.partition, BigInt(record.offset)]));
  const purged = request.through
    ? open.filter((record) => {
        const through = last.get(record.partition);
        return through !== undefined && BigInt(record.offset) <= through;
      })
    : open;
  return { open, purged };
}

/** Which letters a purge would mark handled: nothing changes. */
export async function planPurge(kafka: Kafka, admin: Admin, request: PurgeRequest): Promise<PurgePlan> {
  const { purged } = await planned(kafka, admin, request);
  return { consumer: request.consumer, topic: dlqTopicName(request.consumer), letters: purged.map(viewOf) };
}

/**
 * Marks dead letters handled without sending them anywhere (their cause was dealt with otherwise, or
 * they are not worth applying): the marker moves past them, so `dlq list` no longer shows them; the
 * records stay in the topic until its retention. Audited as `dlq.purge`.
 */
export async function executePurge(
  kafka: Kafka,
  admin: Admin,
  audit: OpsAuditWriter,
  request: PurgeRequest,
): Promise<AuditedOutcome<PurgeOutcome>> {
  return runAudited(
    audit,
    'dlq.purge',
    { consumer: request.consumer, through: request.through ? [...request.through] : 'all' },
    async () => {
      const { open, purged } = await planned(kafka, admin, request);
      if (purged.length === 0)
        throw new OperationRefusedError(
          `nothing to purge: ${dlqTopicName(request.consumer)} has no open letter`,
        );
      const marker = await advanceMarker(admin, request.consumer, handledPrefix(open, purged));
      return {
        consumer: request.consumer,
        topic: dlqTopicName(request.consumer),
        letters: purged.map(viewOf),
        marker,
      };
    },
    (outcome) => ({
      purged: outcome.letters.length,
      letters: outcome.letters.map((l) => `${l.partition}:${l.offset}`),
      marker: outcome.marker,
    }),
  );
}
