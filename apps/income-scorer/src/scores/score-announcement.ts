import type { OutboxMessage } from '@ledgerhook/consumer';
import { buildCloudEventHeaders, type IncomeScore, incomeScoreSchema, TOPICS } from '@ledgerhook/contracts';

export const SCORE_SOURCE = 'income-scorer';
export const SCORE_EVENT = 'income.scored';

/**
 * The lending.income-scores.v1 record of a new result, validated against its schema. Keyed by
 * borrower; the dedup key is the result id, so a replay's records are recognised as the same results.
 */
export function scoreAnnouncement(result: IncomeScore, traceparent?: string): OutboxMessage {
  const value = incomeScoreSchema.parse(result);
  const subject = `borrower:${value.borrowerId}`;
  return {
    topic: TOPICS.incomeScores,
    key: value.borrowerId,
    value: JSON.stringify(value),
    headers: buildCloudEventHeaders({
      source: SCORE_SOURCE,
      eventName: SCORE_EVENT,
      subject,
      dedupKey: `${SCORE_SOURCE}:${SCORE_EVENT}:${value.resultId}`,
      receivedAt: new Date(value.asOf),
      contentType: 'application/json',
      ...(traceparent ? { traceparent } : {}),
    }),
  };
}
