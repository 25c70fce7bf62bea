import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { SERVICE_LOGGER, type Logger } from '@ledgerhook/platform';
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
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const waiting = this.publisher.inFlightCount;
    await this.publisher.drain();
    await this.producer.disconnect();
    this.logger.info({ flushed: waiting }, 'producer flushed and disconnected');
  }
}
