import { readBorrowerEvent } from '../scoring/borrower-event';
import { borrowerResult } from '../scoring/borrower-result';
import { emptyBorrowerState, foldBorrowerEvent } from '../scoring/borrower-state';
import { loadScoringConfig } from '../scoring/scoring.config';
import {
  record,
  SEED_INSIGHT_BORROWER,
  seedFlatInsight,
  seedTransactionsOfInsightBorrower,
} from '../scoring/testing/borrower-records';
import { decodeBorrowerState, encodeBorrowerState } from './borrower-state.codec';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';

describe('stored borrower state', () => {
  const config = loadScoringConfig('income-scorer', {});
  const state = [record(seedTransactionsOfInsightBorrower(), 1), record(seedFlatInsight(), 2)]
    .map((r) => readBorrowerEvent(r, TEST_ACCOUNT_REFS))
    .reduce(
      (s, event) => (event ? foldBorrowerEvent(s, event) : s),
      emptyBorrowerState(SEED_INSIGHT_BORROWER),
    );

  it('reads back equal, exact amounts included, and scores the same', () => {
    const json = encodeBorrowerState(state);
    const back = decodeBorrowerState(json);
    expect(back).toEqual(state);
    expect(borrowerResult(back, config)).toEqual(borrowerResult(state, config));
    // Exact amounts are tagged bigints, never floats.
    expect(json).toContain('{"$bigint":"');
  });

  it('keeps no BVN, name, account number or narration', () => {
    const json = encodeBorrowerState(state);
    for (const personal of [
      '7160010613',
      '22357999900',
      'TET JORM',
      '1234567890',
      'PAYSTACK',
      'Loan Recovery',
    ])
      expect(json).not.toContain(personal);
  });
});
