import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry } from '@ledgerhook/platform';
import { LanedPublisher } from '../publishing/laned.publisher';
import { WebhookIntake } from './webhook-intake.service';

/**
 * First step of a shutdown: report not ready, refuse new webhooks, and send queued events at once so
 * the requests in flight get their acknowledgement (the HTTP server waits for them next).
 */
@Injectable()
export class IntakeDraining implements BeforeApplicationShutdown {
  constructor(
    @Inject(WebhookIntake) private readonly intake: WebhookIntake,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(LanedPublisher) private readonly publisher: LanedPublisher,
  ) {}

  beforeApplicationShutdown(): void {
    this.readiness.startDraining();
    this.intake.startDraining();
    this.publisher.stopLingering();
  }
}
