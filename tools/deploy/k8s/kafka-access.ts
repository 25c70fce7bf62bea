import {
  dlqTopicName,
  KNOWN_CONSUMERS,
  type KnownConsumer,
  retryTopicName,
  TOPICS,
} from '@ledgerhook/contracts';

// Who may do what on the prod cluster. The raw topics hold personal data and Credfin's crawler seed
// in clear: only the ingress writes them, only the platform's consumers (and the operators' replay)
// read them, downstream teams read `lending.*` only. Nobody creates, deletes or alters topics: the
// KafkaTopic resources (generated from the catalogue) own them.

/** A Kafka resource name: exact, or every name that starts with it. */
export interface ResourceName {
  name: string;
  pattern: 'literal' | 'prefix';
}

export interface KafkaAccess {
  /** KafkaUser name = SASL username; Strimzi puts its password in a Secret of the same name. */
  user: string;
  /** Why this user exists. */
  purpose: string;
  read: readonly ResourceName[];
  write: readonly ResourceName[];
  /** Topics described (metadata, configs) without reading or writing them. */
  describe: readonly ResourceName[];
  /** Consumer groups joined (Read) or inspected and moved (operators). */
  groups: readonly ResourceName[];
}

const literal = (name: string): ResourceName => ({ name, pattern: 'literal' });
const prefix = (name: string): ResourceName => ({ name, pattern: 'prefix' });

/** The raw topics each consumer reads and the downstream topic it writes (its module's `topics`). */
export const CONSUMER_TOPICS: Readonly<Record<KnownConsumer, { reads: string[]; writes: string[] }>> = {
  'lifecycle-projector': {
    reads: [TOPICS.credfinRaw, TOPICS.bridgeRaw, TOPICS.reports],
    writes: [TOPICS.applications],
  },
  'report-retriever': { reads: [TOPICS.credfinRaw], writes: [TOPICS.reports] },
  'income-scorer': { reads: [TOPICS.creditchekRaw], writes: [TOPICS.incomeScores] },
};

/** The SASL username of a platform service. */
export const kafkaUserOf = (service: string): string => `ledgerhook-${service}`;

function consumerAccess(consumer: KnownConsumer): KafkaAccess {
  const { reads, writes } = CONSUMER_TOPICS[consumer];
  return {
    user: kafkaUserOf(consumer),
    purpose: `${consumer}: reads its raw topics and its retry topic, writes its downstream topic and its DLQ`,
    read: [...reads, retryTopicName(consumer)].map(literal),
    write: [...writes, dlqTopicName(consumer)].map(literal),
    describe: [],
    // A rebuild runs under a new group named after the consumer (LIFECYCLE_PROJECTOR_GROUP_ID).
    groups: [prefix(consumer)],
  };
}

export const KAFKA_ACCESS: readonly KafkaAccess[] = [
  {
    user: kafkaUserOf('ingress'),
    purpose: 'ingress: writes every raw topic (providers and generic sources), nothing else',
    read: [],
    write: [prefix('webhooks.')],
    describe: [],
    groups: [],
  },
  ...KNOWN_CONSUMERS.map(consumerAccess),
  {
    user: kafkaUserOf('operator'),
    purpose:
      'ledgerhook CLI (topics, groups, replay): replay commits offsets, which Kafka allows only with Read on the topic, so this credential is as sensitive as a consumer one',
    read: [...new Set(Object.values(CONSUMER_TOPICS).flatMap((topics) => topics.reads))].sort().map(literal),
    write: [literal(TOPICS.opsAudit)],
    describe: [literal('*')],
    groups: KNOWN_CONSUMERS.map(prefix),
  },
  {
    user: 'downstream-reader',
    purpose:
      'template for a downstream team: reads lending.* under its own groups; give each team a copy with its own name and group prefix',
    read: [prefix('lending.')],
    write: [],
    describe: [],
    groups: [prefix('downstream-reader.')],
  },
];
