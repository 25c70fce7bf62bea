import type { Admin, ITopicConfig } from 'kafkajs';
import type { TopicSpec } from '@ledgerhook/contracts';

function toTopicConfig(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    // -1: the cluster's default.replication.factor (1 on the local broker, 3 on a real cluster).
    replicationFactor: -1,
    configEntries: [
      { name: 'cleanup.policy', value: spec.cleanupPolicy },
      { name: 'retention.ms', value: String(spec.retentionMs) },
    ],
  };
}

/**
 * Creates the topics that do not exist yet, from the catalogue. Idempotent: existing topics are left
 * as they are (their partition count is never lowered), so every service and script may call it.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({ topics: missing.map(toTopicConfig), waitForLeaders: true });
  } catch (error) {
    // Another process may have created the same topic between list and create.
    const still = new Set(await admin.listTopics());
    if (missing.some((spec) => !still.has(spec.name))) throw error;
  }
  return missing.map((spec) => spec.name);
}
