import { z } from 'zod';

// Value of lending.reports.v1 (key = applicationId): one artifact fetched from a provider and stored.
// No statement contents and no personal data: the artifact itself is served by the read API (`link`).
export const REPORT_KINDS = [
  'application_report',
  'analysis_report',
  'analysis_pdf',
  'analysis_html',
  'summary_pdf',
  'summary_html',
  'bundle',
] as const;

export const reportSchema = z
  .object({
    provider: z.enum(['credfin']),
    artifactId: z.string().min(1).meta({ description: 'The stored artifact, as the read API names it' }),
    applicationId: z.string().min(1),
    vendorSpecificId: z.string().optional(),
    analysisId: z.string().optional().meta({ description: 'Set for per-account artifacts' }),
    accountRef: z
      .string()
      .regex(/^acct:[0-9a-f]{32,64}$/)
      .optional()
      .meta({ description: 'Set for per-account artifacts: the account reference, never the number' }),
    accountLast4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    kind: z.enum(REPORT_KINDS),
    contentType: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sizeBytes: z.number().int().nonnegative(),
    fetchedAt: z.iso.datetime({ offset: true }),
    link: z
      .string()
      .min(1)
      .meta({ description: 'Read API path of the content, e.g. /artifacts/<artifactId>' }),
    sourceCeId: z.string().min(1).meta({ description: 'ce_id of the raw event that led to the fetch' }),
  })
  .meta({ title: 'lending.reports.v1', description: 'A report artifact fetched and stored.' });

export type Report = z.infer<typeof reportSchema>;
export type ReportKind = (typeof REPORT_KINDS)[number];
