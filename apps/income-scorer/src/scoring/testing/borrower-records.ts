import { cloneBody } from '@ledgerhook/contracts/testing';
import type { RawCreditChekRecord } from '../borrower-event';

// Raw CreditChek records for the scoring tests: seed 001's bodies with the CloudEvents attributes a
// consumer would pass (ce_id, ce_time).

export const SEED_INSIGHT_BORROWER = '64a64e4681741eca2fd00821';

let sequence = 0;

/** A record with a fresh ce_id; `minute` orders ce_time. */
export function record(body: unknown, minute: number, ceId?: string): RawCreditChekRecord {
  sequence += 1;
  const id = ceId ?? `0190a000-0000-7000-8000-${String(sequence).padStart(12, '0')}`;
  return { ceId: id, time: new Date(Date.UTC(2023, 6, 8, 14, minute)).toISOString(), body };
}

/** Seed 001's flat income_insight. */
export function seedFlatInsight(): Record<string, unknown> {
  return cloneBody('creditchek', 'income_insight.flat.json');
}

/** The same insight in the `data.id` + `data.record` form. */
export function seedRecordInsight(): Record<string, unknown> {
  const flat = seedFlatInsight() as { event: string; data: Record<string, unknown> };
  const { success, ...record } = flat.data;
  return { event: flat.event, data: { id: String(record._id), record, success } };
}

/** Seed 001's income_transaction, moved to the insight's borrower (the seed gives it to another one). */
export function seedTransactionsOfInsightBorrower(): Record<string, unknown> {
  const body = cloneBody('creditchek', 'income_transaction.json') as { data: Record<string, unknown> };
  body.data.borrowerId = SEED_INSIGHT_BORROWER;
  return body;
}
