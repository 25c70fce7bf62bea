import type { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingRecord } from '../publishing/group-commit.publisher';
import { spoolLane, type DurableSpool } from './durable-spool';
import type { SpoolDrainer } from './spool-drainer';

interface Attempt {
  record: OutgoingRecord;
  /** Set when the attempt was moved into the spool: its answer then waits for the fsync. */
  spooled?: Promise<void>;
}

/**
 * The EventPublisher for a spooled source (SPOOL_SOURCES): Kafka first, and when Kafka cannot
 * acknowledge in time (timeout, overload, shutting down), the durable spool, so a single-shot
 * provider's webhook is answered 200 once it is fsynced rather than 503.
 *
 * Order per key: while a key has records in the spool, its new deliveries join the spool behind
 * them. And when one attempt of a key fails, every attempt of that key still under way moves into
 * the spool with it, in arrival order: a later one that Kafka acknowledges after all would otherwise
 * precede the earlier one, which only reaches Kafka through the drainer. (An attempt moved this way
 * may still reach Kafka directly too; that copy has the same ce_id and comes first, so consumers
 * skip the spooled copy as a duplicate.) Other sources go to Kafka as before.
 */
export class SpoolingPublisher implements EventPublisher {
  private readonly underWay = new Map<string, Attempt[]>();

  constructor(
    private readonly kafka: EventPublisher,
    private readonly spool: DurableSpool,
    private readonly drainer: SpoolDrainer,
    private readonly spooledTopics: ReadonlySet<string>,
    private readonly onSpooled: (records: number) => void = () => undefined,
  ) {}

  async publish(record: OutgoingRecord): Promise<void> {
    if (!this.spooledTopics.has(record.topic)) return this.kafka.publish(record);
    const lane = spoolLane(record.topic, record.key);
    if (this.spool.holds(lane)) return this.toSpool(record);

    const attempt: Attempt = { record };
    const attempts = this.underWay.get(lane);
    if (attempts) attempts.push(attempt);
    else this.underWay.set(lane, [attempt]);
    let direct: unknown;
    try {
      await this.kafka.publish(record);
    } catch (error) {
      direct = error ?? new Error('publish failed');
      if (!attempt.spooled) this.divert(lane);
    } finally {
      this.leave(lane, attempt);
    }
    if (direct === undefined) {
      // Kafka has it. If it was moved into the spool meanwhile, the copy follows as a duplicate;
      // the answer is 200 either way.
      await attempt.spooled?.catch(() => undefined);
      return;
    }
    try {
      await attempt.spooled;
    } catch {
      // The spool is full or failed: the caller answers 503 for Kafka's reason, as without a spool.
      throw direct;
    }
  }

  private toSpool(record: OutgoingRecord): Promise<void> {
    const durable = this.spool.append(record);
    void durable.then(
      () => {
        this.onSpooled(1);
        this.drainer.pump();
      },
      () => undefined,
    );
    return durable;
  }

  /** Moves every attempt of the lane still under way into the spool, in arrival order. */
  private divert(lane: string): void {
    for (const attempt of this.underWay.get(lane) ?? []) {
      if (!attempt.spooled) attempt.spooled = this.toSpool(attempt.record);
    }
  }

  private leave(lane: string, attempt: Attempt): void {
    const attempts = this.underWay.get(lane);
    if (!attempts) return;
    const at = attempts.indexOf(attempt);
    if (at >= 0) attempts.splice(at, 1);
    if (attempts.length === 0) this.underWay.delete(lane);
  }
}
