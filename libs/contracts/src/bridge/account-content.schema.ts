import { z } from 'zod';
import { amountField } from '../money/money';
import { bridgeItemIdSchema, bridgeUserUuidSchema } from './item-content.schema';

// Account events. `balance` is a JSON number in euros (e.g. 1678.12): parsed to exact cents from the
// decimal JSON.parse read, never multiplied in floating point. The webhook does not name a currency;
// Bridge's AIS accounts are EUR-denominated in its examples, so EUR is assumed.
export const bridgeAccountContentSchema = z
  .looseObject({
    account_id: z.number().int().nonnegative(),
    balance: amountField('EUR', 'major', 'Account balance in EUR (JSON number)'),
    item_id: bridgeItemIdSchema,
    user_uuid: bridgeUserUuidSchema,
  })
  .meta({ title: 'BridgeAccountContent' });

export const bridgeAccountUpdatedContentSchema = bridgeAccountContentSchema
  .extend({
    nb_new_transactions: z.number().int().nonnegative().optional(),
    nb_updated_transactions: z.number().int().nonnegative().optional(),
    nb_deleted_transactions: z.number().int().nonnegative().optional(),
  })
  .meta({ title: 'BridgeAccountUpdatedContent' });

export const bridgeAccountDeletedContentSchema = z
  .looseObject({
    account_id: z.number().int().nonnegative(),
    item_id: bridgeItemIdSchema,
    user_uuid: bridgeUserUuidSchema.optional(),
  })
  .meta({ title: 'BridgeAccountDeletedContent' });

export type BridgeAccountContent = z.output<typeof bridgeAccountContentSchema>;
export type BridgeAccountUpdatedContent = z.output<typeof bridgeAccountUpdatedContentSchema>;
