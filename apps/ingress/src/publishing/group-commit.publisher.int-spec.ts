import { randomBytes } from 'node:crypto';
import {
  createIdempotentProducer,
  createKafkaClient,
  ensureTopics,
  loadKafkaConfig,
} from '@ledgerhook/kafka';
import { endOffsets, readBetween } from '@ledgerhook/kafka/testing';
import { rawTopicSpec } from '@ledgerhook/contracts';
import { createLogger } from '@ledgerhook/platform';
import type { Admin, Producer } from 'kafkajs';
import { GroupCommitPublisher } from './group-commit.publisher';
import { PublisherClosedError, PublisherOverloadedError } from './publish-errors';

const kafka = createKafkaClient(
  loadKafkaConfig('group-commit.int-spec'),
  createLogger('group-commit', 'silent'),
);
const topic = `it.group-commit.${randomBytes(4).toString('hex')}`;
// A raw topic exactly as the catalogue declares it (its max.message.bytes included).
const rawTopic = rawTopicSpec(`it-large-${randomBytes(4).toString('hex')}`);

describe('GroupCommitPublisher against the real broker', () => {
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [
      { name: topic, partitions: 3, retentionMs: -1, cleanupPolicy: 'delete', key: 'k', description: 'd' },
      rawTopic,
    ]);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic, rawTopic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('coalesces concurrent publishes into few batches and resolves each only once it is in Kafka', async () => {
    const batches: number[] = [];
    const publisher = new GroupCommitPublisher(producer, {
      maxBatchRecords: 100,
      lingerMs: 5,
      maxInFlight: 1_000,
      timeoutMs: 10_000,
      onBatchSent: (records) => batches.push(records),
    });
    const before = await endOffsets(admin, topic);
    const values = Array.from({ length: 250 }, (_, i) => Buffer.from(`{"n":${i}}`));
    await Promise.all(
      values.map((value, i) =>
        publisher.publish({ topic, key: `k${i % 7}`, value, headers: { n: String(i) } }),
      ),
    );
    // Every resolved publish is readable: acknowledged means durable.
    const records = await readBetween(kafka, topic, before, await endOffsets(admin, topic));
    expect(records.map((r) => r.value?.toString()).sort()).toEqual(values.map((v) => v.toString()).sort());
    expect(batches.reduce((a, b) => a + b, 0)).toBe(250);
    expect(Math.max(...batches)).toBeLessThanOrEqual(100);
    expect(batches.length).toBeLessThanOrEqual(10);
    // Same key, same partition, in publish order.
    const k0 = records.filter((r) => r.key?.toString() === 'k0');
    expect(new Set(k0.map((r) => r.partition)).size).toBe(1);
    expect(k0.map((r) => Number(r.headers['n']?.toString()))).toEqual(
      [...k0.map((r) => Number(r.headers['n']?.toString()))].sort((a, b) => a - b),
    );
  });

  it('refuses past its in-flight bound instead of queueing without limit', async () => {
    const publisher = new GroupCommitPublisher(producer, {
      maxBatchRecords: 10,
      lingerMs: 50,
      maxInFlight: 3,
      timeoutMs: 10_000,
    });
    const accepted = [1, 2, 3].map((n) =>
      publisher.publish({ topic, key: 'k', value: Buffer.from(String(n)), headers: {} }),
    );
    await expect(
      publisher.publish({ topic, key: 'k', value: Buffer.from('4'), headers: {} }),
    ).rejects.toBeInstanceOf(PublisherOverloadedError);
    await Promise.all(accepted);
    expect(publisher.inFlightCount).toBe(0);
  });

  it('refuses past its in-flight bound in bytes, though one record alone always goes', async () => {
    const publisher = new GroupCommitPublisher(producer, {
      maxBatchRecords: 10,
      lingerMs: 50,
      maxInFlight: 1_000,
      maxInFlightBytes: 1_000,
      timeoutMs: 10_000,
    });
    const large = publisher.publish({ topic, key: 'k', value: Buffer.alloc(5_000, 'x'), headers: {} });
    await expect(
      publisher.publish({ topic, key: 'k', value: Buffer.from('small'), headers: {} }),
    ).rejects.toBeInstanceOf(PublisherOverloadedError);
    await large;
    await publisher.publish({ topic, key: 'k', value: Buffer.from('small'), headers: {} });
    expect(publisher.inFlightCount).toBe(0);
  });

  it('drains what it accepted, then refuses new events', async () => {
    const publisher = new GroupCommitPublisher(producer, {
      maxBatchRecords: 500,
      lingerMs: 1_000,
      maxInFlight: 100,
      timeoutMs: 10_000,
    });
    const before = await endOffsets(admin, topic);
    const pending = Array.from({ length: 20 }, (_, i) =>
      publisher.publish({ topic, key: 'd', value: Buffer.from(`d${i}`), headers: {} }),
    );
    expect(await publisher.drain(10_000)).toBe(true);
    await Promise.all(pending);
    expect((await readBetween(kafka, topic, before, await endOffsets(admin, topic))).length).toBe(20);
    await expect(
      publisher.publish({ topic, key: 'd', value: Buffer.from('late'), headers: {} }),
    ).rejects.toBeInstanceOf(PublisherClosedError);
  });

  it('stores a 3 MiB verified event on a raw topic while the small ones batched with it succeed', async () => {
    const publisher = new GroupCommitPublisher(producer, {
      maxBatchRecords: 100,
      lingerMs: 20,
      maxInFlight: 1_000,
      timeoutMs: 20_000,
    });
    const before = await endOffsets(admin, rawTopic.name);
    const large = Buffer.alloc(3 * 1024 * 1024, 'a');
    const values = [
      ...Array.from({ length: 10 }, (_, i) => Buffer.from(`{"n":${i}}`)),
      large,
      ...Array.from({ length: 10 }, (_, i) => Buffer.from(`{"n":${10 + i}}`)),
    ];
    // All on one key: one partition, one record batch unless the publisher keeps them apart.
    const results = await Promise.allSettled(
      values.map((value) => publisher.publish({ topic: rawTopic.name, key: 'same', value, headers: {} })),
    );
    expect(results.map((result) => result.status)).toEqual(values.map(() => 'fulfilled'));
    const records = await readBetween(kafka, rawTopic.name, before, await endOffsets(admin, rawTopic.name));
    expect(records.map((record) => record.value?.length)).toEqual(values.map((value) => value.length));
  });

  it('fails only the record a topic refuses for its size; the ones batched with it are stored', async () => {
    const publisher = new GroupCommitPublisher(producer, {
      maxBatchRecords: 100,
      lingerMs: 20,
      maxInFlight: 1_000,
      timeoutMs: 20_000,
    });
    const before = await endOffsets(admin, topic);
    // This test topic keeps the broker's default limit (about 1 MiB).
    const values = [Buffer.from('{"n":1}'), Buffer.alloc(2 * 1024 * 1024, 'b'), Buffer.from('{"n":2}')];
    const results = await Promise.allSettled(
      values.map((value) => publisher.publish({ topic, key: 'same', value, headers: {} })),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const records = await readBetween(kafka, topic, before, await endOffsets(admin, topic));
    expect(records.map((record) => record.value?.toString())).toEqual(['{"n":1}', '{"n":2}']);
  });
});
