import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '@ledgerhook/platform';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The ingress's Prometheus series, registered on the service's registry. */
export class IngressMetrics {
  readonly requests: Counter<'source' | 'status'>;
  readonly requestDuration: Histogram<'source'>;
  readonly publishDuration: Histogram;
  readonly batchSize: Histogram;
  readonly inFlight: Gauge;
  readonly spooled: Counter;
  readonly spoolDrained: Counter;
  private readInFlight: () => number = () => 0;
  private readSpool: () => { records: number; bytes: number; setAside: number } = () => ({
    records: 0,
    bytes: 0,
    setAside: 0,
  });

  constructor(registry: MetricsRegistry) {
    this.requests = new Counter({
      name: 'ingress_webhook_requests_total',
      help: 'Webhook requests by source and HTTP status',
      labelNames: ['source', 'status'],
      registers: [registry],
    });
    this.requestDuration = new Histogram({
      name: 'ingress_webhook_request_duration_seconds',
      help: 'Time from the request to the answer, by source',
      labelNames: ['source'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.publishDuration = new Histogram({
      name: 'ingress_kafka_publish_duration_seconds',
      help: 'Time for Kafka to acknowledge one batch (acks=all)',
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'ingress_kafka_batch_records',
      help: 'Records per sendBatch (group commit)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers: [registry],
    });
    this.inFlight = new Gauge({
      name: 'ingress_events_in_flight',
      help: 'Events accepted and waiting for Kafka acknowledgement',
      registers: [registry],
      // Read when scraped, so the hot path never updates the gauge.
      collect: () => this.inFlight.set(this.readInFlight()),
    });
    this.spooled = new Counter({
      name: 'ingress_spool_appended_total',
      help: 'Deliveries written to the durable spool (Kafka could not acknowledge them in time)',
      registers: [registry],
    });
    this.spoolDrained = new Counter({
      name: 'ingress_spool_drained_total',
      help: 'Spooled records Kafka has acknowledged since',
      registers: [registry],
    });
    const spoolGauge = (name: string, help: string, field: 'records' | 'bytes' | 'setAside') => {
      const gauge: Gauge = new Gauge({
        name,
        help,
        registers: [registry],
        collect: () => gauge.set(this.readSpool()[field]),
      });
    };
    spoolGauge('ingress_spool_records', 'Spooled records waiting for Kafka', 'records');
    spoolGauge('ingress_spool_bytes', 'Bytes of the spooled records waiting for Kafka', 'bytes');
    spoolGauge(
      'ingress_spool_set_aside_files',
      'Spool segments set aside because of a torn or corrupt tail (see the logs; kept for inspection)',
      'setAside',
    );
  }

  /** Where the in-flight gauge reads its value from (the publisher). */
  observeInFlight(read: () => number): void {
    this.readInFlight = read;
  }

  /** Where the spool gauges read their values from. */
  observeSpool(read: () => { records: number; bytes: number; setAside: number }): void {
    this.readSpool = read;
  }
}
