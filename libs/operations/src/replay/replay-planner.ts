import type { Admin } from 'kafkajs';
import { OperationRefusedError } from '../errors/operation-refused.error';
import { type GroupMember, groupMembers } from '../groups/group-members';
import type { ProgressListener } from '../progress';
import { type PartitionReplay, planPartitionReplay } from './partition-replay';
import { describeReplayRequest, type ReplayRequest } from './replay-request';

export interface ReplayPlan {
  request: Record<string, unknown>;
  groupState: string;
  /** Active members: while there are any, executing is refused. */
  members: GroupMember[];
  partitions: PartitionReplay[];
  partitionsToMove: number;
  totalReRead: string;
}

/** offset of the first record at or after `time` on each partition (the end offset if none). */
async function offsetsAt(admin: Admin, topic: string, time: Date): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, time.getTime());
  return new Map(offsets.map(({ partition, offset }) => [partition, BigInt(offset)]));
}

/**
 * What a replay would do, per partition, without changing anything. Refuses (OperationRefusedError)
 * a topic that does not exist, a group that never read the topic and offsets outside the topic.
 */
export async function planReplay(
  admin: Admin,
  request: ReplayRequest,
  onProgress: ProgressListener = () => undefined,
): Promise<ReplayPlan> {
  const { group, topic, start, to } = request;
  if (to && start.kind === 'time' && to.getTime() <= start.time.getTime())
    throw new OperationRefusedError(
      `the window is empty: --to-time ${to.toISOString()} is not after --from-time ${start.time.toISOString()}`,
    );
  const steps = 3 + (start.kind === 'time' ? 1 : 0) + (to ? 1 : 0);
  let done = 0;
  const step = (): void => onProgress(++done, steps);
  onProgress(0, steps);

  if (!(await admin.listTopics()).includes(topic))
    throw new OperationRefusedError(`topic ${topic} does not exist (see \`ledgerhook topics\`)`);
  const watermarks = await admin.fetchTopicOffsets(topic);
  step();
  const committed = new Map(
    ((await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions ?? []).map(
      ({ partition, offset }) => [partition, offset === '-1' ? null : BigInt(offset)],
    ),
  );
  if (![...committed.values()].some((offset) => offset !== null))
    throw new OperationRefusedError(
      `group ${group} has no committed offset on ${topic}: it never read it, so there is nothing to replay (see \`ledgerhook groups\`)`,
    );
  step();
  const { groups } = await admin.describeGroups([group]);
  const description = groups[0];
  step();

  let starts: Map<number, bigint | null>;
  if (start.kind === 'time') {
    starts = await offsetsAt(admin, topic, start.time);
    step();
  } else if (start.kind === 'earliest') {
    starts = new Map(watermarks.map(({ partition, low }) => [partition, BigInt(low)]));
  } else {
    for (const [partition, offset] of start.offsets) {
      const watermark = watermarks.find((w) => w.partition === partition);
      if (!watermark)
        throw new OperationRefusedError(
          `${topic} has no partition ${partition} (partitions 0-${watermarks.length - 1})`,
        );
      if (offset < BigInt(watermark.low) || offset > BigInt(watermark.high))
        throw new OperationRefusedError(
          `offset ${offset} is outside partition ${partition} of ${topic}: it holds ${watermark.low} to ${watermark.high}`,
        );
    }
    starts = new Map(watermarks.map(({ partition }) => [partition, start.offsets.get(partition) ?? null]));
  }
  const windowEnds = to ? await offsetsAt(admin, topic, to) : undefined;
  if (to) step();

  const partitions = watermarks
    .map(({ partition, low, high }) =>
      planPartitionReplay(
        { partition, low: BigInt(low), end: BigInt(high), committed: committed.get(partition) ?? null },
        starts.get(partition) ?? null,
        windowEnds?.get(partition) ?? null,
      ),
    )
    .sort((a, b) => a.partition - b.partition);
  const moving = partitions.filter((p) => p.action === 'move');
  return {
    request: describeReplayRequest(request),
    groupState: description?.state ?? 'Dead',
    members: description ? groupMembers(description) : [],
    partitions,
    partitionsToMove: moving.length,
    totalReRead: moving.reduce((sum, p) => sum + BigInt(p.reRead), 0n).toString(),
  };
}
