import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  acquireRelayLease,
  countOutboxBacklog,
  deleteOutboxRecords,
  readOutboxBatch,
  rejectOutboxRecord,
  releaseRelayLease,
  type StoredOutboxRecord,
} from '@ledgerhook/database';
import type { Logger } from '@ledgerhook/platform';
import type { Message, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { describeError } from '../failures/transient-error';
import type { ConsumerMetrics } from '../metrics/consumer.metrics';
import { permanentRecordRejection } from '@ledgerhook/kafka';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Idempotent producer, acks = all. */
  producer: Producer;
  /** The outbox producer name whose rows this relay publishes. */
  name: string;
  logger: Logger;
  metrics?: ConsumerMetrics;
  batchSize?: number;
  /** Also looks for rows on this period (e.g. left by a crash), not only when woken. */
  pollIntervalMs?: number;
  /** How long a pass may hold the producer's lease; a send gets two thirds of it. */
  leaseMs?: number;
}

/**
 * Publishes outbox rows in id order: take the producer's lease (one statement), read a batch, send it
 * with no transaction or connection held across the network, then delete what Kafka acknowledged.
 * If the process dies between the send and the delete, the rows are sent again: at least once, in
 * order, never lost. A record Kafka refuses for good (too large, invalid) is set aside with its reason
 * and the rest go on. Woken after each write, and on a timer.
 */
export class OutboxRelay {
  private readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pending = false;
  private backlogMeasuredAt = 0;
  /** When this relay last took or renewed the lease (0: it does not hold it). */
  private leaseTakenAt = 0;

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
    this.leaseTakenAt = 0;
    await releaseRelayLease(this.options.dataSource, this.options.name, this.holder).catch(() => undefined);
  }

  /** Publishes one batch; returns how many rows it published (0 when another relay holds the lease). */
  async relayOnce(): Promise<number> {
    const { dataSource, name, batchSize = 500 } = this.options;
    if (!(await this.holdLease())) return 0;
    const rows = await readOutboxBatch(dataSource, name, batchSize);
    if (rows.length === 0) {
      this.options.metrics?.outboxBacklog.set({ consumer: name }, 0);
      return 0;
    }
    let published: number;
    try {
      await this.send(rows);
      await deleteOutboxRecords(
        dataSource,
        rows.map((row) => row.id),
      );
      published = rows.length;
    } catch (error) {
      if (!permanentRecordRejection(error)) throw error;
      published = await this.sendOneByOne(rows);
    }
    this.options.metrics?.outboxRelayed.inc({ consumer: name }, published);
    await this.measureBacklog();
    return published;
  }

  /**
   * Takes or renews the lease, but at most every quarter lease while holding it: a statement (and a
   * commit) per pass would cost the busy relay a round trip for nothing. A send is bounded to two
   * thirds of the lease, so the lease cannot run out while this relay still sends under it.
   */
  private async holdLease(): Promise<boolean> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    if (this.leaseTakenAt > 0 && Date.now() - this.leaseTakenAt < leaseMs / 4) return true;
    const now = Date.now();
    const held = await acquireRelayLease(this.options.dataSource, this.options.name, this.holder, leaseMs);
    this.leaseTakenAt = held ? now : 0;
    return held;
  }

  /** The backlog gauge; counting is a scan, so at most every 10 s while a backlog drains. */
  private async measureBacklog(): Promise<void> {
    if (!this.options.metrics || Date.now() - this.backlogMeasuredAt < 10_000) return;
    this.backlogMeasuredAt = Date.now();
    const backlog = await countOutboxBacklog(this.options.dataSource, this.options.name);
    this.options.metrics.outboxBacklog.set({ consumer: this.options.name }, backlog);
  }

  /** After a refusal: finds the refused records, sets them aside, publishes the others in order. */
  private async sendOneByOne(rows: StoredOutboxRecord[]): Promise<number> {
    const { dataSource, name, logger, metrics } = this.options;
    let published = 0;
    for (const row of rows) {
      try {
        await this.send([row]);
        await deleteOutboxRecords(dataSource, [row.id]);
        published++;
      } catch (error) {
        const reason = permanentRecordRejection(error);
        if (!reason) throw error;
        await rejectOutboxRecord(dataSource, row.id, reason);
        metrics?.outboxRejected.inc({ consumer: name });
        logger.error(
          { outbox: name, id: row.id, topic: row.topic, bytes: Buffer.byteLength(row.value) },
          `outbox record set aside, Kafka refused it: ${reason}`,
        );
      }
    }
    return published;
  }

  /** The producer retries without end; a deadline inside the lease keeps one relay at a time. */
  private async send(rows: StoredOutboxRecord[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.key, value: row.value, headers: row.headers });
      byTopic.set(row.topic, messages);
    }
    const deadlineMs = Math.floor(((this.options.leaseMs ?? 30_000) * 2) / 3);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.options.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Kafka did not acknowledge the outbox batch within ${deadlineMs} ms`)),
            deadlineMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
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
