import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BatchContext, type InboundEvent, type OutboxMessage } from '@ledgerhook/consumer';
import { TOPICS } from '@ledgerhook/contracts';
import { LifecycleProjection } from './lifecycle.projection';

/** The raw topics this service consumes; each batch is projected in the consumer's transaction. */
@Controller()
export class LifecycleProjectionController {
  constructor(private readonly projection: LifecycleProjection) {}

  @EventPattern(TOPICS.credfinRaw)
  projectCredfin(
    @Payload() events: readonly InboundEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    return this.projection.apply(context.getManager(), events);
  }

  @EventPattern(TOPICS.bridgeRaw)
  projectBridge(
    @Payload() events: readonly InboundEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    return this.projection.apply(context.getManager(), events);
  }
}
