import { z } from 'zod';

// PIS (payment initiation) events. Ids are opaque strings. The transfer event names and fields are
// not in the seed and are not verified against Bridge's docs: their content is kept loose, and a
// differently named transfer event is still recorded as an unknown event.
const id = (description: string) => z.string().min(1).meta({ description });

export const bridgePaymentTransactionContentSchema = z
  .looseObject({
    payment_transaction_id: id('Payment transaction id'),
    payment_request_id: id('Payment request id (groups the transactions of one request)'),
    payment_link_id: z.string().nullable().optional(),
    client_reference: z.string().nullable().optional(),
    end_to_end_id: z.string().nullable().optional(),
  })
  .meta({ title: 'BridgePaymentTransactionContent' });

export const bridgePaymentTransactionUpdatedContentSchema = bridgePaymentTransactionContentSchema
  .extend({
    status: z.string().min(1).meta({ description: 'ISO 20022 status, e.g. ACSC (open set)' }),
    status_reason: z.string().nullable().optional(),
  })
  .meta({ title: 'BridgePaymentTransactionUpdatedContent' });

export const bridgePaymentLinkContentSchema = z
  .looseObject({
    payment_link_id: id('Payment link id'),
    status: z.string().optional(),
  })
  .meta({ title: 'BridgePaymentLinkContent' });

export const bridgeTransferContentSchema = z
  .looseObject({
    transfer_id: z.union([z.string(), z.number()]).optional(),
    transfer_account_id: z.union([z.string(), z.number()]).optional(),
    status: z.string().optional(),
  })
  .meta({ title: 'BridgeTransferContent' });
