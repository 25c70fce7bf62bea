import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BatchContext, type ConsumedEvent, type OutboxMessage, providerEvents } from '@ledgerhook/consumer';
import { TOPICS } from '@ledgerhook/contracts';
import { ReportRetrieval } from './report-retrieval.service';

/** Credfin's "ready" events: each fetches what it makes ready, in the consumer's transaction. */
@Controller()
export class ReportRetrievalController {
  constructor(private readonly retrieval: ReportRetrieval) {}

  @EventPattern(TOPICS.credfinRaw)
  retrieve(
    @Payload() events: readonly ConsumedEvent[],
    @Ctx() context: BatchContext,
  ): Promise<OutboxMessage[]> {
    return this.retrieval.retrieve(context.getManager(), providerEvents(events));
  }
}
