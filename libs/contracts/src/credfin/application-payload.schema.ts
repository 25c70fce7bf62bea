import { z } from 'zod';
import { crawlerStatusSchema } from './crawler-status';

// The payload shared by Credfin's application-level events (seed 000 examples for
// application.bundle_ready, application.report_ready and summary.report_ready are identical in shape).
// Only the ids are strict; everything else is optional and extra fields survive (providers add fields).

export const credfinCrawlerSchema = z.looseObject({
  uuid: z.string().min(1),
  application: z.number().int().optional(),
  bank_id: z.number().int().optional(),
  timestamp: z.string().optional(),
  status: crawlerStatusSchema,
});

export const credfinApplicationPayloadSchema = z
  .looseObject({
    id: z.number().int().nonnegative().meta({ description: 'Credfin application id' }),
    vendor_specific_id: z.string().nullable().optional().meta({
      description: "The lender's own reference for the application (the partition key when present)",
    }),
    timestamp: z.string().optional(),
    crawler: z.array(credfinCrawlerSchema).optional(),
    full_name: z.string().optional().meta({ description: 'PII' }),
    email: z.string().optional().meta({ description: 'PII' }),
    mobile: z.string().optional().meta({ description: 'PII' }),
    finalised: z.boolean().optional(),
    analysed: z.boolean().optional(),
  })
  .meta({ title: 'CredfinApplicationPayload' });

// crawler.seed_created / crawler.lifecycle_updated may also arrive shaped as one crawler rather than as
// its application ({ uuid, application, bank_id, timestamp, status }): the crawler's own fields, with
// the application id in `application`. Accepted as is; `applicationOf` reads both forms alike.
export const credfinCrawlerPayloadSchema = credfinCrawlerSchema
  .extend({
    application: z.number().int().nonnegative().meta({ description: 'Credfin application id' }),
    vendor_specific_id: z.string().nullable().optional(),
  })
  .meta({ title: 'CredfinCrawlerPayload' });

export const credfinCrawlerEventPayloadSchema = z
  .union([credfinApplicationPayloadSchema, credfinCrawlerPayloadSchema])
  .meta({ title: 'CredfinCrawlerEventPayload' });

export type CredfinApplicationPayload = z.output<typeof credfinApplicationPayloadSchema>;
export type CredfinCrawler = z.output<typeof credfinCrawlerSchema>;
export type CredfinCrawlerPayload = z.output<typeof credfinCrawlerPayloadSchema>;

/**
 * The application form of either payload: a crawler-shaped one becomes its application with that one
 * crawler (no application timestamp: the crawler's is the crawler's). Other fields stay as sent.
 */
export function applicationOf(
  payload: CredfinApplicationPayload | CredfinCrawlerPayload,
): CredfinApplicationPayload {
  if ('id' in payload && typeof payload.id === 'number') return payload as CredfinApplicationPayload;
  const crawler = payload as CredfinCrawlerPayload;
  return {
    id: crawler.application,
    vendor_specific_id: crawler.vendor_specific_id,
    crawler: [crawler],
  };
}
