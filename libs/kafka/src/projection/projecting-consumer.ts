import { claimInbox, enqueueOutbox } from '@ledgerhook/database';
import type { Logger } from '@ledgerhook/platform';
import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { type ConsumedRecord, nextOffset, toConsumedRecord } from '../consumer/consumed-record';
import { DeadLetterPublisher, type DeadLetter } from './dead-letter.publisher';
import { decodeRecord } from './inbound-event.decoder';
import type { InboundEvent, ProjectionHandler } from './projection-handler';
import type { ProjectionMetrics } from './projection-metrics';
import { describeError, isTransientError } from './transient-error';

export interface ProjectingConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** Names the inbox rows, the outbox producer and the DLQ topic (`dlq.<name>.v1`). */
  name: string;
  /** Defaults to `name`; a rebuild reads everything again under a new group. */
  groupId?: string;
  topics: readonly string[];
  handler: ProjectionHandler;
  /** Idempotent producer for dead letters. */
  producer: Producer;
  logger: Logger;
  metrics?: ProjectionMetrics;
  /** Failures of one record (not of the infrastructure) before it is dead-lettered. */
  maxAttempts?: number;
  /** Records applied per database transaction. */
  chunkSize?: number;
  retry?: { initialMs: number; maxMs: number };
  /** Called after each committed transaction that wrote to the outbox. */
  onOutboxWritten?: () => void;
}

interface ChunkOutcome {
  completed: boolean;
}

/**
 * Exactly-once effect over at-least-once delivery, for consumers that project into PostgreSQL:
 * - each chunk of a batch is applied in ONE transaction together with its inbox claims (duplicates
 *   skipped) and its outbox records;
 * - the offset (`offset + 1`) is committed only after that transaction committed; auto-commit is off;
 * - an infrastructure failure (database down) is retried with back-off, forever, without moving on;
 * - a record that cannot be decoded, or that fails `maxAttempts` times on its own, goes to the DLQ
 *   with its original value, key and headers, and the partition moves on.
 */
