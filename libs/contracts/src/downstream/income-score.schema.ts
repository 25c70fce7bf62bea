import { z } from 'zod';
import { DECIMAL_PATTERN, moneyJsonSchema } from '../money/money';
import { INCOME_SCORE_EXAMPLES } from './income-score.examples';

// Value of lending.income-scores.v1 (key = borrowerId): the result of the income model
// (docs/scoring.md) for one borrower, each time a new input changes it. No personal data: no BVN, name,
// account number or narration; accounts appear as `acct:` reference + last 4 digits.

export const INCOME_SCORE_BANDS = ['A', 'B', 'C', 'D', 'E'] as const;
export const INCOME_SCORE_DECISIONS = ['approve', 'refer', 'decline'] as const;
export const INCOME_SCORE_FACTORS = [
  'income',
  'debt_to_income',
  'balance_cover',
  'gambling',
  'negative_balance_days',
  'salary_regularity',
  'history',
] as const;
export const INCOME_SCORE_FACTOR_UNITS = [
  'kobo_per_month',
  'ratio',
  'months',
  'share_of_income',
  'days_per_month',
  'count',
] as const;
export const INCOME_SCORE_RULES = [
  'affordable_repayment_below_minimum',
  'score_below_decline_threshold',
  'score_below_approve_threshold',
  'income_mismatch',
  'negative_balance_days_mismatch',
  'gambling_mismatch',
  'later_analysis_failed',
] as const;
export const INCOME_NO_SCORE_REASONS = [
  'insight_failed',
  'account_analysis_failed',
  'unparseable_figures',
  'missing_figures',
] as const;

const decimal = (description: string) => z.string().regex(DECIMAL_PATTERN).meta({ description });
// Amounts are kobo, exact when they have at most 6 decimals of a kobo, else rounded to 6 (an average
// such as 367377715 / 13 has no finite decimal). The model computes with the exact values.
const kobo = (description: string) =>
  moneyJsonSchema.meta({ description: `${description}; kobo, at most 6 decimals` });

export const incomeScoreFactorReasonSchema = z.object({
  kind: z.literal('factor'),
  code: z.enum(INCOME_SCORE_FACTORS),
  value: decimal('What the factor measured, rounded to 6 decimals for display').nullable().meta({
    description: 'null: not reported by the provider, or not defined (a ratio of no income)',
  }),
  unit: z.enum(INCOME_SCORE_FACTOR_UNITS),
  points: decimal('Points earned, 2 decimals (display; the score sums the exact values)'),
  maxPoints: z.number().int().positive(),
  pointsLost: decimal('maxPoints - points, 2 decimals'),
});

export const incomeScoreRuleReasonSchema = z.object({
  kind: z.literal('rule'),
  code: z.enum(INCOME_SCORE_RULES),
  effect: z.enum(['decline', 'refer']).meta({ description: 'What the rule did to the decision' }),
  value: decimal('What the rule measured (6 decimals)').optional(),
  threshold: decimal('The threshold it was held against').optional(),
});

export const incomeNoScoreReasonSchema = z.object({
  kind: z.literal('no_score'),
  code: z.enum(INCOME_NO_SCORE_REASONS),
  detail: z.array(z.string()).meta({
    description:
      'missing_figures: the figures; unparseable_figures: the field paths (never their values); ' +
      'account_analysis_failed: the last 4 digits of the account; insight_failed: empty',
  }),
});

const common = {
  resultId: z
    .string()
    .regex(/^score:[0-9a-f]{32}$/)
    .meta({
      description:
        'Hash of modelVersion, borrowerId and inputCeIds: a replay gives the same id for the same result',
    }),
  borrowerId: z.string().min(1),
  applicationIds: z
    .array(z.string().min(1))
    .meta({ description: 'CreditChek appIds of the insight and its accounts' }),
  accounts: z.array(
    z.object({
      accountRef: z.string().regex(/^acct:[0-9a-f]{32}$/),
      last4: z.string().regex(/^\d{1,4}$/),
    }),
  ),
  insightId: z.string().optional(),
  modelVersion: z
    .string()
    .regex(/^income-v\d+\+[0-9a-f]{8}$/)
    .meta({
      description: 'income-v<formula>+<first 8 hex of sha256 of the thresholds> (docs/scoring.md)',
    }),
  asOf: z.iso.datetime({ offset: true }).meta({ description: 'Latest ce_time among the inputs' }),
  inputCeIds: z
    .array(z.string().min(1))
    .min(1)
    .meta({ description: 'ce_id of every raw event the result was computed from, sorted' }),
};

