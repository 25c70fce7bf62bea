import { cloneBody } from '@ledgerhook/contracts/testing';
import { TEST_ACCOUNT_REFS } from '@ledgerhook/contracts/testing';
import { INCOME_SCORE_EXAMPLES, type IncomeScore, incomeScoreSchema } from '@ledgerhook/contracts';
import { readBorrowerEvent, type RawCreditChekRecord } from './borrower-event';
import { borrowerResult } from './borrower-result';
import { emptyBorrowerState, foldBorrowerEvent } from './borrower-state';
import { add, compare, div, floor, fromDecimal, int, mul, sub } from './rational';
import { loadScoringConfig } from './scoring.config';
import {
  record,
  SEED_INSIGHT_BORROWER,
  seedFlatInsight,
  seedRecordInsight,
  seedTransactionsOfInsightBorrower,
} from './testing/borrower-records';

const config = loadScoringConfig('income-scorer', {});

/** Folds the records into their borrower's state and returns the result, checked against the contract. */
function resultOf(...records: RawCreditChekRecord[]): IncomeScore | undefined {
  let state;
  for (const r of records) {
    const event = readBorrowerEvent(r, TEST_ACCOUNT_REFS);
    if (event === undefined) continue;
    state = foldBorrowerEvent(state ?? emptyBorrowerState(event.borrowerId), event);
  }
  const result = state && borrowerResult(state, config);
  if (result !== undefined) incomeScoreSchema.parse(result);
  return result;
}

function scored(result: IncomeScore | undefined) {
  if (result?.status !== 'scored') throw new Error(`expected a score, got ${JSON.stringify(result)}`);
  return result;
}

type Body = { event: string; data: Record<string, unknown> & { edti: Record<string, unknown> } };
const flat = () => seedFlatInsight() as Body;

describe('seed 001 income_insight, as docs/scoring.md section 8 works it by hand', () => {
  const result = scored(resultOf(record(seedFlatInsight(), 0, '0190a000-0000-7000-8000-000000000001')));

  it('sums the seven factors to 771.354417..., score 771 (rounded down once)', () => {
    const I = fromDecimal('81111896.6');
    const D = fromDecimal('28259824.230769232');
    const B = fromDecimal('171953601.3846154');
    const income = mul(int(200), div(I, int(100_000_000))); // 162.2237932
    const debt = mul(int(300), sub(int(1), div(div(D, I), fromDecimal('0.6')))); // 125.797291...
    const cover = div(B, mul(int(3), add(D, int(1_000_000)))); // 1.958927... >= 1: full 150
    expect(compare(cover, int(1))).toBeGreaterThan(0);
    const salary = div(int(500), int(6)); // 100 x 5/6
    const sum = [income, debt, int(150), int(100), int(100), salary, int(50)].reduce(add);
    expect(floor(sum)).toBe(771n);
    expect(result.score).toBe(771);
  });

  it('is band B (650 <= 771 < 800) and approved up to floor(0.4 x I - D) = 4184934 kobo a month', () => {
    const room = sub(mul(fromDecimal('0.4'), fromDecimal('81111896.6')), fromDecimal('28259824.230769232'));
    expect(floor(room)).toBe(4184934n); // 4184934.409230768
    expect(result).toMatchObject({
      band: 'B',
      decision: 'approve',
      affordableMonthlyRepayment: { currency: 'NGN', minor: '4184934' },
      borrowerId: SEED_INSIGHT_BORROWER,
      applicationIds: ['6295e8bacccda600124334c9'],
      insightId: '64a64eb4ecb5ee873ee210e3',
      inputCeIds: ['0190a000-0000-7000-8000-000000000001'],
      asOf: '2023-07-08T14:00:00.000Z',
    });
    expect(result.accounts).toEqual([
      { accountRef: expect.stringMatching(/^acct:[0-9a-f]{32}$/), last4: '7890' },
    ]);
  });

  it('gives every factor as a reason, most points lost first', () => {
    expect(
      result.reasons.map((r) => [r.code, r.kind === 'factor' ? [r.value, r.points, r.pointsLost] : r.effect]),
    ).toEqual([
      ['debt_to_income', ['0.348405', '125.80', '174.20']],
      ['income', ['81111896.6', '162.22', '37.78']],
      ['salary_regularity', ['5', '83.33', '16.67']],
      ['balance_cover', ['5.876782', '150.00', '0.00']],
      ['gambling', ['0', '100.00', '0.00']],
      ['negative_balance_days', ['0', '100.00', '0.00']],
      ['history', ['13', '50.00', '0.00']],
    ]);
  });

  it('is the example published with the lending.income-scores.v1 contract', () => {
    expect(INCOME_SCORE_EXAMPLES[0]).toEqual(result);
  });

  it('carries no personal data: no BVN, name, account number or narration', () => {
    const text = JSON.stringify(result);
    for (const personal of [
      '1234567890',
      'ACER',
      'TINSX',
      'ALPHASEVEN',
      'LIONEL',
      'FOTOGH',
      'OMNI-SOLUTIONS',
    ])
      expect(text).not.toContain(personal);
  });
});

