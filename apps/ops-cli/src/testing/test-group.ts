import { randomBytes } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { TopicSpec } from '@ledgerhook/contracts';
import { ensureTopics } from '@ledgerhook/kafka';
import { waitForGroupAtEnd } from '@ledgerhook/kafka/testing';

export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A throwaway topic of the given partitions, kept forever (records carry old timestamps). */
export async function createTestTopic(admin: Admin, name: string, partitions: number): Promise<void> {
  const spec: TopicSpec = {
    name,
    partitions,
    retentionMs: -1,
    cleanupPolicy: 'delete',
    key: 'test',
    description: 'ops-cli test topic',
  };
  await ensureTopics(admin, [spec]);
}

export interface ReadRecord {
  partition: number;
  offset: string;
  timestamp: string;
}

/** A consumer group member that reads a topic and commits, as a service would. */
export class TestConsumer {
  readonly records: ReadRecord[] = [];

  private constructor(private readonly consumer: Consumer) {}

  /** Joins `groupId` and reads `topic` (from the beginning when the group has no offsets). */
  static async start(kafka: Kafka, groupId: string, topic: string): Promise<TestConsumer> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const member = new TestConsumer(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        member.records.push({ partition, offset: message.offset, timestamp: message.timestamp });
      },
    });
    await joined;
    return member;
  }

  /** Waits until the group committed the end of the topic. */
  async drain(admin: Admin, groupId: string, topic: string): Promise<void> {
    await waitForGroupAtEnd(admin, groupId, [topic], 30_000);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** The group's committed offsets on the topic, by partition ('-1' = none). */
export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<string[]> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (entry?.partitions ?? []).sort((a, b) => a.partition - b.partition).map((p) => p.offset);
}
