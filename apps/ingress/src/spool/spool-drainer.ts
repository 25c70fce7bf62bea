import type { Logger } from '@ledgerhook/platform';
import type { EventPublisher } from '../publishing/event-publisher';
import type { DurableSpool, SpoolEntry } from './durable-spool';

// Lanes (topic + key) sent at once; within a lane strictly one record at a time.
const DRAIN_CONCURRENCY = 64;
const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;

/**
 * Publishes spooled records to Kafka, oldest first, with their original headers (ce_id included).
 * A lane's next record is sent only after Kafka acknowledged its previous one: sending two of one
 * key at once could let the second land first. Lanes are taken in the order they entered the spool.
 * A failure (Kafka still down) backs off exponentially; the record stays at its lane's head.
 */
export class SpoolDrainer {
  private readonly sending = new Map<string, Promise<void>>();
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly spool: DurableSpool,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly onDrained: (records: number) => void = () => undefined,
  ) {}

  /** Sends what can be sent now; called when a record became durable and after every outcome. */
  pump(): void {
    if (this.stopped || this.retryTimer) return;
    for (const [lane, queue] of this.spool.lanes) {
      if (this.sending.size >= DRAIN_CONCURRENCY) return;
      const head = queue[0];
      // Not durable yet, or its lane already has a record on the way.
      if (!head?.segment || this.sending.has(lane)) continue;
      const sent = this.send(head).finally(() => {
        this.sending.delete(lane);
        this.pump();
      });
      this.sending.set(lane, sent);
    }
  }

  private async send(entry: SpoolEntry): Promise<void> {
    try {
      await this.publisher.publish(await this.spool.read(entry));
      this.spool.acknowledge(entry);
      this.onDrained(1);
      if (this.failures > 0) this.logger.info({ waiting: this.spool.records }, 'spool draining again');
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(this.failures, 16));
      if (this.failures === 1 || this.failures % 50 === 0)
        this.logger.warn(
          { waiting: this.spool.records, reason: (error as Error).message, retryInMs: delay },
          'spooled record not published yet',
        );
      if (!this.retryTimer && !this.stopped) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.pump();
        }, delay);
      }
    }
  }

  /** Sends nothing more and waits (at most timeoutMs) for what is on the way. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await Promise.race([
      Promise.allSettled([...this.sending.values()]),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }
}