describe('both public shapes of an insight', () => {
  it('score the same: flat data and data.id + data.record', () => {
    const ceId = '0190a000-0000-7000-8000-0000000000aa';
    expect(resultOf(record(seedRecordInsight(), 0, ceId))).toEqual(
      resultOf(record(seedFlatInsight(), 0, ceId)),
    );
  });
});

describe('recomputation from income_transaction', () => {
  it("reports a large income difference as a reason and refers the seed's approval", () => {
    // Seed transactions: credits 34000000 + 572715 over Dec 2022 - Feb 2023 (M = 3): Ir = 11524238.33...
    // |Ir - I| / I = 0.857922 > 0.25.
    const result = scored(
      resultOf(record(seedFlatInsight(), 0), record(seedTransactionsOfInsightBorrower(), 1)),
    );
    expect(result.score).toBe(771);
    expect(result.decision).toBe('refer');
    expect(result.reasons[0]).toEqual({
      kind: 'rule',
      code: 'income_mismatch',
      effect: 'refer',
      value: '0.857922',
      threshold: '0.25',
    });
    expect(result.recomputation).toEqual({
      monthsSpanned: 3,
      averageMonthlyIncome: { currency: 'NGN', minor: '11524238.333333' },
      incomeDifference: { currency: 'NGN', minor: '-69587658.266667' },
      gambling: { currency: 'NGN', minor: '0' },
      negativeBalanceDays: 0,
      transactions: 9,
    });
    expect(result.inputCeIds).toHaveLength(2);
  });

  it('stands in for figures the insight does not report', () => {
    const insight = flat();
    delete insight.data.edti.spendingAnalysis;
    delete insight.data.edti.creditBreakdown;
    const alone = scored(resultOf(record(insight, 0)));
    expect(alone.reasons.find((r) => r.code === 'gambling')).toMatchObject({ value: null, points: '0.00' });
    expect(alone.reasons.find((r) => r.code === 'negative_balance_days')).toMatchObject({ value: null });
    expect(alone.score).toBe(771 - 200);

    const transactions = seedTransactionsOfInsightBorrower() as {
      data: { trans: Record<string, unknown>[] };
    };
    transactions.data.trans[0].balance = -5; // 2023-02-23 overdrawn: 1 day over 13 months
    const withTransactions = scored(resultOf(record(insight, 0), record(transactions, 1)));
    expect(withTransactions.reasons.find((r) => r.code === 'gambling')).toMatchObject({
      value: '0',
      points: '100.00',
    });
    // 100 x (1 - (1/13) / 3) = 97.435897...
    expect(withTransactions.reasons.find((r) => r.code === 'negative_balance_days')).toMatchObject({
      value: '0.076923',
      points: '97.44',
    });
  });
});

