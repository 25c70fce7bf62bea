import { TOPIC_CATALOGUE, type TopicSpec } from '@ledgerhook/contracts';
import { stringify } from 'yaml';
import { KAFKA_ACCESS, type KafkaAccess, type ResourceName } from './kafka-access';

/** The Strimzi Kafka cluster (k8s/kafka/prod) the resources belong to. */
export const KAFKA_CLUSTER = 'ledgerhook';
export const KAFKA_TOPICS_PATH = 'k8s/overlays/prod/kafka/kafka-topics.yaml';
export const KAFKA_USERS_PATH = 'k8s/overlays/prod/kafka/kafka-users.yaml';

/**
 * Prod durability for every topic: three copies, and an acks=all write (the ingress's 200, an
 * outbox record) waits for two of them, so one broker lost loses nothing acknowledged; a replica
 * that was behind never becomes leader.
 */
export const PROD_DURABILITY = {
  replicas: 3,
  minInsyncReplicas: 2,
  uncleanLeaderElection: false,
} as const;

const HEADER = (what: string) =>
  `# GENERATED from libs/contracts (the topic catalogue) and tools/deploy/k8s/kafka-access.ts by\n# \`npm run k8s:generate\`; do not edit. ${what}\n`;

function kafkaTopic(spec: TopicSpec): object {
  const config: Record<string, string | number | boolean> = {
    'cleanup.policy': spec.cleanupPolicy,
    'retention.ms': spec.retentionMs,
    'min.insync.replicas': PROD_DURABILITY.minInsyncReplicas,
    'unclean.leader.election.enable': PROD_DURABILITY.uncleanLeaderElection,
  };
  if (spec.maxMessageBytes) config['max.message.bytes'] = spec.maxMessageBytes;
  return {
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: { name: spec.name, labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } },
    spec: { topicName: spec.name, partitions: spec.partitions, replicas: PROD_DURABILITY.replicas, config },
  };
}

const resource = (type: 'topic' | 'group', name: ResourceName) => ({
  type,
  name: name.name,
  patternType: name.pattern,
});

function acls(access: KafkaAccess): object[] {
  // Every service checks its topics at boot (libs/kafka ensureTopics): Describe and DescribeConfigs.
  const topicAcl = (name: ResourceName, operations: string[]) => ({
    resource: resource('topic', name),
    operations,
    host: '*',
  });
  return [
    ...access.read.map((name) => topicAcl(name, ['Read', 'Describe', 'DescribeConfigs'])),
    ...access.write.map((name) => topicAcl(name, ['Write', 'Describe', 'DescribeConfigs'])),
    ...access.describe.map((name) => topicAcl(name, ['Describe', 'DescribeConfigs'])),
    ...access.groups.map((name) => ({
      resource: resource('group', name),
      operations: ['Read', 'Describe'],
      host: '*',
    })),
    // The producers are idempotent (libs/kafka).
    ...(access.write.length > 0
      ? [{ resource: { type: 'cluster' }, operations: ['IdempotentWrite'], host: '*' }]
      : []),
  ];
}

function kafkaUser(access: KafkaAccess): object {
  return {
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaUser',
    metadata: {
      name: access.user,
      labels: { 'strimzi.io/cluster': KAFKA_CLUSTER },
      annotations: { 'ledgerhook.io/purpose': access.purpose },
    },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: { type: 'simple', acls: acls(access) },
    },
  };
}

const documents = (objects: object[]): string =>
  objects.map((object) => `---\n${stringify(object, { lineWidth: 0 })}`).join('');

/** The files `npm run k8s:generate` writes, as { path, content }. */
export function renderKafkaResources(): { path: string; content: string }[] {
  return [
    {
      path: KAFKA_TOPICS_PATH,
      content: `${HEADER('One KafkaTopic per catalogue topic.')}${documents(TOPIC_CATALOGUE.map(kafkaTopic))}`,
    },
    {
      path: KAFKA_USERS_PATH,
      content: `${HEADER('One KafkaUser (SCRAM-SHA-512, ACLs) per client.')}${documents(KAFKA_ACCESS.map(kafkaUser))}`,
    },
  ];
}
