import { claimInbox, enqueueOutbox } from '@ledgerhook/database';
import { type ConsumedRecord, nextOffset, toConsumedRecord } from '@ledgerhook/kafka';
import type { Logger, ReadinessResult } from '@ledgerhook/platform';
import { type EventSpan, startEventSpan } from '@ledgerhook/platform/tracing';
import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { DeadLetterPublisher, type DeadLetter } from '../dead-letters/dead-letter.publisher';
import { decodeRecord } from '../events/inbound-event.decoder';
import type { ConsumedEvent, OutboxMessage } from '../events/inbound-event';
import { describeError } from '../failures/transient-error';
import type { ConsumerMetrics } from '../metrics/consumer.metrics';
import { ChunkRunner, type ChunkRunnerPolicy } from './chunk-runner';

/** Applies decoded events inside the consumer's transaction; returns the records to publish. */
export type BatchHandler = (
  manager: EntityManager,
  events: readonly ConsumedEvent[],
) => Promise<readonly OutboxMessage[]>;

export interface BatchConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** Names the inbox rows, the outbox producer and the DLQ topic (`dlq.<name>.v1`). */
  name: string;
  /** Names the inbox rows instead of `name` (a shadow rebuild). */
  inboxName?: string;
  /** false: handlers' outbox records are dropped (a shadow rebuild publishes nothing). */
  publish?: boolean;
  /** Defaults to `name`; a rebuild reads everything again under a new group. */
  groupId?: string;
  topics: readonly string[];
  handle: BatchHandler;
  /** Idempotent producer for dead letters. */
  producer: Producer;
  logger: Logger;
  metrics?: ConsumerMetrics;
  /** Group session timeout (default 30 s). */
  sessionTimeoutMs?: number;
  /** Records applied per database transaction. */
  chunkSize?: number;
  /** How long a dead-letter send may take before the partition waits and readiness says why. */
  deadLetterDeadlineMs?: number;
  policy?: Partial<ChunkRunnerPolicy>;
  /** false: providers' bodies reach the handler as parsed JSON (see decodeRecord). */
  typedProviderEvents?: boolean;
  /** Called after each committed transaction that wrote to the outbox. */
  onOutboxWritten?: () => void;
}

type Control = Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'>;

const DEFAULT_POLICY: ChunkRunnerPolicy = {
  maxAttempts: 3,
  systematicThreshold: 3,
  retry: { initialMs: 200, maxMs: 10_000 },
};

