import { deleteOutboxRecords, lockOutboxBatch } from '@ledgerhook/database';
import type { Logger } from '@ledgerhook/platform';
import type { Message, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { ProjectionMetrics } from './projection-metrics';
import { describeError } from './transient-error';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Idempotent producer, acks = all. */
  producer: Producer;
  /** The outbox producer name whose rows this relay publishes. */
  name: string;
  logger: Logger;
  metrics?: ProjectionMetrics;
  batchSize?: number;
  /** Also looks for rows on this period (e.g. left by a crash), not only when woken. */
  pollIntervalMs?: number;
}

// One relay at a time per producer name (across instances) keeps each key's records in order.
const RELAY_LOCK_NAMESPACE = 71_142_026; // int4: the two-key advisory lock form

/**
 * Publishes outbox rows in id order and deletes them in the same transaction that locked them. If the
 * process dies after Kafka acknowledged but before the delete committed, the rows are sent again:
 * at least once, in order, never lost. Woken after each write, and on a timer.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pending = false;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  /** Stops after publishing what is already in the outbox (bounded by one last pass). */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.relayOnce().catch(() => 0);
  }

  /** Publishes one batch; returns how many rows it published (0 when another relay holds the lock). */
  async relayOnce(): Promise<number> {
    const { dataSource, producer, name, batchSize = 500 } = this.options;
    const count = await dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [
        RELAY_LOCK_NAMESPACE,
        name,
      ])) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      const rows = await lockOutboxBatch(manager, name, batchSize);
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, Message[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({ key: row.key, value: row.value, headers: row.headers });
        byTopic.set(row.topic, messages);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await deleteOutboxRecords(
        manager,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
    this.options.metrics?.outboxRelayed.inc({ consumer: name }, count);
    return count;
  }

  private async run(): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 1_000;
    let delay = 100;
    while (this.running) {
      this.pending = false;
      try {
        const published = await this.relayOnce();
        delay = 100;
        if (published > 0) continue;
      } catch (error) {
        this.options.logger.warn(
          { outbox: this.options.name, retryInMs: delay },
          `outbox relay failed: ${describeError(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
        continue;
      }
      if (this.pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
