import { z } from 'zod';
import { amountField } from '../money/money';

// account.numbers_ready / account.balances_ready. Seed 000 shows only the account list
// ([{ bsb, number, available, balance }]); whether Credfin sends that list as `payload` itself or inside
// an application payload is not documented, so both are accepted: a bare list, or an object with the
// application id and an `accounts` list. Balances are dollar strings ("3.98", possibly negative).

export const bsbSchema = z
  .string()
  .regex(/^\d{3}[ -]?\d{3}$/, { error: 'expected a 6-digit BSB' })
  .meta({
    description:
      'Bank-State-Branch number (PII together with the account number), written 062692, 062-692 or 062 692: normalised to its 6 digits (accountDigits) before any acct: reference',
  });

export const accountNumberSchema = z
  .string()
  .regex(/^\d[\d -]{0,19}$/, { error: 'expected an account number of digits' })
  .meta({ description: 'Account number (PII); leading zeros are significant' });

export const credfinAccountSchema = z.looseObject({
  bsb: bsbSchema,
  number: accountNumberSchema,
  available: amountField('AUD', 'major', 'Available balance in AUD (dollar string)'),
  balance: amountField('AUD', 'major', 'Current balance in AUD (dollar string)'),
});

export const credfinAccountListPayloadSchema = z
  .union([
    z.array(credfinAccountSchema),
    z.looseObject({
      id: z.number().int().nonnegative(),
      vendor_specific_id: z.string().nullable().optional(),
      accounts: z.array(credfinAccountSchema),
    }),
  ])
  .meta({ title: 'CredfinAccountListPayload' });

export type CredfinAccount = z.output<typeof credfinAccountSchema>;
export type CredfinAccountListPayload = z.output<typeof credfinAccountListPayloadSchema>;
