import { z } from 'zod';

// Value of lending.reports.v1 (key = applicationId): one artifact fetched from a provider and stored.
export const REPORT_KINDS = [
  'report_json',
  'analysis_pdf',
  'analysis_html',
  'summary_pdf',
  'summary_html',
  'bundle',
] as const;

export const reportSchema = z
  .object({
    provider: z.enum(['credfin', 'creditchek', 'bridge']),
    applicationId: z.string().min(1),
    accountRef: z
      .string()
      .regex(/^acct:[0-9a-f]{32}$/)
      .optional()
      .meta({ description: 'Set for per-account artifacts' }),
    analysisId: z.string().optional(),
    kind: z.enum(REPORT_KINDS),
    storage: z.object({
      uri: z
        .string()
        .min(1)
        .meta({ description: 'Where the artifact is stored, e.g. s3://bucket/key or file:///…' }),
      contentType: z.string().min(1),
    }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sizeBytes: z.number().int().nonnegative(),
    fetchedAt: z.iso.datetime({ offset: true }),
    sourceDedupKey: z
      .string()
      .optional()
      .meta({ description: 'ce_dedupkey of the raw event that triggered the fetch' }),
  })
  .meta({ title: 'lending.reports.v1', description: 'A report artifact fetched and stored.' });

export type Report = z.infer<typeof reportSchema>;
export type ReportKind = (typeof REPORT_KINDS)[number];
