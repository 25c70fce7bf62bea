import { RAW_MAX_MESSAGE_BYTES } from '@ledgerhook/contracts';
import { permanentRecordRejection } from '@ledgerhook/kafka';
import type { Message, Producer, TopicMessages } from 'kafkajs';
import { PublisherClosedError, PublisherOverloadedError, PublishTimeoutError } from './publish-errors';

export interface OutgoingRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export interface GroupCommitOptions {
  /** A batch is sent as soon as it holds this many records… */
  maxBatchRecords: number;
  /** …and never more bytes than a raw topic takes in one record batch (default: its max.message.bytes). */
  maxBatchBytes?: number;
  /** …or this long after its first record arrived, whichever comes first. */
  lingerMs: number;
  /** Events accepted but not yet acknowledged, across all batches; past it publish() refuses. */
  maxInFlight: number;
  /** …and their bytes (a few large bodies weigh as much as thousands of small ones). */
  maxInFlightBytes?: number;
  /** How long one publish() waits for Kafka's acknowledgement. */
  timeoutMs: number;
  onBatchSent?: (records: number, seconds: number) => void;
}

// Record-batch framing per record, beyond its key, value and headers (an over-estimate).
const RECORD_FRAMING_BYTES = 64;
// Room left for the batch's own header inside max.message.bytes.
const BATCH_FRAMING_BYTES = 16 * 1024;

function recordBytes(record: OutgoingRecord): number {
  let bytes = record.value.length + Buffer.byteLength(record.key) + RECORD_FRAMING_BYTES;
  for (const [name, value] of Object.entries(record.headers)) bytes += name.length + Buffer.byteLength(value);
  return bytes;
}

interface Pending {
  record: OutgoingRecord;
  bytes: number;
  settled: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Group commit: concurrent publish() calls are coalesced into one `sendBatch` (acks = all), and each
 * caller's promise resolves only when Kafka acknowledged the batch that holds its record. One round
 * trip is paid per batch instead of per request; batches grow by themselves while Kafka is slow.
 */
export class GroupCommitPublisher {
  private queue: Pending[] = [];
  private lingerTimer?: NodeJS.Timeout;
  /** Batches in flight: 0 or 1. */
  private sending = 0;
  private inFlight = 0;
  private inFlightBytes = 0;
  private closed = false;
  private lingering = true;
  private readonly sendsDone = new Set<Promise<void>>();

  constructor(
    private readonly producer: Producer,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Events accepted and not yet acknowledged or failed. */
  get inFlightCount(): number {
    return this.inFlight;
  }

  publish(record: OutgoingRecord): Promise<void> {
    if (this.closed) return Promise.reject(new PublisherClosedError());
    if (this.inFlight >= this.options.maxInFlight) {
      return Promise.reject(new PublisherOverloadedError(`${this.options.maxInFlight} events`));
    }
    const bytes = recordBytes(record);
    const maxBytes = this.options.maxInFlightBytes ?? Number.POSITIVE_INFINITY;
    // One record alone may always go (it is within the body limit), however large.
    if (this.inFlight > 0 && this.inFlightBytes + bytes > maxBytes) {
      return Promise.reject(new PublisherOverloadedError(`${maxBytes} bytes`));
    }
    this.inFlight += 1;
    this.inFlightBytes += bytes;
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        record,
        bytes,
        settled: false,
        resolve,
        reject,
        // The event may still reach Kafka after this: the provider's retry is then a duplicate with
        // the same ce_dedupkey, which consumers skip. Never a loss, never a false 200.
        timer: setTimeout(
          () => this.settle(pending, new PublishTimeoutError(this.options.timeoutMs)),
          this.options.timeoutMs,
        ),
      };
      this.queue.push(pending);
      this.schedule();
    });
  }

  private settle(pending: Pending, error?: Error): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  /**
   * From now on every event is sent without waiting for company. The shutdown calls this first: the
   * HTTP server waits for in-flight requests, and those wait for their events to be acknowledged.
   */
  stopLingering(): void {
    this.lingering = false;
    this.flush();
  }

  private schedule(): void {
    if (this.queue.length >= this.options.maxBatchRecords || !this.lingering) {
      this.flush();
    } else if (!this.lingerTimer) {
      this.lingerTimer = setTimeout(() => this.flush(), this.options.lingerMs);
    }
  }

  private flush(): void {
    if (this.lingerTimer) {
      clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    // One batch in flight at a time: two concurrent sendBatch calls may land in either order, which
    // would break per-key order. What arrives meanwhile forms the next, larger group.
    while (this.queue.length > 0 && this.sending === 0) {
      const batch = this.queue.splice(0, this.batchLength());
      this.sending += 1;
      const done = this.send(batch);
      this.sendsDone.add(done);
      void done.finally(() => this.sendsDone.delete(done));
    }
  }

  /**
   * How many queued records form the next batch: up to maxBatchRecords, and no more bytes than one
   * record batch may hold (a batch's records can share a partition), but always at least one.
   */
  private batchLength(): number {
    const maxBytes = (this.options.maxBatchBytes ?? RAW_MAX_MESSAGE_BYTES) - BATCH_FRAMING_BYTES;
    let bytes = 0;
    let length = 0;
    for (const pending of this.queue) {
      if (length >= this.options.maxBatchRecords || (length > 0 && bytes + pending.bytes > maxBytes)) break;
      bytes += pending.bytes;
      length++;
    }
    return length;
  }

  private async send(batch: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      await this.sendRecords(batch);
      this.options.onBatchSent?.(batch.length, (performance.now() - started) / 1000);
      for (const pending of batch) this.settle(pending);
    } catch (error) {
      if (batch.length > 1 && permanentRecordRejection(error)) {
        // One record the topic refuses must not fail the others: send them one by one, in order.
        for (const pending of batch) {
          try {
            await this.sendRecords([pending]);
            this.settle(pending);
          } catch (single) {
            this.settle(pending, single as Error);
          }
        }
      } else {
        for (const pending of batch) this.settle(pending, error as Error);
      }
    } finally {
      this.inFlight -= batch.length;
      for (const pending of batch) this.inFlightBytes -= pending.bytes;
      this.sending -= 1;
      // Whatever arrived while this batch was in flight goes out now, as the next group.
      if (this.queue.length > 0) this.flush();
    }
  }

  private async sendRecords(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { record } of batch) {
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({ key: record.key, value: record.value, headers: record.headers });
      byTopic.set(record.topic, messages);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    await this.producer.sendBatch({ topicMessages, acks: -1 });
  }

  /**
   * Stops taking events and waits until everything accepted has been acknowledged or failed, for at
   * most `timeoutMs` (a broker that is down would otherwise hold a shutdown forever; the callers of
   * what is left have already been answered 503 by their own deadline). True when fully drained.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    const deadline = performance.now() + timeoutMs;
    this.flush();
    while ((this.sendsDone.size > 0 || this.queue.length > 0) && performance.now() < deadline) {
      await Promise.race([...this.sendsDone, new Promise((resolve) => setTimeout(resolve, 10))]);
      this.flush();
    }
    return this.sendsDone.size === 0 && this.queue.length === 0;
  }
}
