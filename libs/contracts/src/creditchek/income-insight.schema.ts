import { z } from 'zod';
import { amountField, decimalField } from '../money/money';

// income_insight exists in three forms (seed 001 + ../shared/providers.md):
// - flat: the insight fields directly in `data`;
// - record: `data.id` + `data.record` holding the same insight fields;
// - failed: `data.success === false` with the account's identifiers only.
// Money is kobo, mostly as strings, with fractional kobo in averages ("81111896.6", "321203110.536"),
// and "" / "null" for "no value". Ratios (DTI, edti) are exact decimal strings, not money.
const kobo = (description: string) => amountField('NGN', 'minor', description);

export const creditchekLinkedAccountSchema = z.looseObject({
  _id: z.string().optional(),
  accountNumber: z.string().optional(),
  appId: z.string().optional(),
  borrowerId: z.string().optional(),
  businessId: z.string().optional(),
  currency: z.string().optional(),
  name: z.string().optional(),
  source: z.string().optional(),
  type: z.string().optional(),
  updatedAt: z.string().optional(),
  balance: kobo('Account balance, kobo'),
  lastTransactionDate: z.string().optional(),
});

export const creditchekEdtiSchema = z.looseObject({
  businessId: z.string().optional(),
  borrowerId: z.string().optional(),
  average_monthly_income: kobo('kobo'),
  average_monthly_balance: kobo('kobo'),
  average_monthly_recurring_debt_expenses: kobo('kobo'),
  annual_edti: decimalField('Effective debt-to-income ratio over the year, percent'),
  average_monthly_edti: decimalField('percent'),
  number_of_active_months: decimalField(),
  recurrent_debt_sum: kobo('kobo'),
  averageMonthlyIncome: kobo('kobo'),
  totalMoneyReceive: kobo('kobo'),
  totalMoneySpent: kobo('kobo'),
  eligibleAmount: kobo('kobo'),
  totalBorrowed: kobo('kobo'),
  totalOutstanding: kobo('kobo'),
  totalOverdue: kobo('kobo'),
});

export const creditchekInsightSchema = z
  .looseObject({
    linkedFinancialAccounts: z.array(creditchekLinkedAccountSchema).optional(),
    avgMonthlyIncome: kobo('Average monthly income, kobo'),
    totalmoneyReceive: kobo('Total money received, kobo'),
    totalmoneySpents: kobo('Total money spent, kobo'),
    eligibleAmount: kobo('Eligible loan amount, kobo'),
    DTI: decimalField('Debt-to-income ratio'),
    DTI_reason: z.string().optional(),
    incomeb4Tax: kobo('Income before tax, kobo'),
    recurringDebt: kobo('Recurring debt, kobo'),
    bonusIncome: kobo('Bonus income, kobo'),
    _id: z.string().optional().meta({ description: 'Insight id' }),
    borrowerId: z.string().min(1),
    appId: z.string().optional(),
    edti: creditchekEdtiSchema.optional(),
    success: z.literal(true).optional(),
  })
  .meta({ title: 'CreditChekIncomeInsight' });

export const creditchekInsightRecordFormSchema = z
  .looseObject({
    id: z.string().min(1).meta({ description: 'Insight id' }),
    record: creditchekInsightSchema,
  })
  .meta({ title: 'CreditChekIncomeInsightRecordForm' });

export const creditchekInsightFailedSchema = z
  .looseObject({
    success: z.literal(false),
    accountNumber: z.string().optional(),
    accountName: z.string().optional(),
    bvn: z.string().optional(),
    appId: z.string().optional(),
    borrowerId: z.string().min(1),
    businessId: z.string().optional(),
    bankCode: z.string().optional(),
    bankName: z.string().optional(),
    pdfUrl: z.string().optional(),
  })
  .meta({ title: 'CreditChekIncomeInsightFailed' });

export type CreditChekInsight = z.output<typeof creditchekInsightSchema>;
export type CreditChekInsightRecordForm = z.output<typeof creditchekInsightRecordFormSchema>;
export type CreditChekInsightFailed = z.output<typeof creditchekInsightFailedSchema>;
export type CreditChekInsightForm = 'flat' | 'record' | 'failed';
