import type { Admin } from 'kafkajs';
import type { ProgressListener } from '../progress';
import { type GroupMember, groupMembers } from './group-members';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** null: the group has no committed offset there. */
  committed: string | null;
  end: string;
  /** end - committed; null without a committed offset. */
  lag: string | null;
}

export interface GroupReport {
  groupId: string;
  /** Kafka's group state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead. */
  state: string;
  members: GroupMember[];
  partitions: PartitionLag[];
  totalLag: string;
}

/**
 * Consumer groups with their state, members and lag per partition. Without `groupIds`, every group
 * of the consumer protocol the cluster knows. Topics are those the group committed offsets on or
 * that a member is assigned.
 */
export async function inventoryGroups(
  admin: Admin,
  groupIds?: readonly string[],
  onProgress: ProgressListener = () => undefined,
): Promise<GroupReport[]> {
  const ids =
    groupIds && groupIds.length > 0
      ? [...groupIds]
      : (await admin.listGroups()).groups
          .filter((group) => group.protocolType === 'consumer' || group.protocolType === '')
          .map((group) => group.groupId)
          .sort();
  if (ids.length === 0) return [];
  const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
  const { groups } = await admin.describeGroups(ids);
  const ends = new Map<string, Map<number, string>>();
  const endOf = async (topic: string): Promise<Map<number, string>> => {
    let end = ends.get(topic);
    if (!end) {
      end = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, high]));
      ends.set(topic, end);
    }
    return end;
  };

  const reports: GroupReport[] = [];
  onProgress(0, groups.length);
  for (const description of groups) {
    const members = groupMembers(description);
    const assigned = new Set(members.flatMap((member) => Object.keys(member.assignment)));
    const committed =
      topics.length === 0 ? [] : await admin.fetchOffsets({ groupId: description.groupId, topics });
    const partitions: PartitionLag[] = [];
    for (const { topic, partitions: offsets } of committed) {
      const used = offsets.some(({ offset }) => offset !== '-1');
      if (!used && !assigned.has(topic)) continue;
      const end = await endOf(topic);
      for (const { partition, offset } of offsets) {
        const high = end.get(partition) ?? '0';
        const hasCommit = offset !== '-1';
        partitions.push({
          topic,
          partition,
          committed: hasCommit ? offset : null,
          end: high,
          lag: hasCommit ? (BigInt(high) - BigInt(offset)).toString() : null,
        });
      }
    }
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const totalLag = partitions.reduce((sum, p) => sum + BigInt(p.lag ?? '0'), 0n);
    reports.push({
      groupId: description.groupId,
      state: description.state,
      members,
      partitions,
      totalLag: totalLag.toString(),
    });
    onProgress(reports.length, groups.length);
  }
  return reports;
}
