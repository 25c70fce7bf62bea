import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
import { INGRESS_CONFIG, type IngressConfig } from '../config/ingress.config';
import { IngressSpool } from '../spool/ingress-spool';
import { LanedPublisher } from './laned.publisher';

/** The ingress's idempotent producers, one per publishing lane. */
export const INGRESS_PRODUCERS = Symbol('INGRESS_PRODUCERS');

/**
 * Last step of a shutdown, after the HTTP server stopped and its requests finished: send what is
 * still queued, wait for the acknowledgements, then disconnect. No acknowledged event is lost.
 */
@Injectable()
export class KafkaPublisherLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(LanedPublisher) private readonly publisher: LanedPublisher,
    @Inject(INGRESS_PRODUCERS) private readonly producers: Producer[],
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(INGRESS_CONFIG) private readonly config: IngressConfig,
    @Inject(IngressSpool) private readonly spool: IngressSpool | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The spool's drainer first (what it has on the way gets a quarter of the grace period); what
    // still waits in the spool stays on its volume for the next start.
    if (this.spool) {
      await this.spool.stop(this.config.shutdownGraceMs / 4);
      this.logger.info({ waiting: this.spool.spool.records }, 'spool closed');
    }
    const waiting = this.publisher.inFlightCount;
    // A quarter of the grace period for the flush, the rest for the disconnect and the exit.
    const drained = await this.publisher.drain(this.config.shutdownGraceMs / 4);
    if (drained) this.logger.info({ flushed: waiting }, 'producer flushed');
    else
      this.logger.error(
        { unacknowledged: this.publisher.inFlightCount },
        'Kafka did not acknowledge everything before shutdown (those requests were answered 503)',
      );
    await Promise.race([
      Promise.all(this.producers.map((producer) => producer.disconnect())),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
  }
}
