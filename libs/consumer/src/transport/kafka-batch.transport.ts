import { Inject, Injectable } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { retryTopicName } from '@ledgerhook/contracts';
import { createIdempotentProducer, KAFKA_CLIENT } from '@ledgerhook/kafka';
import { MetricsRegistry, ReadinessRegistry, SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
import type { Kafka, Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { BatchConsumer } from '../batch/batch-consumer';
import { DLQ_HEADERS } from '../dead-letters/dead-letter.publisher';
import type { ConsumedEvent, OutboxMessage } from '../events/inbound-event';
import { RejectedEventError } from '../failures/consumer-errors';
import { ConsumerMetrics } from '../metrics/consumer.metrics';
import { OutboxRelay } from '../outbox/outbox-relay';
import { BatchContext } from './batch-context';
import { CONSUMER_OPTIONS, type ConsumerOptions } from './consumer-options';

/**
 * A @nestjs/microservices transport for Kafka consumers that project into PostgreSQL. Handlers are
 * declared the Nest way, one per topic, and get the decoded events of one partition in offset order:
 *
 *   @EventPattern(TOPICS.credfinRaw)
 *   apply(@Payload() events: readonly ConsumedEvent[], @Ctx() ctx: BatchContext): Promise<OutboxMessage[]>
 *
 * The handler runs inside the transaction that also claims the events in the inbox (duplicates never
 * reach it) and stores the outbox records it returns; offsets are committed after that transaction.
 * It throws to refuse: DependencyUnavailableError pauses, RejectedEventError dead-letters, anything
 * else is retried, isolated, and dead-lettered unless it happens to every event (then it pauses).
 * Nest's built-in Kafka transport commits before the effect is durable and has none of this.
 */
@Injectable()
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private readonly metrics: ConsumerMetrics;
  private producer?: Producer;
  private relay?: OutboxRelay;
  private consumer?: BatchConsumer;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CONSUMER_OPTIONS) private readonly options: ConsumerOptions,
    @Inject(MetricsRegistry) registry: MetricsRegistry,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(SERVICE_LOGGER) private readonly log: Logger,
  ) {
    super();
    this.metrics = new ConsumerMetrics(registry);
  }

  /**
   * The topics read: one per registered pattern, after overrides, and `retry.<name>.v1`, where
   * operators redrive dead letters (each goes to the handler of the topic it first came from).
   */
  subscribedTopics(): string[] {
    const patterns = [...this.messageHandlers.keys()];
    if (patterns.length === 0) return [];
    return [...patterns.map((pattern) => this.options.topicOverrides?.[pattern] ?? pattern), this.retryTopic];
  }

  private get retryTopic(): string {
    return retryTopicName(this.options.name);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    const topics = this.subscribedTopics();
    if (topics.length === 0) {
      this.log.info({ consumer: this.options.name }, 'no @EventPattern handlers registered; not consuming');
      callback();
      return;
    }
    try {
      this.producer = createIdempotentProducer(this.kafka);
      await this.producer.connect();
      this.relay = new OutboxRelay({
        dataSource: this.dataSource,
        producer: this.producer,
        name: this.options.name,
        logger: this.log,
        metrics: this.metrics,
      });
      this.relay.start();
      const relay = this.relay;
      this.consumer = new BatchConsumer({
        kafka: this.kafka,
        dataSource: this.dataSource,
        name: this.options.name,
        ...(this.options.groupId ? { groupId: this.options.groupId } : {}),
        ...(this.options.inboxName ? { inboxName: this.options.inboxName } : {}),
        ...(this.options.publish === false ? { publish: false } : {}),
        ...(this.options.chunkSize ? { chunkSize: this.options.chunkSize } : {}),
        ...(this.options.sessionTimeoutMs ? { sessionTimeoutMs: this.options.sessionTimeoutMs } : {}),
        ...(this.options.policy ? { policy: this.options.policy } : {}),
        ...(this.options.deadLetterDeadlineMs
          ? { deadLetterDeadlineMs: this.options.deadLetterDeadlineMs }
          : {}),
        ...(this.options.typedProviderEvents === false ? { typedProviderEvents: false } : {}),
        topics,
        handle: (manager, events) => this.dispatch(manager, events),
        producer: this.producer,
        logger: this.log,
        metrics: this.metrics,
        onOutboxWritten: () => relay.wake(),
      });
      const consumer = this.consumer;
      this.readiness.register('consumer', () => consumer.health());
      await consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops taking records, publishes what the outbox holds, then lets the producer go. */
  async close(): Promise<void> {
    await this.consumer?.stop();
    await this.relay?.stop();
    await this.producer?.disconnect();
  }

  /** Hands each run of same-topic events (a retry topic may mix them) to its handler, in order. */
  private async dispatch(manager: EntityManager, events: readonly ConsumedEvent[]): Promise<OutboxMessage[]> {
    const outbox: OutboxMessage[] = [];
    let start = 0;
    while (start < events.length) {
      const first = events[start] as ConsumedEvent;
      const pattern = this.patternOf(first);
      let end = start + 1;
      while (end < events.length && this.patternOf(events[end] as ConsumedEvent) === pattern) end++;
      outbox.push(...(await this.invoke(pattern, events.slice(start, end), manager, first.record.partition)));
      start = end;
    }
    return outbox;
  }

  /** The handler's pattern; a redriven record goes where it first came from (its dlq_source_topic). */
  private patternOf(event: ConsumedEvent): string {
    const topic = event.record.topic;
    if (topic === this.retryTopic) {
      const source = event.record.headers[DLQ_HEADERS.topic]?.toString();
      if (!source) throw new RejectedEventError(`a record on ${topic} has no ${DLQ_HEADERS.topic} header`);
      const pattern = this.patternOfTopic(source);
      if (!this.getHandlerByPattern(pattern))
        throw new RejectedEventError(
          `a redriven record names ${source}, which ${this.options.name} does not read`,
        );
      return pattern;
    }
    return this.patternOfTopic(topic);
  }

  private patternOfTopic(topic: string): string {
    for (const [pattern, override] of Object.entries(this.options.topicOverrides ?? {}))
      if (override === topic) return pattern;
    return topic;
  }

  private async invoke(
    pattern: string,
    events: readonly ConsumedEvent[],
    manager: EntityManager,
    partition: number,
  ): Promise<readonly OutboxMessage[]> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`no @EventPattern handler for ${pattern}; add one or stop reading it`);
    let result: unknown = await handler(events, new BatchContext([manager, pattern, partition]));
    try {
      if (isObservable(result)) result = await lastValueFrom(result, { defaultValue: undefined });
    } catch (error) {
      throw unwrapped(error);
    }
    if (result === undefined || result === null) return [];
    if (!Array.isArray(result))
      throw new Error(`the @EventPattern handler for ${pattern} must return the outbox records (an array)`);
    return result as OutboxMessage[];
  }

  on(): never {
    throw new Error('KafkaBatchTransport emits no transport events');
  }

  unwrap<T>(): T {
    return this.kafka as T;
  }
}

/** Nest's default filter would have hidden the handler's error: say so instead of guessing. */
function unwrapped(error: unknown): unknown {
  if (error instanceof Error) return error;
  return new Error(
    'a handler failed and Nest replaced its error; start the transport with bootstrapService, which keeps handler errors intact',
  );
}
