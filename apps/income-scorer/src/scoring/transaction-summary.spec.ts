import { parseCreditChekEvent } from '@ledgerhook/contracts';
import { cloneBody } from '@ledgerhook/contracts/testing';
import { int } from './rational';
import { summariseTransactions } from './transaction-summary';

type Body = { data: { trans: Record<string, unknown>[] } };

function summaryOf(change: (body: Body) => void = () => undefined) {
  const body = cloneBody('creditchek', 'income_transaction.json') as Body;
  change(body);
  const event = parseCreditChekEvent(body);
  if (!event.known || event.eventName !== 'income_transaction') throw new Error('not income_transaction');
  return summariseTransactions(event.data);
}

describe('transaction summary', () => {
  it("sums seed 001's credits by month and spans December 2022 to February 2023", () => {
    expect(summaryOf()).toEqual({
      creditsByMonth: { '2023-02': int(34_000_000), '2022-12': int(572_715) },
      firstMonth: '2022-12',
      lastMonth: '2023-02',
      gamblingDebits: int(0),
      negativeBalanceDates: [],
      transactions: 9,
      undated: 0,
    });
  });

  it('counts debits to gambling operators by whole word, and the days a balance went below zero', () => {
    const summary = summaryOf((b) => {
      b.data.trans[0].narration = 'POS PURCHASE BET9JA LAGOS';
      b.data.trans[3].narration = 'TRF TO ALPHABET TECH'; // not a gambling word
      b.data.trans[4].narration = 'sportybet deposit';
      b.data.trans[5].narration = 'BET9JA WINNINGS'; // a credit: income, not gambling
      b.data.trans[2].balance = -100;
      b.data.trans[4].balance = '-1';
      b.data.trans[8].date = 'not a date';
    });
    expect(summary.gamblingDebits).toEqual(int(8_500_000 + 5000));
    expect(summary.negativeBalanceDates).toEqual(['2023-02-16', '2023-02-20']);
    expect(summary.undated).toBe(1);
    expect(summary.firstMonth).toBe('2023-02');
    expect(JSON.stringify(summary, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(
      /BET9JA|PAYSTACK|narration/,
    );
  });
});
