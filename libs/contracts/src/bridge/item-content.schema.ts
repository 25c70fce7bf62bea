import { z } from 'zod';

// AIS (banking synchronisation) events about a user and its items (bank connections).
export const bridgeItemIdSchema = z.number().int().nonnegative().meta({ description: 'Bridge item id' });
export const bridgeUserUuidSchema = z.guid().meta({ description: 'Bridge user uuid (pseudonymous)' });

export const bridgeTestEventContentSchema = z
  .looseObject({ item_id: bridgeItemIdSchema, status: z.number().int(), user_uuid: bridgeUserUuidSchema })
  .meta({ title: 'BridgeTestEventContent' });

export const bridgeUserContentSchema = z
  .looseObject({ user_uuid: bridgeUserUuidSchema })
  .meta({ title: 'BridgeUserContent' });

export const bridgeItemContentSchema = z
  .looseObject({ item_id: bridgeItemIdSchema, user_uuid: bridgeUserUuidSchema })
  .meta({ title: 'BridgeItemContent' });

export const bridgeItemRefreshedContentSchema = z
  .looseObject({
    item_id: bridgeItemIdSchema,
    user_uuid: bridgeUserUuidSchema,
    account_types: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .meta({ description: 'A string in most examples, an array in others: both accepted' }),
    full_refresh: z.boolean().optional(),
    refresh_trigger: z.string().optional().meta({ description: 'connect | api | scheduler (open set)' }),
    status_code: z.number().int().optional(),
    status_code_info: z.string().nullable().optional(),
    authentication_expires_at: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'Newer API versions only' }),
  })
  .meta({ title: 'BridgeItemRefreshedContent' });

export type BridgeItemContent = z.output<typeof bridgeItemContentSchema>;
export type BridgeItemRefreshedContent = z.output<typeof bridgeItemRefreshedContentSchema>;
