import { SystematicFailure } from '../failures/consumer-errors';
import { classifyFailure } from '../failures/failure-kind';
import { describeError } from '../failures/transient-error';

export interface ChunkRunnerPolicy {
  /** Failures of one event on its own (unexpected errors) before it is poison. */
  maxAttempts: number;
  /** Poison events in a row that mean a fault of the consumer rather than of the events. */
  systematicThreshold: number;
  retry: { initialMs: number; maxMs: number };
}

export interface ChunkRunnerPorts<E> {
  /** Applies the events in one transaction (all or nothing). */
  apply(events: readonly E[]): Promise<void>;
  /**
   * Waits before the next attempt, saying why (shown in readiness); false when the consumer must
   * stop working on this chunk (shutdown, rebalance).
   */
  wait(ms: number, reason: string): Promise<boolean>;
  /** Called when an attempt succeeded after waits: the consumer is healthy again. */
  recovered(): void;
  onOutage?(error: unknown): void;
  onIsolating?(events: number, error: unknown): void;
}

export type ChunkResult<E> =
  { completed: true; poison: { event: E; error: unknown }[] } | { completed: false };

/**
 * The retry and poison rules of a consumer, apart from Kafka and the database:
 * - an outage (database down, dependency unavailable) retries the same events with back-off, forever;
 * - a chunk that fails otherwise is applied again one event at a time, so one bad event cannot hold
 *   the others back;
 * - an event that fails alone `maxAttempts` times (or is rejected) is poison, for the dead-letter topic;
 * - `systematicThreshold` poison events in a row are a fault of the consumer, not of the events: the
 *   round's poison is forgotten and the whole chunk is tried again after a back-off, until it passes.
 */
export class ChunkRunner<E> {
  /** Poison events in a row, across chunks; any success resets it. */
  private poisonInARow = 0;

  constructor(
    private readonly ports: ChunkRunnerPorts<E>,
    private readonly policy: ChunkRunnerPolicy,
  ) {}

  async run(events: readonly E[]): Promise<ChunkResult<E>> {
    let delay = this.policy.retry.initialMs;
    for (;;) {
      const poison: { event: E; error: unknown }[] = [];
      try {
        if (!(await this.applyWithRetry(events, poison))) return { completed: false };
        return { completed: true, poison };
      } catch (error) {
        if (!(error instanceof SystematicFailure)) throw error;
        const reason = `paused: ${error.message} (${describeError(error.lastError)})`;
        if (!(await this.ports.wait(delay, reason))) return { completed: false };
        delay = this.nextDelay(delay);
      }
    }
  }

  /** False when told to stop; throws SystematicFailure. */
  private async applyWithRetry(
    events: readonly E[],
    poison: { event: E; error: unknown }[],
  ): Promise<boolean> {
    if (events.length === 0) return true;
    let attempts = 0;
    let delay = this.policy.retry.initialMs;
    let waited = false;
    for (;;) {
      try {
        await this.ports.apply(events);
        this.poisonInARow = 0;
        if (waited) this.ports.recovered();
        return true;
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'outage') {
          this.ports.onOutage?.(error);
          if (!(await this.ports.wait(delay, `waiting for a dependency: ${describeError(error)}`)))
            return false;
          waited = true;
          delay = this.nextDelay(delay);
          continue;
        }
        if (events.length > 1) {
          this.ports.onIsolating?.(events.length, error);
          for (const event of events) {
            if (!(await this.applyWithRetry([event], poison))) return false;
          }
          return true;
        }
        if (kind === 'unexpected' && ++attempts < this.policy.maxAttempts) {
          if (!(await this.ports.wait(delay, `retrying an event: ${describeError(error)}`))) return false;
          waited = true;
          delay = this.nextDelay(delay);
          continue;
        }
        if (kind === 'unexpected' && ++this.poisonInARow >= this.policy.systematicThreshold) {
          const failures = this.poisonInARow;
          this.poisonInARow = 0;
          throw new SystematicFailure(failures, error);
        }
        poison.push({ event: events[0] as E, error });
        if (waited) this.ports.recovered();
        return true;
      }
    }
  }

  private nextDelay(delay: number): number {
    return Math.min(delay * 2, this.policy.retry.maxMs);
  }
}
