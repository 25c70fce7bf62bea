import { type Admin, ConfigResourceTypes, type ITopicConfig } from 'kafkajs';
import type { TopicSpec } from '@ledgerhook/contracts';

function toTopicConfig(spec: TopicSpec): ITopicConfig {
  return {
    topic: spec.name,
    numPartitions: spec.partitions,
    // -1: the cluster's default.replication.factor (1 on the local broker, 3 on a real cluster).
    replicationFactor: -1,
    configEntries: managedConfig(spec),
  };
}

/** The topic settings the catalogue owns. */
function managedConfig(spec: TopicSpec): { name: string; value: string }[] {
  return [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
    { name: 'retention.ms', value: String(spec.retentionMs) },
    ...(spec.maxMessageBytes ? [{ name: 'max.message.bytes', value: String(spec.maxMessageBytes) }] : []),
  ];
}

/**
 * Raises an existing topic's max.message.bytes to the catalogue's (topics created before the
 * catalogue set it would refuse what the ingress accepts). kafkajs has only the non-incremental
 * AlterConfigs: the topic gets the catalogue's settings, anything set by hand goes back to default.
 */
async function ensureMessageLimits(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  const limited = specs.filter((spec) => spec.maxMessageBytes);
  if (limited.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: limited.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.name,
      configNames: ['max.message.bytes'],
    })),
  });
  const stale = limited.filter((spec) => {
    const entry = resources
      .find((resource) => resource.resourceName === spec.name)
      ?.configEntries.find((config) => config.configName === 'max.message.bytes');
    return Number(entry?.configValue) < (spec.maxMessageBytes as number);
  });
  if (stale.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: stale.map((spec) => ({
      type: ConfigResourceTypes.TOPIC,
      name: spec.name,
      configEntries: managedConfig(spec),
    })),
  });
}

/**
 * Creates the topics that do not exist yet, from the catalogue. Idempotent: existing topics keep
 * their settings (their partition count is never lowered), except a max.message.bytes below the
 * catalogue's, which is raised; so every service and script may call it.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  await ensureMessageLimits(
    admin,
    specs.filter((spec) => existing.has(spec.name)),
  );
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
