import type { Admin } from 'kafkajs';
import { endOffsets } from '../topics/topic-range.reader';

/**
 * Waits until a consumer group has committed every partition of the topics up to their end offsets
 * as they are now (empty partitions have nothing to commit); throws after `timeoutMs`.
 */
export async function waitForGroupAtEnd(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  timeoutMs = 60_000,
): Promise<void> {
  const targets = await Promise.all(
    topics.map(async (topic) => [topic, await endOffsets(admin, topic)] as const),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const behind = targets.some(([topic, end]) =>
      [...end].some(([partition, high]) => {
        const offset = committed
          .find((entry) => entry.topic === topic)
          ?.partitions.find((p) => p.partition === partition)?.offset;
        return high !== '0' && offset !== high;
      }),
    );
    if (!behind) return;
    if (Date.now() > deadline)
      throw new Error(
        `group ${groupId} did not reach the end of ${topics.join(', ')} within ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
