import type { IncomeScoreBand, IncomeScoreDecision, IncomeScored } from '@ledgerhook/contracts';
import { affordableMonthlyRepayment, bandOf, decide } from './decision';
import { type FactorScore, scoreFactors, totalPoints } from './factors';
import type { InsightInputs } from './insight-inputs';
import { orderedReasons } from './reasons';
import { floor } from './rational';
import { type Recomputation, recompute } from './recomputation';
import type { ScoringConfig } from './scoring.config';
import type { TransactionSummary } from './transaction-summary';

export interface InsightScore {
  /** floor of the exact sum of the factors' points: the one rounding of the score. */
  score: number;
  band: IncomeScoreBand;
  decision: IncomeScoreDecision;
  /** Whole kobo, rounded down. */
  affordableMonthlyRepayment: bigint;
  reasons: IncomeScored['reasons'];
  factors: FactorScore[];
  recomputation?: Recomputation;
}

export interface ScoringContext {
  /** Summaries of the borrower's income_transaction events (may be empty). */
  transactions: readonly TransactionSummary[];
  /** Analysis failures received after this insight. */
  laterFailures: number;
}

/** The model (docs/scoring.md) applied to one insight's inputs: pure, exact, deterministic. */
export function scoreInsight(
  inputs: InsightInputs,
  context: ScoringContext,
  config: ScoringConfig,
): InsightScore {
  const recomputation = recompute(context.transactions, inputs, config);
  const factors = scoreFactors(inputs, recomputation, config);
  const score = Number(floor(totalPoints(factors)));
  const affordable = affordableMonthlyRepayment(inputs, config);
  const { decision, rules } = decide(
    {
      score,
      affordable,
      mismatches: recomputation?.mismatches ?? [],
      laterFailures: context.laterFailures,
    },
    config,
  );
  return {
    score,
    band: bandOf(score, config),
    decision,
    affordableMonthlyRepayment: affordable,
    reasons: orderedReasons(rules, factors),
    factors,
    ...(recomputation !== undefined ? { recomputation } : {}),
  };
}
