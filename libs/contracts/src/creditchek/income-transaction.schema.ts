import { z } from 'zod';
import { amountField } from '../money/money';

// income_transaction: the parsed transactions of a statement. Amounts and balances are kobo (integers,
// sometimes as strings). `type` decides the sign of a transaction, so it is strict.
const kobo = (description: string) => amountField('NGN', 'minor', description);

export const creditchekTransactionSchema = z.looseObject({
  type: z.enum(['debit', 'credit']),
  narration: z.string().optional(),
  amount: kobo('Transaction amount in kobo (always positive; see type)'),
  date: z.string().optional(),
  balance: kobo('Balance after the transaction, kobo'),
  bankCode: z.string().optional(),
});

export const creditchekIncomeTransactionDataSchema = z
  .looseObject({
    accountNumber: z.string().optional(),
    accountName: z.string().optional(),
    bvn: z.string().optional(),
    appId: z.string().optional(),
    borrowerId: z.string().min(1),
    businessId: z.string().optional(),
    balance: kobo('Closing balance, kobo'),
    bankCode: z.string().optional(),
    bankName: z.string().optional(),
    createdAt: z.number().int().optional().meta({ description: 'Unix milliseconds' }),
    pdfUrl: z.string().optional(),
    lastTransactionDate: z.string().optional(),
    trans: z.array(creditchekTransactionSchema),
    success: z.boolean().optional(),
  })
  .meta({ title: 'CreditChekIncomeTransactionData' });

export type CreditChekIncomeTransactionData = z.output<typeof creditchekIncomeTransactionDataSchema>;
