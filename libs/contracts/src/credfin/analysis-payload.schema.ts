import { z } from 'zod';

// Per-account analysis events (analysis.report_ready, analysis.pdf_ready, analysis.html_ready).
// Seed 000's analysis.report_ready example carries { id: 22749, time, vendor_specific_id: "200120c" }
// while the same application's id is 961194: here `id` is the id of one account's analysis, NOT the
// application id. The application is only identified by vendor_specific_id.
export const credfinAnalysisPayloadSchema = z
  .looseObject({
    id: z.number().int().nonnegative().meta({ description: 'Account analysis id (not the application id)' }),
    time: z.string().optional(),
    vendor_specific_id: z.string().nullable().optional(),
  })
  .meta({ title: 'CredfinAnalysisPayload' });

export type CredfinAnalysisPayload = z.output<typeof credfinAnalysisPayloadSchema>;
