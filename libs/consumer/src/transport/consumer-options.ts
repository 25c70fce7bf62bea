import type { ChunkRunnerPolicy } from '../batch/chunk-runner';

/** Injection token of a consuming service's ConsumerOptions. */
export const CONSUMER_OPTIONS = Symbol('CONSUMER_OPTIONS');

export interface ConsumerOptions {
  /** Consumer name: default group, inbox rows, outbox producer, `dlq.<name>.v1`. */
  name: string;
  /**
   * Names its inbox rows instead of `name`: a shadow rebuild applies again what the live consumer
   * already did, so it claims events under a name of its own.
   */
  inboxName?: string;
  /**
   * false: the records handlers return are dropped, not stored in the outbox (a shadow rebuild must
   * not publish downstream what the live consumer already published). Default true.
   */
  publish?: boolean;
  /** Overrides the consumer group (a rebuild reads the topics again under a new group). */
  groupId?: string;
  /**
   * Reads a handler's pattern (a catalogue topic) from another topic: tests and shadow rebuilds point
   * `webhooks.credfin.v1` at a topic of their own. Patterns without an entry are read as named.
   */
  topicOverrides?: Readonly<Record<string, string>>;
  /**
   * The group session timeout (default 30 s: a chunk may wait for a database that is down, heartbeating).
   * Must lie within the broker's group.min/max.session.timeout.ms, or the consumer crashes at join.
   */
  sessionTimeoutMs?: number;
  /** Records applied per database transaction (default 500). */
  chunkSize?: number;
  /** How long a dead-letter send may take before the partition waits (default 10 s). */
  deadLetterDeadlineMs?: number;
  policy?: Partial<ChunkRunnerPolicy>;
  /**
   * false: providers' records reach the handlers as parsed JSON (DownstreamEvent), not as typed events,
   * so a body that breaks its contract is the handler's to judge instead of a dead letter. Default true.
   */
  typedProviderEvents?: boolean;
}
