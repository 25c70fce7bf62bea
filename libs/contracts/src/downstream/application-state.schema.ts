import { z } from 'zod';
import { moneyJsonSchema } from '../money/money';

// Value of lending.applications.v1 (compacted, key = applicationId): the latest state of one lending
// application as projected from the raw provider events. Draft: lifecycle-projector refines it.
// No personal data: accounts appear as a hashed reference plus the last 4 digits.

export const APPLICATION_STATUSES = [
  'started',
  'crawling',
  'released',
  'accounts_known',
  'balances_known',
  'analysed',
  'report_ready',
  'bundle_ready',
  'failed',
  'timed_out',
] as const;

export const applicationAccountSchema = z.object({
  accountRef: z
    .string()
    .regex(/^acct:[0-9a-f]{32}$/)
    .meta({
      description:
        'acct:<first 32 hex of HMAC-SHA256(ACCOUNT_REF_KEY, "<bsb>:<number>")>, the same as raw account-owner keys',
    }),
  last4: z.string().regex(/^\d{1,4}$/),
  balance: moneyJsonSchema.optional(),
  available: moneyJsonSchema.optional(),
  ownerInfo: z.enum(['pending', 'received', 'failed']).optional(),
  analysed: z.boolean().optional(),
  artifacts: z
    .object({
      reportJson: z.boolean(),
      analysisPdf: z.boolean(),
      analysisHtml: z.boolean(),
    })
    .optional()
    .meta({
      description:
        "This account's analysis artifacts: ready once its own analysis event (joined through the stored account report) says so, or the application's report_ready (report JSON) / bundle_ready (all three) proves every account's. Added in a backward-compatible way: absent in records written before it.",
    }),
});

export const applicationStateSchema = z
  .object({
    provider: z.enum(['credfin', 'creditchek', 'bridge']),
    applicationId: z.string().min(1),
    vendorSpecificId: z.string().optional(),
    status: z.enum(APPLICATION_STATUSES),
    crawlerStatus: z.string().optional().meta({ description: "Provider's last crawler status (open set)" }),
    accounts: z.array(applicationAccountSchema),
    artifacts: z.object({
      reportJson: z.boolean().meta({
        description:
          'Every known account has its report JSON (accounts[].artifacts), or the application report proves it',
      }),
      analysisPdf: z.boolean().meta({ description: 'Every known account has its analysis PDF' }),
      analysisHtml: z.boolean().meta({ description: 'Every known account has its analysis HTML' }),
      summaryPdf: z.boolean(),
      summaryHtml: z.boolean(),
      bundle: z.boolean(),
    }),
    failureReason: z.string().optional(),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.number().int().positive().meta({ description: 'Incremented on every change' }),
  })
  .meta({ title: 'lending.applications.v1', description: 'Latest state of one lending application.' });

export type ApplicationState = z.infer<typeof applicationStateSchema>;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
