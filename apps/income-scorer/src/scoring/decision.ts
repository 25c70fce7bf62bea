import {
  INCOME_SCORE_BANDS,
  type IncomeScoreBand,
  type IncomeScoreDecision,
  type IncomeScoreRule,
} from '@ledgerhook/contracts';
import type { InsightInputs } from './insight-inputs';
import { floor, int, max, mul, type Rational, sub, ZERO } from './rational';
import type { Mismatch } from './recomputation';
import type { ScoringConfig } from './scoring.config';

// Band, affordable repayment and decision (docs/scoring.md, section 4).

export type RuleCode = IncomeScoreRule;

/** A rule that moved the decision, with what it measured and the threshold it was held against. */
export interface RuleHit {
  code: RuleCode;
  effect: 'decline' | 'refer';
  value?: Rational;
  threshold?: Rational;
}

export function bandOf(score: number, config: ScoringConfig): IncomeScoreBand {
  const index = config.bands.findIndex((lowerBound) => score >= lowerBound);
  return INCOME_SCORE_BANDS[index === -1 ? INCOME_SCORE_BANDS.length - 1 : index];
}

/** A = floor(max(0, affordableDti x I - D)) kobo: debt service stays within affordableDti of income. */
export function affordableMonthlyRepayment(inputs: InsightInputs, config: ScoringConfig): bigint {
  const room: Rational = sub(
    mul(config.affordableDti, inputs.averageMonthlyIncome),
    inputs.averageMonthlyRecurringDebt,
  );
  return floor(max(ZERO, room));
}

export interface DecisionInput {
  score: number;
  affordable: bigint;
  mismatches: readonly Mismatch[];
  /** Analysis failures received after the insight that is scored. */
  laterFailures: number;
}

/** Every rule that applies is returned; any decline declines, else any referral refers, else approve. */
export function decide(
  input: DecisionInput,
  config: ScoringConfig,
): { decision: IncomeScoreDecision; rules: RuleHit[] } {
  const rules: RuleHit[] = [];
  if (input.affordable < config.minRepayment)
    rules.push({
      code: 'affordable_repayment_below_minimum',
      effect: 'decline',
      value: int(input.affordable),
      threshold: int(config.minRepayment),
    });
  if (input.score < config.declineBelow)
    rules.push({
      code: 'score_below_decline_threshold',
      effect: 'decline',
      value: int(input.score),
      threshold: int(config.declineBelow),
    });
  else if (input.score < config.approveFrom)
    rules.push({
      code: 'score_below_approve_threshold',
      effect: 'refer',
      value: int(input.score),
      threshold: int(config.approveFrom),
    });
  for (const mismatch of input.mismatches)
    rules.push({
      code: mismatch.code,
      effect: 'refer',
      value: mismatch.difference,
      threshold: mismatch.threshold,
    });
  if (input.laterFailures > 0)
    rules.push({ code: 'later_analysis_failed', effect: 'refer', value: int(input.laterFailures) });

  const decision: IncomeScoreDecision = rules.some((rule) => rule.effect === 'decline')
    ? 'decline'
    : rules.length > 0
      ? 'refer'
      : 'approve';
  return { decision, rules };
}
