import { Inject, Injectable } from '@nestjs/common';
import {
  type ConsumedEvent,
  isDownstreamEvent,
  type OutboxMessage,
  RejectedEventError,
} from '@ledgerhook/consumer';
import { type AccountRefs, ContractViolationError, type IncomeScore } from '@ledgerhook/contracts';
import type { EntityManager } from 'typeorm';
import { loadBorrowers, saveBorrowers, saveResults, type StoredBorrower } from '../borrowers/borrower-store';
import type { IncomeScorerConfig } from '../config/income-scorer.config';
import { INCOME_SCORER_CONFIG } from '../income-scorer.tokens';
import { type BorrowerEvent, readBorrowerEvent } from '../scoring/borrower-event';
import { borrowerResult } from '../scoring/borrower-result';
import { emptyBorrowerState, foldBorrowerEvent } from '../scoring/borrower-state';
import { scoreAnnouncement } from '../scores/score-announcement';

/** ce_source of CreditChek's webhooks (`creditchek`) and of what is fetched for them (`creditchek/…`). */
const isCreditChekSource = (source: string) => source === 'creditchek' || source.startsWith('creditchek/');

/**
 * Folds a chunk of webhooks.creditchek.v1 into the borrowers' states (docs/scoring.md, sections 6 and
 * 10) and publishes each borrower's result when it changed. The bodies are read as sent, leniently:
 * an insight whose figures break the contract is a "no score" answer, not a dead letter.
 */
@Injectable()
export class IncomeScoring {
  constructor(@Inject(INCOME_SCORER_CONFIG) private readonly config: IncomeScorerConfig) {}

  async apply(manager: EntityManager, events: readonly ConsumedEvent[]): Promise<OutboxMessage[]> {
    const read: { event: BorrowerEvent; traceparent?: string }[] = [];
    for (const consumed of events) {
      const event = borrowerEventOf(consumed, this.config.accountRefs);
      if (event) read.push({ event, traceparent: consumed.attributes.traceparent });
    }
    if (read.length === 0) return [];
    const stored = await loadBorrowers(manager, [...new Set(read.map(({ event }) => event.borrowerId))]);
    const touched = new Map<string, StoredBorrower & { traceparent?: string }>();
    for (const { event, traceparent } of read) {
      const known = touched.get(event.borrowerId) ??
        stored.get(event.borrowerId) ?? { state: emptyBorrowerState(event.borrowerId), latestResultId: null };
      touched.set(event.borrowerId, {
        ...known,
        state: foldBorrowerEvent(known.state, event),
        ...(traceparent ? { traceparent } : {}),
      });
    }
    // One result per borrower per chunk: the one its state stands for once the chunk is folded in.
    const results: IncomeScore[] = [];
    const outbox: OutboxMessage[] = [];
    for (const borrower of touched.values()) {
      const result = borrowerResult(borrower.state, this.config.scoring);
      if (result === undefined || result.resultId === borrower.latestResultId) continue;
      borrower.latestResultId = result.resultId;
      results.push(result);
      outbox.push(scoreAnnouncement(result, borrower.traceparent));
    }
    await saveBorrowers(manager, [...touched.values()]);
    await saveResults(manager, results);
    return outbox;
  }
}

/** The borrower event of a consumed record; undefined for event types the model does not use. */
function borrowerEventOf(consumed: ConsumedEvent, refs: AccountRefs): BorrowerEvent | undefined {
  if (!isDownstreamEvent(consumed) || !isCreditChekSource(consumed.source))
    throw new RejectedEventError(`webhooks.creditchek.v1 carried a record of ${consumed.attributes.source}`);
  try {
    return readBorrowerEvent(
      { ceId: consumed.attributes.id, time: consumed.attributes.time, body: consumed.value },
      refs,
    );
  } catch (error) {
    // Field paths only: the values may be personal data.
    if (error instanceof ContractViolationError)
      throw new RejectedEventError(
        `not a borrower's event: ${[...new Set(error.issues.map((issue) => issue.path || '(body)'))].join(', ')}`,
      );
    throw error;
  }
}
