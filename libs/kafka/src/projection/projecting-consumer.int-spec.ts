import { randomBytes } from 'node:crypto';
import {
  buildCloudEventHeaders,
  dlqTopicSpec,
  identifyProviderEvent,
  parseCloudEventHeaders,
  type TopicSpec,
} from '@ledgerhook/contracts';
import {
  createServiceDataSource,
  databaseUrlFor,
  dropDatabase,
  ensureDatabase,
  loadDatabaseConfig,
  PLATFORM_ENTITIES,
  PLATFORM_MIGRATIONS,
  runMigrations,
} from '@ledgerhook/database';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { createKafkaClient } from '../client/kafka-client.factory';
import { loadKafkaConfig } from '../config/kafka-config';
import { createIdempotentProducer } from '../producer/idempotent-producer.factory';
import { endOffsets, readBetween, waitForGroupAtEnd } from '../testing/topic-reader';
import { ensureTopics } from '../topics/topic-provisioner';
import { DLQ_HEADERS } from './dead-letter.publisher';
import { OutboxRelay } from './outbox-relay';
import { ProjectingConsumer } from './projecting-consumer';
import type { ProjectionHandler } from './projection-handler';
import { ProjectionMetrics } from './projection-metrics';

// The consumer plumbing against the real broker and database, with a small projection: one row per
// Bridge item event, and one outbox record per applied event.
const logger = createLogger('projecting-consumer.int-spec', 'silent');
const kafka: Kafka = createKafkaClient(loadKafkaConfig('projecting-consumer.int-spec'), logger);
const suffix = randomBytes(4).toString('hex');
const name = `it-projection-${suffix}`;
const sourceTopic = `it.projection-source.${suffix}`;
const outTopic = `it.projection-out.${suffix}`;
const baseUrl = loadDatabaseConfig('projecting-consumer.int-spec').url;
const databaseName = `ledgerhook_it_${suffix}`;
const topic = (topicName: string): TopicSpec => ({
  name: topicName,
  partitions: 2,
  retentionMs: -1,
  cleanupPolicy: 'delete',
  key: 'k',
  description: 'd',
});

function bridgeRecord(itemId: number, timestamp: number, type = 'item.refreshed') {
  const body = Buffer.from(
    JSON.stringify({
      type,
      timestamp,
      content: { item_id: itemId, user_uuid: `00000000-0000-4000-8000-${String(itemId).padStart(12, '0')}` },
    }),
  );
  const identity = identifyProviderEvent('bridge', JSON.parse(body.toString()), body);
  if ('error' in identity) throw new Error(identity.error);
  const headers = buildCloudEventHeaders({
    source: 'bridge',
    eventName: identity.eventName,
    subject: identity.subject,
    dedupKey: identity.dedupKey,
    receivedAt: new Date(timestamp),
  });
  return { key: identity.partitionKey, value: body, headers };
}

