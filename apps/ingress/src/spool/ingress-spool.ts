import type { Logger, ReadinessRegistry } from '@ledgerhook/platform';
import type { IngressConfig } from '../config/ingress.config';
import type { IngressMetrics } from '../observability/ingress-metrics';
import type { EventPublisher } from '../publishing/event-publisher';
import { DurableSpool } from './durable-spool';
import { SpoolDrainer } from './spool-drainer';
import { SpoolingPublisher } from './spooling.publisher';

/**
 * The spool of the ingress, when SPOOL_SOURCES names any source: opened (and replayed) at boot, its
 * depth and anything set aside shown on /readyz and /metrics, drained in the background, stopped on
 * shutdown before the producer is flushed.
 */
export class IngressSpool {
  private constructor(
    readonly spool: DurableSpool,
    readonly drainer: SpoolDrainer,
    readonly publisher: SpoolingPublisher,
  ) {}

  static async open(
    config: IngressConfig,
    kafka: EventPublisher,
    topics: ReadonlySet<string>,
    deps: { logger: Logger; metrics: IngressMetrics; readiness: ReadinessRegistry },
  ): Promise<IngressSpool> {
    const { logger, metrics, readiness } = deps;
    // The drainer is woken by every record that becomes durable, replayed ones included.
    const wake: { drainer?: SpoolDrainer } = {};
    const spool = await DurableSpool.open(config.spool.dir, config.spool.maxBytes, () =>
      wake.drainer?.pump(),
    );
    const drainer = new SpoolDrainer(spool, kafka, logger, (records) => metrics.spoolDrained.inc(records));
    wake.drainer = drainer;
    for (const item of spool.setAside) {
      // Never silent: what could not be trusted stays on disk, named, for someone to look at.
      logger.error(
        { file: item.file, offset: item.offset, bytes: item.bytes, damage: item.damage },
        'spool segment with a torn or corrupt tail set aside; the intact records before it are kept',
      );
    }
    if (spool.records > 0) logger.info({ waiting: spool.records }, 'spool replayed; draining to Kafka');
    const depth = () => ({ records: spool.records, bytes: spool.bytes, setAside: spool.setAside.length });
    metrics.observeSpool(depth);
    // Informative only: a spool that holds records is doing its job, not a reason to take no traffic.
    readiness.register('spool', () => ({ ready: true, details: depth() }));
    const publisher = new SpoolingPublisher(kafka, spool, drainer, topics, (records) =>
      metrics.spooled.inc(records),
    );
    drainer.pump();
    return new IngressSpool(spool, drainer, publisher);
  }

  /** Stops draining (what waits stays on disk for the next start) and closes the files. */
  async stop(timeoutMs: number): Promise<void> {
    await this.drainer.stop(timeoutMs);
    await this.spool.close();
  }
}
