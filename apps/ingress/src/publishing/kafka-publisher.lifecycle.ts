import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
import { INGRESS_CONFIG, type IngressConfig } from '../config/ingress.config';
import { GroupCommitPublisher } from './group-commit.publisher';

export const INGRESS_PRODUCER = Symbol('INGRESS_PRODUCER');

/**
 * Last step of a shutdown, after the HTTP server stopped and its requests finished: send what is
 * still queued, wait for the acknowledgements, then disconnect. No acknowledged event is lost.
 */
@Injectable()
export class KafkaPublisherLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(GroupCommitPublisher) private readonly publisher: GroupCommitPublisher,
    @Inject(INGRESS_PRODUCER) private readonly producer: Producer,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(INGRESS_CONFIG) private readonly config: IngressConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const waiting = this.publisher.inFlightCount;
    // Half the grace period for the flush, the rest for the disconnect and the exit.
    const drained = await this.publisher.drain(this.config.shutdownGraceMs / 2);
    if (drained) this.logger.info({ flushed: waiting }, 'producer flushed');
    else
      this.logger.error(
        { unacknowledged: this.publisher.inFlightCount },
        'Kafka did not acknowledge everything before shutdown (those requests were answered 503)',
      );
    await Promise.race([
      this.producer.disconnect(),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
  }
}
