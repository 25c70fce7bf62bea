import { z } from 'zod';
import { accountNumberSchema, bsbSchema } from './account-list.schema';

// The account-owner message (seed 000 "Example Account Owner Payloads"): one per account, with no
// application id. It is joined to its application by BSB + account number (see README). It may arrive
// bare (as in the seed) or as the payload of an `account.account_owner` event; both are accepted.

export const credfinAccountOwnerInfoSchema = z.looseObject({
  bsb: bsbSchema,
  number: accountNumberSchema,
  address: z.array(z.looseObject({})).optional().meta({ description: 'PII' }),
  owners: z.array(z.string()).optional().meta({ description: 'PII' }),
  email: z.array(z.string()).optional().meta({ description: 'PII' }),
  phone: z.array(z.string()).optional().meta({ description: 'PII' }),
});

export const credfinAccountOwnerMessageSchema = z
  .looseObject({
    status: z.enum(['success', 'failed']),
    fileLocation: z.string().nullable().optional(),
    messageType: z.literal('account_owner_info'),
    errorMessage: z.string().nullable().optional(),
    accountOwnerInfo: credfinAccountOwnerInfoSchema,
  })
  .meta({ title: 'CredfinAccountOwnerMessage' });

export type CredfinAccountOwnerMessage = z.output<typeof credfinAccountOwnerMessageSchema>;