/**
 * Exactly-once effect over at-least-once delivery:
 * - each chunk of a batch is applied in ONE transaction together with its inbox claims (duplicates
 *   skipped) and its outbox records;
 * - the offset (`offset + 1`) is committed only after that transaction committed, and only while
 *   this member still owns the partition (a rebalance mid-batch leaves the rest to the new owner,
 *   whose inbox skips what was applied here);
 * - retries and poison follow ChunkRunner; poison and undecodable records go to `dlq.<name>.v1`, and
 *   the offset moves past them only once the DLQ acknowledged them;
 * - every wait heartbeats, checks for rebalances and shows its reason in readiness.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly policy: ChunkRunnerPolicy;
  private readonly chunkSize: number;
  private running = false;
  private crashed?: string;
  private notReady?: string;
  private runner?: ChunkRunner<ConsumedEvent>;
  private control?: Control;

  constructor(private readonly options: BatchConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId ?? options.name,
      allowAutoTopicCreation: false,
      // A chunk may wait for a database that is down: stay in the group meanwhile (heartbeats).
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    this.deadLetters = new DeadLetterPublisher(options.producer, options.name, options.deadLetterDeadlineMs);
    this.policy = {
      ...DEFAULT_POLICY,
      ...options.policy,
      retry: { ...DEFAULT_POLICY.retry, ...options.policy?.retry },
    };
    this.chunkSize = options.chunkSize ?? 500;
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      const reason = `consumer crashed${payload.restart ? ', restarting' : ''}: ${describeError(payload.error)}`;
      options.logger.error({ consumer: options.name, restart: payload.restart }, reason);
      if (!payload.restart) this.crashed = reason;
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.crashed = undefined));
  }

  get deadLetterTopic(): string {
    return this.deadLetters.topic;
  }

  /** Ready while consuming and not held up by a fault, a dependency or the DLQ (with the reason). */
  health(): ReadinessResult {
    if (this.crashed) return { ready: false, reason: this.crashed };
    if (!this.running) return { ready: false, reason: 'consumer is not running' };
    if (this.notReady) return { ready: false, reason: this.notReady };
    return true;
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

  private owns(control: Control): boolean {
    return this.running && control.isRunning() && !control.isStale();
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat } = payload;
    this.control = payload;
    const records = batch.messages.map((message) => toConsumedRecord(batch.topic, batch.partition, message));
    for (let start = 0; start < records.length; start += this.chunkSize) {
      if (!this.owns(payload)) return;
      const chunk = records.slice(start, start + this.chunkSize);
      const timer = this.options.metrics?.chunkDuration.startTimer({ consumer: this.options.name });
      if (!(await this.processChunk(chunk))) return;
      // Applied, but the partition may have moved to another member meanwhile: it commits, not us.
      if (!this.owns(payload)) return;
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

  /** True once every record of the chunk is applied or dead-lettered. */
  private async processChunk(chunk: ConsumedRecord[]): Promise<boolean> {
    const events: ConsumedEvent[] = [];
    const poison: DeadLetter[] = [];
    const spans = new Map<ConsumedEvent, EventSpan>();
    for (const record of chunk) {
      const decoded = decodeRecord(record, { typedProviderEvents: this.options.typedProviderEvents });
      if (!decoded.ok) {
        poison.push({ record: decoded.record, error: decoded.error });
        continue;
      }
      // The handler sees this consumer's span as the event's trace context, so what it publishes
      // continues the provider's request's trace through this consumer.
      const span = this.eventSpan(decoded.event);
      const event = {
        ...decoded.event,
        attributes: { ...decoded.event.attributes, traceparent: span.traceparent },
      };
      spans.set(event, span);
      events.push(event);
    }
    const result = await this.chunkRunner().run(events);
    if (!result.completed) {
      for (const span of spans.values()) span.end(new Error('not applied: stopped or rebalanced'));
      return false;
    }
    const failed = new Map(result.poison.map(({ event, error }) => [event, error] as const));
    for (const [event, span] of spans) span.end(failed.get(event));
    poison.push(...result.poison.map(({ event, error }) => ({ record: event.record, error })));
    // Offset order in the DLQ, whatever the order failures were found in.
    poison.sort((a, b) => (BigInt(a.record.offset) < BigInt(b.record.offset) ? -1 : 1));
    if (!(await this.deadLetter(poison))) return false;
    this.notReady = undefined;
    return true;
  }

  private eventSpan(event: ConsumedEvent): EventSpan {
    return startEventSpan(
      `${this.options.name} process ${event.record.topic}`,
      event.attributes.traceparent,
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': this.options.groupId ?? this.options.name,
        'messaging.destination.name': event.record.topic,
        'messaging.destination.partition.id': String(event.record.partition),
        'messaging.kafka.offset': event.record.offset,
        'cloudevents.event_id': event.attributes.id,
        'cloudevents.event_type': event.attributes.type,
      },
    );
  }

  private chunkRunner(): ChunkRunner<ConsumedEvent> {
    this.runner ??= new ChunkRunner<ConsumedEvent>(
      {
        apply: (events) => this.applyOnce(events),
        wait: (ms, reason) => this.wait(ms, reason),
        recovered: () => (this.notReady = undefined),
        onOutage: () => this.options.metrics?.transientFailures.inc({ consumer: this.options.name }),
        onIsolating: (events, error) =>
          this.options.logger.warn(
            { consumer: this.options.name, events },
            `chunk failed, applying its events one by one: ${describeError(error)}`,
          ),
      },
      this.policy,
    );
    return this.runner;
  }

  private async applyOnce(events: readonly ConsumedEvent[]): Promise<void> {
    const { name, handle, dataSource } = this.options;
    let applied = 0;
    let wroteOutbox = false;
    await dataSource.transaction(async (manager) => {
      const fresh = await claimInbox(
        manager,
        this.options.inboxName ?? name,
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
      const outbox = await handle(manager, toApply);
      if (outbox.length > 0 && this.options.publish !== false) {
        await enqueueOutbox(manager, name, outbox);
        wroteOutbox = true;
      }
    });
    this.options.metrics?.applied.inc({ consumer: name }, applied);
    this.options.metrics?.duplicates.inc({ consumer: name }, events.length - applied);
    if (wroteOutbox) this.options.onOutboxWritten?.();
  }

  /** Publishes poison to the DLQ; while it cannot, the partition waits here and readiness says so. */
  private async deadLetter(poison: DeadLetter[]): Promise<boolean> {
    if (poison.length === 0) return true;
    let delay = this.policy.retry.initialMs;
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
        return true;
      } catch (error) {
        const reason = `dead-letter topic ${this.deadLetters.topic} refused ${poison.length} record(s): ${describeError(error)}`;
        if (!(await this.wait(delay, reason))) return false;
        delay = Math.min(delay * 2, this.policy.retry.maxMs);
      }
    }
  }

  /**
   * Waits, heartbeating so the group keeps the partition, and showing the reason in readiness; false
   * when the consumer is stopping or the partition was taken away by a rebalance.
   */
  private async wait(ms: number, reason: string): Promise<boolean> {
    const control = this.control;
    if (!control) return false;
    if (this.notReady !== reason) {
      this.options.logger.warn({ consumer: this.options.name, retryInMs: ms }, reason);
      this.notReady = reason;
    }
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!this.owns(control)) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
      await control.heartbeat().catch(() => undefined);
    }
    return this.owns(control);
  }
}
