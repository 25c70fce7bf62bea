import fc from 'fast-check';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import type { IncomeScore } from '@ledgerhook/contracts';
import { readBorrowerEvent } from './borrower-event';
import { borrowerResult } from './borrower-result';
import { emptyBorrowerState, foldBorrowerEvent } from './borrower-state';
import { add, compare, fromDecimal, int, mul } from './rational';
import { loadScoringConfig } from './scoring.config';
import { record } from './testing/borrower-records';
import { type InsightFigures, insightBody, insightFigures, tenthsText } from './testing/generated-insights';

// Properties of the model over generated insights (docs/scoring.md, sections 3 and 4), scored the way
// production scores them: raw body -> borrower event -> fold -> result.

const config = loadScoringConfig('income-scorer', {});
const CE_ID = '0190a000-0000-7000-8000-00000000f00d';

function resultOfBody(body: Record<string, unknown>): IncomeScore {
  const event = readBorrowerEvent(record(body, 0, CE_ID), TEST_ACCOUNT_REFS);
  if (event === undefined) throw new Error('not a borrower event');
  const result = borrowerResult(foldBorrowerEvent(emptyBorrowerState(event.borrowerId), event), config);
  if (result === undefined) throw new Error('no result');
  return result;
}

function scoredOf(f: InsightFigures) {
  const result = resultOfBody(insightBody(f));
  if (result.status !== 'scored') throw new Error(`no score: ${JSON.stringify(result.reasons)}`);
  return result;
}

const more = fc.bigInt({ min: 1n, max: 10n ** 11n });

describe('income model properties', () => {
  it('scores every generated insight between 0 and 1000', () => {
    fc.assert(
      fc.property(insightFigures, (f) => {
        const { score } = scoredOf(f);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1000);
      }),
    );
  });

  it('more gambling never raises the score', () => {
    fc.assert(
      fc.property(insightFigures, fc.bigInt({ min: 1n, max: 10n ** 10n }), (f, extra) => {
        expect(scoredOf({ ...f, gambling: f.gambling + extra }).score).toBeLessThanOrEqual(scoredOf(f).score);
      }),
    );
  });

  it('more recurring debt never raises the score nor the affordable repayment', () => {
    fc.assert(
      fc.property(insightFigures, more, (f, extra) => {
        const before = scoredOf(f);
        const after = scoredOf({ ...f, debt: f.debt + extra });
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(BigInt(after.affordableMonthlyRepayment.minor)).toBeLessThanOrEqual(
          BigInt(before.affordableMonthlyRepayment.minor),
        );
      }),
    );
  });

  it('more negative-balance days never raise the score', () => {
    fc.assert(
      fc.property(insightFigures, fc.integer({ min: 1, max: 400 }), (f, extra) => {
        expect(scoredOf({ ...f, negativeDays: f.negativeDays + extra }).score).toBeLessThanOrEqual(
          scoredOf(f).score,
        );
      }),
    );
  });

  it('more income with the same debts never lowers the score', () => {
    fc.assert(
      fc.property(insightFigures, more, (f, extra) => {
        const before = scoredOf(f);
        const after = scoredOf({ ...f, incomeTenths: f.incomeTenths + extra });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(BigInt(after.affordableMonthlyRepayment.minor)).toBeGreaterThanOrEqual(
          BigInt(before.affordableMonthlyRepayment.minor),
        );
      }),
    );
  });

  it('never approves more than the affordable repayment allows', () => {
    let approvals = 0;
    fc.assert(
      fc.property(insightFigures, (f) => {
        const result = scoredOf(f);
        const affordable = BigInt(result.affordableMonthlyRepayment.minor);
        const income = fromDecimal(tenthsText(f.incomeTenths));
        // Held against the inputs, not the scorer's arithmetic: A is the largest whole kobo with
        // D + A <= 0.4 x I (0 when D alone is over it), and an approval needs A >= the minimum.
        const cap = mul(fromDecimal('0.4'), income);
        if (affordable > 0n) {
          expect(compare(add(int(f.debt), int(affordable)), cap)).toBeLessThanOrEqual(0);
          expect(compare(add(int(f.debt), int(affordable + 1n)), cap)).toBeGreaterThan(0);
        } else {
          expect(compare(add(int(f.debt), int(1n)), cap)).toBeGreaterThan(0);
        }
        if (affordable < config.minRepayment) expect(result.decision).toBe('decline');
        if (result.decision === 'approve') {
          approvals += 1;
          expect(affordable).toBeGreaterThanOrEqual(config.minRepayment);
          expect(result.score).toBeGreaterThanOrEqual(config.approveFrom);
        }
      }),
      { numRuns: 500 },
    );
    expect(approvals).toBeGreaterThan(0);
  });

  it('scores the flat and the record form of an insight alike', () => {
    fc.assert(
      fc.property(insightFigures, (f) => {
        const flat = insightBody(f) as { event: string; data: Record<string, unknown> };
        const { success, ...fields } = flat.data;
        const recordForm = {
          event: flat.event,
          data: { id: 'insight-1', record: { ...fields, _id: 'insight-1' }, success },
        };
        const flatWithId = { ...flat, data: { ...flat.data, _id: 'insight-1' } };
        expect(resultOfBody(recordForm)).toEqual(resultOfBody(flatWithId));
      }),
    );
  });
});
