import { type EndOffsets, endOffsets } from '@ledgerhook/kafka';
import type { Admin } from 'kafkajs';

/** From/to offsets covering the last `perPartition` records of each partition of `topic`. */
export async function tailOffsets(
  admin: Admin,
  topic: string,
  perPartition: number,
): Promise<{ from: EndOffsets; to: EndOffsets }> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const from: EndOffsets = new Map(
    offsets.map(({ partition, low, high }) => {
      const start = BigInt(high) - BigInt(perPartition);
      return [partition, (start > BigInt(low) ? start : BigInt(low)).toString()];
    }),
  );
  return { from, to: await endOffsets(admin, topic) };
}
