import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { rawTopicSpec, type TopicSpec } from '@ledgerhook/contracts';
import type { ProgressListener } from '../progress';

export interface TopicReport {
  name: string;
  /** false: not in the static catalogue but a generic source's raw topic found on the cluster. */
  catalogued: boolean;
  exists: boolean;
  partitions: number | null;
  /**
   * Records retained (sum over partitions of end offset - earliest offset). kafkajs has no
   * DescribeLogDirs request, so sizes are in records, not bytes.
   */
  records: string | null;
  retentionMs: number | null;
  cleanupPolicy: string | null;
  /** How the cluster differs from the catalogue (partitions, retention, cleanup policy); empty if not. */
  drift: string[];
}

const GENERIC_RAW_TOPIC = /^webhooks\.([a-z0-9-]{1,40})\.v1$/;

/**
 * The catalogue's topics as they are on the cluster, plus the raw topics of generic sources found
 * there (`webhooks.<source>.v1`, created by the ingress from its configuration).
 */
export async function inventoryTopics(
  admin: Admin,
  catalogue: readonly TopicSpec[],
  onProgress: ProgressListener = () => undefined,
): Promise<TopicReport[]> {
  const existing = new Set(await admin.listTopics());
  const catalogued = new Set(catalogue.map((spec) => spec.name));
  const generic = [...existing]
    .filter((name) => !catalogued.has(name))
    .map((name) => GENERIC_RAW_TOPIC.exec(name)?.[1])
    .filter((source): source is string => source !== undefined)
    .sort()
    .map(rawTopicSpec);
  const specs = [...catalogue, ...generic];
  const present = specs.filter((spec) => existing.has(spec.name)).map((spec) => spec.name);

  const configs = new Map<string, Map<string, string>>();
  if (present.length > 0) {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['retention.ms', 'cleanup.policy'],
      })),
    });
    for (const resource of described.resources) {
      configs.set(
        resource.resourceName,
        new Map(resource.configEntries.map((entry) => [entry.configName, entry.configValue])),
      );
    }
  }

  const reports: TopicReport[] = [];
  onProgress(0, specs.length);
  for (const spec of specs) {
    reports.push(
      existing.has(spec.name)
        ? await describeTopic(admin, spec, configs.get(spec.name) ?? new Map(), !catalogued.has(spec.name))
        : missingTopic(spec),
    );
    onProgress(reports.length, specs.length);
  }
  return reports;
}

function missingTopic(spec: TopicSpec): TopicReport {
  return {
    name: spec.name,
    catalogued: true,
    exists: false,
    partitions: null,
    records: null,
    retentionMs: null,
    cleanupPolicy: null,
    drift: ['missing: services create it at boot (or `npm start` / tools/dev/provision.ts)'],
  };
}

async function describeTopic(
  admin: Admin,
  spec: TopicSpec,
  config: Map<string, string>,
  generic: boolean,
): Promise<TopicReport> {
  const offsets = await admin.fetchTopicOffsets(spec.name);
  const records = offsets.reduce((sum, { high, low }) => sum + BigInt(high) - BigInt(low), 0n);
  const retention = config.get('retention.ms');
  const retentionMs = retention === undefined ? null : Number(retention);
  const cleanupPolicy = config.get('cleanup.policy') ?? null;
  const drift: string[] = [];
  if (offsets.length !== spec.partitions)
    drift.push(`partitions ${offsets.length}, catalogue ${spec.partitions}`);
  if (retentionMs !== spec.retentionMs)
    drift.push(`retention.ms ${retention ?? 'unknown'}, catalogue ${spec.retentionMs}`);
  if (cleanupPolicy !== spec.cleanupPolicy)
    drift.push(`cleanup.policy ${cleanupPolicy ?? 'unknown'}, catalogue ${spec.cleanupPolicy}`);
  return {
    name: spec.name,
    catalogued: !generic,
    exists: true,
    partitions: offsets.length,
    records: records.toString(),
    retentionMs,
    cleanupPolicy,
    drift,
  };
}
