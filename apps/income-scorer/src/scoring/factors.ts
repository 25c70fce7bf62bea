import type { IncomeScoreFactor, IncomeScoreFactorUnit } from '@ledgerhook/contracts';
import type { InsightInputs } from './insight-inputs';
import { add, div, int, isZero, max, min, mul, ONE, type Rational, sub, ZERO } from './rational';
import type { Recomputation } from './recomputation';
import type { ScoringConfig } from './scoring.config';

// The seven factors of the scorecard and their weights (docs/scoring.md, section 3). Points are exact;
// the score is their sum, rounded down once by the scorer.

export type FactorCode = IncomeScoreFactor;
export type FactorUnit = IncomeScoreFactorUnit;

/** The model's weights: the most each factor can earn. They add up to 1000. */
export const FACTOR_WEIGHTS: Readonly<Record<FactorCode, number>> = Object.freeze({
  income: 200,
  debt_to_income: 300,
  balance_cover: 150,
  gambling: 100,
  negative_balance_days: 100,
  salary_regularity: 100,
  history: 50,
});

export interface FactorScore {
  code: FactorCode;
  maxPoints: number;
  points: Rational;
  /** What the factor measured; undefined when not reported (or, for ratios, not defined: no income). */
  value?: Rational;
  unit: FactorUnit;
}

/** weight x clamp(fraction, 0, 1). */
function weighted(code: FactorCode, fraction: Rational): Rational {
  return mul(int(FACTOR_WEIGHTS[code]), max(ZERO, min(ONE, fraction)));
}

function factor(
  code: FactorCode,
  unit: FactorUnit,
  points: Rational,
  value: Rational | undefined,
): FactorScore {
  return { code, maxPoints: FACTOR_WEIGHTS[code], points, unit, ...(value !== undefined ? { value } : {}) };
}

/** The figures as scored: the provider's, with the recomputed ones standing in where it gave none. */
export function effectiveFigures(inputs: InsightInputs, recomputation: Recomputation | undefined) {
  return {
    gambling: inputs.gambling ?? recomputation?.gambling,
    negativeBalanceDays: inputs.negativeBalanceDays ?? recomputation?.negativeBalanceDays,
  };
}

export function scoreFactors(
  inputs: InsightInputs,
  recomputation: Recomputation | undefined,
  config: ScoringConfig,
): FactorScore[] {
  const I = inputs.averageMonthlyIncome;
  const D = inputs.averageMonthlyRecurringDebt;
  const N = int(inputs.activeMonths);
  const { gambling: G, negativeBalanceDays: n } = effectiveFigures(inputs, recomputation);
  const incomeless = isZero(I);

  const dti = incomeless ? undefined : div(D, I);
  const debtPoints = dti === undefined ? ZERO : weighted('debt_to_income', sub(ONE, div(dti, config.maxDti)));

  const B = inputs.averageMonthlyBalance;
  const cover = B === undefined ? undefined : div(B, add(D, int(config.minRepayment)));
  const coverPoints = cover === undefined ? ZERO : weighted('balance_cover', div(cover, config.coverMonths));

  let gamblingShare: Rational | undefined;
  let gamblingPoints = ZERO;
  if (G !== undefined) {
    if (isZero(G)) {
      gamblingShare = ZERO;
      gamblingPoints = int(FACTOR_WEIGHTS.gambling);
    } else if (!incomeless) {
      gamblingShare = div(div(G, N), I);
      gamblingPoints = weighted('gambling', sub(ONE, div(gamblingShare, config.maxGamblingShare)));
    }
  }

  const negativePerMonth = n === undefined ? undefined : div(int(n), N);
  const negativePoints =
    negativePerMonth === undefined
      ? ZERO
      : weighted('negative_balance_days', sub(ONE, div(negativePerMonth, config.maxNegativeDaysPerMonth)));

  return [
    factor('income', 'kobo_per_month', weighted('income', div(I, config.referenceIncome)), I),
    factor('debt_to_income', 'ratio', debtPoints, dti),
    factor('balance_cover', 'months', coverPoints, cover),
    factor('gambling', 'share_of_income', gamblingPoints, gamblingShare),
    factor('negative_balance_days', 'days_per_month', negativePoints, negativePerMonth),
    factor(
      'salary_regularity',
      'count',
      weighted('salary_regularity', div(int(inputs.salaryCredits), int(config.fullSalaryCredits))),
      int(inputs.salaryCredits),
    ),
    factor('history', 'months', weighted('history', div(N, int(config.fullHistoryMonths))), N),
  ];
}

/** The exact sum of the points (0 to 1000). */
export function totalPoints(factors: readonly FactorScore[]): Rational {
  return factors.reduce<Rational>((total, f) => add(total, f.points), ZERO);
}
