// Examples of lending.income-scores.v1, shown in the generated JSON Schema and AsyncAPI document. They are
// what apps/income-scorer computes (its tests check that they stay so): seed 001's income_insight scored
// with the default thresholds, and seed 001's income_insight with success: false.
export const INCOME_SCORE_EXAMPLES: readonly unknown[] = Object.freeze([
  {
    resultId: 'score:f1f33ff75e4e4023dad1758747fbf232',
    borrowerId: '64a64e4681741eca2fd00821',
    applicationIds: ['6295e8bacccda600124334c9'],
    accounts: [
      {
        accountRef: 'acct:7d7e1a09580f283afcf5a1a9318abaad',
        last4: '7890',
      },
    ],
    insightId: '64a64eb4ecb5ee873ee210e3',
    modelVersion: 'income-v1+b8c67788',
    asOf: '2023-07-08T14:00:00.000Z',
    inputCeIds: ['0190a000-0000-7000-8000-000000000001'],
    status: 'scored',
    score: 771,
    band: 'B',
    decision: 'approve',
    affordableMonthlyRepayment: {
      currency: 'NGN',
      minor: '4184934',
    },
    reasons: [
      {
        kind: 'factor',
        code: 'debt_to_income',
        value: '0.348405',
        unit: 'ratio',
        points: '125.80',
        maxPoints: 300,
        pointsLost: '174.20',
      },
      {
        kind: 'factor',
        code: 'income',
        value: '81111896.6',
        unit: 'kobo_per_month',
        points: '162.22',
        maxPoints: 200,
        pointsLost: '37.78',
      },
      {
        kind: 'factor',
        code: 'salary_regularity',
        value: '5',
        unit: 'count',
        points: '83.33',
        maxPoints: 100,
        pointsLost: '16.67',
      },
      {
        kind: 'factor',
        code: 'balance_cover',
        value: '5.876782',
        unit: 'months',
        points: '150.00',
        maxPoints: 150,
        pointsLost: '0.00',
      },
      {
        kind: 'factor',
        code: 'gambling',
        value: '0',
        unit: 'share_of_income',
        points: '100.00',
        maxPoints: 100,
        pointsLost: '0.00',
      },
      {
        kind: 'factor',
        code: 'negative_balance_days',
        value: '0',
        unit: 'days_per_month',
        points: '100.00',
        maxPoints: 100,
        pointsLost: '0.00',
      },
      {
        kind: 'factor',
        code: 'history',
        value: '13',
        unit: 'months',
        points: '50.00',
        maxPoints: 50,
        pointsLost: '0.00',
      },
    ],
    inputs: {
      averageMonthlyIncome: {
        currency: 'NGN',
        minor: '81111896.6',
      },
      averageMonthlyRecurringDebt: {
        currency: 'NGN',
        minor: '28259824.230769',
      },
      averageMonthlyBalance: {
        currency: 'NGN',
        minor: '171953601.384615',
      },
      activeMonths: 13,
      gambling: {
        currency: 'NGN',
        minor: '0',
      },
      negativeBalanceDays: 0,
      salaryCredits: 5,
      salaryTotal: {
        currency: 'NGN',
        minor: '149999999',
      },
      providerAverageEdti: '34.84054178899478',
      eligibleAmount: {
        currency: 'NGN',
        minor: '321203110.536',
      },
      totalReceived: {
        currency: 'NGN',
        minor: '1216678449',
      },
      totalSpent: {
        currency: 'NGN',
        minor: '1162886221',
      },
      recurringDebtSum: {
        currency: 'NGN',
        minor: '367377715',
      },
    },
  },
  {
    resultId: 'score:f100a009a403702a928e1ca4c417e0ef',
    borrowerId: '65115218423277fb6',
    applicationIds: ['64aac9d453a97b63508946e7'],
    accounts: [
      {
        accountRef: 'acct:53077a8ce1ea25796b45cf3ab69fe830',
        last4: '9467',
      },
    ],
    modelVersion: 'income-v1+b8c67788',
    asOf: '2023-07-08T14:03:00.000Z',
    inputCeIds: ['0190a000-0000-7000-8000-000000000002'],
    status: 'no_score',
    reasons: [
      {
        kind: 'no_score',
        code: 'account_analysis_failed',
        detail: ['9467'],
      },
    ],
  },
]);
