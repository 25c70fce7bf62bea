import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BatchContext, type ConsumedEvent, type OutboxMessage } from '@ledgerhook/consumer';
import { TOPICS } from '@ledgerhook/contracts';
import { IncomeScoring } from './income-scoring.service';

/** CreditChek's events, folded per borrower in the consumer's transaction. */
@Controller()
export class IncomeScoringController {
  constructor(private readonly scoring: IncomeScoring) {}

  @EventPattern(TOPICS.creditchekRaw)
  score(@Payload() events: readonly ConsumedEvent[], @Ctx() context: BatchContext): Promise<OutboxMessage[]> {
    return this.scoring.apply(context.getManager(), events);
  }
}