export class ProjectingConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly maxAttempts: number;
  private readonly chunkSize: number;
  private readonly retry: { initialMs: number; maxMs: number };
  private running = false;

  constructor(private readonly options: ProjectingConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId ?? options.name,
      allowAutoTopicCreation: false,
      // A chunk may wait for a database that is down: stay in the group meanwhile (heartbeats).
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    this.deadLetters = new DeadLetterPublisher(options.producer, options.name);
    this.maxAttempts = options.maxAttempts ?? 3;
    this.chunkSize = options.chunkSize ?? 500;
    this.retry = options.retry ?? { initialMs: 200, maxMs: 10_000 };
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      options.logger.error(
        { consumer: options.name, restart: payload.restart },
        `consumer crashed: ${describeError(payload.error)}`,
      );
    });
  }

  get deadLetterTopic(): string {
    return this.deadLetters.topic;
  }

  isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    this.running = true;
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
  }

  private async eachBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const records = batch.messages.map((message) => toConsumedRecord(batch.topic, batch.partition, message));
    for (let start = 0; start < records.length; start += this.chunkSize) {
      if (!isRunning() || isStale() || !this.running) return;
      const chunk = records.slice(start, start + this.chunkSize);
      const timer = this.options.metrics?.chunkDuration.startTimer({ consumer: this.options.name });
      const { completed } = await this.processChunk(chunk, heartbeat);
      if (!completed) return;
      const last = chunk[chunk.length - 1] as ConsumedRecord;
      await this.consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: nextOffset(last.offset) },
      ]);
      resolveOffset(last.offset);
      timer?.();
      await heartbeat();
    }
    const lag = Number(BigInt(batch.highWatermark) - BigInt(nextOffset(batch.lastOffset())));
    this.options.metrics?.lag.set(
      { consumer: this.options.name, topic: batch.topic, partition: String(batch.partition) },
      Math.max(0, lag),
    );
  }

  private async processChunk(chunk: ConsumedRecord[], heartbeat: () => Promise<void>): Promise<ChunkOutcome> {
    const events: InboundEvent[] = [];
    const poison: DeadLetter[] = [];
    for (const record of chunk) {
      const decoded = decodeRecord(record);
      if (decoded.ok) events.push(decoded.event);
      else poison.push({ record: decoded.record, error: decoded.error });
    }
    const applied = await this.applyWithRetry(events, heartbeat, poison);
    if (!applied.completed) return applied;
    return this.deadLetter(poison, heartbeat);
  }

  /**
   * Applies the events in one transaction. On a failure of the records themselves, applies them one
   * by one so that a single poison event cannot hold the others back.
   */
  private async applyWithRetry(
    events: InboundEvent[],
    heartbeat: () => Promise<void>,
    poison: DeadLetter[],
  ): Promise<ChunkOutcome> {
    if (events.length === 0) return { completed: true };
    let attempts = 0;
    let delay = this.retry.initialMs;
    for (;;) {
      try {
        await this.applyOnce(events);
        return { completed: true };
      } catch (error) {
        if (isTransientError(error)) {
          this.options.metrics?.transientFailures.inc({ consumer: this.options.name });
          this.options.logger.warn(
            { consumer: this.options.name, retryInMs: delay },
            `transient failure, retrying: ${describeError(error)}`,
          );
        } else if (events.length > 1) {
          this.options.logger.warn(
            { consumer: this.options.name, events: events.length },
            `chunk failed, applying its events one by one: ${describeError(error)}`,
          );
          for (const event of events) {
            const outcome = await this.applyWithRetry([event], heartbeat, poison);
            if (!outcome.completed) return outcome;
          }
          return { completed: true };
        } else if (++attempts >= this.maxAttempts) {
          poison.push({ record: (events[0] as InboundEvent).record, error });
          return { completed: true };
        }
        if (!(await this.pause(delay, heartbeat))) return { completed: false };
        delay = Math.min(delay * 2, this.retry.maxMs);
      }
    }
  }

  private async applyOnce(events: InboundEvent[]): Promise<void> {
    const { name, handler, dataSource } = this.options;
    let applied = 0;
    let wroteOutbox = false;
    await dataSource.transaction(async (manager) => {
      const fresh = await claimInbox(
        manager,
        name,
        events.map((event) => ({
          dedupKey: event.attributes.dedupkey,
          ceId: event.attributes.id,
          topic: event.record.topic,
          partition: event.record.partition,
          offset: event.record.offset,
        })),
      );
      // A dedup key twice in one chunk is claimed once: apply its first delivery only.
      const toApply = events.filter((event) => fresh.delete(event.attributes.dedupkey));
      applied = toApply.length;
      if (toApply.length === 0) return;
      const outbox = await handler.apply(manager, toApply);
      if (outbox.length > 0) {
        await enqueueOutbox(manager, name, outbox);
        wroteOutbox = true;
      }
    });
    this.options.metrics?.applied.inc({ consumer: name }, applied);
    this.options.metrics?.duplicates.inc({ consumer: name }, events.length - applied);
    if (wroteOutbox) this.options.onOutboxWritten?.();
  }

  private async deadLetter(poison: DeadLetter[], heartbeat: () => Promise<void>): Promise<ChunkOutcome> {
    if (poison.length === 0) return { completed: true };
    let delay = this.retry.initialMs;
    for (;;) {
      try {
        await this.deadLetters.publish(poison);
        this.options.metrics?.deadLettered.inc({ consumer: this.options.name }, poison.length);
        for (const { record, error } of poison) {
          this.options.logger.error(
            {
              consumer: this.options.name,
              topic: record.topic,
              partition: record.partition,
              offset: record.offset,
              dlq: this.deadLetters.topic,
            },
            `record dead-lettered: ${describeError(error)}`,
          );
        }
        return { completed: true };
      } catch (error) {
        this.options.logger.warn(
          { consumer: this.options.name },
          `dead-letter publish failed, retrying: ${describeError(error)}`,
        );
        if (!(await this.pause(delay, heartbeat))) return { completed: false };
        delay = Math.min(delay * 2, this.retry.maxMs);
      }
    }
  }

  /** Waits, heartbeating so the group keeps the partition; false when the consumer is stopping. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!this.running) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
    return this.running;
  }
}
