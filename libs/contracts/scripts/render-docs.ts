import { stringify } from 'yaml';
import { z } from 'zod';
import {
  BRIDGE_EVENT_CONTRACTS,
  CLOUD_EVENT_HEADERS,
  CREDFIN_EVENT_CONTRACTS,
  CREDITCHEK_EVENT_CONTRACTS,
  DOWNSTREAM_TOPIC_SPECS,
  DOWNSTREAM_VALUE_SCHEMAS,
  type EventContract,
  KNOWN_CONSUMERS,
  OPS_AUDIT_TOPIC_SPEC,
  opsAuditRecordSchema,
  type Provider,
  RECEIPT_NOTE_DOCS,
  RECEIPT_NOTE_HEADERS,
  rawTopicSpec,
  TOPIC_CATALOGUE,
  type TopicSpec,
} from '../src/index';

// Renders every generated document in memory, deterministically (sorted schema keys, fixed order, no
// timestamps): generate-docs.ts writes them, generated-docs.spec.ts compares them with the checked-in
// files. Paths are relative to the repository root.

export interface GeneratedFile {
  path: string;
  content: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const EVENT_CONTRACTS: readonly EventContract[] = [
  ...CREDFIN_EVENT_CONTRACTS,
  ...CREDITCHEK_EVENT_CONTRACTS,
  ...BRIDGE_EVENT_CONTRACTS,
];

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}

/**
 * JSON Schema 2020-12 of the wire form (io: 'input': what is on the topic, before our transforms turn
 * amounts into Money).
 */
export function toJsonSchema(schema: z.ZodType): Record<string, Json> {
  return sortKeys(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Json) as Record<
    string,
    Json
  >;
}

export function eventSchemaPath(provider: Provider, eventName: string): string {
  return `libs/contracts/schemas/${provider}/${eventName}.schema.json`;
}

export function downstreamSchemaPath(topic: string): string {
  return `libs/contracts/schemas/lending/${topic}.schema.json`;
}

export function opsSchemaPath(topic: string): string {
  return `libs/contracts/schemas/ops/${topic}.schema.json`;
}

export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

const json = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

function withoutDialect(schema: Record<string, Json>): Record<string, Json> {
  // AsyncAPI's default schema format is a superset of draft-07; the keywords zod emits here are the
  // same in 2020-12, so the schema is embedded as is, minus its `$schema` declaration.
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

const messageId = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_');

function channelId(topic: string): string {
  return topic.replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase());
}

function kafkaChannelBinding(spec: TopicSpec): Json {
  return {
    kafka: {
      topic: spec.name,
      partitions: spec.partitions,
      topicConfiguration: { 'cleanup.policy': [spec.cleanupPolicy], 'retention.ms': spec.retentionMs },
      bindingVersion: '0.5.0',
    },
  };
}

function keyBinding(description: string): Json {
  return { kafka: { key: { type: 'string', description }, bindingVersion: '0.5.0' } };
}

const CE_HEADER_DOCS: Record<keyof typeof CLOUD_EVENT_HEADERS, [string, Json?]> = {
  specversion: ['CloudEvents version', '1.0'],
  id: [
    'Unique per delivery, time-ordered (UUIDv7); a reconciled event has a deterministic one, the same however often it is published',
  ],
  source: [
    '/providers/<provider or source>; /providers/<provider>/reconciler for an event the platform fetched from the provider itself (same value, key and type as the webhook)',
  ],
  type: ['<provider>.<provider event name>, e.g. credfin.application.bundle_ready'],
  time: ['When the platform received the webhook (RFC 3339)'],
  subject: ['The entity the event is about (never personal data), e.g. app:961194'],
  datacontenttype: ['Media type of the value, normally application/json'],
  dedupkey: ['Idempotency key: <provider>:<event>:<subject>:<first 32 hex of sha256(value)>'],
  traceparent: ['W3C trace context of the delivery'],
};

function cloudEventHeadersSchema(): Json {
  const properties: Record<string, Json> = {};
  for (const [attribute, header] of Object.entries(CLOUD_EVENT_HEADERS)) {
    const [description, constant] = CE_HEADER_DOCS[attribute as keyof typeof CLOUD_EVENT_HEADERS];
    properties[header] =
      constant === undefined
        ? { type: 'string', description }
        : { type: 'string', const: constant, description };
  }
  for (const [note, header] of Object.entries(RECEIPT_NOTE_HEADERS))
    properties[header] = {
      type: 'string',
      description: RECEIPT_NOTE_DOCS[note as keyof typeof RECEIPT_NOTE_HEADERS],
    };
  return { type: 'object', required: Object.values(CLOUD_EVENT_HEADERS), properties };
}

