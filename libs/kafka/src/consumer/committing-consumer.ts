import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '@ledgerhook/platform';
import { type ConsumedRecord, nextOffset, toConsumedRecord } from './consumed-record';

export interface CommittingConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts; replays and rebuilds start from the beginning. */
  fromBeginning?: boolean;
  /** Resolves once the record's effect is committed; only then is its offset committed. */
  handle: (record: ConsumedRecord) => Promise<void>;
  logger: Logger;
}

/**
 * At-least-once consumption with manual commits: auto-commit is off and `offset + 1` is committed
 * only after the handler resolved. A handler that throws leaves the offset where it was, so the
 * record is delivered again (kafkajs restarts the consumer with back-off).
 */
export class CommittingConsumer {
  private readonly consumer: Consumer;
  private running = false;

  constructor(private readonly options: CommittingConsumerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      options.logger.error(
        { groupId: options.groupId, restart: payload.restart },
        `consumer crashed: ${payload.error.message}`,
      );
    });
  }

  async start(): Promise<void> {
    const { topics, fromBeginning = true, handle } = this.options;
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        await handle(toConsumedRecord(topic, partition, message));
        await this.consumer.commitOffsets([{ topic, partition, offset: nextOffset(message.offset) }]);
      },
    });
    this.running = true;
  }

  isRunning(): boolean {
    return this.running;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
  }
}
