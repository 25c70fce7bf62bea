import { randomBytes } from 'node:crypto';
import { Controller, type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  BatchContext,
  consumerServiceImports,
  type InboundEvent,
  KafkaBatchTransport,
  RejectedEventError,
} from '@ledgerhook/consumer';
import { dlqTopicSpec, retryTopicSpec } from '@ledgerhook/contracts';
import { rawProviderRecord } from '@ledgerhook/contracts/testing';
import { databaseUrlFor, dropDatabase, loadDatabaseConfig } from '@ledgerhook/database';
import { createKafkaClient, ensureTopics, loadKafkaConfig } from '@ledgerhook/kafka';
import { createLogger } from '@ledgerhook/platform';
import { startServiceForTest, metricsUrlOf } from '@ledgerhook/platform/testing';
import type { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { createTestTopic } from './test-group';

// A consumer service as the real ones are built (KafkaBatchTransport, inbox, DLQ, retry topic) that
// counts its effects: one row per event, `applied` incremented should an event ever apply twice.
// Tests make it refuse events (the "cause"), then fix it, and watch what operations do.
const PATTERN = 'it.ledger.v1';

export interface LedgerService {
  /** The consumer's name: `dlq.<name>.v1`, `retry.<name>.v1`, inbox rows. */
  name: string;
  group: string;
  /** A generic source's raw topic, so `republish` searches it. */
  topic: string;
  kafka: Kafka;
  admin: Admin;
  /** ce_ids the handler refuses (RejectedEventError: dead-lettered) until removed. */
  refused: Set<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** ce_id -> how many times its effect was applied. */
  effects(): Promise<Map<string, number>>;
  /** A counter of the service's /metrics (consumer_events_applied_total, …) for this consumer. */
  metric(name: string): Promise<number>;
  dispose(): Promise<void>;
}

let sequence = 0;

/** A raw Bridge event as the ingress would publish it, with its Kafka timestamp. */
export function ledgerEvent(itemId: number, timestamp: number) {
  const body = {
    type: 'item.refreshed',
    timestamp: 1_700_000_000_000 + sequence++ * 1_000,
    content: { item_id: itemId, user_uuid: `00000000-0000-4000-8000-${String(itemId).padStart(12, '0')}` },
  };
  return { ...rawProviderRecord('bridge', body, new Date(timestamp)), timestamp: String(timestamp) };
}

export async function createLedgerService(label: string): Promise<LedgerService> {
  const suffix = randomBytes(4).toString('hex');
  const name = `it-${label}-${suffix}`;
  const group = `${name}-group`;
  const topic = `webhooks.${name}.v1`;
  const logger = createLogger(name, 'silent');
  const kafkaConfig = loadKafkaConfig(name);
  const kafka = createKafkaClient(kafkaConfig, logger);
  const admin = kafka.admin();
  await admin.connect();
  await createTestTopic(admin, topic, 2);
  await ensureTopics(admin, [dlqTopicSpec(name), retryTopicSpec(name)]);
  const databaseUrl = databaseUrlFor(
    loadDatabaseConfig(name).url,
    `ledgerhook_it_${label.replace(/-/g, '_')}_${suffix}`,
  );
  const refused = new Set<string>();

  @Controller()
  class LedgerController {
    @EventPattern(PATTERN)
    async apply(@Payload() events: readonly InboundEvent[], @Ctx() context: BatchContext): Promise<[]> {
      for (const event of events)
        if (refused.has(event.attributes.id)) throw new RejectedEventError('refused: the cause is not fixed');
      await context.getManager().query(
        `INSERT INTO it_effect (ce_id) SELECT unnest($1::text[])
           ON CONFLICT (ce_id) DO UPDATE SET applied = it_effect.applied + 1`,
        [events.map((event) => event.attributes.id)],
      );
      return [];
    }
  }

  @Module({})
  class LedgerModule {
    static forRoot(): DynamicModule {
      return {
        module: LedgerModule,
        imports: consumerServiceImports({
          service: name,
          kafka,
          kafkaConfig,
          databaseUrl,
          logger,
          topics: [],
          consumer: {
            groupId: group,
            topicOverrides: { [PATTERN]: topic },
            policy: { retry: { initialMs: 10, maxMs: 100 } },
          },
        }),
        controllers: [LedgerController],
      };
    }
  }

  let app: INestApplication | undefined;
  const db = new Client({ connectionString: databaseUrl });
  const service: LedgerService = {
    name,
    group,
    topic,
    kafka,
    admin,
    refused,
    async start() {
      app = await startServiceForTest({
        service: name,
        module: LedgerModule.forRoot(),
        logger,
        microservice: (nest) => nest.get(KafkaBatchTransport),
      });
    },
    async stop() {
      await app?.close();
      app = undefined;
    },
    async effects() {
      const { rows } = await db.query('SELECT ce_id, applied FROM it_effect');
      return new Map(rows.map((row: { ce_id: string; applied: number }) => [row.ce_id, row.applied]));
    },
    async metric(metric: string) {
      if (!app) throw new Error('the service is not running');
      const text = await (await fetch(metricsUrlOf(app))).text();
      const line = text.split('\n').find((l) => l.startsWith(`${metric}{consumer="${name}"`));
      return line ? Number(line.split(' ').pop()) : 0;
    },
    async dispose() {
      await service.stop();
      await db.end().catch(() => undefined);
      await admin
        .deleteTopics({ topics: [topic, dlqTopicSpec(name).name, retryTopicSpec(name).name] })
        .catch(() => undefined);
      await admin.deleteGroups([group, `ledgerhook.dlq.${name}`]).catch(() => undefined);
      await admin.disconnect();
      await dropDatabase(databaseUrl);
    },
  };
  // The service creates the database and the platform's tables; the effect table is the test's.
  await service.start();
  await db.connect();
  await db.query('CREATE TABLE it_effect (ce_id text PRIMARY KEY, applied int NOT NULL DEFAULT 1)');
  await service.stop();
  return service;
}
