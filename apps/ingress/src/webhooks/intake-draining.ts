import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry } from '@ledgerhook/platform';
import { WebhookIntake } from './webhook-intake.service';

/** First step of a shutdown: report not ready and refuse new webhooks while in-flight ones finish. */
@Injectable()
export class IntakeDraining implements BeforeApplicationShutdown {
  constructor(
    @Inject(WebhookIntake) private readonly intake: WebhookIntake,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  beforeApplicationShutdown(): void {
    this.readiness.startDraining();
    this.intake.startDraining();
  }
}