const handler: ProjectionHandler = {
  async apply(manager, events) {
    for (const event of events) {
      // A record that always fails on its own: the plumbing must isolate and dead-letter it.
      if (event.event.eventName === 'item.cursed') throw new Error('this event can never be applied');
    }
    const values: unknown[] = [];
    const rows = events.map((event, i) => {
      values.push(event.attributes.id, event.record.key?.toString(), event.attributes.type);
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    await manager.query(
      `INSERT INTO it_projection (ce_id, item_key, ce_type) VALUES ${rows.join(', ')}`,
      values,
    );
    return events.map((event) => ({
      topic: outTopic,
      key: event.record.key?.toString() ?? '',
      value: JSON.stringify({ applied: event.attributes.id }),
      headers: { 'content-type': 'application/json' },
    }));
  },
};

describe('ProjectingConsumer (real Kafka and PostgreSQL)', () => {
  let admin: Admin;
  let producer: Producer;
  let dataSource: DataSource;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic(sourceTopic), topic(outTopic), dlqTopicSpec(name)]);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
    const url = databaseUrlFor(baseUrl, databaseName);
    await ensureDatabase(url);
    dataSource = createServiceDataSource({
      url,
      applicationName: 'projecting-consumer.int-spec',
      entities: [...PLATFORM_ENTITIES],
      migrations: [...PLATFORM_MIGRATIONS],
      migrationsTableName: 'migrations_it',
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.query(
      'CREATE TABLE it_projection (ce_id text PRIMARY KEY, item_key text NOT NULL, ce_type text NOT NULL)',
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await producer?.disconnect();
    await admin
      .deleteTopics({ topics: [sourceTopic, outTopic, dlqTopicSpec(name).name] })
      .catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(databaseUrlFor(baseUrl, databaseName));
  });

  it('applies each event once, dead-letters poison without blocking, commits offsets and relays the outbox', async () => {
    const good = [
      bridgeRecord(1, 1_700_000_000_000),
      bridgeRecord(2, 1_700_000_001_000),
      bridgeRecord(1, 1_700_000_002_000),
    ];
    const duplicate = {
      ...good[0],
      headers: {
        ...good[0]?.headers,
        ce_id: buildCloudEventHeaders({
          source: 'bridge',
          eventName: 'x',
          subject: 's',
          dedupKey: 'd',
          receivedAt: new Date(),
        })['ce_id'],
      },
    };
    const badHeaders = {
      key: 'item:1',
      value: Buffer.from('{"type":"item.refreshed"}'),
      headers: { ce_specversion: '1.0' },
    };
    const cursed = bridgeRecord(1, 1_700_000_003_000, 'item.cursed');
    const after = bridgeRecord(1, 1_700_000_004_000);
    const outBefore = await endOffsets(admin, outTopic);
    const dlqBefore = await endOffsets(admin, dlqTopicSpec(name).name);
    await producer.send({
      topic: sourceTopic,
      acks: -1,
      messages: [...good, duplicate, badHeaders, cursed, after] as never,
    });

    const registry = new Registry();
    const metrics = new ProjectionMetrics(registry);
    const relay = new OutboxRelay({ dataSource, producer, name, logger, metrics, pollIntervalMs: 100 });
    const consumer = new ProjectingConsumer({
      kafka,
      dataSource,
      name,
      topics: [sourceTopic],
      handler,
      producer,
      logger,
      metrics,
      retry: { initialMs: 10, maxMs: 50 },
      onOutboxWritten: () => relay.wake(),
    });
    relay.start();
    await consumer.start();
    try {
      const sourceEnd = await endOffsets(admin, sourceTopic);
      // An empty partition has nothing to commit: its "no offset" (-1) counts as its end (0).
      const committed = async () => {
        const [entry] = await admin.fetchOffsets({ groupId: name, topics: [sourceTopic] });
        return new Map(
          (entry?.partitions ?? []).map((p) => [p.partition, p.offset === '-1' ? '0' : p.offset]),
        );
      };
      await waitForGroupAtEnd(admin, name, [sourceTopic], 10_000);
      // Every partition committed up to its end: nothing blocked by the poison records.
      expect(await committed()).toEqual(sourceEnd);

      const rows: { ce_id: string }[] = await dataSource.query('SELECT ce_id FROM it_projection');
      expect(rows.map((row) => row.ce_id).sort()).toEqual(
        [...good, after].map((record) => record.headers['ce_id']).sort(),
      );
      expect(await registry.getSingleMetricAsString('consumer_duplicates_skipped_total')).toMatch(/ 1$/m);

      const dead = await readBetween(
        kafka,
        dlqTopicSpec(name).name,
        dlqBefore,
        await endOffsets(admin, dlqTopicSpec(name).name),
      );
      expect(dead).toHaveLength(2);
      const cursedLetter = dead.find(
        (record) => record.headers['ce_id']?.toString() === cursed.headers['ce_id'],
      );
      expect(cursedLetter?.value?.equals(cursed.value)).toBe(true);
      expect(cursedLetter?.key?.toString()).toBe(cursed.key);
      expect(cursedLetter?.headers[DLQ_HEADERS.error]?.toString()).toContain(
        'this event can never be applied',
      );
      expect(cursedLetter?.headers[DLQ_HEADERS.topic]?.toString()).toBe(sourceTopic);
      expect(cursedLetter?.headers[DLQ_HEADERS.offset]?.toString()).toMatch(/^\d+$/);
      const badLetter = dead.find((record) =>
        record.headers[DLQ_HEADERS.error]?.toString().includes('ce_id'),
      );
      expect(badLetter?.value?.toString()).toBe('{"type":"item.refreshed"}');

      // The outbox relay published one record per applied event, then emptied the outbox.
      for (
        let i = 0;
        i < 100 && (await dataSource.query('SELECT count(*)::int AS n FROM platform.outbox'))[0].n > 0;
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const out = await readBetween(kafka, outTopic, outBefore, await endOffsets(admin, outTopic));
      expect(out.map((record) => JSON.parse(record.value?.toString() ?? '{}').applied).sort()).toEqual(
        rows.map((r) => r.ce_id).sort(),
      );
      expect(parseCloudEventHeaders(good[0]?.headers).dedupkey).toBe(
        parseCloudEventHeaders(duplicate.headers).dedupkey,
      );
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });
});
