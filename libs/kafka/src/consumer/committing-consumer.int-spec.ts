import { randomBytes } from 'node:crypto';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { createLogger } from '@ledgerhook/platform';
import { createKafkaClient } from '../client/kafka-client.factory';
import { loadKafkaConfig } from '../config/kafka-config';
import { createIdempotentProducer } from '../producer/idempotent-producer.factory';
import { ensureTopics } from '../topics/topic-provisioner';
import { CommittingConsumer } from './committing-consumer';
import type { ConsumedRecord } from './consumed-record';

// Talks to the real broker `npm test` provides (KAFKA_BROKERS).
const logger = createLogger('kafka.int-spec', 'silent');
const kafka: Kafka = createKafkaClient(loadKafkaConfig('kafka.int-spec'), logger);
const topic = `it.kafka-plumbing.${randomBytes(4).toString('hex')}`;
let admin: Admin;
let producer: Producer;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function committedOffset(groupId: string): Promise<string> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return entry?.partitions[0]?.offset ?? '-1';
}

describe('libs/kafka against the real broker', () => {
  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await producer.disconnect();
    await admin.disconnect();
  });

  it('provisions topics idempotently from their specs', async () => {
    const spec = {
      name: topic,
      partitions: 1,
      retentionMs: -1,
      cleanupPolicy: 'delete' as const,
      key: 'k',
      description: 'd',
    };
    expect(await ensureTopics(admin, [spec])).toEqual([topic]);
    expect(await ensureTopics(admin, [spec])).toEqual([]);
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions).toHaveLength(1);
  });

  it('produces, consumes, and commits offset + 1 only after the handler succeeded', async () => {
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'app-1', value: Buffer.from('{"n":1}'), headers: { ce_id: 'one' } },
        { key: 'app-1', value: Buffer.from('{"n":2}'), headers: { ce_id: 'two' } },
      ],
    });

    const groupId = `it-group-${randomBytes(4).toString('hex')}`;
    const seen: ConsumedRecord[] = [];
    const done = deferred<void>();
    let failuresLeft = 1;
    const consumer = new CommittingConsumer({
      kafka,
      groupId,
      topics: [topic],
      logger,
      handle: async (record) => {
        // The first attempt at the second record fails: it must be redelivered, not skipped.
        if (record.offset === '1' && failuresLeft-- > 0) throw new Error('transient');
        seen.push(record);
        if (seen.length === 2) done.resolve();
      },
    });
    await consumer.start();
    try {
      await done.promise;
      expect(seen.map((record) => record.value?.toString())).toEqual(['{"n":1}', '{"n":2}']);
      expect(seen[0]?.key?.toString()).toBe('app-1');
      expect(seen[1]?.headers['ce_id']?.toString()).toBe('two');
      // Commit happens right after the handler resolves; poll the broker until it is visible.
      for (let attempt = 0; attempt < 100 && (await committedOffset(groupId)) !== '2'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await committedOffset(groupId)).toBe('2');
    } finally {
      await consumer.stop();
    }
  });
});
