import { dlqTopicName } from '@ledgerhook/contracts';
import type { Admin } from 'kafkajs';

/**
 * A Kafka topic cannot delete one record, and deleting a partition's records up to an offset
 * (DeleteRecords) destroys what an investigation may still need. A consumer's dead letters are
 * "handled" instead up to a marker: the committed offsets of the group `ledgerhook.dlq.<consumer>`,
 * which nothing consumes with. `dlq list|show|redrive|purge` see only the letters at or after it;
 * the letters themselves stay in `dlq.<consumer>.v1` until its retention (30 days) removes them, and
 * `ledgerhook groups --group ledgerhook.dlq.<consumer>` shows where the marker is.
 */
export function markerGroupId(consumer: string): string {
  return `ledgerhook.dlq.${consumer}`;
}

/** partition -> first offset not yet handled ('0' where the marker was never set). */
export type DeadLetterMarker = Map<number, string>;

export async function readMarker(admin: Admin, consumer: string): Promise<DeadLetterMarker> {
  const topic = dlqTopicName(consumer);
  const [entry] = await admin.fetchOffsets({ groupId: markerGroupId(consumer), topics: [topic] });
  return new Map(
    (entry?.partitions ?? []).map(({ partition, offset }) => [partition, offset === '-1' ? '0' : offset]),
  );
}

/**
 * Moves the marker of each partition given forward to its offset (never backwards: a letter once
 * handled stays handled); returns the partitions moved, before and after.
 */
export async function advanceMarker(
  admin: Admin,
  consumer: string,
  to: ReadonlyMap<number, string>,
): Promise<Array<{ partition: number; before: string; after: string }>> {
  const current = await readMarker(admin, consumer);
  const moves = [...to]
    .map(([partition, offset]) => ({ partition, before: current.get(partition) ?? '0', after: offset }))
    .filter(({ before, after }) => BigInt(after) > BigInt(before))
    .sort((a, b) => a.partition - b.partition);
  if (moves.length === 0) return [];
  await admin.setOffsets({
    groupId: markerGroupId(consumer),
    topic: dlqTopicName(consumer),
    partitions: moves.map(({ partition, after }) => ({ partition, offset: after })),
  });
  return moves;
}