function renderAsyncApi(eventSchemas: Map<EventContract, Record<string, Json>>): string {
  const messages: Record<string, Json> = {};
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  const trait = [{ $ref: '#/components/messageTraits/cloudEventsBinary' }];

  const addChannel = (
    id: string,
    channel: Record<string, Json>,
    messageIds: string[],
    summary: string,
  ): void => {
    channels[id] = {
      ...channel,
      messages: Object.fromEntries(messageIds.map((m) => [m, { $ref: `#/components/messages/${m}` }])),
    };
    operations[`send${id[0].toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      summary,
      channel: { $ref: `#/channels/${id}` },
      messages: messageIds.map((m) => ({ $ref: `#/channels/${id}/messages/${m}` })),
    };
  };

  for (const provider of ['credfin', 'creditchek', 'bridge'] as const) {
    const spec = rawTopicSpec(provider);
    const ids: string[] = [];
    for (const [contract, schema] of eventSchemas) {
      if (contract.provider !== provider) continue;
      const id = messageId(`${provider}.${contract.eventName}`);
      ids.push(id);
      messages[id] = {
        name: `${provider}.${contract.eventName}`,
        title: `${provider} ${contract.eventName}`,
        summary: contract.summary,
        description: `ce_type: ${provider}.${contract.eventName}. Key: ${contract.key}. ce_subject: ${contract.subject}. Schema file: ${eventSchemaPath(provider, contract.eventName)}`,
        contentType: 'application/json',
        traits: trait,
        payload: withoutDialect(schema),
        bindings: keyBinding(contract.key),
      };
    }
    const unknownId = messageId(`${provider}.unknown`);
    messages[unknownId] = {
      name: `${provider}.unknown`,
      title: `${provider}: event type unknown to this contract version`,
      summary: 'Recorded as received; consumers should skip or park it, never fail on it.',
      contentType: 'application/json',
      traits: trait,
      payload: { type: 'object' },
      bindings: keyBinding(spec.key),
    };
    ids.push(unknownId);
    addChannel(
      channelId(spec.name),
      {
        address: spec.name,
        title: spec.name,
        description: `${spec.description} Key: ${spec.key}.`,
        bindings: kafkaChannelBinding(spec),
      },
      ids,
      `Ingress publishes verified ${provider} webhooks`,
    );
  }

  const generic = rawTopicSpec('generic');
  messages.genericWebhook = {
    name: 'generic.webhook',
    title: 'Webhook from a generic (configured) source',
    summary: 'Body as received from a Standard-Webhooks source; no typed contract.',
    contentType: 'application/json',
    traits: trait,
    payload: {},
    bindings: keyBinding(generic.key),
  };
  addChannel(
    'webhooksSourceV1',
    {
      address: 'webhooks.{source}.v1',
      title: 'webhooks.{source}.v1',
      description: `Raw topic of a generic source added by configuration (one topic per source). ${generic.description.replace('generic', '<source>')}`,
      parameters: { source: { description: 'Source name, [a-z0-9-]{1,40}' } },
    },
    ['genericWebhook'],
    'Ingress publishes verified webhooks of configured generic sources',
  );

  for (const spec of DOWNSTREAM_TOPIC_SPECS) {
    const id = messageId(spec.name);
    messages[id] = {
      name: spec.name,
      title: spec.name,
      summary: spec.description,
      contentType: 'application/json',
      payload: withoutDialect(toJsonSchema(DOWNSTREAM_VALUE_SCHEMAS[spec.name])),
      bindings: keyBinding(spec.key),
    };
    addChannel(
      channelId(spec.name),
      {
        address: spec.name,
        title: spec.name,
        description: `${spec.description} Key: ${spec.key}.`,
        bindings: kafkaChannelBinding(spec),
      },
      [id],
      spec.description,
    );
  }

  messages.deadLetter = {
    name: 'dead-letter',
    title: 'Dead letter',
    summary: 'A record a consumer could not process: value and headers of the original record, unchanged.',
    payload: {},
    bindings: keyBinding('the key of the record that failed'),
  };
  for (const spec of TOPIC_CATALOGUE.filter((topic) => topic.name.startsWith('dlq.'))) {
    addChannel(
      channelId(spec.name),
      {
        address: spec.name,
        title: spec.name,
        description: spec.description,
        bindings: kafkaChannelBinding(spec),
      },
      ['deadLetter'],
      `Consumer parks records it cannot process (known consumers: ${KNOWN_CONSUMERS.join(', ')})`,
    );
  }

  messages.retriedRecord = {
    name: 'retried-record',
    title: 'Record redriven for one consumer',
    summary:
      'A dead letter (or one raw event) re-emitted for one consumer: value, key and headers of the original record, plus the dlq_* headers and dlq_redriven_at.',
    payload: {},
    bindings: keyBinding('the key of the original record'),
  };
  for (const spec of TOPIC_CATALOGUE.filter((topic) => topic.name.startsWith('retry.'))) {
    addChannel(
      channelId(spec.name),
      {
        address: spec.name,
        title: spec.name,
        description: spec.description,
        bindings: kafkaChannelBinding(spec),
      },
      ['retriedRecord'],
      'The ops CLI redrives records for one consumer, which reads them besides its own topics',
    );
  }

  messages.opsAuditRecord = {
    name: OPS_AUDIT_TOPIC_SPEC.name,
    title: OPS_AUDIT_TOPIC_SPEC.name,
    summary: OPS_AUDIT_TOPIC_SPEC.description,
    contentType: 'application/json',
    payload: withoutDialect(toJsonSchema(opsAuditRecordSchema)),
    bindings: keyBinding(OPS_AUDIT_TOPIC_SPEC.key),
  };
  addChannel(
    channelId(OPS_AUDIT_TOPIC_SPEC.name),
    {
      address: OPS_AUDIT_TOPIC_SPEC.name,
      title: OPS_AUDIT_TOPIC_SPEC.name,
      description: `${OPS_AUDIT_TOPIC_SPEC.description} Key: ${OPS_AUDIT_TOPIC_SPEC.key}. Schema file: ${opsSchemaPath(OPS_AUDIT_TOPIC_SPEC.name)}`,
      bindings: kafkaChannelBinding(OPS_AUDIT_TOPIC_SPEC),
    },
    ['opsAuditRecord'],
    'The ops CLI records every executed operation: started, then its outcome',
  );

  const document: Json = {
    asyncapi: '3.0.0',
    info: {
      title: 'Ledgerhook events',
      version: '1.0.0',
      description: [
        'GENERATED by `npm run contracts:generate` from libs/contracts; do not edit by hand.',
        '',
        'Raw topics (webhooks.*.v1) hold every verified provider webhook: the value is the body byte for byte as',
        'received, the headers follow CloudEvents 1.0 (Kafka binding, binary mode), the key groups all events of one',
        'application / borrower / item on one partition. Downstream topics (lending.*.v1) hold projections.',
        'Subscribe with your own consumer group; deduplicate on ce_dedupkey; ignore event types you do not know.',
        'See libs/contracts/README.md.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages,
      messageTraits: {
        cloudEventsBinary: {
          summary: 'CloudEvents 1.0 attributes as Kafka headers (binary mode)',
          headers: cloudEventHeadersSchema(),
        },
      },
    },
  };
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Every generated file, in a fixed order. */
export function renderDocs(): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const eventSchemas = new Map<EventContract, Record<string, Json>>();
  for (const contract of EVENT_CONTRACTS) {
    const schema = toJsonSchema(contract.schema);
    eventSchemas.set(contract, schema);
    files.push({ path: eventSchemaPath(contract.provider, contract.eventName), content: json(schema) });
  }
  for (const [topic, schema] of Object.entries(DOWNSTREAM_VALUE_SCHEMAS)) {
    files.push({ path: downstreamSchemaPath(topic), content: json(toJsonSchema(schema)) });
  }
  files.push({
    path: opsSchemaPath(OPS_AUDIT_TOPIC_SPEC.name),
    content: json(toJsonSchema(opsAuditRecordSchema)),
  });
  files.push({ path: ASYNCAPI_PATH, content: renderAsyncApi(eventSchemas) });
  return files;
}
