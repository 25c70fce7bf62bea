import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What every consumer reports on /metrics. */
export class ConsumerMetrics {
  readonly applied: Counter<'consumer'>;
  readonly duplicates: Counter<'consumer'>;
  readonly deadLettered: Counter<'consumer'>;
  readonly transientFailures: Counter<'consumer'>;
  readonly lag: Gauge<'consumer' | 'topic' | 'partition'>;
  readonly chunkDuration: Histogram<'consumer'>;
  readonly outboxRelayed: Counter<'consumer'>;
  readonly outboxRejected: Counter<'consumer'>;
  readonly outboxBacklog: Gauge<'consumer'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.applied = new Counter({
      name: 'consumer_events_applied_total',
      help: 'Events applied to the projection',
      labelNames: ['consumer'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'consumer_duplicates_skipped_total',
      help: 'Events skipped because the inbox already had their dedup key',
      labelNames: ['consumer'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'consumer_dead_lettered_total',
      help: 'Records sent to the dead-letter topic',
      labelNames: ['consumer'],
      registers,
    });
    this.transientFailures = new Counter({
      name: 'consumer_transient_failures_total',
      help: 'Retries after an infrastructure failure (database or Kafka down)',
      labelNames: ['consumer'],
      registers,
    });
    this.lag = new Gauge({
      name: 'consumer_lag',
      help: 'Records behind the partition high watermark after the last batch',
      labelNames: ['consumer', 'topic', 'partition'],
      registers,
    });
    this.chunkDuration = new Histogram({
      name: 'consumer_chunk_duration_seconds',
      help: 'Time to apply and commit one chunk of records',
      labelNames: ['consumer'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.outboxRelayed = new Counter({
      name: 'outbox_records_relayed_total',
      help: 'Outbox records published to Kafka',
      labelNames: ['consumer'],
      registers,
    });
    this.outboxRejected = new Counter({
      name: 'outbox_records_rejected_total',
      help: 'Outbox records Kafka refused for good (e.g. too large), set aside with their reason',
      labelNames: ['consumer'],
      registers,
    });
    this.outboxBacklog = new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox records waiting to be published after the last relay pass',
      labelNames: ['consumer'],
      registers,
    });
  }
}
