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

export type CredfinApplicationPayload = z.output<typeof credfinApplicationPayloadSchema>;
export type CredfinCrawler = z.output<typeof credfinCrawlerSchema>;
