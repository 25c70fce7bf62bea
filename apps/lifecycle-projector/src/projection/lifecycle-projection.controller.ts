import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BatchContext, type ConsumedEvent, type OutboxMessage, providerEvents } from '@ledgerhook/consumer';
import { TOPICS } from '@ledgerhook/contracts';
import { LifecycleProjection } from './lifecycle.projection';

/** The raw topics this service consumes; each batch is projected in the consumer's transaction. */
@Controller()
export class LifecycleProjectionController {
  constructor(private readonly projection: LifecycleProjection) {}

  @EventPattern(TOPICS.credfinRaw)
  projectCredfin(
    @Payload() events: readonly ConsumedEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    return this.projection.apply(context.getManager(), providerEvents(events));
  }

  @EventPattern(TOPICS.bridgeRaw)
  projectBridge(
    @Payload() events: readonly ConsumedEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    return this.projection.apply(context.getManager(), providerEvents(events));
  }

  /** Account reports stored by the report-retriever: they link applications to their accounts. */
  @EventPattern(TOPICS.reports)
  linkAccounts(
    @Payload() events: readonly ConsumedEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    return this.projection.applyReports(context.getManager(), events);
  }
}
