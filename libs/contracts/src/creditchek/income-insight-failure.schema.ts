import { z } from 'zod';

// income_insight_failure: CreditChek failed to analyse a statement. No example is published, so only
// the identifiers are typed (all optional) and everything else is kept as sent.
export const creditchekInsightFailureDataSchema = z
  .looseObject({
    borrowerId: z.string().optional(),
    appId: z.string().optional(),
    businessId: z.string().optional(),
    message: z.string().optional(),
  })
  .meta({ title: 'CreditChekIncomeInsightFailureData' });

export type CreditChekInsightFailureData = z.output<typeof creditchekInsightFailureDataSchema>;