export const incomeScoreInputsSchema = z.object({
  averageMonthlyIncome: kobo('I: average monthly income'),
  averageMonthlyRecurringDebt: kobo('D: average monthly recurring debt expenses'),
  averageMonthlyBalance: kobo('B: average monthly balance (may be negative)').optional(),
  activeMonths: z.number().int().positive(),
  gambling: kobo('G: gambling over the statement').optional(),
  negativeBalanceDays: z.number().int().nonnegative().optional(),
  salaryCredits: z.number().int().nonnegative(),
  salaryTotal: kobo('Sum of the salary credits'),
  providerAverageEdti: decimal("CreditChek's average monthly EDTI, percent").optional(),
  eligibleAmount: kobo("CreditChek's eligible amount (not scored)").optional(),
  totalReceived: kobo("CreditChek's total money received (not scored)").optional(),
  totalSpent: kobo("CreditChek's total money spent (not scored)").optional(),
  recurringDebtSum: kobo("CreditChek's recurring debt over the statement (not scored)").optional(),
});

export const incomeScoreRecomputationSchema = z.object({
  monthsSpanned: z.number().int().positive(),
  averageMonthlyIncome: kobo('Ir = all credits / monthsSpanned'),
  incomeDifference: kobo('Ir - I (negative: the transactions show less income)'),
  gambling: kobo('Gr: debits with a gambling narration'),
  negativeBalanceDays: z.number().int().nonnegative(),
  transactions: z.number().int().nonnegative(),
});

export const incomeScoredSchema = z.object({
  ...common,
  status: z.literal('scored'),
  score: z.number().int().min(0).max(1000),
  band: z.enum(INCOME_SCORE_BANDS),
  decision: z.enum(INCOME_SCORE_DECISIONS),
  affordableMonthlyRepayment: kobo(
    'Largest monthly repayment that fits (whole kobo, rounded down); approve means up to this',
  ),
  reasons: z
    .array(z.discriminatedUnion('kind', [incomeScoreRuleReasonSchema, incomeScoreFactorReasonSchema]))
    .meta({
      description: 'Most important first: the rules that set the decision, then factors by points lost',
    }),
  inputs: incomeScoreInputsSchema,
  recomputation: incomeScoreRecomputationSchema
    .optional()
    .meta({ description: 'Present when income_transaction events were received' }),
});

export const incomeNoScoreSchema = z.object({
  ...common,
  status: z.literal('no_score'),
  reasons: z.array(incomeNoScoreReasonSchema).min(1),
});

export const incomeScoreSchema = z
  .discriminatedUnion('status', [incomeScoredSchema, incomeNoScoreSchema])
  .meta({
    title: 'lending.income-scores.v1',
    description:
      "A borrower's income score (docs/scoring.md), or why there is none. A newer result supersedes older ones.",
    examples: INCOME_SCORE_EXAMPLES,
  });

export type IncomeScore = z.infer<typeof incomeScoreSchema>;
export type IncomeScored = z.infer<typeof incomeScoredSchema>;
export type IncomeNoScore = z.infer<typeof incomeNoScoreSchema>;
export type IncomeScoreBand = (typeof INCOME_SCORE_BANDS)[number];
export type IncomeScoreDecision = (typeof INCOME_SCORE_DECISIONS)[number];
export type IncomeScoreFactor = (typeof INCOME_SCORE_FACTORS)[number];
export type IncomeScoreFactorUnit = (typeof INCOME_SCORE_FACTOR_UNITS)[number];
export type IncomeScoreRule = (typeof INCOME_SCORE_RULES)[number];
export type IncomeNoScoreReason = (typeof INCOME_NO_SCORE_REASONS)[number];
export type IncomeScoreReason = IncomeScored['reasons'][number] | IncomeNoScore['reasons'][number];
