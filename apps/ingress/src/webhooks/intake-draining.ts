import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry } from '@ledgerhook/platform';
import { LanedPublisher } from '../publishing/laned.publisher';
import { INGRESS_CONFIG, IngressConfig } from '../config/ingress.config';

/**
 * First step of a shutdown: report not ready at once, but keep accepting and publishing for
 * SHUTDOWN_DELAY_MS, the time a load balancer needs to stop sending here (a single-shot provider's
 * webhook answered 503 or cut off is lost). Then send queued events at once; Nest closes the HTTP
 * server next (no new connections, idle keep-alives closed, requests already received answered),
 * and the producer is flushed last (KafkaPublisherLifecycle).
 */
@Injectable()
export class IntakeDraining implements BeforeApplicationShutdown {
  constructor(
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(LanedPublisher) private readonly publisher: LanedPublisher,
    @Inject(INGRESS_CONFIG) private readonly config: IngressConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    this.readiness.startDraining();
    if (this.config.shutdownDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdownDelayMs));
    this.publisher.stopLingering();
  }
}
