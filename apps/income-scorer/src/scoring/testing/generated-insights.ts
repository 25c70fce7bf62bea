import fc from 'fast-check';

// Generated income_insight bodies for the property tests: the figures the model reads, in the wire
// form CreditChek uses (kobo as strings, a tenth of a kobo in the average income, counts as text).

export interface InsightFigures {
  /** Average monthly income in tenths of a kobo. */
  incomeTenths: bigint;
  debt: bigint;
  balance: bigint;
  months: number;
  gambling: bigint;
  negativeDays: number;
  negativeDaysInBreakdown: boolean;
  salaries: bigint[];
}

export const insightFigures: fc.Arbitrary<InsightFigures> = fc.record({
  incomeTenths: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  debt: fc.bigInt({ min: 0n, max: 10n ** 11n }),
  balance: fc.bigInt({ min: -(10n ** 10n), max: 10n ** 12n }),
  months: fc.integer({ min: 1, max: 36 }),
  gambling: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 10n })),
  negativeDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
  negativeDaysInBreakdown: fc.boolean(),
  salaries: fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { maxLength: 24 }),
});

export const tenthsText = (tenths: bigint): string => `${tenths / 10n}.${tenths % 10n}`;

/** A flat income_insight body for borrower `borrowerId` with these figures. */
export function insightBody(f: InsightFigures, borrowerId = 'borrower-generated'): Record<string, unknown> {
  const negBalDays = String(f.negativeDays);
  return {
    event: 'income_insight',
    data: {
      avgMonthlyIncome: tenthsText(f.incomeTenths),
      DTI: '',
      borrowerId,
      appId: 'app-generated',
      edti: {
        average_monthly_recurring_debt_expenses: String(f.debt),
        average_monthly_balance: String(f.balance),
        number_of_active_months: String(f.months),
        spendingAnalysis: { gambling: [Number(f.gambling)] },
        salary: { narration: f.salaries.map(() => 'EMPLOYER salary'), amount: f.salaries.map(Number) },
        ...(f.negativeDaysInBreakdown
          ? { creditBreakdown: { creditSecondHalf1: { negBalDays } } }
          : { negBalDays }),
      },
      success: true,
    },
  };
}