describe('failures are answers', () => {
  it('success: false gives no score naming the account by its last 4 digits', () => {
    const failed = cloneBody('creditchek', 'income_insight.failed.json');
    const result = resultOf(record(failed, 3, '0190a000-0000-7000-8000-000000000002'));
    expect(result).toEqual(INCOME_SCORE_EXAMPLES[1]);
    expect(result).toMatchObject({
      status: 'no_score',
      borrowerId: '65115218423277fb6',
      applicationIds: ['64aac9d453a97b63508946e7'],
      reasons: [{ kind: 'no_score', code: 'account_analysis_failed', detail: ['9467'] }],
    });
    expect(JSON.stringify(result)).not.toMatch(/0156119467|KELLY|22241683701/);
  });

  it('income_insight_failure gives no score', () => {
    expect(
      resultOf(record(cloneBody('creditchek', 'income_insight_failure.constructed.json'), 0)),
    ).toMatchObject({
      status: 'no_score',
      reasons: [{ kind: 'no_score', code: 'insight_failed', detail: [] }],
    });
  });

  it.each([
    ['an unexpected DTI text', (b: Body) => (b.data.DTI = '35%'), ['data.DTI']],
    [
      'a malformed amount',
      (b: Body) => (b.data.edti.average_monthly_balance = '12abc'),
      ['data.edti.average_monthly_balance'],
    ],
    [
      'malformed negative-balance days',
      (b: Body) =>
        ((
          b.data.edti.creditBreakdown as Record<string, Record<string, unknown>>
        ).creditSecondHalf1.negBalDays = 'n/a'),
      ['data.edti.creditBreakdown.creditSecondHalf1.negBalDays'],
    ],
    [
      'a malformed gambling entry',
      (b: Body) => ((b.data.edti.spendingAnalysis as Record<string, unknown>).gambling = ['x']),
      ['data.edti.spendingAnalysis.gambling.0'],
    ],
    ['negative income', (b: Body) => (b.data.avgMonthlyIncome = '-5'), ['data.avgMonthlyIncome']],
  ])('%s gives no score naming the field, never its value', (_case, change, paths) => {
    const body = flat();
    change(body);
    const result = resultOf(record(body, 0));
    expect(result).toMatchObject({
      status: 'no_score',
      borrowerId: SEED_INSIGHT_BORROWER,
      reasons: [{ kind: 'no_score', code: 'unparseable_figures', detail: paths }],
    });
  });

  it('names the record form path of an unexpected DTI text', () => {
    const body = seedRecordInsight() as { data: { record: Record<string, unknown> } };
    body.data.record.DTI = 'good';
    expect(resultOf(record(body, 0))).toMatchObject({
      reasons: [{ code: 'unparseable_figures', detail: ['data.record.DTI'] }],
    });
  });

  it('"" and "null" are absent figures: no score naming what is missing', () => {
    const body = flat();
    body.data.avgMonthlyIncome = '';
    body.data.edti.average_monthly_income = 'null';
    body.data.edti.averageMonthlyIncome = null;
    delete body.data.edti.number_of_active_months;
    delete body.data.edti.balance;
    expect(resultOf(record(body, 0))).toMatchObject({
      status: 'no_score',
      reasons: [
        {
          code: 'missing_figures',
          detail: ['averageMonthlyIncome', 'activeMonths'],
        },
      ],
    });
  });

  it('a failure after the insight keeps the score and refers it; a newer insight supersedes both', () => {
    // The constructed failure belongs to another borrower: give it the insight's.
    const failure = cloneBody('creditchek', 'income_insight_failure.constructed.json') as Body;
    failure.data.borrowerId = SEED_INSIGHT_BORROWER;
    const referred = scored(resultOf(record(seedFlatInsight(), 0), record(failure, 5)));
    expect(referred).toMatchObject({ score: 771, decision: 'refer' });
    expect(referred.reasons[0]).toEqual({
      kind: 'rule',
      code: 'later_analysis_failed',
      effect: 'refer',
      value: '1',
    });

    const richer = flat();
    richer.data.avgMonthlyIncome = '100000000';
    const superseded = scored(resultOf(record(seedFlatInsight(), 0), record(failure, 5), record(richer, 9)));
    expect(superseded.decision).toBe('approve');
    expect(superseded.inputs.averageMonthlyIncome.minor).toBe('100000000');
  });

  it('has nothing to score while only uploads and transactions arrived', () => {
    expect(resultOf(record(cloneBody('creditchek', 'pdf_upload.json'), 0))).toBeUndefined();
    expect(resultOf(record(seedTransactionsOfInsightBorrower(), 0))).toBeUndefined();
  });
});
