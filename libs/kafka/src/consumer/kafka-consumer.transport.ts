import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@ledgerhook/platform';
import { CommittingConsumer } from './committing-consumer';
import type { ConsumedRecord } from './consumed-record';

export interface KafkaConsumerTransportOptions {
  kafka: Kafka;
  groupId: string;
  logger: Logger;
  fromBeginning?: boolean;
}

/**
 * A @nestjs/microservices transport whose `@EventPattern(topic)` handlers run under
 * CommittingConsumer's guarantees (manual `offset + 1` commits after the handler resolved), which the
 * built-in Kafka transport does not give with auto-commit off. A service with no handlers yet
 * subscribes to nothing, so it never commits offsets for events it does not process.
 */
export class KafkaConsumerTransport extends Server implements CustomTransportStrategy {
  private consumer?: CommittingConsumer;

  constructor(private readonly options: KafkaConsumerTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length === 0) {
      this.options.logger.info('no @EventPattern handlers registered; not consuming');
      callback();
      return;
    }
    try {
      this.consumer = new CommittingConsumer({
        kafka: this.options.kafka,
        groupId: this.options.groupId,
        topics,
        fromBeginning: this.options.fromBeginning ?? true,
        logger: this.options.logger,
        handle: (record) => this.dispatch(record),
      });
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  isConsuming(): boolean {
    return this.consumer?.isRunning() ?? false;
  }

  private async dispatch(record: ConsumedRecord): Promise<void> {
    const handler = this.getHandlerByPattern(record.topic);
    if (!handler) throw new Error(`No handler is registered for topic ${record.topic}`);
    const result: unknown = await handler(record);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaConsumerTransport does not emit transport events');
  }

  unwrap<T>(): T {
    return this.options.kafka as T;
  }
}
