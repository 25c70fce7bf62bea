import { z } from 'zod';
import { moneyJsonSchema } from '../money/money';

// Value of lending.income-scores.v1 (key = borrowerId): a score computed from a CreditChek insight.
export const INCOME_SCORE_BANDS = ['A', 'B', 'C', 'D', 'E'] as const;

export const incomeScoreSchema = z
  .object({
    borrowerId: z.string().min(1),
    appId: z.string().optional(),
    score: z.number().int().min(0).max(1000),
    band: z.enum(INCOME_SCORE_BANDS),
    reasons: z.array(z.string()),
    inputs: z.object({
      averageMonthlyIncome: moneyJsonSchema.optional(),
      eligibleAmount: moneyJsonSchema.optional(),
      totalReceived: moneyJsonSchema.optional(),
      totalSpent: moneyJsonSchema.optional(),
      debtToIncome: z.string().optional().meta({ description: 'Exact decimal string' }),
      activeMonths: z.number().int().nonnegative().optional(),
      insightId: z.string().optional(),
    }),
    modelVersion: z.string().min(1),
    computedAt: z.iso.datetime({ offset: true }),
    sourceDedupKey: z.string().optional(),
  })
  .meta({ title: 'lending.income-scores.v1', description: 'Income score of one borrower.' });

export type IncomeScore = z.infer<typeof incomeScoreSchema>;
export type IncomeScoreBand = (typeof INCOME_SCORE_BANDS)[number];
