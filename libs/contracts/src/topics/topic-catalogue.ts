// THE one place where topic names, versions and settings are defined. The foundation creates topics
// from TOPIC_CATALOGUE (plus rawTopicSpec for each configured generic source); the AsyncAPI document
// is generated from it. Bump the `.v1` suffix (new topic) for an incompatible change, never in place.

export interface TopicSpec {
  name: string;
  partitions: number;
  /** -1 = unlimited. */
  retentionMs: number;
  cleanupPolicy: 'delete' | 'compact';
  /** The topic's `max.message.bytes`; the broker's default (about 1 MiB) when absent. */
  maxMessageBytes?: number;
  /** Human description of the record key. */
  key: string;
  description: string;
}

export const TOPICS = {
  credfinRaw: 'webhooks.credfin.v1',
  creditchekRaw: 'webhooks.creditchek.v1',
  bridgeRaw: 'webhooks.bridge.v1',
  applications: 'lending.applications.v1',
  reports: 'lending.reports.v1',
  incomeScores: 'lending.income-scores.v1',
  opsAudit: 'ops.audit.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Consumers that exist today; each owns one dead-letter topic and one retry topic. */
export const KNOWN_CONSUMERS = ['lifecycle-projector', 'report-retriever', 'income-scorer'] as const;
export type KnownConsumer = (typeof KNOWN_CONSUMERS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
// Raw topics are the event store (the only copy of what a provider sent, and CreditChek never
// re-sends): keep forever. 12 partitions leave room to scale consumers without re-keying.
const RAW_PARTITIONS = 12;
/** The largest webhook body the raw topics can store, whatever else travels with it. */
export const RAW_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Headers, key and record-batch framing that travel with a body: generous, they are ~1 KiB. */
export const RAW_RECORD_OVERHEAD_BYTES = 64 * 1024;
/** Raw topics' max.message.bytes: a verified body of RAW_MAX_BODY_BYTES is always storable. */
export const RAW_MAX_MESSAGE_BYTES = RAW_MAX_BODY_BYTES + RAW_RECORD_OVERHEAD_BYTES;
const DLQ_RETENTION_MS = 30 * DAY_MS;
// A redriven letter may wait as long as a dead one: the consumer can be down for the whole time.
const RETRY_RETENTION_MS = DLQ_RETENTION_MS;
// A source name becomes part of a topic name: keep it to a safe, lower-case token.
const NAME_PART = /^[a-z0-9-]{1,40}$/;

function checkNamePart(kind: string, value: string): void {
  if (!NAME_PART.test(value)) {
    throw new Error(`invalid ${kind} name ${JSON.stringify(value)}: expected [a-z0-9-]{1,40}`);
  }
}

/** `webhooks.<source>.v1`; throws unless source matches [a-z0-9-]{1,40}. */
export function rawTopicName(source: string): string {
  checkNamePart('source', source);
  return `webhooks.${source}.v1`;
}

/** `dlq.<consumer>.v1`; throws unless consumer matches [a-z0-9-]{1,40}. */
export function dlqTopicName(consumer: string): string {
  checkNamePart('consumer', consumer);
  return `dlq.${consumer}.v1`;
}

/** `retry.<consumer>.v1`; throws unless consumer matches [a-z0-9-]{1,40}. */
export function retryTopicName(consumer: string): string {
  checkNamePart('consumer', consumer);
  return `retry.${consumer}.v1`;
}

const RAW_KEYS: Readonly<Record<string, string>> = {
  credfin:
    'vsid:<vendor_specific_id> when the event carries one, else app:<payload.id>; account-owner messages: acct:<first 32 hex of HMAC-SHA256(ACCOUNT_REF_KEY, bsb:number)>',
  creditchek: 'borrower:<data.borrowerId>, else app:<data.appId>, else insight:<record id>',
  bridge: 'item:<item_id>, else user:<user_uuid>, else the payment/transfer id (e.g. payment-request:<id>)',
};

/** The raw topic of a provider or of a generic source added by configuration. */
export function rawTopicSpec(source: string): TopicSpec {
  return {
    name: rawTopicName(source),
    partitions: RAW_PARTITIONS,
    retentionMs: -1,
    cleanupPolicy: 'delete',
    maxMessageBytes: RAW_MAX_MESSAGE_BYTES,
    key:
      RAW_KEYS[source] ??
      'the entity id the source names (see the source configuration), else a hash of the body',
    description: `Every verified webhook from ${source}, value byte for byte as received, CloudEvents binary-mode headers. The event store: never deleted.`,
  };
}

export function dlqTopicSpec(consumer: string): TopicSpec {
  return {
    name: dlqTopicName(consumer),
    partitions: 3,
    retentionMs: DLQ_RETENTION_MS,
    cleanupPolicy: 'delete',
    key: 'the key of the record that failed',
    description: `Records ${consumer} could not process: original value and headers, plus failure headers. Replay from here or from the raw topic.`,
  };
}

export function retryTopicSpec(consumer: string): TopicSpec {
  return {
    name: retryTopicName(consumer),
    partitions: 3,
    retentionMs: RETRY_RETENTION_MS,
    cleanupPolicy: 'delete',
    key: 'the key of the original record',
    description: `Records redriven for ${consumer} alone (from its DLQ, or one raw event re-emitted): original value, key and headers, plus the dlq_* headers and dlq_redriven_at. Only ${consumer} reads it.`,
  };
}

/**
 * The audit trail of operations (replay, and later rebuild, redrive): one partition, so the trail
 * is in the order the operations happened; never deleted.
 */
export const OPS_AUDIT_TOPIC_SPEC: TopicSpec = Object.freeze({
  name: TOPICS.opsAudit,
  partitions: 1,
  retentionMs: -1,
  cleanupPolicy: 'delete',
  key: 'operationId (UUIDv7): the started record and the outcome record of one operation share it',
  description:
    'One record when an operation starts and one with its outcome (succeeded, failed, refused): who, what, when, parameters, result. Written by the ops CLI (`ledgerhook`).',
});

export const DOWNSTREAM_TOPIC_SPECS: readonly TopicSpec[] = Object.freeze([
  {
    name: TOPICS.applications,
    partitions: 12,
    retentionMs: -1,
    cleanupPolicy: 'compact',
    key: 'applicationId (the provider application id as a string, e.g. "961194")',
    description:
      'Latest state of each lending application (compacted: one record per application survives). Produced by lifecycle-projector.',
  },
  {
    name: TOPICS.reports,
    partitions: 6,
    retentionMs: -1,
    cleanupPolicy: 'delete',
    key: 'applicationId',
    description:
      'One record per report artifact fetched and stored (JSON, PDF, HTML, bundle). Produced by report-retriever.',
  },
  {
    name: TOPICS.incomeScores,
    partitions: 6,
    retentionMs: -1,
    cleanupPolicy: 'delete',
    key: 'borrowerId',
    description: 'Income score computed from a CreditChek income insight. Produced by income-scorer.',
  },
]);

export const RAW_TOPIC_SPECS: readonly TopicSpec[] = Object.freeze(
  (['credfin', 'creditchek', 'bridge'] as const).map(rawTopicSpec),
);

/** The static topics: 3 raw + 3 downstream + one DLQ and one retry topic per known consumer + audit. */
export const TOPIC_CATALOGUE: readonly TopicSpec[] = Object.freeze([
  ...RAW_TOPIC_SPECS,
  ...DOWNSTREAM_TOPIC_SPECS,
  ...KNOWN_CONSUMERS.map(dlqTopicSpec),
  ...KNOWN_CONSUMERS.map(retryTopicSpec),
  OPS_AUDIT_TOPIC_SPEC,
]);
