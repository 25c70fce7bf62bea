import type { InsightInputs } from './insight-inputs';
import { abs, add, compare, div, int, isZero, type Rational, sub, ZERO } from './rational';
import type { ScoringConfig } from './scoring.config';
import type { TransactionSummary } from './transaction-summary';

// The provider's figures recomputed from the raw transactions, and how far apart they are
// (docs/scoring.md, section 5). A large difference refers the decision to a person.

export type MismatchCode = 'income_mismatch' | 'negative_balance_days_mismatch' | 'gambling_mismatch';

export interface Mismatch {
  code: MismatchCode;
  /** The measured difference: relative for income, days, share of income for gambling. */
  difference: Rational;
  threshold: Rational;
}

export interface Recomputation {
  /** M: calendar months from the first to the last dated transaction, inclusive. */
  monthsSpanned: number;
  /** Ir = all credits / M, kobo. */
  averageMonthlyIncome: Rational;
  /** Ir - I, kobo. */
  incomeDifference: Rational;
  /** Gr: debits with a gambling narration, kobo. */
  gambling: Rational;
  /** nr: distinct dates with a negative balance. */
  negativeBalanceDays: number;
  transactions: number;
  /** Large differences only. */
  mismatches: Mismatch[];
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Undefined when no transaction is dated: nothing to compare. */
export function recompute(
  summaries: readonly TransactionSummary[],
  inputs: InsightInputs,
  config: ScoringConfig,
): Recomputation | undefined {
  const dated = summaries.filter((s) => s.firstMonth !== undefined && s.lastMonth !== undefined);
  if (dated.length === 0) return undefined;
  const first = Math.min(...dated.map((s) => monthIndex(s.firstMonth as string)));
  const last = Math.max(...dated.map((s) => monthIndex(s.lastMonth as string)));
  const months = last - first + 1;

  const credits = summaries
    .flatMap((s) => Object.values(s.creditsByMonth))
    .reduce<Rational>((total, amount) => add(total, amount), ZERO);
  const gambling = summaries.reduce<Rational>((total, s) => add(total, s.gamblingDebits), ZERO);
  const negativeDays = new Set(summaries.flatMap((s) => s.negativeBalanceDates)).size;

  const I = inputs.averageMonthlyIncome;
  const Ir = div(credits, int(months));
  const mismatches: Mismatch[] = [];

  // |Ir - I| / I; with I = 0 any recomputed income is a large difference.
  if (isZero(I)) {
    if (!isZero(Ir))
      mismatches.push({ code: 'income_mismatch', difference: int(1), threshold: config.mismatch.income });
  } else {
    const relative = div(abs(sub(Ir, I)), I);
    if (compare(relative, config.mismatch.income) > 0)
      mismatches.push({ code: 'income_mismatch', difference: relative, threshold: config.mismatch.income });
  }

  if (inputs.negativeBalanceDays !== undefined) {
    const days = Math.abs(negativeDays - inputs.negativeBalanceDays);
    if (days > config.mismatch.negativeDays)
      mismatches.push({
        code: 'negative_balance_days_mismatch',
        difference: int(days),
        threshold: int(config.mismatch.negativeDays),
      });
  }

  if (inputs.gambling !== undefined && !isZero(I)) {
    const monthlyRecomputed = div(gambling, int(months));
    const monthlyProvider = div(inputs.gambling, int(inputs.activeMonths));
    const share = div(abs(sub(monthlyRecomputed, monthlyProvider)), I);
    if (compare(share, config.mismatch.gamblingShare) > 0)
      mismatches.push({
        code: 'gambling_mismatch',
        difference: share,
        threshold: config.mismatch.gamblingShare,
      });
  }

  return {
    monthsSpanned: months,
    averageMonthlyIncome: Ir,
    incomeDifference: sub(Ir, I),
    gambling,
    negativeBalanceDays: negativeDays,
    transactions: summaries.reduce((n, s) => n + s.transactions, 0),
    mismatches,
  };
}
