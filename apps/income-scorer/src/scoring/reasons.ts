import { INCOME_SCORE_FACTORS, type IncomeScored } from '@ledgerhook/contracts';
import type { RuleHit } from './decision';
import type { FactorScore } from './factors';
import { compare, int, type Rational, sub, toExactDecimal, toFixed } from './rational';

// Reasons as published, most important first (docs/scoring.md, section 4 and 8): the rules that set the
// decision (declines, then referrals), then every factor by points lost, ties in the scorecard's order.
// Display values are rounded here, once; the score was computed from the exact values.

type Reason = IncomeScored['reasons'][number];

/** Exact when it has at most 6 decimals ("81111896.6", "5"), else rounded to 6 ("0.348405"). */
export function displayValue(value: Rational): string {
  const exact = toExactDecimal(value);
  return exact !== undefined && !/\.\d{7}/.test(exact) ? exact : toFixed(value, 6);
}
const display = displayValue;

export function orderedReasons(rules: readonly RuleHit[], factors: readonly FactorScore[]): Reason[] {
  const ruleReasons: Reason[] = [...rules]
    .sort((a, b) => (a.effect === b.effect ? 0 : a.effect === 'decline' ? -1 : 1))
    .map((rule) => ({
      kind: 'rule',
      code: rule.code,
      effect: rule.effect,
      ...(rule.value !== undefined ? { value: display(rule.value) } : {}),
      ...(rule.threshold !== undefined ? { threshold: display(rule.threshold) } : {}),
    }));
  const lost = (f: FactorScore) => sub(int(f.maxPoints), f.points);
  const factorReasons: Reason[] = [...factors]
    .sort(
      (a, b) =>
        compare(lost(b), lost(a)) ||
        INCOME_SCORE_FACTORS.indexOf(a.code) - INCOME_SCORE_FACTORS.indexOf(b.code),
    )
    .map((f) => ({
      kind: 'factor',
      code: f.code,
      value: f.value === undefined ? null : display(f.value),
      unit: f.unit,
      points: toFixed(f.points, 2),
      maxPoints: f.maxPoints,
      pointsLost: toFixed(lost(f), 2),
    }));
  return [...ruleReasons, ...factorReasons];
}
